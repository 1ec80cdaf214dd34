"""The occurrence engine: the one place that expands schedules into dated occurrences.

A pure module: it reads no page and imports no model. A page describes its dates as a
`Schedule` (`EventPage.occurrence_schedule()`, `InitiativePage.occurrence_schedule()`),
`expand()` turns it into `ExpandedDate`s over a window, and initiatives/occurrence_table.py
writes those into the occurrence table (the `Occurrence` model) that every listing reads.

Rules are expanded on naive wall-clock times in `settings.EVENTS_TIME_ZONE` and only then
made aware, so a weekly 18:00 event stays at 18:00 across the changes of time.
django-recurrence alone converts to UTC first and shifts such events by an hour
(jazzband/django-recurrence issues 174 and 247) and matches exclusion dates only at exact
instants (issue 94); here EXDATE and RDATE are matched by local calendar date.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil import rrule as du_rrule
from django.conf import settings
from django.utils import timezone

from .closures import closing
from .recurrence_rules import dateutil_options, unsafe_rule_errors

ONE_DAY = datetime.timedelta(days=1)
# Where an initiative's schedule starts when the page names no first day (a Monday).
DEFAULT_SCHEDULE_ANCHOR = datetime.date(2020, 1, 6)


class UnboundedRule(ValueError):
    """A stored rule that the engine will not expand: it breaks the bounds of
    initiatives/recurrence_rules.py (a page saved before they existed, or written around them)."""


@lru_cache(maxsize=1)
def zone() -> ZoneInfo:
    return ZoneInfo(settings.EVENTS_TIME_ZONE)


def to_local_naive(value: datetime.datetime) -> datetime.datetime:
    """Wall-clock time in the events' zone, without tzinfo."""
    if timezone.is_naive(value):
        return value
    return value.astimezone(zone()).replace(tzinfo=None)


def to_local_date(value) -> datetime.date:
    """The calendar date in the events' zone of a date or (aware or naive) datetime."""
    if isinstance(value, datetime.datetime):
        return to_local_naive(value).date()
    return value


def make_local_aware(value: datetime.datetime) -> datetime.datetime:
    """Attach the events' zone to a wall-clock time; a time skipped in spring moves forward."""
    aware = value.replace(tzinfo=zone())
    # Round-trip through UTC to normalise non-existent wall-clock times (02:30 on the spring change).
    return aware.astimezone(datetime.UTC).astimezone(zone())


@dataclass(frozen=True)
class Change:
    """A cancelled or moved occurrence, keyed by its planned local date."""

    cancelled: bool
    reason: str = ""
    new_start: datetime.datetime | None = None
    new_end: datetime.datetime | None = None
    key: object = None


@dataclass
class Schedule:
    """Everything needed to expand one page's dates, independent of the database."""

    first_start: datetime.datetime  # naive, local wall-clock
    duration: datetime.timedelta
    all_day: bool = False
    recurrence: object = None  # recurrence.Recurrence or None
    include_first: bool = True
    changes: dict = field(default_factory=dict)  # date -> Change
    # Closures of the place it is held at (initiatives/closures.py): a date that falls in one,
    # and that the page does not cancel or move itself, is cancelled with the closure's key.
    closures: tuple = ()


@dataclass(frozen=True)
class ExpandedDate:
    """One date of a schedule as `expand()` yields it: a row of the occurrence table to be."""

    start: datetime.datetime  # aware, in the events' zone
    end: datetime.datetime
    all_day: bool = False
    cancelled: bool = False
    reason: str = ""
    moved: bool = False
    original_start: datetime.datetime | None = None
    change_key: object = None

    @property
    def last_day(self) -> datetime.date:
        """The last calendar day the occurrence covers (an all-day end is exclusive)."""
        if self.all_day:
            return (self.end - ONE_DAY).date()
        return self.end.date()

    @property
    def is_multi_day(self) -> bool:
        return self.last_day > self.start.date()


def rule_to_dateutil(rule, dtstart: datetime.datetime):
    """A django-recurrence Rule as a dateutil rrule on naive local times.

    Raises UnboundedRule for a rule that could repeat within a day or that dateutil would
    search for until the year 9999.
    """
    errors = unsafe_rule_errors(rule, dtstart)
    if errors:
        raise UnboundedRule("; ".join(str(error) for error in errors))
    until = None
    if rule.until:
        # UNTIL is inclusive of its whole local day, whatever instant the widget stored.
        until = datetime.datetime.combine(to_local_date(rule.until), datetime.time.max)
    return du_rrule.rrule(
        rule.freq,
        dtstart=dtstart,
        interval=rule.interval or 1,
        wkst=rule.wkst,
        count=rule.count,
        until=until,
        **dateutil_options(rule),
    )


def _rule_moments(rule, first, earliest, latest, max_count):
    """At most `max_count` moments of one rule from `earliest` to `latest` (both included).

    Read lazily: dateutil's `between()` would first list every moment of the window.
    """
    moments = []
    for moment in rule_to_dateutil(rule, first).xafter(earliest, inc=True):
        if moment > latest or len(moments) >= max_count:
            break
        moments.append(moment)
    return moments


def series_time_of(rdate, first):
    """The local start of an extra date: its own time if it has one, else the series' time."""
    local = to_local_naive(rdate) if isinstance(rdate, datetime.datetime) else rdate
    if isinstance(local, datetime.datetime) and local.time() != datetime.time(0, 0):
        return local
    day = local.date() if isinstance(local, datetime.datetime) else local
    return datetime.datetime.combine(day, first.time())


def _series_starts(schedule: Schedule, window_start, window_end, max_count):
    """Planned local start times of the series that can touch the window, in order: at most
    `max_count` from each rule and from the extra dates."""
    recurrence = schedule.recurrence
    first = schedule.first_start
    earliest = window_start - schedule.duration
    if not recurrence or not (recurrence.rrules or recurrence.rdates):
        return [first] if schedule.include_first else []

    starts = set()
    if schedule.include_first:
        starts.add(first)
    for rule in recurrence.rrules:
        starts.update(_rule_moments(rule, first, earliest, window_end, max_count))
    extra = (series_time_of(rdate, first) for rdate in recurrence.rdates)
    starts.update(sorted(start for start in extra if earliest <= start <= window_end)[:max_count])

    excluded_days = {to_local_date(value) for value in recurrence.exdates}
    for rule in recurrence.exrules:
        excluded_days.update(m.date() for m in _rule_moments(rule, first, earliest, window_end, max_count))
    return sorted(s for s in starts if s.date() not in excluded_days)


def _moved_into_window(schedule: Schedule, planned, local_start, local_end, max_count):
    """Planned starts outside the window whose occurrence was moved into it (a postponed date)."""
    planned_days = {start.date() for start in planned}
    extra = []
    for day, change in schedule.changes.items():
        if change.cancelled or change.new_start is None or day in planned_days:
            continue
        new_start = to_local_naive(change.new_start)
        new_end = to_local_naive(change.new_end) if change.new_end else new_start + schedule.duration
        if new_end <= local_start or new_start >= local_end:
            continue
        midnight = datetime.datetime.combine(day, datetime.time(0, 0))
        extra.extend(
            start
            for start in _series_starts(schedule, midnight, midnight + ONE_DAY, max_count)
            if start.date() == day
        )
    return extra


def expand(
    schedule: Schedule,
    window_start: datetime.datetime,
    window_end: datetime.datetime,
    max_count: int | None = None,
) -> list[ExpandedDate]:
    """The dates of `schedule` that overlap [window_start, window_end), cancelled ones included
    and marked."""
    max_count = max_count or settings.OCCURRENCES_MAX_PER_EVENT
    local_start = to_local_naive(window_start)
    local_end = to_local_naive(window_end)
    result = []
    planned = _series_starts(schedule, local_start, local_end, max_count)
    planned = sorted(planned + _moved_into_window(schedule, planned, local_start, local_end, max_count))
    for start in planned:
        change = schedule.changes.get(start.date())
        if change is not None and not change.cancelled and change.new_start is not None:
            new_start = to_local_naive(change.new_start)
            new_end = to_local_naive(change.new_end) if change.new_end else new_start + schedule.duration
            expanded = ExpandedDate(
                start=make_local_aware(new_start),
                end=make_local_aware(new_end),
                all_day=schedule.all_day,
                reason=change.reason,
                moved=True,
                original_start=make_local_aware(start),
                change_key=change.key,
            )
        else:
            closed = None if change else closing(schedule.closures, start, start + schedule.duration)
            if closed is not None:
                change = Change(cancelled=True, reason=closed.reason, key=closed.key)
            expanded = ExpandedDate(
                start=make_local_aware(start),
                end=make_local_aware(start + schedule.duration),
                all_day=schedule.all_day,
                cancelled=bool(change and change.cancelled),
                reason=change.reason if change else "",
                change_key=change.key if change else None,
            )
        if expanded.end > window_start and expanded.start < window_end:
            result.append(expanded)
        if len(result) >= max_count:
            break
    result.sort(key=lambda expanded: expanded.start)
    return result
