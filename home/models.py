"""The home page of each locale."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from districts.models import DistrictPage, NewsIndexPage, NewsPage
from districts.news import latest_news
from initiatives.feeds import PortalFeedsMixin
from initiatives.models.occurrence import LazyRows
from initiatives.queries import recent_initiatives, upcoming_occurrences
from portal.core.blocks import BodyBlock
from portal.core.page_cache import cached_by_version
from portal.core.preview import AppPreviewMixin
from portal.core.visibility import CachedViewRestrictionsMixin, without_restricted


# The portal-wide calendar and news feeds (`calendar.ics`, `feed.xml`, `atom.xml`) are routes of
# the home page; what they list is decided in initiatives/feeds.py.
class HomePage(PortalFeedsMixin, AppPreviewMixin, CachedViewRestrictionsMixin, Page):
    intro = models.TextField(
        _("welcome text"),
        blank=True,
        max_length=500,
        help_text=_("Two or three sentences that greet residents and say what the portal offers."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("Optional extra content shown below the districts and events."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("body")]

    # The home page sits at the root of each locale's tree.
    parent_page_types = ["wagtailcore.Page"]
    # Districts, the portal-wide calendar and the portal's news live directly under the home page.
    subpage_types = ["districts.DistrictPage", "initiatives.CalendarPage", "districts.NewsIndexPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        districts = without_restricted(DistrictPage.objects.child_of(self).live(), request)
        context["districts"] = districts.select_related("hero_image")
        # Read only if the page's body is rendered, not when it is kept ({% fragment %}).
        context["upcoming"] = LazyRows(lambda: upcoming_occurrences(self, limit=8, request=request))
        context["recent_initiatives"] = recent_initiatives(self, limit=6, request=request)
        context["latest_news"] = latest_news(NewsPage, self, limit=4, request=request)
        context["news_index"] = cached_by_version(
            request,
            "home:news-index",
            lambda: without_restricted(NewsIndexPage.objects.child_of(self).live(), request).first(),
            self.pk,
        )
        return context
