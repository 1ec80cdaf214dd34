"""A page's dates as RFC 5545 content lines that an app can expand itself, and its exceptions.

The API gives apps the rule of a series (`recurrence`) beside its rows (`next_dates`, the
occurrences endpoint). django-recurrence's own text is not fit for that: it writes EXDATE and
RDATE as UTC instants of the local midnight (`EXDATE:20261207T230000Z` for 8 December in Rome),
which no expander matches against a series at 18:00, and it has no DTSTART, without which a
rule cannot be expanded at all. This module writes what the occurrence engine
(initiatives/occurrences.py) expands, in the terms RFC 5545 gives it:

- DTSTART in local time with TZID (VALUE=DATE for an all-day series), from which every rule
  repeats at the same wall-clock time across the changes of time, as the engine does;
- RRULE with UNTIL in UTC (RFC 5545 requires it when DTSTART has a TZID; a DATE for an all-day
  series), inclusive of its whole local day as the engine reads it;
- RDATE and EXDATE in local time with TZID: an extra date at its own time, or else at the
  series' time; an excluded day as the series' time on that day (the engine excludes by local
  day; an extra date on an excluded day is left out rather than written);
- the first start fitted to the engine: RFC 5545 counts DTSTART as a date whatever the rule
  says, dateutil only if the rule yields it. An event's first start is a date (written again as
  an RDATE when no rule yields it, for dateutil); an initiative's schedule only anchors its rule
  on `schedule_starts_on`, so its anchor, when not a date of the schedule, is excluded.

Cancelled and moved dates are not in the lines: expanding them gives the dates the portal
planned, and `exceptions` (on the page) says which of those are cancelled or moved, as the
occurrences endpoint lists them. A pure module, as the engine is: it reads no model.
"""

import datetime

import recurrence

from .occurrences import (
    Schedule,
    make_local_aware,
    rule_to_dateutil,
    series_time_of,
    to_local_date,
    zone,
)

LOCAL_FORMAT = "%Y%m%dT%H%M%S"
DATE_FORMAT = "%Y%m%d"


def rfc5545_duration(value: datetime.timedelta) -> str:
    """A non-negative timedelta as an RFC 5545 duration: `PT2H`, `P1D`, `P1DT2H30M`, `PT0S`."""
    seconds = max(int(value.total_seconds()), 0)
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    time = "".join(
        f"{amount}{unit}" for amount, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if amount
    )
    if not days and not time:
        return "PT0S"
    return "P" + (f"{days}D" if days else "") + (f"T{time}" if time else "")


class Lines:
    """Writes the properties of one schedule: local times with TZID, or dates when all-day."""

    def __init__(self, all_day: bool):
        self.all_day = all_day
        self.tzid = zone().key

    def value(self, moment: datetime.datetime) -> str:
        return moment.strftime(DATE_FORMAT if self.all_day else LOCAL_FORMAT)

    def dated(self, name: str, moment: datetime.datetime) -> str:
        if self.all_day:
            return f"{name};VALUE=DATE:{self.value(moment)}"
        return f"{name};TZID={self.tzid}:{self.value(moment)}"

    def rule(self, name: str, rule) -> str:
        """An RRULE or EXRULE line; UNTIL in UTC at the end of its local day (a DATE all-day)."""
        body = _rule_body(rule)
        if rule.until:
            day = to_local_date(rule.until)
            if self.all_day:
                until = day.strftime(DATE_FORMAT)
            else:
                end_of_day = make_local_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))
                until = end_of_day.astimezone(datetime.UTC).strftime(LOCAL_FORMAT) + "Z"
            body = ";".join(
                [*(part for part in body.split(";") if not part.startswith("UNTIL=")), f"UNTIL={until}"]
            )
        return f"{name}:{body}"


def _rule_body(rule) -> str:
    """The parts of a django-recurrence Rule after `RRULE:`, as django-recurrence writes them."""
    text = recurrence.serialize(recurrence.Recurrence(rrules=[rule]))
    return text.split("RRULE:", 1)[1].strip()


def extra_starts(schedule: Schedule) -> list[datetime.datetime]:
    """The extra dates' local starts, as the engine places them (their own time, or the series')."""
    value = schedule.recurrence
    if not value:
        return []
    return sorted({series_time_of(rdate, schedule.first_start) for rdate in value.rdates})


def excluded_days(schedule: Schedule) -> set[datetime.date]:
    value = schedule.recurrence
    return {to_local_date(day) for day in value.exdates} if value else set()


def _excluded_by_rule(schedule: Schedule, start: datetime.datetime) -> bool:
    """True if an exclusion rule yields a date on `start`'s day (the engine excludes by day)."""
    midnight = datetime.datetime.combine(start.date(), datetime.time(0, 0))
    for rule in schedule.recurrence.exrules:
        moment = rule_to_dateutil(rule, schedule.first_start).after(midnight, inc=True)
        if moment is not None and moment.date() == start.date():
            return True
    return False


def _rules_yield(schedule: Schedule, start: datetime.datetime) -> bool:
    value = schedule.recurrence
    return bool(value) and any(
        rule_to_dateutil(rule, schedule.first_start).after(start, inc=True) == start for rule in value.rrules
    )


def rule_lines(schedule: Schedule) -> list[str]:
    """The editor's rules, extra and excluded dates as RFC 5545 lines in local time, no DTSTART."""
    value = schedule.recurrence
    if not value:
        return []
    write = Lines(schedule.all_day)
    excluded = excluded_days(schedule)
    lines = [write.rule("RRULE", rule) for rule in value.rrules]
    for start in extra_starts(schedule):
        if start.date() not in excluded and not (value.exrules and _excluded_by_rule(schedule, start)):
            lines.append(write.dated("RDATE", start))
    lines.extend(write.rule("EXRULE", rule) for rule in value.exrules)
    first_time = schedule.first_start.time()
    lines.extend(
        write.dated("EXDATE", datetime.datetime.combine(day, first_time)) for day in sorted(excluded)
    )
    return lines


def expandable_lines(schedule: Schedule) -> list[str]:
    """DTSTART and the rule lines, fitted so that any RFC 5545 expander and dateutil's rrulestr
    yield the dates the engine plans (see the module's docstring)."""
    write = Lines(schedule.all_day)
    first = schedule.first_start
    lines = [write.dated("DTSTART", first), *rule_lines(schedule)]
    value = schedule.recurrence
    first_excluded = first.date() in excluded_days(schedule) or bool(
        value and value.exrules and _excluded_by_rule(schedule, first)
    )
    yielded = _rules_yield(schedule, first) or first in extra_starts(schedule)
    planned = not first_excluded and (schedule.include_first or yielded)
    if planned and not _rules_yield(schedule, first) and first not in extra_starts(schedule):
        lines.append(write.dated("RDATE", first))
    if not planned and not first_excluded:
        lines.append(write.dated("EXDATE", first))
    return lines


def expandable_recurrence(schedule: Schedule | None) -> dict | None:
    """The `recurrence` API field: the series' zone, first start, length and lines."""
    if schedule is None:
        return None
    first = schedule.first_start
    return {
        "timezone": zone().key,
        "dtstart": first.date().isoformat() if schedule.all_day else first.isoformat(),
        "duration": rfc5545_duration(schedule.duration),
        "all_day": schedule.all_day,
        "lines": expandable_lines(schedule),
    }


def planned_start(schedule: Schedule, day: datetime.date) -> datetime.datetime | None:
    """The local start the schedule plans on `day`, as the engine places it (an extra date at its
    own time, else the series' time), or None when it plans nothing that day. A calendar file
    names a cancelled date by this start (RECURRENCE-ID, initiatives/ical.py)."""
    value = schedule.recurrence
    if day in excluded_days(schedule):
        return None
    for start in extra_starts(schedule):
        if start.date() == day:
            return None if value.exrules and _excluded_by_rule(schedule, start) else start
    start = datetime.datetime.combine(day, schedule.first_start.time())
    if value and value.exrules and _excluded_by_rule(schedule, start):
        return None
    if (start == schedule.first_start and schedule.include_first) or _rules_yield(schedule, start):
        return start
    return None
