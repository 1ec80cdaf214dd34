"""Initiative and event pages: what residents can join, where, when and for whom."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from recurrence.fields import RecurrenceField
from rest_framework.fields import ReadOnlyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page import models as routable
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from initiatives.closures import closure_reasons
from initiatives.describe import describe_series, time_range
from initiatives.district_pages import district_pages
from initiatives.expandable import expandable_recurrence, rule_lines
from initiatives.forms import ActivityPageForm
from initiatives.ical import event_components, initiative_components, page_calendar
from initiatives.occurrences import (
    DEFAULT_SCHEDULE_ANCHOR,
    ONE_DAY,
    Change,
    Schedule,
    make_local_aware,
    to_local_date,
    to_local_naive,
    zone,
)
from initiatives.recurrence_rules import EARLIEST_DAY, LATEST_DAY, out_of_range_message, recurrence_errors
from initiatives.widgets import AdminRecurrenceWidget
from portal.core.blocks import BodyBlock
from portal.core.directory import get_directory
from portal.core.page_cache import cached_by_version, valid_until
from portal.core.places import OnTheMap, place_fields
from portal.core.preview import AppPreviewMixin
from portal.core.routable import RoutesMixin
from portal.core.search.indexing import FOLDED_SEARCH_FIELDS, FoldedSearchMixin, names_in_locale
from portal.core.visibility import CachedViewRestrictionsMixin, without_restricted

from .occurrence import LazyRows, cancelled_rows, next_occurrences, opening_state


@dataclass(frozen=True)
class Venue(OnTheMap):
    """Where an activity takes place, whether at a house or elsewhere."""

    name: str
    address: str
    latitude: Decimal | None
    longitude: Decimal | None
    step_free: bool
    # The house, when it is one: its card says when it is closed (includes/house_closures.html).
    house: object = field(default=None, compare=False)

    def as_dict(self):
        return {
            "name": self.name,
            "address": self.address,
            "lat": float(self.latitude) if self.latitude is not None else None,
            "lon": float(self.longitude) if self.longitude is not None else None,
            "step_free": self.step_free,
        }


# The contract of the dated pages' `recurrence` and `exceptions` fields (initiatives/expandable.py),
# read by the OpenAPI document's generator.
RECURRENCE_SCHEMA = {
    "type": "object",
    "nullable": True,
    "description": (
        "The series as RFC 5545 content lines an app can expand (DTSTART in local time with "
        "TZID, RRULE with UNTIL in UTC, RDATE and EXDATE in local time; VALUE=DATE when all-day). "
        "Expanding them gives the planned dates; apply `exceptions` to get the occurrences. "
        "Null when the page has no dates."
    ),
    "properties": {
        "timezone": {"type": "string", "description": "The IANA zone of every local time, Europe/Rome."},
        "dtstart": {
            "type": "string",
            "description": "The first start in local time without offset (YYYY-MM-DDTHH:MM:SS), "
            "or its day (YYYY-MM-DD) when all-day.",
        },
        "duration": {
            "type": "string",
            "pattern": "^P(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+S)?)?$",
            "description": "How long each date lasts, as an RFC 5545 duration (PT2H, P1D).",
        },
        "all_day": {"type": "boolean", "description": "Dates are whole days (VALUE=DATE)."},
        "lines": {
            "type": "array",
            "items": {"type": "string"},
            "description": "DTSTART first, then RRULE, RDATE, EXRULE and EXDATE lines.",
        },
    },
    "required": ["timezone", "dtstart", "duration", "all_day", "lines"],
    "additionalProperties": False,
}
EXCEPTIONS_SCHEMA = {
    "type": "array",
    "description": (
        "The planned dates that are cancelled or moved, by their local day: every date the "
        "expansion of `recurrence.lines` gives on that day is cancelled (it stays in the list) "
        "or replaced by `moved_to`."
    ),
    "items": {
        "type": "object",
        "properties": {
            "date": {"type": "string", "format": "date", "description": "The planned local day."},
            "status": {"type": "string", "enum": ["cancelled", "moved"]},
            "moved_to": {
                "type": "object",
                "nullable": True,
                "description": "The new start and end (ISO 8601 with the Rome offset); null when cancelled.",
                "properties": {
                    "start": {"type": "string", "format": "date-time"},
                    "end": {"type": "string", "format": "date-time"},
                },
                "required": ["start", "end"],
                "additionalProperties": False,
            },
            "reason": {"type": "string", "description": "The message to residents, in the page's language."},
        },
        "required": ["date", "status", "moved_to", "reason"],
        "additionalProperties": False,
    },
}


# The other place an activity happens at, when not at a house: venue_latitude, venue_longitude and
# venue_step_free, validated as a house's are.
VenuePlaceFields = place_fields("venue_", step_free_label=_("step-free access at the other place"))


class ActivityPage(AppPreviewMixin, CachedViewRestrictionsMixin, FoldedSearchMixin, VenuePlaceFields, Page):
    """Fields shared by initiatives and events: what, for whom, where, how much."""

    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two plain sentences shown in listings and search results."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("description"),
        help_text=_("What happens, who runs it, what to bring; shown below the dates and the place."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A picture of the activity, at least 1200 pixels wide."),
    )
    category = models.ForeignKey(
        "initiatives.Category",
        verbose_name=_("category"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The kind of activity residents will look for."),
    )
    audiences = ParentalManyToManyField(
        "initiatives.Audience",
        verbose_name=_("for whom"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty if it is open to everyone."),
    )
    languages = ParentalManyToManyField(
        "initiatives.SpokenLanguage",
        verbose_name=_("languages spoken"),
        blank=True,
        related_name="+",
        help_text=_("The languages in which the activity is held or the service is offered."),
    )
    house = models.ForeignKey(
        "districts.NeighbourhoodHouse",
        verbose_name=_("neighbourhood house"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to use the district's house, or fill in another place below."),
    )
    venue_name = models.CharField(
        _("other place"),
        max_length=120,
        blank=True,
        help_text=_("Only if it does not happen at a house, e.g. “Parco Colonnetti”."),
    )
    venue_address = models.CharField(
        _("address of the other place"),
        max_length=200,
        blank=True,
        help_text=_("Street and number, or how to find it, e.g. “Via Panetti 1, by the pond”."),
    )
    is_free = models.BooleanField(
        _("free of charge"), default=True, help_text=_("Untick if residents pay, and say what it costs.")
    )
    cost = models.CharField(
        _("cost"),
        max_length=120,
        blank=True,
        help_text=_("If not free, what it costs, e.g. “5 € a lesson, reduced 3 €”."),
    )
    booking_info = models.TextField(
        _("how to take part"),
        blank=True,
        help_text=_("Whether to book, how, and any documents to bring."),
    )
    registration_url = models.URLField(
        _("booking link"), blank=True, help_text=_("An online form, if there is one.")
    )
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Where residents can write with questions; shown on the page."),
    )
    contact_phone = models.CharField(
        _("contact phone"),
        max_length=30,
        blank=True,
        help_text=_("A number residents can call with questions; shown on the page."),
    )

    base_form_class = ActivityPageForm
    details_panels = [
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("category"),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
    ]
    place_panels = [
        FieldPanel("house"),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldRowPanel([FieldPanel("venue_latitude"), FieldPanel("venue_longitude")]),
                FieldPanel("venue_step_free"),
            ],
            heading=_("Somewhere else"),
        ),
    ]
    participation_panels = [
        FieldRowPanel([FieldPanel("is_free"), FieldPanel("cost")]),
        FieldPanel("booking_info"),
        FieldPanel("registration_url"),
        FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=1.5),
        index.SearchField("body"),
        # Its category, audiences and house ("Casa nel Parco", "via Morgari") in its own language.
        index.SearchField("search_taxonomy"),
        index.SearchField("venue_name"),
        index.SearchField("venue_address"),
        index.FilterField("is_free"),
        index.FilterField("category"),
        *FOLDED_SEARCH_FIELDS,
    ]
    activity_api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("image"),
        APIField("category_data"),
        APIField("audience_data"),
        APIField("language_codes"),
        APIField("venue_data"),
        APIField("is_free"),
        APIField("cost"),
        APIField("booking_info"),
        APIField("registration_url"),
        APIField("contact_email"),
        APIField("contact_phone"),
    ]
    # The OpenAPI schemas of the API fields that are properties (portal/api/openapi/fields.py
    # derives the others from the model fields); subclasses extend this dict.
    api_field_schemas = {
        "category_data": {
            "type": "object",
            "nullable": True,
            "description": "The category in the page's language.",
            "properties": {"id": {"type": "integer"}, "slug": {"type": "string"}, "name": {"type": "string"}},
            "required": ["id", "slug", "name"],
            "additionalProperties": False,
        },
        "audience_data": {
            "type": "array",
            "description": "Who it is for, in the page's language.",
            "items": {
                "type": "object",
                "properties": {"slug": {"type": "string"}, "name": {"type": "string"}},
                "required": ["slug", "name"],
                "additionalProperties": False,
            },
        },
        "language_codes": {
            "type": "array",
            "description": "Languages spoken at the activity (ISO 639 codes).",
            "items": {"type": "string"},
        },
        "venue_data": {
            "allOf": [{"$ref": "#/components/schemas/Venue"}],
            "nullable": True,
            "description": "Where it happens: the other place, or the district's house.",
        },
        "next_dates": {
            "type": "array",
            "description": "The next ten dates, ISO 8601 with the Rome offset; cancelled ones marked.",
            "items": {
                "type": "object",
                "properties": {
                    "start": {"type": "string", "format": "date-time"},
                    "end": {"type": "string", "format": "date-time"},
                    "all_day": {"type": "boolean"},
                    "cancelled": {"type": "boolean"},
                    "moved": {"type": "boolean"},
                    "reason": {"type": "string", "description": "The message to residents, or empty."},
                },
                "required": ["start", "end", "all_day", "cancelled", "moved", "reason"],
                "additionalProperties": False,
            },
        },
    }
    activity_synchronized_fields = [
        SynchronizedField("image"),
        SynchronizedField("category"),
        SynchronizedField("audiences"),
        SynchronizedField("languages"),
        SynchronizedField("house"),
        # A place's name is a fact too ("Parco Colonnetti"); a translator can still override it.
        SynchronizedField("venue_name"),
        SynchronizedField("venue_address"),
        SynchronizedField("venue_latitude"),
        SynchronizedField("venue_longitude"),
        SynchronizedField("venue_step_free"),
        SynchronizedField("is_free"),
        SynchronizedField("contact_phone"),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if not self.is_free and not self.cost:
            raise ValidationError({"cost": _("Say what it costs, or tick “free of charge”.")})

    def search_taxonomy(self):
        """The words of its category, audiences and house in the page's language, for search."""
        return " ".join(
            [
                names_in_locale([self.category, *self.audiences.all()], self.locale_id),
                names_in_locale([self.house], self.locale_id, fields=("name", "street_address")),
            ]
        ).strip()

    @cached_property
    def district(self):
        """The district page this activity belongs to, in the same locale."""
        return district_pages().ancestor_of(self).live().first()

    def get_venue(self):
        """The place residents should go to: another place if named, else the (district's) house."""
        if self.venue_name:
            return Venue(
                name=self.venue_name,
                address=self.venue_address,
                latitude=self.venue_latitude,
                longitude=self.venue_longitude,
                step_free=self.venue_step_free,
            )
        house = self.localized_house
        if house is None and self.district is not None:
            house = self.district.localized_house
        if house is None:
            return None
        return Venue(
            name=house.name,
            address=house.full_address,
            latitude=house.latitude,
            longitude=house.longitude,
            step_free=house.step_free,
            house=house,
        )

    # The localized_* values are cached per instance so that a page view and the API can prepare
    # them from the directory in the page's locale (`prepare_from_directory`); read unprepared,
    # they are in the reader's locale (`.localized`), from the directory too.
    @cached_property
    def localized_house(self):
        directory = get_directory()
        return directory.houses.localized(self.house_id, directory.active_locale().pk)

    @cached_property
    def localized_category(self):
        directory = get_directory()
        return directory.categories.localized(self.category_id, directory.active_locale().pk)

    @cached_property
    def localized_audience_list(self):
        directory = get_directory()
        locale_id = directory.active_locale().pk
        return [directory.audiences.localized(audience, locale_id) for audience in self.audiences.all()]

    def localized_audiences(self):
        return list(self.localized_audience_list)

    @property
    def category_data(self):
        category = self.localized_category
        return {"id": category.pk, "slug": category.slug, "name": category.name} if category else None

    @property
    def audience_data(self):
        return [{"slug": a.slug, "name": a.name} for a in self.localized_audiences()]

    @property
    def language_codes(self):
        return [language.code for language in self.languages.all()]

    @property
    def venue_data(self):
        venue = self.get_venue()
        return venue.as_dict() if venue else None

    def upcoming(self, limit=10):
        """The next dated occurrences of this page, from the occurrence table."""
        prepared = self.__dict__.get("prepared_upcoming")  # (limit, rows) set by the API
        if prepared is not None and limit <= prepared[0]:
            return prepared[1][:limit]
        return next_occurrences(self, limit=limit)

    @cached_property
    def change_reasons(self):
        """{change key: message to residents}, in this page's language: the closures of the
        house it is held at (initiatives/closures.py) and its own cancelled or moved dates.

        Occurrence rows carry the key of what changed them (`change_key`), so a page in any
        locale can show its own translated message for a cancelled or moved date.
        """
        return {**closure_reasons(self.locale_id), **self.own_change_reasons()}

    def own_change_reasons(self):
        return {}

    def closure_cancellations(self):
        """[(planned local day, message)] of the dates the closures of its house cancel, in this
        page's language, from the occurrence table (read for a whole listing by `cancelled_rows`)."""
        cancelled_rows([self])
        reasons = closure_reasons(self.locale_id)
        own = self.own_change_reasons()
        found = {}
        for start, key in self.prepared_cancelled_rows:
            if key in reasons and key not in own:
                found.setdefault(to_local_date(start), reasons[key])
        return sorted(found.items())

    def closure_exceptions(self):
        """The `exceptions` entries of the dates its house's closures cancel."""
        return [
            {"date": day.isoformat(), "status": "cancelled", "moved_to": None, "reason": reason}
            for day, reason in self.closure_cancellations()
        ]

    @property
    def next_dates(self):
        """The next ten dates in ISO 8601 with the Rome offset, cancelled ones marked."""
        reasons = self.change_reasons
        return [
            {
                "start": timezone.localtime(occ.start, zone()).isoformat(),
                "end": timezone.localtime(occ.end, zone()).isoformat(),
                "all_day": occ.all_day,
                "cancelled": occ.cancelled,
                "moved": occ.moved,
                "reason": reasons.get(occ.change_key, ""),
            }
            for occ in self.upcoming(limit=10)
        ]

    def prepare_from_directory(self, directory):
        """Take the district and the localized house, category and audiences from the cached
        directory (portal/core/directory.py) rather than a query each."""
        cached = self.__dict__
        if "district" not in cached:
            district = directory.districts.above(self)
            if district is not None:
                district.localized_house = directory.houses.localized(district.house_id, district.locale_id)
            self.district = district
        if "localized_house" not in cached:
            self.localized_house = directory.houses.localized(self.house_id, self.locale_id)
        if "localized_category" not in cached:
            self.localized_category = directory.categories.localized(self.category_id, self.locale_id)
        if "localized_audience_list" not in cached:
            self.localized_audience_list = [
                directory.audiences.localized(audience, self.locale_id) for audience in self.audiences.all()
            ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        directory = get_directory(request)

        def related_ids():
            return (
                [audience.pk for audience in self.audiences.all()],
                [language.pk for language in self.languages.all()],
            )

        # The published page's audiences and spoken languages, kept until the next change; a
        # preview shows the draft's own.
        if getattr(request, "is_preview", False):
            audience_ids, language_ids = related_ids()
        else:
            audience_ids, language_ids = cached_by_version(
                request, "initiatives:activity-related", related_ids, self.pk
            )
        if "localized_audience_list" not in self.__dict__:
            self.localized_audience_list = [
                directory.audiences.localized(pk, self.locale_id) for pk in audience_ids
            ]
        self.prepare_from_directory(directory)
        context["venue"] = self.get_venue()
        context["category"] = self.localized_category
        context["audiences"] = self.localized_audiences()
        context["spoken_languages"] = [
            directory.languages[pk] for pk in language_ids if pk in directory.languages
        ]
        context["district"] = self.district
        # Read only if the page's body is rendered, not when it is kept ({% fragment %}).
        context["upcoming"] = LazyRows(lambda: self.upcoming(limit=10))
        return context


def activity_edit_handler(when_panels, when_heading):
    """The editor of an activity page, in tabs: what it is, when, where, how to take part, then
    Wagtail's promote and settings tabs. Initiatives and events differ only in the "when" tab:
    an initiative's regular schedule, an event's dates."""
    return TabbedInterface(
        [
            ObjectList(Page.content_panels + ActivityPage.details_panels, heading=_("Content")),
            ObjectList(when_panels, heading=when_heading),
            ObjectList(ActivityPage.place_panels, heading=_("Place")),
            ObjectList(ActivityPage.participation_panels, heading=_("Taking part")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )


class InitiativePage(RoutesMixin, ActivityPage):
    """An ongoing service or project of a house, with its regular opening schedule."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        ENDED = "ended", _("Ended")

    status = models.CharField(
        _("state"),
        max_length=10,
        choices=Status.choices,
        default=Status.ACTIVE,
        help_text=_("Ended initiatives stay on the site as a record but show no dates."),
    )
    schedule = RecurrenceField(
        verbose_name=_("regular schedule"),
        blank=True,
        null=True,
        include_dtstart=False,
        help_text=_(
            "When it is open, e.g. every Tuesday. The closures of its house, public holidays "
            "included, cancel dates by themselves; add other days off as excluded dates."
        ),
    )
    schedule_starts_on = models.DateField(
        _("schedule starts on"),
        null=True,
        blank=True,
        help_text=_("The first day of the schedule; needed for “every other week”."),
    )
    opens_at = models.TimeField(
        _("from"), null=True, blank=True, help_text=_("Opening time on the days of the schedule, e.g. 9:00.")
    )
    closes_at = models.TimeField(
        _("to"), null=True, blank=True, help_text=_("Closing time on the days of the schedule, e.g. 12:30.")
    )
    schedule_notes = models.CharField(
        _("notes on the schedule"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “closed in August”, “by appointment on Thursdays”."),
    )

    schedule_panels = [
        FieldPanel("status"),
        FieldPanel("schedule", widget=AdminRecurrenceWidget),
        FieldRowPanel([FieldPanel("schedule_starts_on"), FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("schedule_notes"),
    ]
    edit_handler = activity_edit_handler(schedule_panels, _("Schedule"))
    search_fields = ActivityPage.search_fields + [index.FilterField("status")]
    api_fields = ActivityPage.activity_api_fields + [
        APIField("status"),
        APIField("schedule_text"),
        APIField("schedule_rrule"),
        APIField("opens_at"),
        APIField("closes_at"),
        APIField("schedule_notes"),
        APIField("next_dates"),
        # `recurrence` is the event's model field: the API's field of that name reads the series
        # as lines an app can expand (`expandable_dates`).
        APIField("recurrence", serializer=ReadOnlyField(source="expandable_dates")),
        APIField("exceptions"),
    ]
    api_field_schemas = {
        "recurrence": RECURRENCE_SCHEMA,
        "exceptions": EXCEPTIONS_SCHEMA,
        "schedule_text": {"type": "string", "description": "The schedule in words, in the page's language."},
        "schedule_rrule": {
            "type": "array",
            "description": "The schedule as RFC 5545 lines (RRULE, RDATE, EXDATE).",
            "items": {"type": "string"},
        },
    }
    override_translatable_fields = ActivityPage.activity_synchronized_fields + [
        SynchronizedField("status"),
        SynchronizedField("schedule"),
        SynchronizedField("schedule_starts_on"),
        SynchronizedField("opens_at"),
        SynchronizedField("closes_at"),
        TranslatableField("schedule_notes"),
    ]

    # An initiative belongs to one district.
    parent_page_types = ["districts.DistrictPage"]
    # It may hold its own dated events (a course's open day, a workshop's final show).
    subpage_types = ["initiatives.EventPage"]

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def clean(self):
        super().clean()
        if self.schedule and (self.opens_at is None or self.closes_at is None):
            raise ValidationError({"opens_at": _("Give the opening and closing time of the schedule.")})
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The closing time must be after the opening time.")})
        errors = {}
        if self.schedule_starts_on and not EARLIEST_DAY <= self.schedule_starts_on <= LATEST_DAY:
            errors["schedule_starts_on"] = out_of_range_message()
        first_start = datetime.datetime.combine(
            self.schedule_starts_on or DEFAULT_SCHEDULE_ANCHOR, self.opens_at or datetime.time(0)
        )
        if schedule_errors := recurrence_errors(self.schedule, first_start):
            errors["schedule"] = schedule_errors
        if errors:
            raise ValidationError(errors)

    @property
    def is_active(self):
        return self.status == self.Status.ACTIVE

    def occurrence_schedule(self):
        """The opening hours as the occurrence engine expands them (initiatives/occurrences.py);
        None when the initiative shows no dates (not active, or no schedule or times)."""
        if not self.is_active or not self.schedule or self.opens_at is None or self.closes_at is None:
            return None
        anchor = self.schedule_starts_on or DEFAULT_SCHEDULE_ANCHOR
        first = datetime.datetime.combine(anchor, self.opens_at)
        duration = datetime.datetime.combine(anchor, self.closes_at) - first
        return Schedule(first_start=first, duration=duration, recurrence=self.schedule, include_first=False)

    @property
    def schedule_text(self):
        """The schedule in words, e.g. “Every Tuesday, 10:00–12:00”; empty without a rule."""
        anchor = self.schedule_starts_on or DEFAULT_SCHEDULE_ANCHOR
        start = datetime.datetime.combine(anchor, self.opens_at or datetime.time(0, 0))
        return describe_series(self.schedule, start, time_range(self.opens_at, self.closes_at))

    @property
    def schedule_rrule(self):
        """The schedule's RRULE, RDATE and EXDATE lines, in local time (initiatives/expandable.py)."""
        if not self.schedule:
            return []
        anchor = self.schedule_starts_on or DEFAULT_SCHEDULE_ANCHOR
        first = datetime.datetime.combine(anchor, self.opens_at or datetime.time(0, 0))
        schedule = Schedule(
            first_start=first, duration=ONE_DAY, recurrence=self.schedule, include_first=False
        )
        return rule_lines(schedule)

    @property
    def expandable_dates(self):
        """The `recurrence` API field: the opening dates as lines an app can expand
        (initiatives/expandable.py); None when it shows no dates."""
        return expandable_recurrence(self.occurrence_schedule())

    def get_cached_paths(self):
        """The page and its calendar file, for a frontend cache purge (portal/core/frontend_purge.py)."""
        return ["/", "calendar.ics"]

    @routable.path("calendar.ics/", name="calendar_ics")
    def calendar_ics(self, request):
        """The opening dates as a calendar file, below its address (initiatives/feeds.py)."""
        return page_calendar(self, request)

    def calendar_components(self, request=None, venue=None):
        """Its VEVENTs in a calendar file (initiatives/ical.py)."""
        return initiative_components(self, request, venue=venue)

    @property
    def exceptions(self):
        """An initiative has no cancelled or moved dates of its own (the days it does not open
        are excluded dates of the schedule): only the dates its house's closures cancel."""
        return self.closure_exceptions()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["opening_state"] = opening_state(self, upcoming=context["upcoming"])
        context["events"] = cached_by_version(
            request,
            "initiatives:initiative-events",
            lambda: list(without_restricted(EventPage.objects.child_of(self).live(), request)),
            self.pk,
        )
        return context


class EventPage(RoutesMixin, ActivityPage):
    """A dated happening: once, over several days, or repeating."""

    start = models.DateTimeField(
        _("starts"), help_text=_("Date and time of the (first) occurrence, Turin time.")
    )
    end = models.DateTimeField(
        _("ends"),
        help_text=_("When the (first) occurrence ends; a later day makes a multi-day event."),
    )
    all_day = models.BooleanField(
        _("all day"), default=False, help_text=_("Tick for a festival day or an outing with no set times.")
    )
    recurrence = RecurrenceField(
        verbose_name=_("repeats"),
        blank=True,
        null=True,
        include_dtstart=False,
        help_text=_(
            "Leave empty for a one-off event. Otherwise choose how it repeats; add excluded "
            "dates for days off and extra dates for one-off additions."
        ),
    )

    date_panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("all_day"),
        FieldPanel("recurrence", widget=AdminRecurrenceWidget),
        InlinePanel("occurrence_changes", heading=_("Cancelled or moved dates"), label=_("Change")),
    ]
    edit_handler = activity_edit_handler(date_panels, _("Dates"))
    search_fields = ActivityPage.search_fields + [index.FilterField("start")]
    api_fields = ActivityPage.activity_api_fields + [
        APIField("start"),
        APIField("end"),
        APIField("all_day"),
        APIField("recurrence_rules"),
        APIField("cancelled_dates"),
        APIField("next_dates"),
        # `recurrence` is the event's model field: the API's field of that name reads the series
        # as lines an app can expand (`expandable_dates`).
        APIField("recurrence", serializer=ReadOnlyField(source="expandable_dates")),
        APIField("exceptions"),
    ]
    api_field_schemas = {
        "recurrence": RECURRENCE_SCHEMA,
        "exceptions": EXCEPTIONS_SCHEMA,
        "recurrence_rules": {
            "type": "array",
            "description": "The repetition as RFC 5545 lines (RRULE, RDATE, EXDATE); empty for one date.",
            "items": {"type": "string"},
        },
        "cancelled_dates": {
            "type": "array",
            "description": "Dates of the series that will not take place, with the message to residents.",
            "items": {
                "type": "object",
                "properties": {"date": {"type": "string", "format": "date"}, "reason": {"type": "string"}},
                "required": ["date", "reason"],
                "additionalProperties": False,
            },
        },
    }
    override_translatable_fields = ActivityPage.activity_synchronized_fields + [
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("all_day"),
        SynchronizedField("recurrence"),
        TranslatableField("occurrence_changes"),
    ]

    # Events belong to a district or to one of its initiatives.
    parent_page_types = ["districts.DistrictPage", "initiatives.InitiativePage"]
    # An event is a leaf.
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def get_cached_paths(self):
        """The page and its calendar file, for a frontend cache purge (portal/core/frontend_purge.py)."""
        return ["/", "calendar.ics"]

    @routable.path("calendar.ics/", name="calendar_ics")
    def calendar_ics(self, request):
        """The event's calendar file, below its address (initiatives/feeds.py)."""
        return page_calendar(self, request)

    def calendar_components(self, request=None, venue=None):
        """Its VEVENTs in a calendar file (initiatives/ical.py)."""
        return event_components(self, request, venue=venue)

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end must not be before the start.")})
        errors = {}
        if self.start and not EARLIEST_DAY <= to_local_date(self.start) <= LATEST_DAY:
            errors["start"] = out_of_range_message()
        first_start = to_local_naive(self.start) if self.start else None
        if rule_errors := recurrence_errors(self.recurrence, first_start):
            errors["recurrence"] = rule_errors
        if errors:
            raise ValidationError(errors)

    def occurrence_schedule(self):
        """The dates as the occurrence engine expands them (initiatives/occurrences.py): the first
        occurrence, the repeats and the cancelled or moved dates."""
        start = to_local_naive(self.start)
        end = to_local_naive(self.end) if self.end else start
        if self.all_day:
            start = datetime.datetime.combine(start.date(), datetime.time(0, 0))
            end = datetime.datetime.combine(end.date(), datetime.time(0, 0)) + ONE_DAY
        changes = {
            change.original_date: Change(
                cancelled=change.cancelled,
                reason=change.reason,
                new_start=change.new_start,
                new_end=change.new_end,
                key=change.translation_key,
            )
            for change in self.occurrence_changes.all()
        }
        return Schedule(
            first_start=start,
            duration=max(end - start, datetime.timedelta(0)),
            all_day=self.all_day,
            recurrence=self.recurrence or None,
            include_first=True,
            changes=changes,
        )

    @property
    def recurrence_rules(self):
        """The RRULE, RDATE and EXDATE lines of the series, in local time (initiatives/expandable.py)."""
        if not self.recurrence:
            return []
        return rule_lines(self.occurrence_schedule())

    @property
    def expandable_dates(self):
        """The `recurrence` API field: the series as lines an app can expand
        (initiatives/expandable.py). Named apart from the `recurrence` model field."""
        return expandable_recurrence(self.occurrence_schedule())

    @property
    def exceptions(self):
        """The cancelled and moved dates, by planned local day, as the occurrence engine applies
        them: a moved date's new end defaults to the series' length. The reasons are in this
        page's language."""
        duration = self.occurrence_schedule().duration
        result = []
        for change in sorted(self.occurrence_changes.all(), key=lambda change: change.original_date):
            if change.cancelled:
                moved_to = None
            elif change.new_start is not None:
                start = to_local_naive(change.new_start)
                end = to_local_naive(change.new_end) if change.new_end else start + duration
                moved_to = {
                    "start": make_local_aware(start).isoformat(),
                    "end": make_local_aware(end).isoformat(),
                }
            else:
                continue  # neither cancelled nor moved: the engine changes nothing
            result.append(
                {
                    "date": change.original_date.isoformat(),
                    "status": "cancelled" if moved_to is None else "moved",
                    "moved_to": moved_to,
                    "reason": change.reason,
                }
            )
        result.extend(self.closure_exceptions())
        return sorted(result, key=lambda item: item["date"])

    @property
    def cancelled_dates(self):
        own = [
            {"date": change.original_date.isoformat(), "reason": change.reason}
            for change in self.occurrence_changes.all()
            if change.cancelled
        ]
        closed = [{"date": day.isoformat(), "reason": reason} for day, reason in self.closure_cancellations()]
        return sorted(own + closed, key=lambda item: item["date"])

    @property
    def is_past(self):
        if self.recurrence:
            return False
        if self.end < timezone.now():
            return True
        valid_until(self.end)  # "This event has taken place" from then on (portal/core/page_cache.py)
        return False

    @property
    def schedule_text(self):
        """The series in words, e.g. “Every Tuesday, 18:00–21:00”; empty for a one-off event."""
        start = to_local_naive(self.start)
        end = to_local_naive(self.end)
        return describe_series(
            self.recurrence, start, "" if self.all_day else time_range(start.time(), end.time())
        )

    def own_change_reasons(self):
        """{translation key of a change: message to residents}, in this page's language."""
        return {
            change.translation_key: change.reason for change in self.occurrence_changes.all() if change.reason
        }


class OccurrenceChange(TranslatableMixin, Orderable):
    """One date of an event that is cancelled or moved, leaving the rest of the series alone."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="occurrence_changes")
    original_date = models.DateField(_("date of the occurrence"), help_text=_("The day it was planned for."))
    cancelled = models.BooleanField(
        _("cancelled"),
        default=True,
        help_text=_("Untick if the date is moved rather than cancelled, and give the new start."),
    )
    reason = models.CharField(
        _("message to residents"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “The teacher is ill; we meet again next week”."),
    )
    new_start = models.DateTimeField(
        _("moved to"), null=True, blank=True, help_text=_("If not cancelled: the new start.")
    )
    new_end = models.DateTimeField(
        _("new end"), null=True, blank=True, help_text=_("Leave empty to keep the usual length.")
    )

    panels = [
        FieldRowPanel([FieldPanel("original_date"), FieldPanel("cancelled")]),
        FieldPanel("reason"),
        FieldRowPanel([FieldPanel("new_start"), FieldPanel("new_end")]),
    ]
    override_translatable_fields = [
        SynchronizedField("original_date"),
        SynchronizedField("cancelled"),
        SynchronizedField("new_start"),
        SynchronizedField("new_end"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("cancelled or moved date")
        verbose_name_plural = _("cancelled or moved dates")

    def clean(self):
        if not self.cancelled and self.new_start is None:
            raise ValidationError({"new_start": _("Give the new start, or tick “cancelled”.")})
        if self.new_start and self.new_end and self.new_end < self.new_start:
            raise ValidationError({"new_end": _("The end must not be before the start.")})
