"""The bounds on an activity's dates and on how it may repeat, checked wherever a page is saved.

django-recurrence accepts every RFC 5545 rule: a rule repeating every second, a COUNT of a
billion, thousands of extra dates, a day that never comes (30 February) that dateutil searches
for until the year 9999 (seconds of CPU for a daily rule). The admin's rule editor offers none
of these, but a hand-made form post, an import or a script could save them, and expanding them
would stall the occurrence table's rebuild. Pages therefore validate their rules in `clean()`,
which Wagtail's admin forms and `Page.save()` both run:

- no frequency more often than daily (HOURLY, MINUTELY, SECONDLY), and no BYHOUR, BYMINUTE or
  BYSECOND, which would repeat within a day all the same;
- only the options the rule editor offers: by weekday, month day, month and position (BYSETPOS,
  “the first Saturday”) for monthly and yearly rules; BYYEARDAY and BYWEEKNO are refused;
- at most OCCURRENCES_MAX_PER_EVENT repetitions (COUNT), extra dates (RDATE) and excluded
  dates (EXDATE), at most MAX_RULES rules, an interval from 1 to MAX_INTERVAL;
- a rule must happen at least once in PROBE_YEARS years: one that never happens (30 February,
  the sixth Monday, the second of one day) is refused rather than searched for;
- dates between EARLIEST_DAY and LATEST_DAY, which the calendar's and the API's filters share.

The occurrence engine refuses to expand a stored rule that is unsafe to expand (one saved
before these bounds existed: all of the above but COUNT), and caps every expansion at
OCCURRENCES_MAX_PER_EVENT.
"""

import datetime
from functools import lru_cache

from dateutil import rrule as du_rrule
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from portal.core import upstream

# The days an activity may start on, and the calendar's and the API's date filters accept: far
# beyond any event, and far enough inside datetime's years 1 to 9999 that a day's midnight, the
# day after and their conversion to UTC always exist.
EARLIEST_DAY = datetime.date(1900, 1, 1)
LATEST_DAY = datetime.date(2999, 12, 31)
# How often a page may repeat at most: once a day.
ALLOWED_FREQUENCIES = (du_rrule.YEARLY, du_rrule.MONTHLY, du_rrule.WEEKLY, du_rrule.DAILY)
WITHIN_A_DAY = ("byhour", "byminute", "bysecond")
UNSUPPORTED = {"byyearday": "BYYEARDAY", "byweekno": "BYWEEKNO"}
# Repeat rules plus exclusion rules of one page.
MAX_RULES = 10
# “Every 100 weeks” at most; a larger (or negative) interval is a typing mistake.
MAX_INTERVAL = 100
# A rule is tried from its start's day and time in PROBE_YEAR: dateutil's search stops at the
# end of 9999, so a rule that never happens costs PROBE_YEARS years of search, not eight
# thousand. 9988 is a leap year, so that a series starting on 29 February can be tried too.
PROBE_YEAR = 9988
PROBE_YEARS = datetime.MAXYEAR - PROBE_YEAR + 1


def out_of_range_message():
    """The error for a date outside EARLIEST_DAY to LATEST_DAY, in the reader's format."""
    return _("Choose a date between %(earliest)s and %(latest)s.") % {
        "earliest": formats.date_format(EARLIEST_DAY, "SHORT_DATE_FORMAT"),
        "latest": formats.date_format(LATEST_DAY, "SHORT_DATE_FORMAT"),
    }


def max_repetitions():
    return settings.OCCURRENCES_MAX_PER_EVENT


def _values(rule, name):
    value = getattr(rule, name, None)
    if value is None or value == []:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def dateutil_options(rule):
    """The BYxxx options of a django-recurrence Rule, named as dateutil's rrule takes them."""
    options = {}
    for param in upstream.recurrence_by_params(rule):
        value = getattr(rule, param, None)
        if value:
            options["byweekday" if param == "byday" else param] = value
    return options


def rule_errors(rule, first_start=None):
    """The messages that make one django-recurrence Rule unacceptable (empty if it is fine).

    `first_start`: the series' first start (naive, local), needed to try the rule.
    """
    errors = unsafe_rule_errors(rule, first_start)
    if rule.count is not None and rule.count > max_repetitions():
        errors.append(
            ngettext_lazy(
                "A rule can repeat at most %(limit)d time.",
                "A rule can repeat at most %(limit)d times.",
                max_repetitions(),
            )
            % {"limit": max_repetitions()}
        )
    return errors


def unsafe_rule_errors(rule, first_start=None):
    """The messages of what makes a rule unsafe to expand at all: repeating within a day, or a
    search that dateutil would carry on until the year 9999. The occurrence engine refuses
    these; a rule that is merely too long (COUNT) it expands up to its cap."""
    if rule.freq not in ALLOWED_FREQUENCIES:
        return [
            _(
                "An activity can repeat at most once a day: choose daily, weekly, monthly or "
                "yearly, not hourly or more often."
            )
        ]
    errors = []
    if rule.interval is not None and not 1 <= rule.interval <= MAX_INTERVAL:
        errors.append(
            _("The interval of a rule is a whole number from 1 to %(limit)d.") % {"limit": MAX_INTERVAL}
        )
    if any(_values(rule, name) for name in WITHIN_A_DAY):
        errors.append(
            _(
                "A rule cannot repeat at several times of the same day (hours, minutes or seconds): "
                "set the time with the start, and add another event for another time."
            )
        )
    unsupported = [label for name, label in UNSUPPORTED.items() if _values(rule, name)]
    if unsupported:
        errors.append(
            _("The portal does not handle these options of a rule: %(options)s.")
            % {"options": ", ".join(unsupported)}
        )
    if rule.freq in (du_rrule.DAILY, du_rrule.WEEKLY) and (
        _values(rule, "bymonthday") or _values(rule, "bysetpos")
    ):
        # The rule editor offers days of the month and positions with “monthly” and “yearly”.
        errors.append(
            _("Days of the month and positions (“the first”, “the last”) need a monthly or yearly rule.")
        )
    if not errors and (has_impossible_values(rule) or (first_start and not happens(rule, first_start))):
        errors.append(
            _(
                "This rule never happens, or less than once in %(years)d years: check its days, "
                "months and positions (there is no 30 February)."
            )
            % {"years": PROBE_YEARS}
        )
    return errors


def has_impossible_values(rule):
    """True for a month, a day of the month or a position that does not exist (month 13, day
    32, the sixth Monday of a month, BYSETPOS=0): dateutil loops on some and fails on others."""
    named_months = _values(rule, "bymonth")
    if not all(1 <= month <= 12 for month in named_months):
        return True
    if not all(1 <= abs(day) <= 31 for day in _values(rule, "bymonthday")):
        return True
    if not all(1 <= abs(position) <= 366 for position in _values(rule, "bysetpos")):
        return True
    positions = [day.index for day in _values(rule, "byday") if getattr(day, "index", None)]
    most = 5 if rule.freq == du_rrule.MONTHLY or named_months else 53
    return not all(1 <= abs(position) <= most for position in positions)


def happens(rule, first_start):
    """True if the rule, ignoring COUNT and UNTIL, has a date within PROBE_YEARS years of a
    start on the same day and at the same time as `first_start`."""
    return _happens(rule_key(rule), first_start.month, first_start.day, first_start.time())


def rule_key(rule):
    """A hashable summary of what a rule repeats on (its COUNT and UNTIL left out)."""

    def frozen(value):
        if isinstance(value, (list, tuple)):
            return tuple(frozen(item) for item in value)
        if hasattr(value, "number"):  # a django-recurrence Weekday
            return ("weekday", value.number, getattr(value, "index", None))
        return value

    return (rule.freq, rule.interval or 1, rule.wkst, frozen(sorted(dateutil_options(rule).items())))


@lru_cache(maxsize=4096)
def _happens(key, month, day, time):
    freq, interval, wkst, options = key
    probe_start = datetime.datetime.combine(datetime.date(PROBE_YEAR, month, day), time)
    thawed = {name: _thaw(value) for name, value in options}
    try:
        generated = du_rrule.rrule(freq, dtstart=probe_start, interval=interval, wkst=wkst, **thawed)
        return next(iter(generated), None) is not None
    except (ValueError, IndexError, OverflowError):  # options dateutil cannot combine
        return False


def _thaw(value):
    if isinstance(value, tuple) and value and value[0] == "weekday":
        return du_rrule.weekday(value[1], value[2] or None)
    if isinstance(value, tuple):
        return [_thaw(item) for item in value]
    return value


def recurrence_errors(value, first_start=None):
    """Every error that makes a django-recurrence Recurrence unacceptable, as ValidationErrors.

    `first_start`: the series' first start (naive, local), to try each rule from.
    """
    return [
        ValidationError(message, code="recurrence_bounds")
        for message in _recurrence_messages(value, first_start)
    ]


def _recurrence_messages(value, first_start):
    if not value:
        return []
    errors = []
    limit = max_repetitions()
    rules = [*value.rrules, *value.exrules]
    if len(rules) > MAX_RULES:
        errors.append(
            ngettext_lazy("Use at most %(limit)d rule.", "Use at most %(limit)d rules.", MAX_RULES)
            % {"limit": MAX_RULES}
        )
    for rule in rules:
        for message in rule_errors(rule, first_start):
            if message not in errors:
                errors.append(message)
    if len(value.rdates) > limit:
        errors.append(
            ngettext_lazy("Add at most %(limit)d extra date.", "Add at most %(limit)d extra dates.", limit)
            % {"limit": limit}
        )
    if len(value.exdates) > limit:
        errors.append(
            ngettext_lazy("Exclude at most %(limit)d date.", "Exclude at most %(limit)d dates.", limit)
            % {"limit": limit}
        )
    return errors
