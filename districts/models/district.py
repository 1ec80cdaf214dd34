"""Districts, their neighbourhood houses and their Community Managers."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from initiatives.feeds import DistrictFeedsMixin
from initiatives.models import InitiativePage
from initiatives.models.occurrence import LazyRows
from initiatives.queries import district_initiatives, upcoming_occurrences
from portal.core.absolute_urls import absolute_url
from portal.core.blocks import BodyBlock
from portal.core.directory import Translated, get_directory
from portal.core.page_cache import cached_by_version
from portal.core.places import OnTheMap, PlaceFields
from portal.core.preview import AppPreviewMixin
from portal.core.search.indexing import FOLDED_SEARCH_FIELDS, FoldedSearchMixin
from portal.core.visibility import CachedViewRestrictionsMixin, without_restricted

from ..news import latest_news
from .closures import HolidaysField, all_holidays, closure_state, house_saved
from .news import NewsIndexPage, NewsPage

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class NeighbourhoodHouse(TranslatableMixin, index.Indexed, OnTheMap, PlaceFields, ClusterableModel):
    """A Casa del Quartiere: the place residents go to."""

    name = models.CharField(
        _("name"), max_length=120, help_text=_("The name residents know, e.g. “Casa nel Parco”.")
    )
    street_address = models.CharField(
        _("street address"), max_length=200, help_text=_("Street and number, e.g. “Via Morgari 14”.")
    )
    postal_code = models.CharField(
        _("postcode"), max_length=10, default="", blank=True, help_text=_("For example “10137”.")
    )
    city = models.CharField(
        _("city"), max_length=80, default="Torino", help_text=_("Shown after the postcode, e.g. “Torino”.")
    )
    # latitude, longitude and step_free: portal.core.places.PlaceFields.
    phone = models.CharField(
        _("phone"),
        max_length=30,
        blank=True,
        help_text=_("The number residents call, with the area code, e.g. “011 123 4567”."),
    )
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("The house's address for residents; shown on the site.")
    )
    website = models.URLField(
        _("website"),
        blank=True,
        help_text=_("The house's own site or social media page, starting with https://."),
    )
    opening_notes = models.CharField(
        _("notes on opening hours"),
        max_length=250,
        blank=True,
        help_text=_("For example “Closed in August and on public holidays”."),
    )
    accessibility_notes = models.TextField(
        _("accessibility notes"),
        blank=True,
        help_text=_("Lifts, accessible toilets, hearing loops, quiet rooms, how to ask for help."),
    )
    closed_on_holidays = HolidaysField(
        _("closed on these public holidays"),
        default=all_holidays,
        blank=True,
        help_text=_(
            "Untick a holiday on which the house is open. On the ticked ones, the dates of "
            "everything held at the house are shown as cancelled."
        ),
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")],
            heading=_("Contacts"),
        ),
        MultiFieldPanel(
            [InlinePanel("opening_hours", label=_("Opening hours")), FieldPanel("opening_notes")],
            heading=_("Opening hours"),
        ),
        MultiFieldPanel(
            [
                InlinePanel("closures", label=_("Closure"), heading=_("Days or hours it is closed")),
                FieldPanel("closed_on_holidays"),
            ],
            heading=_("Closures"),
        ),
        MultiFieldPanel(
            [FieldPanel("step_free"), FieldPanel("accessibility_notes")],
            heading=_("Accessibility"),
        ),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("street_address"),
        index.FilterField("locale_id"),
    ]
    # Facts, copied from the source record and never overridden in a translation: translators
    # change words in wagtail-localize's editor, never where residents go, call or write.
    override_translatable_fields = [
        SynchronizedField("street_address", overridable=False),
        SynchronizedField("postal_code", overridable=False),
        SynchronizedField("city", overridable=False),
        SynchronizedField("latitude", overridable=False),
        SynchronizedField("longitude", overridable=False),
        SynchronizedField("phone", overridable=False),
        SynchronizedField("email", overridable=False),
        SynchronizedField("website", overridable=False),
        SynchronizedField("opening_hours", overridable=False),
        SynchronizedField("step_free", overridable=False),
        SynchronizedField("closed_on_holidays", overridable=False),
        # Each closure's reason is translated; its dates are synchronised (HouseClosure).
        TranslatableField("closures"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("neighbourhood house")
        verbose_name_plural = _("neighbourhood houses")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, **kwargs):
        super().save(**kwargs)
        # Its closures are committed with it (modelcluster): the dates held here follow them.
        house_saved.send(sender=type(self), house=self)

    def closure_state(self):
        """Closed now and until when, and the next closures (districts/models/closures.py)."""
        return closure_state(self)

    def closures_data(self):
        """The closure under way and the next ones, for the API (ISO 8601, Rome offset)."""
        locale = get_directory().locales.get(self.locale_id)
        with translation.override(locale.language_code if locale else None):  # the holidays' names
            state = self.closure_state()
        shown = ([state.current] if state.current else []) + list(state.coming)
        return [
            {"start": closure.start.isoformat(), "end": closure.end.isoformat(), "reason": closure.reason}
            for closure in shown
        ]

    @property
    def full_address(self):
        return ", ".join(
            part for part in [self.street_address, f"{self.postal_code} {self.city}".strip()] if part
        )

    def opening_hours_by_day(self):
        """The opening hours grouped by weekday, Monday first, closed days included."""
        by_day = {number: [] for number, _label in WEEKDAYS}
        for slot in self.opening_hours.all():
            by_day[slot.weekday].append(slot)
        return [(label, by_day[number]) for number, label in WEEKDAYS]

    def opening_hours_data(self):
        """Opening hours as plain data, for the API and schema.org."""
        days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        return [
            {
                "weekday": days[slot.weekday],
                "opens": slot.opens.strftime("%H:%M"),
                "closes": slot.closes.strftime("%H:%M"),
            }
            for slot in self.opening_hours.all()
        ]


class OpeningHours(TranslatableMixin, Orderable):
    """One opening slot of a house on one weekday; a day can have a morning and an afternoon."""

    house = ParentalKey(NeighbourhoodHouse, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(
        _("day"),
        choices=WEEKDAYS,
        help_text=_("Open morning and afternoon with a break? Add a second slot for the same day."),
    )
    opens = models.TimeField(_("opens at"), default=datetime.time(9, 0), help_text=_("For example 9:00."))
    closes = models.TimeField(
        _("closes at"), default=datetime.time(18, 0), help_text=_("After the opening time, e.g. 13:00.")
    )

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("opening slot")
        verbose_name_plural = _("opening hours")

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("The closing time must be after the opening time.")})


class CommunityManager(TranslatableMixin, index.Indexed, models.Model):
    """The person who helps residents of one or more districts turn ideas into projects."""

    name = models.CharField(
        _("name"), max_length=120, help_text=_("First name and surname, as residents will read them.")
    )
    role = models.CharField(
        _("role"),
        max_length=120,
        default="Community Manager",
        help_text=_("As residents should read it, e.g. “Community Manager for Mirafiori Sud”."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A friendly portrait, at least 400 × 400 pixels."),
    )
    bio = models.TextField(
        _("short biography"),
        blank=True,
        help_text=_("How this person can help residents, in a few sentences."),
    )
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        help_text=_(
            "Shown on the district pages. The proposals of the district's form arrive here too, "
            "unless the form names another address."
        ),
    )
    phone = models.CharField(
        _("phone"),
        max_length=30,
        blank=True,
        help_text=_("A work number residents may call; shown on the district pages."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone")], heading=_("Contacts")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]
    # Facts, never overridden in a translation (see NeighbourhoodHouse); the e-mail receives the
    # proposals of every form of the manager's districts that has no address of its own.
    override_translatable_fields = [
        SynchronizedField("name", overridable=False),
        SynchronizedField("photo", overridable=False),
        SynchronizedField("phone", overridable=False),
        SynchronizedField("email", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Community Manager")
        verbose_name_plural = _("Community Managers")
        ordering = ["name"]

    def __str__(self):
        return self.name


class DistrictPage(DistrictFeedsMixin, AppPreviewMixin, CachedViewRestrictionsMixin, FoldedSearchMixin, Page):
    """One of the neighbourhoods: its house, its Community Manager, what happens there."""

    intro = models.TextField(
        _("introduction"),
        max_length=600,
        help_text=_("A short portrait of the district, shown at the top and in listings."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("Optional extra content at the end of the page: history, projects, photos."),
    )
    population = models.PositiveIntegerField(
        _("inhabitants"),
        null=True,
        blank=True,
        help_text=_("Approximate number of residents, e.g. 35000."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A wide picture of the district, at least 1200 pixels wide."),
    )
    house = models.ForeignKey(
        NeighbourhoodHouse,
        verbose_name=_("neighbourhood house"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The Casa del Quartiere of this district."),
    )
    manager = models.ForeignKey(
        CommunityManager,
        verbose_name=_("Community Manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The person residents contact to take part."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("population"),
        MultiFieldPanel(
            [FieldPanel("house"), FieldPanel("manager")], heading=_("House and Community Manager")
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=1.5),
        index.SearchField("body"),
        index.RelatedFields("house", [index.SearchField("name"), index.SearchField("street_address")]),
        *FOLDED_SEARCH_FIELDS,
    ]
    api_fields = [
        APIField("intro"),
        APIField("population"),
        APIField("hero_image"),
        APIField("body"),
        APIField("house_data"),
        APIField("manager_data"),
    ]
    # The OpenAPI schemas of the API fields that are properties (portal/api/openapi/fields.py).
    api_field_schemas = {
        "house_data": {
            "type": "object",
            "nullable": True,
            "description": "The district's Casa del Quartiere, in the page's language.",
            "properties": {
                "id": {"type": "integer"},
                "name": {"type": "string"},
                "address": {"type": "string"},
                "latitude": {"type": "number", "nullable": True},
                "longitude": {"type": "number", "nullable": True},
                "opening_hours": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "weekday": {"type": "string", "enum": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]},
                            "opens": {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"},
                            "closes": {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"},
                        },
                        "required": ["weekday", "opens", "closes"],
                        "additionalProperties": False,
                    },
                },
                "opening_notes": {"type": "string"},
                "phone": {"type": "string"},
                "email": {"type": "string"},
                "website": {"type": "string"},
                "step_free": {"type": "boolean"},
                "accessibility_notes": {"type": "string"},
                "closures": {
                    "type": "array",
                    "description": (
                        "When the house is closed: the closure under way, if any, then the next "
                        "three within a year, public holidays included. The dates held at the "
                        "house in those periods are cancelled with the same reason."
                    ),
                    "items": {
                        "type": "object",
                        "properties": {
                            "start": {"type": "string", "format": "date-time"},
                            "end": {
                                "type": "string",
                                "format": "date-time",
                                "description": "The moment it opens again (excluded).",
                            },
                            "reason": {"type": "string", "description": "In the page's language."},
                        },
                        "required": ["start", "end", "reason"],
                        "additionalProperties": False,
                    },
                },
            },
            "required": [
                "id",
                "name",
                "address",
                "latitude",
                "longitude",
                "opening_hours",
                "opening_notes",
                "phone",
                "email",
                "website",
                "step_free",
                "accessibility_notes",
                "closures",
            ],
            "additionalProperties": False,
        },
        "manager_data": {
            "type": "object",
            "nullable": True,
            "description": "The district's Community Manager; `photo` is a 400×400 picture (absolute URL).",
            "properties": {
                "id": {"type": "integer"},
                "name": {"type": "string"},
                "role": {"type": "string"},
                "bio": {"type": "string"},
                "email": {"type": "string"},
                "phone": {"type": "string"},
                "photo": {"allOf": [{"$ref": "#/components/schemas/Rendition"}], "nullable": True},
            },
            "required": ["id", "name", "role", "bio", "email", "phone", "photo"],
            "additionalProperties": False,
        },
    }
    # The house and the manager are the same in every language, never overridden in a
    # translation: the manager's e-mail receives the district's proposals.
    override_translatable_fields = [
        SynchronizedField("population"),
        SynchronizedField("hero_image"),
        SynchronizedField("house", overridable=False),
        SynchronizedField("manager", overridable=False),
    ]

    # Districts are the top sections of a locale's home page.
    parent_page_types = ["home.HomePage"]
    # A district holds its initiatives, its own events, its "What's on" page, its news and the
    # form where residents propose ideas.
    subpage_types = [
        "initiatives.InitiativePage",
        "initiatives.EventPage",
        "initiatives.CalendarPage",
        "districts.NewsIndexPage",
        "districts.ProposalFormPage",
    ]

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    # Cached per instance, so the API can prepare them for a whole listing (districts/api.py).
    @cached_property
    def localized_house(self):
        directory = get_directory()
        return directory.houses.localized(self.house_id, directory.active_locale().pk)

    @cached_property
    def localized_manager(self):
        directory = get_directory()
        return directory.managers.localized(self.manager_id, directory.active_locale().pk)

    @property
    def house_data(self):
        house = self.localized_house
        if house is None:
            return None
        return {
            "id": house.pk,
            "name": house.name,
            "address": house.full_address,
            "latitude": float(house.latitude) if house.latitude is not None else None,
            "longitude": float(house.longitude) if house.longitude is not None else None,
            "opening_hours": house.opening_hours_data(),
            "opening_notes": house.opening_notes,
            "phone": house.phone,
            "email": house.email,
            "website": house.website,
            "step_free": house.step_free,
            "accessibility_notes": house.accessibility_notes,
            "closures": house.closures_data(),
        }

    @property
    def manager_data(self):
        manager = self.localized_manager
        if manager is None:
            return None
        photo = None
        if manager.photo_id:
            # Absolute, as every image URL of the API: on the request's host when the API
            # prepared this page (districts/api.py), else on PORTAL_BASE_URL.
            request = self.__dict__.get("api_request")
            if request is not None:
                from portal.core.api.serializers import rendition_data  # needs the models loaded

                photo = rendition_data(manager.photo, "fill-400x400", request)
            else:
                rendition = manager.photo.get_rendition("fill-400x400")
                photo = {
                    "url": absolute_url(rendition.url),
                    "width": rendition.width,
                    "height": rendition.height,
                }
        return {
            "id": manager.pk,
            "name": manager.name,
            "role": manager.role,
            "bio": manager.bio,
            "email": manager.email,
            "phone": manager.phone,
            "photo": photo,
        }

    def prepare_from_directory(self, directory):
        """Take the house and the manager in this page's language from the cached directory
        (portal/core/directory.py) rather than two queries each."""
        if "localized_house" not in self.__dict__:
            self.localized_house = directory.houses.localized(self.house_id, self.locale_id)
        if "localized_manager" not in self.__dict__:
            self.localized_manager = directory.managers.localized(self.manager_id, self.locale_id)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.prepare_from_directory(get_directory(request))
        context["house"] = self.localized_house
        context["manager"] = self.localized_manager
        # Read only if the page's body is rendered, not when it is kept ({% fragment %}).
        context["upcoming"] = LazyRows(lambda: upcoming_occurrences(self, limit=8, request=request))

        def listings():
            # Published content only, so kept until the next change (no query when warm).
            return {
                "initiatives": list(district_initiatives(self, request=request)),
                "resident_ideas": self.resident_ideas(request=request),
                "proposal_form": self.proposal_form(request=request),
                "latest_news": list(latest_news(NewsPage, self, limit=3, request=request)),
                "news_index": without_restricted(
                    NewsIndexPage.objects.child_of(self).live(), request
                ).first(),
            }

        context.update(cached_by_version(request, "districts:district-listings", listings, self.pk))
        return context

    def proposal_form(self, request=None):
        """This district's form for residents' proposals, if it has a live one."""
        # Imported when called: the proposal models need the district page (proposals.py imports
        # this module at its top), so this module, loaded first, cannot import them back at its
        # top. Two models of one app that refer to each other; Django loads them as one package.
        from .proposals import ProposalFormPage

        return without_restricted(ProposalFormPage.objects.child_of(self).live(), request).first()

    def resident_ideas(self, request=None):
        """Initiatives of this district that began as residents' proposals whose authors agreed
        to have them shown. Only the initiative pages: nothing about the people who proposed.

        Each initiative is shown in this page's language, or in the default one if it has no
        copy here yet. Three queries.
        """
        from .proposals import Proposal  # imported when called, as in `proposal_form`

        copies = DistrictPage.objects.filter(translation_key=self.translation_key)
        keys = set(
            Proposal.objects.shown_on_district_pages()
            .in_subtrees(copies)
            .values_list("initiative__translation_key", flat=True)
        )
        if not keys:
            return []
        default_locale_id = get_directory(request).default_locale_id
        pages = without_restricted(
            InitiativePage.objects.live()
            .filter(translation_key__in=keys, locale__in=[self.locale_id, default_locale_id])
            .select_related("image", "category"),
            request,
        )
        chosen = Translated(pages, default_locale_id).in_locale(self.locale_id)
        return sorted(chosen, key=lambda page: page.title.lower())
