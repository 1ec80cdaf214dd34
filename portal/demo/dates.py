"""When demo activities happen: schedule shapes relative to "today", turned into real dates.

The content module describes a schedule ("every Thursday 18–20", "the first Saturday of the
month", "a Sunday about two weeks from now"); this module turns it into aware datetimes in
`settings.EVENTS_TIME_ZONE` and django-recurrence values, with the Christmas and August breaks
(where asked) as excluded dates. The public holidays are closures of the houses
(initiatives/holidays.py), which cancel what is held there: they are excluded dates only of the
activities held somewhere else, so the demo does not say the same thing twice.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import recurrence
from dateutil import rrule as du_rrule
from django.conf import settings

from initiatives.holidays import italian_holidays

MO, TU, WE, TH, FR, SA, SU = range(7)
RECURRENCE_DAYS = (
    recurrence.MO,
    recurrence.TU,
    recurrence.WE,
    recurrence.TH,
    recurrence.FR,
    recurrence.SA,
    recurrence.SU,
)

# Excluded dates are written for this many days ahead: a little more than a year, so every
# series shows at least one August break and one Christmas.
CLOSURE_WINDOW_DAYS = 400
# Initiatives have been running since about this many weeks before the demo is loaded.
SEASON_WEEKS = 8
# Months in which nobody holds a festival outdoors in Turin.
COLD_MONTHS = {11, 12, 1, 2, 3}


def zone() -> ZoneInfo:
    return ZoneInfo(settings.EVENTS_TIME_ZONE)


def aware(day: datetime.date, at: datetime.time = datetime.time(0, 0)) -> datetime.datetime:
    """A wall-clock time in Turin as an aware datetime."""
    return datetime.datetime.combine(day, at, tzinfo=zone())


def is_break(day: datetime.date) -> bool:
    """The Christmas holidays (24 December to 6 January) and the month of August."""
    return day.month == 8 or (day.month == 12 and day.day >= 24) or (day.month == 1 and day.day <= 6)


def closed_days(
    first: datetime.date, last: datetime.date, *, breaks: bool, holidays: bool = True
) -> set[datetime.date]:
    found = set()
    for year in range(first.year, last.year + 1) if holidays else ():
        found |= italian_holidays(year)
    closed = {day for day in found if first <= day <= last}
    if breaks:
        day = first
        while day <= last:
            if is_break(day):
                closed.add(day)
            day += datetime.timedelta(days=1)
    return closed


def on_or_after(day: datetime.date, weekday: int | None) -> datetime.date:
    if weekday is None:
        return day
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


# --- Schedule shapes -------------------------------------------------------------------------


@dataclass(frozen=True)
class Weekly:
    """Every week (or every `interval` weeks) on `days`, from `start` to `end`.

    `since_weeks` starts the series that many weeks in the past; `skip` excludes the n-th
    upcoming occurrences (0 = the next one) on top of the holidays; `breaks` also pauses the
    series at Christmas and in August.
    """

    days: tuple[int, ...]
    start: datetime.time
    end: datetime.time
    interval: int = 1
    since_weeks: int = 0
    breaks: bool = True
    skip: tuple[int, ...] = ()

    def first_day(self, today):
        begin = today - datetime.timedelta(weeks=self.since_weeks)
        return min(on_or_after(begin, day) for day in self.days)

    def rule(self, first):
        return recurrence.Rule(
            recurrence.WEEKLY,
            interval=self.interval,
            byday=[RECURRENCE_DAYS[day] for day in sorted(self.days)],
        )


@dataclass(frozen=True)
class MonthlyByWeekday:
    """The `nth` `weekday` of every month (nth = -1 for the last one)."""

    weekday: int
    nth: int
    start: datetime.time
    end: datetime.time
    breaks: bool = True
    skip: tuple[int, ...] = ()

    def first_day(self, today):
        rule = du_rrule.rrule(
            du_rrule.MONTHLY, byweekday=du_rrule.weekday(self.weekday, self.nth), dtstart=today
        )
        return rule[0].date()

    def rule(self, first):
        return recurrence.Rule(recurrence.MONTHLY, byday=[RECURRENCE_DAYS[self.weekday](self.nth)])


@dataclass(frozen=True)
class MonthlyByDay:
    """The same day of every month (1–28, so that every month has it).

    With `weekdays_only`, a day that falls on a Saturday or Sunday is excluded.
    """

    day: int
    start: datetime.time
    end: datetime.time
    breaks: bool = True
    weekdays_only: bool = False
    skip: tuple[int, ...] = ()

    def first_day(self, today):
        rule = du_rrule.rrule(du_rrule.MONTHLY, bymonthday=self.day, dtstart=today)
        return rule[0].date()

    def rule(self, first):
        return recurrence.Rule(recurrence.MONTHLY, bymonthday=[self.day])


# One-off shapes fall on the first `weekday` at least `in_days` from today that is neither a
# public holiday nor in a break; an `outdoor` one also waits for the warm months.


@dataclass(frozen=True)
class Once:
    """A one-off from `start` to `end`."""

    in_days: int
    weekday: int | None
    start: datetime.time
    end: datetime.time
    outdoor: bool = False
    days: int = 1


@dataclass(frozen=True)
class AllDay:
    """A whole day, or `days` consecutive whole days."""

    in_days: int
    weekday: int | None
    days: int = 1
    outdoor: bool = False


@dataclass(frozen=True)
class Festival:
    """Several consecutive days, from `start` on the first day to `end` on the last."""

    in_days: int
    weekday: int | None
    days: int
    start: datetime.time
    end: datetime.time
    outdoor: bool = False


REPEATING = (Weekly, MonthlyByWeekday, MonthlyByDay)


# --- Resolution ------------------------------------------------------------------------------


@dataclass
class EventDates:
    start: datetime.datetime
    end: datetime.datetime
    all_day: bool = False
    recurrence: recurrence.Recurrence | None = None
    upcoming: list[datetime.date] | None = None  # planned, not excluded, from today on


@dataclass
class ScheduleDates:
    recurrence: recurrence.Recurrence
    starts_on: datetime.date
    opens_at: datetime.time
    closes_at: datetime.time


def _series(when, first: datetime.date, today: datetime.date, holidays: bool = True):
    """(Recurrence, planned dates not excluded) of a repeating shape starting on `first`."""
    last = today + datetime.timedelta(days=CLOSURE_WINDOW_DAYS)
    rule = when.rule(first)
    planned = [
        moment.date()
        for moment in rule.to_dateutil_rrule(dtstart=datetime.datetime.combine(first, when.start)).between(
            datetime.datetime.combine(first, datetime.time.min),
            datetime.datetime.combine(last, datetime.time.max),
            inc=True,
        )
    ]
    closed = closed_days(first, last, breaks=when.breaks, holidays=holidays)
    if getattr(when, "weekdays_only", False):
        closed |= {day for day in planned if day.weekday() >= SA}
    closed &= set(planned)
    upcoming = [day for day in planned if day >= today and day not in closed]
    closed |= {upcoming[index] for index in when.skip if index < len(upcoming)}
    value = recurrence.Recurrence(rrules=[rule], exdates=[aware(day) for day in sorted(closed)])
    return value, [day for day in planned if day not in closed]


def _one_off_day(when, today: datetime.date) -> datetime.date:
    day = on_or_after(today + datetime.timedelta(days=when.in_days), when.weekday)
    step = datetime.timedelta(days=1 if when.weekday is None else 7)
    while True:
        span = [day + datetime.timedelta(days=offset) for offset in range(when.days)]
        holidays = closed_days(span[0], span[-1], breaks=True)
        if not holidays and not (when.outdoor and any(d.month in COLD_MONTHS for d in span)):
            return day
        day += step


def event_dates(when, today: datetime.date, at_house: bool = False) -> EventDates:
    """`at_house`: held at a house, whose public holidays cancel its dates (not excluded here)."""
    if isinstance(when, REPEATING):
        value, dates = _series(when, when.first_day(today), today, holidays=not at_house)
        # The first occurrence is the first date that is not excluded.
        first = dates[0]
        return EventDates(
            start=aware(first, when.start),
            end=aware(first, when.end),
            recurrence=value,
            upcoming=[day for day in dates if day >= today],
        )
    day = _one_off_day(when, today)
    last = day + datetime.timedelta(days=when.days - 1)
    if isinstance(when, AllDay):
        return EventDates(
            start=aware(day), end=aware(last, datetime.time(23, 59)), all_day=True, upcoming=[day]
        )
    if isinstance(when, Once | Festival):
        return EventDates(start=aware(day, when.start), end=aware(last, when.end), upcoming=[day])
    raise TypeError(f"Unknown schedule shape: {when!r}")


def schedule_dates(when: Weekly, today: datetime.date, at_house: bool = False) -> ScheduleDates:
    """An initiative's regular opening: the series since the season began, and its hours."""
    first = when.first_day(today - datetime.timedelta(weeks=SEASON_WEEKS))
    value, _dates = _series(when, first, today, holidays=not at_house)
    return ScheduleDates(recurrence=value, starts_on=first, opens_at=when.start, closes_at=when.end)
