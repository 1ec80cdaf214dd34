"""The houses' closures given to the occurrence engine, and the dates rebuilt when they change.

initiatives, the floor below, cancels the dates that fall in a closure of the place they are
held at (initiatives/closures.py) but may not read the houses: this module is the provider the
districts app registers there from its `AppConfig.ready()`. It also rebuilds the occurrence
rows of the pages held at a house once the house and its closures are saved
(`NeighbourhoodHouse.save` sends `house_saved`), which empties the caches of those pages when
the new rows are committed (initiatives/occurrence_table.py).
"""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from wagtail.models import Locale

from initiatives.closures import ClosuresProvider
from initiatives.holidays import HOLIDAYS
from initiatives.models import EventPage, InitiativePage
from initiatives.occurrence_table import announce_after_commit, rebuild_for_key
from portal.core.directory import get_directory
from portal.core.sync import record_occurrence_sources

from .models import DistrictPage, NeighbourhoodHouse
from .models.closures import house_closures


def house_of(page):
    """The id of the house `page` is held at: its own, else its district's when it names no
    other place (`ActivityPage.get_venue`); None when it is held elsewhere."""
    if page.venue_name:
        return None
    if page.house_id:
        return page.house_id
    district = page.district
    return district.house_id if district is not None else None


class HouseClosures(ClosuresProvider):
    def closures_for(self, page, window_start, window_end):
        house_id = house_of(page)
        if house_id is None:
            return []
        house = NeighbourhoodHouse.objects.prefetch_related("closures").filter(pk=house_id).first()
        if house is None:
            return []
        first = window_start.date() - datetime.timedelta(days=1)
        with translation.override(settings.LANGUAGE_CODE):
            return house_closures(house, first, window_end.date())

    def reasons(self, locale_id):
        """Every closure's reason in the locale (else in its source's), and every holiday's name
        in the locale's language: from the cached directory, without a query."""
        directory = get_directory()
        by_key = {}
        for house in directory.houses:
            for closure in house.closures.all():
                by_key.setdefault(closure.translation_key, {})[house.locale_id] = closure.reason
        reasons = {}
        for key, texts in by_key.items():
            reasons[key] = (
                texts.get(locale_id) or texts.get(directory.default_locale_id) or next(iter(texts.values()))
            )
        locale = directory.locales.get(locale_id)
        with translation.override(locale.language_code if locale else settings.LANGUAGE_CODE):
            reasons.update({holiday.key: str(holiday.name) for holiday in HOLIDAYS})
        return reasons


def pages_held_at(house):
    """The live initiatives and events (every locale) held at `house` or a translation of it."""
    houses = NeighbourhoodHouse.objects.filter(translation_key=house.translation_key).values("pk")
    district_paths = DistrictPage.objects.filter(house__in=houses).values_list("path", flat=True)
    near = Q()
    for path in district_paths:
        near |= Q(path__startswith=path)
    pages = []
    for model in (InitiativePage, EventPage):
        held = Q(house__in=houses)
        if district_paths:
            held |= near & Q(house__isnull=True, venue_name="")
        pages.extend(model.objects.live().filter(held).only("translation_key"))
    return pages


def is_translation(house):
    """Whether `house` translates a house of the default locale, whose closures give the dates
    (the rows are written for the source pages, which name the source house)."""
    default = Locale.get_default()
    return (
        house.locale_id != default.pk
        and NeighbourhoodHouse.objects.filter(translation_key=house.translation_key, locale=default).exists()
    )


def rebuild_dates_at(sender, house, **kwargs):
    """Rebuild the dates of every page held at `house` (`house_saved`); a translation's words
    change no date (the caches are emptied by the save itself, portal/core/signals.py)."""
    if is_translation(house):
        return
    keys = {page.translation_key for page in pages_held_at(house)}
    for key in keys:
        rebuild_for_key(key, announce=False)
    if keys:
        announce_after_commit(keys)
        record_occurrence_sources(list(keys))
