"""Schedules in words, in the reader's language: “every Tuesday, 10:00–12:00, until 30 June”.

Every pattern is a whole phrase with named placeholders, so that each language puts the words
in its own order (“每星期二”, “السبت الأول من كل شهر”, “în prima sâmbătă a fiecărei luni”).
Weekday and month names come from Django's own catalogues, in lower case where the language
writes them so inside a sentence (see `portal.core.i18n`).
"""

from dateutil import rrule as du_rrule
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from portal.core.i18n import local_date, weekday_name

from .occurrences import to_local_date

SUNDAY = 6


def nth_weekday(n, day):
    """“the first Saturday”, “the last Friday”.

    One phrase per position, and a separate set for Sunday: Italian says “il primo sabato” but
    “la prima domenica”, so the article and the ordinal follow the weekday.
    """
    if day == SUNDAY:
        phrases = {
            1: pgettext("Sunday", "the first {day}"),
            2: pgettext("Sunday", "the second {day}"),
            3: pgettext("Sunday", "the third {day}"),
            4: pgettext("Sunday", "the fourth {day}"),
            5: pgettext("Sunday", "the fifth {day}"),
            -1: pgettext("Sunday", "the last {day}"),
            -2: pgettext("Sunday", "the second-to-last {day}"),
        }
    else:
        phrases = {
            1: _("the first {day}"),
            2: _("the second {day}"),
            3: _("the third {day}"),
            4: _("the fourth {day}"),
            5: _("the fifth {day}"),
            -1: _("the last {day}"),
            -2: _("the second-to-last {day}"),
        }
    phrase = phrases.get(n)
    if phrase is None:
        return _("{day} number {n} of the month").format(day=weekday_name(day), n=n)
    return phrase.format(day=weekday_name(day))


def join_words(words):
    """“Monday, Wednesday and Friday”, with the language's own separator and conjunction."""
    words = [str(word) for word in words]
    if len(words) <= 1:
        return "".join(words)
    separator = pgettext("between the items of a list", ", ")
    return _("{head} and {tail}").format(head=separator.join(words[:-1]), tail=words[-1])


def describe_rule(rule, first_start, bounds=True):
    """One django-recurrence Rule in words; `bounds=False` leaves out its UNTIL or COUNT."""
    interval = rule.interval or 1
    days = [getattr(day, "number", day) for day in (rule.byday or [])]
    nth_days = [(getattr(day, "index", None), getattr(day, "number", day)) for day in (rule.byday or [])]

    if rule.freq == du_rrule.WEEKLY:
        numbers = sorted(days) if days else [first_start.weekday()]
        day_words = join_words(weekday_name(number) for number in numbers)
        if interval == 1:
            text = _("every {days}").format(days=day_words)
        elif interval == 2:
            text = _("every other {days}").format(days=day_words)
        else:
            text = ngettext("every {n} week on {days}", "every {n} weeks on {days}", interval).format(
                n=interval, days=day_words
            )
    elif rule.freq == du_rrule.MONTHLY:
        positions = rule.bysetpos or []
        if nth_days and any(index for index, _day in nth_days):
            on = join_words(nth_weekday(index, number) for index, number in nth_days if index)
        elif positions and days:
            on = join_words(nth_weekday(position, number) for position in positions for number in days)
        else:
            month_days = rule.bymonthday or [first_start.day]
            on = join_words(
                _("the last day") if number == -1 else _("day {n}").format(n=number) for number in month_days
            )
        if interval == 1:
            text = _("every month on {on}").format(on=on)
        else:
            text = ngettext("every {n} month on {on}", "every {n} months on {on}", interval).format(
                n=interval, on=on
            )
    elif rule.freq == du_rrule.YEARLY:
        text = _("every year on {date}").format(date=local_date(first_start.date(), "month_day"))
    elif rule.freq == du_rrule.DAILY:
        if interval == 1:
            text = _("every day")
        else:
            text = ngettext("every {n} day", "every {n} days", interval).format(n=interval)
    else:
        text = _("regularly")
    return with_bounds(rule, text) if bounds else text


def with_bounds(rule, text):
    """`text` followed by the rule's last day (UNTIL) or number of times (COUNT)."""
    if rule.until:
        return _("{text}, until {date}").format(text=text, date=local_date(to_local_date(rule.until)))
    if rule.count:
        return ngettext("{text}, once", "{text}, {n} times", rule.count).format(text=text, n=rule.count)
    return text


def time_range(start_time, end_time):
    if start_time is None:
        return ""
    if end_time is None or end_time == start_time:
        return time_format(start_time, "TIME_FORMAT")
    return "{}–{}".format(time_format(start_time, "TIME_FORMAT"), time_format(end_time, "TIME_FORMAT"))


def describe_series(recurrence, first_start, times=""):
    """A series in the active language: `recurrence` (a django-recurrence value, or None) from
    its first local start `first_start` (naive), at `times` (`time_range()`, "" for all day).
    The pages' `schedule_text` call it with their own fields; "" for a series with no rule."""
    if not recurrence or not recurrence.rrules:
        return ""
    # One rule reads “every Tuesday, 10:00–12:00, until 30 June”: the times before the bound.
    single = len(recurrence.rrules) == 1
    parts = [describe_rule(rule, first_start, bounds=not single) for rule in recurrence.rrules]
    text = pgettext("between two schedules", "; ").join(str(part) for part in parts)
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
