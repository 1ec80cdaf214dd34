"""“What's on”: the calendar page, portal-wide under the home page or for one district."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from initiatives.calendar import calendar_context
from portal.core.preview import AppPreviewMixin
from portal.core.visibility import CachedViewRestrictionsMixin


class CalendarPage(AppPreviewMixin, CachedViewRestrictionsMixin, Page):
    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=500,
        help_text=_("A sentence above the calendar, e.g. what residents find here."),
    )
    per_page = models.PositiveSmallIntegerField(
        _("occurrences per page"), default=30, help_text=_("How many dates one page lists.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    settings_panels = Page.settings_panels + [FieldPanel("per_page")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    # Portal-wide under the home page, or one district's calendar under that district.
    parent_page_types = ["home.HomePage", "districts.DistrictPage"]
    # The calendar is a leaf: its entries are the events elsewhere in the tree.
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("“What's on” calendar")
        verbose_name_plural = _("“What's on” calendars")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(calendar_context(request, self))
        return context
