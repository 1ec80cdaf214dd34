"""The bounds on an activity's dates and on how it may repeat, checked wherever a page is saved.

django-recurrence accepts every RFC 5545 rule: a rule repeating every second, a COUNT of a
billion, thousands of extra dates, a day that never comes (30 February) that dateutil searches
for until the year 9999. The admin's rule editor offers none of these, but a hand-made form
post, an import or a script could save them, and expanding them would stall the occurrence
table's rebuild. Pages therefore validate their rules in `clean()`, which Wagtail's admin
forms and `Page.save()` both run:

- no frequency more often than daily (HOURLY, MINUTELY, SECONDLY), and no BYHOUR, BYMINUTE or
  BYSECOND, which would repeat within a day all the same;
- only the options the rule editor offers: by weekday, month day, month and position in the
  month (BYSETPOS); BYYEARDAY and BYWEEKNO are refused;
- at most OCCURRENCES_MAX_PER_EVENT repetitions (COUNT), extra dates (RDATE) and excluded
  dates (EXDATE), at most MAX_RULES rules, an interval from 1 to MAX_INTERVAL;
- a rule that can never happen (a day of the month that the chosen months do not have, the
  sixth Monday of a month) is refused rather than searched for;
- dates between EARLIEST_DAY and LATEST_DAY, which the calendar's and the API's filters share.

The occurrence engine refuses to expand a stored rule that is unsafe to expand (one saved
before these bounds existed), and caps every expansion at OCCURRENCES_MAX_PER_EVENT.
"""

import calendar
import datetime

from dateutil import rrule as du_rrule
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

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
# The longest a month can be, for each month (February in a leap year).
DAYS_IN_MONTH = {month: calendar.monthrange(2024, month)[1] for month in range(1, 13)}


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


def rule_errors(rule):
    """The messages that make one django-recurrence Rule unacceptable (empty if it is fine)."""
    errors = unsafe_rule_errors(rule)
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


def unsafe_rule_errors(rule):
    """The messages of what makes a rule unsafe to expand at all: repeating within a day, or
    a search that dateutil would carry on until the year 9999. The occurrence engine refuses
    these; a rule that is merely too long (COUNT) it expands up to its cap."""
    errors = []
    if rule.freq not in ALLOWED_FREQUENCIES:
        errors.append(
            _(
                "An activity can repeat at most once a day: choose daily, weekly, monthly or "
                "yearly, not hourly or more often."
            )
        )
        return errors
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
        # dateutil would test every single day until the year 9999 for a combination that
        # never happens; the rule editor offers days of the month with “monthly” only.
        errors.append(
            _("Days of the month and positions (“the first”, “the last”) need a monthly or yearly rule.")
        )
    elif never_happens(rule):
        errors.append(_("This rule never happens: no month has the chosen days. Check the days and months."))
    return errors


def never_happens(rule):
    """True for a monthly or yearly rule that no month can satisfy (30 February, the sixth Monday)."""
    months = [month for month in _values(rule, "bymonth") if 1 <= month <= 12] or list(range(1, 13))
    longest = max(DAYS_IN_MONTH[month] for month in months)
    month_days = _values(rule, "bymonthday")
    if month_days and not any(1 <= abs(day) <= longest for day in month_days):
        return True
    positions = [day.index for day in _values(rule, "byday") if getattr(day, "index", None)]
    monthly_positions = rule.freq == du_rrule.MONTHLY or _values(rule, "bymonth")
    if positions and monthly_positions and not any(1 <= abs(position) <= 5 for position in positions):
        return True
    return False


def recurrence_errors(value):
    """Every error that makes a django-recurrence Recurrence unacceptable, as ValidationErrors."""
    return [ValidationError(message, code="recurrence_bounds") for message in _recurrence_messages(value)]


def _recurrence_messages(value):
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
        errors.extend(message for message in rule_errors(rule) if message not in errors)
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
