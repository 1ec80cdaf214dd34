"""Schedules in words, in the reader's language: “every Tuesday, 10:00–12:00, until 30 June”."""

import datetime

from dateutil import rrule as du_rrule
from django.utils.formats import date_format, time_format
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .occurrences import to_local_date, to_local_naive


def weekday_names():
    return [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday")]


def ordinal(n):
    names = {1: _("first"), 2: _("second"), 3: _("third"), 4: _("fourth"), -1: _("last"), 5: _("fifth")}
    return names.get(n, str(n))


def join_words(words):
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return format_lazy(_("{head} and {tail}"), head=", ".join(words[:-1]), tail=words[-1])


def describe_rule(rule, first_start, bounds=True):
    """One django-recurrence Rule in words; `bounds=False` leaves out its UNTIL or COUNT."""
    names = weekday_names()
    interval = rule.interval or 1
    days = [getattr(day, "number", day) for day in (rule.byday or [])]
    nth_days = [(getattr(day, "index", None), getattr(day, "number", day)) for day in (rule.byday or [])]

    if rule.freq == du_rrule.WEEKLY:
        day_words = join_words(names[d] for d in sorted(days)) if days else names[first_start.weekday()]
        if interval == 1:
            text = _("every {days}").format(days=day_words)
        elif interval == 2:
            text = _("every other {days}").format(days=day_words)
        else:
            text = _("every {n} weeks on {days}").format(n=interval, days=day_words)
    elif rule.freq == du_rrule.MONTHLY:
        positions = rule.bysetpos or []
        if nth_days and any(index for index, _day in nth_days):
            parts = [
                _("the {nth} {day}").format(nth=ordinal(index), day=names[number])
                for index, number in nth_days
                if index
            ]
            on = join_words(parts)
        elif positions and days:
            on = join_words(
                _("the {nth} {day}").format(nth=ordinal(pos), day=names[d]) for pos in positions for d in days
            )
        else:
            month_days = rule.bymonthday or [first_start.day]
            on = join_words(
                _("the last day") if d == -1 else _("day {n}").format(n=d) for d in month_days
            )
        if interval == 1:
            text = _("every month on {on}").format(on=on)
        else:
            text = _("every {n} months on {on}").format(n=interval, on=on)
    elif rule.freq == du_rrule.YEARLY:
        text = _("every year on {date}").format(date=date_format(first_start.date(), "j F"))
    elif rule.freq == du_rrule.DAILY:
        if interval == 1:
            text = _("every day")
        else:
            text = ngettext("every day", "every {n} days", interval).format(n=interval)
    else:
        text = _("regularly")
    return with_bounds(rule, text) if bounds else text


def with_bounds(rule, text):
    """`text` followed by the rule's last day (UNTIL) or number of times (COUNT)."""
    if rule.until:
        return _("{text}, until {date}").format(
            text=text, date=date_format(to_local_date(rule.until), "j F Y")
        )
    if rule.count:
        return ngettext("{text}, once", "{text}, {n} times", rule.count).format(text=text, n=rule.count)
    return text


def time_range(start_time, end_time):
    if start_time is None:
        return ""
    if end_time is None or end_time == start_time:
        return time_format(start_time, "TIME_FORMAT")
    return "{}–{}".format(time_format(start_time, "TIME_FORMAT"), time_format(end_time, "TIME_FORMAT"))


def describe_page_schedule(page):
    """The series of an event or the schedule of an initiative, in the active language."""
    from initiatives.models import EventPage

    if isinstance(page, EventPage):
        recurrence = page.recurrence
        start = to_local_naive(page.start)
        end = to_local_naive(page.end)
        times = "" if page.all_day else time_range(start.time(), end.time())
    else:
        recurrence = page.schedule
        anchor = page.schedule_starts_on or datetime.date(2020, 1, 6)
        start = datetime.datetime.combine(anchor, page.opens_at or datetime.time(0, 0))
        times = time_range(page.opens_at, page.closes_at)
    if not recurrence or not recurrence.rrules:
        return ""
    # One rule reads “every Tuesday, 10:00–12:00, until 30 June”: the times before the bound.
    single = len(recurrence.rrules) == 1
    parts = [describe_rule(rule, start, bounds=not single) for rule in recurrence.rrules]
    text = "; ".join(str(part) for part in parts)
    if times:
        text = _("{rule}, {times}").format(rule=text, times=times)
    if single:
        text = with_bounds(recurrence.rrules[0], text)
    if recurrence.exdates:
        count = len(recurrence.exdates)
        text = ngettext("{text} (except {n} date)", "{text} (except {n} dates)", count).format(
            text=text, n=count
        )
    return text[:1].upper() + text[1:]
