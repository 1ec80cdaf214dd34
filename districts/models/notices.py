"""Notices: short, dated messages to residents ("the desk is closed today") with a validity
window, a level and a scope (the portal, a district, a house or an initiative). Where they show,
and how a cached page forgets them when their window ends, is districts/notices.py."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from initiatives.models import InitiativePage

from .district import DistrictPage, NeighbourhoodHouse

# The longest a notice may stay up: a notice is news of the moment, a house's regular hours
# are on its card.
MAX_NOTICE_DAYS = 366


class Notice(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    index.Indexed,
    models.Model,
):
    """A short message shown from `starts` until `ends`, where its scope says."""

    class Level(models.TextChoices):
        INFORMATION = "information", _("Information")
        IMPORTANT = "important", _("Important")
        URGENT = "urgent", _("Urgent")

    class Scope(models.TextChoices):
        PORTAL = "portal", _("The whole portal")
        DISTRICT = "district", _("A district")
        HOUSE = "house", _("A neighbourhood house")
        INITIATIVE = "initiative", _("An initiative")

    title = models.CharField(
        _("title"),
        max_length=120,
        help_text=_("What residents must know, in a few words, e.g. “The counselling desk is closed today”."),
    )
    text = models.TextField(
        _("text"),
        max_length=600,
        blank=True,
        help_text=_("Optional: a sentence or two more, e.g. what to do instead and whom to call."),
    )
    level = models.CharField(
        _("level"),
        max_length=12,
        choices=Level.choices,
        default=Level.INFORMATION,
        help_text=_(
            "Urgent: a banner on the home page and on every page of the district. Important and "
            "information: on the district page, the house's card or the initiative's page."
        ),
    )
    starts = models.DateTimeField(
        _("shown from"), help_text=_("When the notice appears, Italian time, e.g. today at 8:00.")
    )
    ends = models.DateTimeField(
        _("shown until"),
        help_text=_("When it disappears by itself, Italian time; nobody needs to take it down."),
    )
    scope = models.CharField(
        _("where it shows"),
        max_length=12,
        choices=Scope.choices,
        default=Scope.DISTRICT,
        help_text=_(
            "Then choose the district, house or initiative below; the whole portal is for administrators."
        ),
    )
    district = models.ForeignKey(
        DistrictPage,
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Only when it shows in a district."),
    )
    house = models.ForeignKey(
        NeighbourhoodHouse,
        verbose_name=_("neighbourhood house"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Only when it concerns a house: shown on its card."),
    )
    initiative = models.ForeignKey(
        InitiativePage,
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Only when it concerns one initiative: shown on its page and its events."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("level"),
        FieldRowPanel([FieldPanel("starts"), FieldPanel("ends")], heading=_("When it shows")),
        MultiFieldPanel(
            [FieldPanel("scope"), FieldPanel("district"), FieldPanel("house"), FieldPanel("initiative")],
            heading=_("Where it shows"),
        ),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("locale_id"),
        index.FilterField("level"),
    ]
    # Words are translated; the level, the window and the scope are the source's, everywhere.
    override_translatable_fields = [
        SynchronizedField("level", overridable=False),
        SynchronizedField("starts", overridable=False),
        SynchronizedField("ends", overridable=False),
        SynchronizedField("scope", overridable=False),
        SynchronizedField("district", overridable=False),
        SynchronizedField("house", overridable=False),
        SynchronizedField("initiative", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-starts"]

    def __str__(self):
        return self.title

    SCOPE_FIELDS = {Scope.DISTRICT: "district", Scope.HOUSE: "house", Scope.INITIATIVE: "initiative"}

    def clean(self):
        super().clean()
        errors = {}
        if self.starts and self.ends:
            if self.ends <= self.starts:
                errors["ends"] = _("The end must be after the start.")
            elif (self.ends - self.starts).days > MAX_NOTICE_DAYS:
                errors["ends"] = _("A notice shows for one year at most.")
        wanted = self.SCOPE_FIELDS.get(self.scope)
        for name in self.SCOPE_FIELDS.values():
            chosen = getattr(self, f"{name}_id") is not None
            if name == wanted and not chosen:
                errors[name] = _("Choose where the notice shows.")
            elif name != wanted and chosen:
                errors[name] = _("Leave this empty, or choose the matching “where it shows”.")
        if errors:
            raise ValidationError(errors)

    def scope_district(self):
        """The district page the notice belongs to (for its workflow and who may edit it): the
        chosen district, the district of the chosen house or of the chosen initiative; None for
        the whole portal."""
        if self.scope == self.Scope.DISTRICT:
            return self.district
        if self.scope == self.Scope.HOUSE and self.house_id:
            keys = NeighbourhoodHouse.objects.filter(translation_key=self.house.translation_key).values("pk")
            return DistrictPage.objects.filter(house__in=keys).order_by("path").first()
        if self.scope == self.Scope.INITIATIVE and self.initiative_id:
            return DistrictPage.objects.ancestor_of(self.initiative).first()
        return None

    def get_workflow(self):
        """The moderation workflow of the notice's district (districts/editorial.py: its
        Community Managers approve), as for the district's pages; none for the whole portal,
        which only administrators publish. Wagtail gives a snippet its model's workflow
        (WorkflowMixin.get_default_workflow); a notice follows its district instead."""
        district = self.scope_district()
        return district.get_workflow() if district is not None else None
