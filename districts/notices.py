"""Which notices show where, now, in the reader's language, and until when.

The live notices that have not ended are read once per content version (`cached_by_version`:
one query, two when initiatives are named), with what their scope means in the page tree: the
district's and house's translation keys, the tree paths of every language's copy of the
initiative. Whether a notice is shown is decided at each request by the clock, and every answer
that shows notices, or could show one that has not started yet, calls `valid_until` with the
nearest start or end among them: a cached page, fragment or API answer is kept only until then,
so an expired notice disappears and a future one appears without anyone publishing.

Where they show (the README's "Editors" says it for editors):

- urgent: a banner at the top of the home page (every urgent notice) and of every page of the
  district it concerns (the district's own, its house's, and its initiatives' on their pages);
  the portal's urgent notices on every page;
- important and information: the district page (the district's), the house's card (the
  house's), the initiative's page and its events (the initiative's), the home page (all).

Facts (level, window, scope) are the source notice's; the words are the reader's language's
published translation, else the source's (portal/core/directory.py's rule).
"""

import uuid
from dataclasses import dataclass, field

from django.utils import timezone

from initiatives.models import InitiativePage
from portal.core.directory import Translated, get_directory
from portal.core.i18n import content_language
from portal.core.page_cache import cached_by_version, valid_until
from portal.core.visibility import without_restricted

from .models import Notice

LEVEL_ORDER = {Notice.Level.URGENT: 0, Notice.Level.IMPORTANT: 1, Notice.Level.INFORMATION: 2}
HOME_LIMIT = 6


@dataclass
class Entry:
    """One notice as every language reads it: the source's facts, every live translation's words."""

    key: str
    source_id: int
    level: str
    scope: str
    starts: object
    ends: object
    updated: object = None
    district_key: str | None = None
    house_key: str | None = None
    initiative_key: str | None = None
    # The tree paths of every public language copy of the initiative (its events are below).
    initiative_paths: tuple = ()
    # locale id -> (row id, title, text)
    words: dict = field(default_factory=dict)
    source_locale_id: int | None = None

    @property
    def rank(self):
        return (LEVEL_ORDER[self.level], -self.starts.timestamp(), self.source_id)

    def is_active(self, now):
        return self.starts <= now < self.ends


def load_entries():
    """The live notices that have not ended, with their scope resolved (see the docstring)."""
    now = timezone.now()
    current = Notice.objects.filter(live=True, ends__gt=now).values("translation_key")
    rows = list(
        Notice.objects.filter(live=True, translation_key__in=current).select_related(
            "district", "house", "initiative"
        )
    )
    if not rows:
        return []
    directory = get_directory()
    grouped = Translated(rows, directory.default_locale_id)
    entries = []
    initiative_keys = set()
    public_districts = {district.translation_key for district in directory.districts}
    for key in grouped.groups:
        source = grouped.source(key)
        if source.ends <= now:
            continue
        entry = Entry(
            key=str(key),
            source_id=source.pk,
            level=source.level,
            scope=source.scope,
            starts=source.starts,
            ends=source.ends,
            source_locale_id=source.locale_id,
            words={row.locale_id: (row.pk, row.title, row.text) for row in grouped.groups[key].values()},
        )
        if source.scope == Notice.Scope.DISTRICT:
            if source.district is None or source.district.translation_key not in public_districts:
                continue
            entry.district_key = str(source.district.translation_key)
        elif source.scope == Notice.Scope.HOUSE:
            if source.house is None:
                continue
            entry.house_key = str(source.house.translation_key)
        elif source.scope == Notice.Scope.INITIATIVE:
            if source.initiative is None:
                continue
            entry.initiative_key = str(source.initiative.translation_key)
            initiative_keys.add(source.initiative.translation_key)
        entries.append(entry)
    if initiative_keys:
        # Only where the public may see the initiative (a private one keeps its notices to itself).
        paths = {}
        for key, path in without_restricted(
            InitiativePage.objects.live().filter(translation_key__in=initiative_keys)
        ).values_list("translation_key", "path"):
            paths.setdefault(str(key), []).append(path)
        entries = [
            entry for entry in entries if entry.initiative_key is None or entry.initiative_key in paths
        ]
        for entry in entries:
            if entry.initiative_key:
                entry.initiative_paths = tuple(paths[entry.initiative_key])
    return sorted(entries, key=lambda entry: entry.rank)


def all_entries(request=None):
    return cached_by_version(request, "districts:notices", load_entries)


# --- Choosing ----------------------------------------------------------------------------------


def showing(entries, now=None):
    """The entries shown now, in order; the answer is kept only until the nearest start or end
    among `entries` (those that could show where the caller asked)."""
    now = now or timezone.now()
    shown = []
    for entry in entries:
        if entry.ends <= now:
            continue
        if entry.is_active(now):
            shown.append(entry)
            valid_until(entry.ends)
        else:
            valid_until(entry.starts)
    return shown


def upcoming(entries, now=None):
    """The entries that have not started yet (the same validity rule as `showing`)."""
    now = now or timezone.now()
    coming = []
    for entry in entries:
        if entry.ends <= now:
            continue
        valid_until(entry.ends if entry.is_active(now) else entry.starts)
        if entry.starts > now:
            coming.append(entry)
    return coming


def district_of(page, directory):
    """The live district page `page` is (or is below), in its language, or None."""
    district = directory.districts.by_id.get(page.pk)
    return district if district is not None else directory.districts.above(page)


def house_key_of(district, directory):
    house = directory.houses.by_id.get(district.house_id) if district is not None else None
    return str(house.translation_key) if house is not None else None


def concerns_district(entry, district_key, house_key):
    """Whether `entry` belongs to the district (its own, its house's)."""
    if entry.scope == Notice.Scope.DISTRICT:
        return entry.district_key == district_key
    if entry.scope == Notice.Scope.HOUSE:
        return house_key is not None and entry.house_key == house_key
    return False


def under_initiative(entry, path):
    return any(path.startswith(initiative_path) for initiative_path in entry.initiative_paths)


def is_home(page):
    """A locale's home page: the top of its tree (the page tree's root is depth 1)."""
    return page.depth == 2


def for_page(request, page):
    """(banner, others): the urgent notices at the top of `page`, and the others shown there."""
    directory = get_directory(request)
    entries = all_entries(request)
    if not entries:
        return [], []
    district = district_of(page, directory)
    district_key = str(district.translation_key) if district is not None else None
    house_key = house_key_of(district, directory)
    on_district_page = district is not None and district.pk == page.pk
    banner, others = [], []
    for entry in entries:
        urgent = entry.level == Notice.Level.URGENT
        if entry.scope == Notice.Scope.PORTAL:
            if urgent:
                banner.append(entry)
            elif is_home(page):
                others.append(entry)
        elif is_home(page):
            (banner if urgent else others).append(entry)
        elif entry.scope == Notice.Scope.INITIATIVE:
            if under_initiative(entry, page.path):
                (banner if urgent else others).append(entry)
        elif district_key is not None and concerns_district(entry, district_key, house_key):
            if urgent:
                banner.append(entry)
            elif on_district_page and entry.scope == Notice.Scope.DISTRICT:
                others.append(entry)
    locale_id = page.locale_id
    others = showing(others)
    if is_home(page):
        others = others[:HOME_LIMIT]
    return localized(showing(banner), locale_id, directory), localized(others, locale_id, directory)


def for_house(request, house):
    """The important and information notices on `house`'s card, in the house's language."""
    directory = get_directory(request)
    key = str(house.translation_key)
    chosen = [
        entry
        for entry in all_entries(request)
        if entry.scope == Notice.Scope.HOUSE and entry.house_key == key and entry.level != Notice.Level.URGENT
    ]
    return localized(showing(chosen), house.locale_id, directory)


# --- Reading ---------------------------------------------------------------------------------


@dataclass
class Shown:
    """A notice as one reader reads it."""

    entry: Entry
    id: int
    title: str
    text: str
    locale_id: int  # the locale of title and text (the source's when not translated)
    language: str
    translated: bool
    where: str = ""  # the district or house it concerns, in the reader's language

    @property
    def level(self):
        return self.entry.level

    def get_level_display(self):
        return Notice.Level(self.entry.level).label

    @property
    def starts(self):
        return self.entry.starts

    @property
    def ends(self):
        return self.entry.ends


def read_in(entry, locale_id, directory):
    words = entry.words.get(locale_id)
    translated = words is not None
    if words is None:
        locale_id = entry.source_locale_id
        words = entry.words[locale_id]
    locale = directory.locales.get(locale_id)
    language = content_language(locale.language_code) if locale is not None else ""
    return Shown(entry, words[0], words[1], words[2], locale_id, language, translated)


def localized(entries, locale_id, directory):
    shown = [read_in(entry, locale_id, directory) for entry in entries]
    for item in shown:
        item.where = where(item.entry, locale_id, directory)
    return shown


def where(entry, locale_id, directory):
    """The name of the house, else of the district, the notice concerns; "" for the portal."""
    if entry.house_key:
        house = directory.houses.for_key(uuid.UUID(entry.house_key), locale_id)
        return house.name if house is not None else ""
    district = None
    if entry.district_key:
        district = directory.districts.source(uuid.UUID(entry.district_key))
    elif entry.initiative_paths:
        district = next(
            (
                page
                for page in directory.districts
                if any(path.startswith(page.path) for path in entry.initiative_paths)
            ),
            None,
        )
    if district is None:
        return ""
    district = directory.districts.for_key(district.translation_key, locale_id)
    return district.title if district is not None else ""


def district_keys_with_house(directory):
    """{district translation key: its house's translation key}."""
    return {
        str(district.translation_key): house_key_of(district, directory) for district in directory.districts
    }


def in_district(entry, district_key, house_key, directory):
    """Whether `entry` concerns the district: its own, its house's, its initiatives' notices."""
    if concerns_district(entry, district_key, house_key):
        return True
    if entry.scope == Notice.Scope.INITIATIVE:
        for district in directory.districts:
            if str(district.translation_key) == district_key and any(
                path.startswith(district.path) for path in entry.initiative_paths
            ):
                return True
    return False
