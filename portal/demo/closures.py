"""The demo houses' closures, relative to "today": each house has a few (the August break, a
strike day, a burst pipe one afternoon), so a new user sees cancelled dates with their reason.
The public holidays come with every house (`NeighbourhoodHouse.closed_on_holidays`). Their
reasons are translated through the translation memory (translated_texts.CLOSURES).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from districts.models import HouseClosure


@dataclass(frozen=True)
class DemoClosure:
    """`in_days` from today for `days` days; or, with `month_day`, every year from that day of
    the month (the next one to come) for `days` days; `hours` (from, until) for part of a day."""

    reason: str
    in_days: int = 0
    days: int = 1
    month_day: tuple[int, int] | None = None
    hours: tuple[datetime.time, datetime.time] | None = None


AUGUST = "Chiusura estiva: ci rivediamo dopo Ferragosto"
STRIKE = "Chiusura per sciopero generale dei servizi"
PIPE = "Chiusura per un guasto all’impianto idraulico"
DISINFESTATION = "Chiusura per la disinfestazione dei locali"

CLOSURES = {
    "san-salvario": [
        DemoClosure(AUGUST, month_day=(8, 8), days=15),
        DemoClosure(STRIKE, in_days=10),
    ],
    "barriera-di-milano": [
        DemoClosure(AUGUST, month_day=(8, 4), days=21),
        DemoClosure(PIPE, in_days=3, hours=(datetime.time(14, 0), datetime.time(19, 0))),
    ],
    "mirafiori-sud": [
        DemoClosure(AUGUST, month_day=(8, 11), days=14),
        DemoClosure(DISINFESTATION, in_days=12, days=2),
    ],
}


def first_day(spec: DemoClosure, today: datetime.date) -> datetime.date:
    if spec.month_day is None:
        return today + datetime.timedelta(days=spec.in_days)
    month, day = spec.month_day
    this_year = datetime.date(today.year, month, day)
    last = this_year + datetime.timedelta(days=spec.days - 1)
    return this_year if last >= today else datetime.date(today.year + 1, month, day)


def ensure_closures(houses, today, created, log=lambda message: None):
    """Give each house (by its content key) its closures, once: a house that has some keeps them."""
    for key, house in houses.items():
        if house.closures.exists():
            continue
        closures = []
        for position, spec in enumerate(CLOSURES.get(key, [])):
            start = first_day(spec, today)
            closures.append(
                HouseClosure(
                    locale=house.locale,
                    starts_on=start,
                    ends_on=start + datetime.timedelta(days=spec.days - 1) if spec.days > 1 else None,
                    from_time=spec.hours[0] if spec.hours else None,
                    until_time=spec.hours[1] if spec.hours else None,
                    reason=spec.reason,
                    sort_order=position,
                )
            )
        if not closures:
            continue
        house.closures = closures
        house.save()
        created["houseclosure"] += len(closures)
        log(f"  closures of “{house.name}”: {len(closures)}")
