"""A house's closures: the days or hours it is closed (holidays, August, a strike, a burst pipe),
with a reason in every language, and the public holidays it chooses to be closed on.

During a closure the dates of the initiatives and events held at the house are cancelled with
its reason (initiatives/closures.py, registered by districts/closures.py).
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from initiatives.closures import Closure
from initiatives.holidays import ALL_SLUGS, holiday_choices, holidays_between
from initiatives.occurrences import make_local_aware, to_local_date
from portal.core.page_cache import valid_until

# The longest closure an editor may enter: a year. Longer is a house that has closed.
MAX_CLOSURE_DAYS = 366
ONE_DAY = datetime.timedelta(days=1)

# Sent once a house and its closures are saved (its cluster committed): the dates of the pages
# held there are rebuilt (districts/closures.py).
house_saved = Signal()


def all_holidays():
    return list(ALL_SLUGS)


class HolidaysField(models.JSONField):
    """The slugs of the public holidays a house is closed on (initiatives/holidays.py), ticked
    in the editor."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=holiday_choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
        )


class HouseClosure(TranslatableMixin, Orderable):
    """One period in which a house is closed: a day, a range of days, or part of one day."""

    house = ParentalKey("districts.NeighbourhoodHouse", on_delete=models.CASCADE, related_name="closures")
    starts_on = models.DateField(_("closed from"), help_text=_("The first day the house is closed."))
    ends_on = models.DateField(
        _("closed until"),
        null=True,
        blank=True,
        help_text=_("The last day it is closed (included); leave empty for one day."),
    )
    from_time = models.TimeField(
        _("closed from (time)"),
        null=True,
        blank=True,
        help_text=_("Only for part of one day: the time it closes, e.g. 14:00."),
    )
    until_time = models.TimeField(
        _("open again at"),
        null=True,
        blank=True,
        help_text=_("Only for part of one day: the time it opens again, e.g. 18:00."),
    )
    reason = models.CharField(
        _("reason"),
        max_length=200,
        help_text=_("What residents read beside each cancelled date, e.g. “Summer closure” or “Burst pipe”."),
    )

    panels = [
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldRowPanel([FieldPanel("from_time"), FieldPanel("until_time")]),
        FieldPanel("reason"),
    ]
    # The dates are facts: the same in every language, never overridden by a translator.
    override_translatable_fields = [
        SynchronizedField("starts_on", overridable=False),
        SynchronizedField("ends_on", overridable=False),
        SynchronizedField("from_time", overridable=False),
        SynchronizedField("until_time", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("closure")
        verbose_name_plural = _("closures")

    def __str__(self):
        return f"{self.first_day}–{self.last_day}: {self.reason}"

    @property
    def first_day(self):
        return self.starts_on

    @property
    def last_day(self):
        return self.ends_on or self.starts_on

    @property
    def part_of_day(self):
        return self.from_time is not None or self.until_time is not None

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                errors["ends_on"] = _("The last day must not be before the first.")
            elif (self.ends_on - self.starts_on).days >= MAX_CLOSURE_DAYS:
                errors["ends_on"] = _("A closure lasts at most a year.")
        if self.part_of_day:
            if self.ends_on and self.starts_on and self.ends_on != self.starts_on:
                errors["from_time"] = _("Times are for part of one day: leave them empty for several days.")
            elif (
                self.from_time is not None
                and self.until_time is not None
                and self.until_time <= self.from_time
            ):
                errors["until_time"] = _("The time it opens again must be after the time it closes.")
        if errors:
            raise ValidationError(errors)

    def period(self):
        """(start, end) as naive local times, the end excluded."""
        start = datetime.datetime.combine(self.first_day, self.from_time or datetime.time(0, 0))
        if self.until_time is not None:
            end = datetime.datetime.combine(self.first_day, self.until_time)
        else:
            end = datetime.datetime.combine(self.last_day + ONE_DAY, datetime.time(0, 0))
        return start, end

    def as_closure(self):
        start, end = self.period()
        return Closure(start=start, end=end, key=self.translation_key, reason=self.reason)


def house_closures(house, first: datetime.date, last: datetime.date) -> list[Closure]:
    """The closures of `house` (its own and its public holidays) that touch the days from `first`
    to `last`, in order; a holiday's reason is its name in the active language."""
    found = [
        closure.as_closure()
        for closure in house.closures.all()
        if closure.last_day >= first and closure.first_day <= last
    ]
    for day, holiday in holidays_between(first, last, house.closed_on_holidays or []):
        midnight = datetime.datetime.combine(day, datetime.time(0, 0))
        found.append(
            Closure(start=midnight, end=midnight + ONE_DAY, key=holiday.key, reason=str(holiday.name))
        )
    return sorted(found, key=lambda closure: (closure.start, closure.end))


@dataclass(frozen=True)
class ShownClosure:
    """A closure as the house card shows it, in local time."""

    start: datetime.datetime  # aware, Europe/Rome
    end: datetime.datetime  # aware, excluded
    reasons: tuple

    @property
    def whole_days(self):
        return self.start.time() == datetime.time(0, 0) and self.end.time() == datetime.time(0, 0)

    @property
    def ends_at_midnight(self):
        return self.end.time() == datetime.time(0, 0)

    @property
    def first_day(self):
        return self.start.date()

    @property
    def last_day(self):
        """The last day it covers (the excluded midnight's day before)."""
        return (self.end - ONE_DAY).date() if self.ends_at_midnight else self.end.date()

    @property
    def reason(self):
        return " · ".join(self.reasons)


@dataclass(frozen=True)
class ClosureState:
    """Whether a house is closed now and until when, and its next closures."""

    current: ShownClosure | None
    coming: tuple


# The house card lists this many coming closures, looking this far ahead.
COMING_CLOSURES = 3
LOOK_AHEAD_DAYS = 366


def _joined(closures):
    """Closures that overlap or follow each other without a gap, as one period each."""
    periods = []
    for closure in closures:
        if periods and closure.start <= periods[-1][1]:
            start, end, reasons = periods[-1]
            periods[-1] = (start, max(end, closure.end), reasons + [closure.reason])
        else:
            periods.append((closure.start, closure.end, [closure.reason]))
    return [
        ShownClosure(make_local_aware(start), make_local_aware(end), tuple(dict.fromkeys(reasons)))
        for start, end, reasons in periods
    ]


def closure_state(house, now=None) -> ClosureState:
    """The house's closure now (closed until …) and the next ones. An answer that shows it is
    kept no longer than the moment the current one ends or the next one starts (`valid_until`)."""
    now = now or timezone.now()
    today = to_local_date(now)
    periods = _joined(
        house_closures(house, today - ONE_DAY, today + datetime.timedelta(days=LOOK_AHEAD_DAYS))
    )
    current = next((period for period in periods if period.start <= now < period.end), None)
    coming = tuple(period for period in periods if period.start > now)[:COMING_CLOSURES]
    if current is not None:
        valid_until(current.end)
    if coming:
        valid_until(coming[0].start)
    return ClosureState(current=current, coming=coming)
