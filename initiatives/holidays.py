"""Italian public holidays and Turin's patron saint (24 June, San Giovanni), computed for any
year (Easter Sunday and Monday included), with names in the reader's language.

A house is closed on the holidays it chooses (districts: `NeighbourhoodHouse.closed_on_holidays`,
all of them unless its editor unticks some); the occurrence engine treats each as a closure of
a day whose reason is the holiday's name (initiatives/closures.py). Each holiday has one stable
key, the same every year and at every house, which the occurrence rows carry as their
`change_key`, so that a page in any language can name the holiday of a cancelled date.
"""

import datetime
import uuid
from dataclasses import dataclass

from dateutil.easter import easter
from django.utils.translation import gettext_lazy as _

HOLIDAY_NAMESPACE = uuid.UUID("5d6c1d0e-7a51-4c4b-9d0c-2f0d3a1e1717")


@dataclass(frozen=True)
class Holiday:
    slug: str
    name: str  # lazy: in the active language when read
    month: int | None = None  # a fixed day, or None for one that follows Easter
    day: int | None = None
    after_easter: int = 0  # days after Easter Sunday, for the movable ones

    @property
    def key(self) -> uuid.UUID:
        """The holiday's `change_key` in the occurrence table."""
        return uuid.uuid5(HOLIDAY_NAMESPACE, self.slug)

    def date_in(self, year: int) -> datetime.date:
        if self.month is None:
            return easter(year) + datetime.timedelta(days=self.after_easter)
        return datetime.date(year, self.month, self.day)


HOLIDAYS = (
    Holiday("capodanno", _("New Year's Day"), 1, 1),
    Holiday("epifania", _("Epiphany"), 1, 6),
    Holiday("pasqua", _("Easter Sunday")),
    Holiday("pasquetta", _("Easter Monday"), after_easter=1),
    Holiday("liberazione", _("Liberation Day"), 4, 25),
    Holiday("lavoro", _("Labour Day"), 5, 1),
    Holiday("repubblica", _("Republic Day"), 6, 2),
    Holiday("san-giovanni", _("Saint John the Baptist, patron saint of Turin"), 6, 24),
    Holiday("ferragosto", _("Assumption of Mary (Ferragosto)"), 8, 15),
    Holiday("ognissanti", _("All Saints' Day"), 11, 1),
    Holiday("immacolata", _("Immaculate Conception"), 12, 8),
    Holiday("natale", _("Christmas Day"), 12, 25),
    Holiday("santo-stefano", _("Saint Stephen's Day"), 12, 26),
)
BY_SLUG = {holiday.slug: holiday for holiday in HOLIDAYS}
BY_KEY = {holiday.key: holiday for holiday in HOLIDAYS}
ALL_SLUGS = [holiday.slug for holiday in HOLIDAYS]


def holiday_choices():
    """(slug, name) of every holiday, in the order of the year, for the house's editor."""
    return [(holiday.slug, holiday.name) for holiday in HOLIDAYS]


def holidays_between(first: datetime.date, last: datetime.date, slugs=None):
    """[(day, Holiday)] from `first` to `last` (both included), in order; only `slugs` if given."""
    chosen = HOLIDAYS if slugs is None else [BY_SLUG[slug] for slug in slugs if slug in BY_SLUG]
    found = []
    for year in range(first.year, last.year + 1):
        for holiday in chosen:
            day = holiday.date_in(year)
            if first <= day <= last:
                found.append((day, holiday))
    return sorted(found, key=lambda pair: pair[0])


def italian_holidays(year: int) -> set[datetime.date]:
    """Every holiday's day in `year`: the national public holidays and San Giovanni."""
    return {holiday.date_in(year) for holiday in HOLIDAYS}
