"""News: what a house or the portal tells residents (“enrolment opens Monday”, “volunteers
wanted”), and the index pages that list them, newest first, with their RSS and Atom feeds.

A district keeps its news in its own index page (`/<lang>/<district>/news/`); the portal's
index, under the home page, lists every district's news and the portal-wide ones. The listing,
its filters and the feeds are in districts/news.py.
"""

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page import models as routable
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from initiatives.district_pages import district_pages
from initiatives.models.pages import ActivityPage
from portal.core.absolute_urls import page_url
from portal.core.blocks import BodyBlock
from portal.core.directory import get_directory
from portal.core.page_cache import cached_by_version
from portal.core.preview import AppPreviewMixin
from portal.core.routable import RoutesMixin
from portal.core.search.indexing import FOLDED_SEARCH_FIELDS, FoldedSearchMixin, names_in_locale
from portal.core.visibility import CachedViewRestrictionsMixin

from ..news import NewsAtomFeed, NewsRSSFeed, news_index_context, related_cards

NEWS_PER_PAGE = 12


class NewsIndexPage(RoutesMixin, AppPreviewMixin, CachedViewRestrictionsMixin, Page):
    """The news of one district (under its page) or of the whole portal (under the home page)."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=500,
        help_text=_("A sentence above the news, e.g. “Openings, closures and calls from the house”."),
    )
    per_page = models.PositiveSmallIntegerField(
        _("news per page"), default=NEWS_PER_PAGE, help_text=_("How many news items one page lists.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    settings_panels = Page.settings_panels + [FieldPanel("per_page")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    override_translatable_fields = [SynchronizedField("per_page")]

    # The portal's news under the home page, or one district's under that district.
    parent_page_types = ["home.HomePage", "districts.DistrictPage"]
    # It holds the news items and nothing else.
    subpage_types = ["districts.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    @cached_property
    def district(self):
        """The district whose news this is; None for the portal's index."""
        return get_directory().districts.above(self)

    @staticmethod
    def news_model():
        """The page type this index lists (districts/news.py reads it from here)."""
        return NewsPage

    def get_cached_paths(self):
        """The page and its feeds, for a frontend cache purge (portal/core/frontend_purge.py)."""
        return ["/", "feed.xml", "atom.xml"]

    # A fresh feed object per request, because the feed keeps the request on itself.
    @routable.path("feed.xml/", name="news_rss")
    def news_rss(self, request):
        return NewsRSSFeed()(request, index=self)

    @routable.path("atom.xml/", name="news_atom")
    def news_atom(self, request):
        return NewsAtomFeed()(request, index=self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(news_index_context(request, self))
        return context


class NewsPage(AppPreviewMixin, CachedViewRestrictionsMixin, FoldedSearchMixin, Page):
    """One news item: an opening, a change of hours, a call for volunteers."""

    date = models.DateField(
        _("date"),
        default=timezone.localdate,  # today in Turin (TIME_ZONE)
        help_text=_("The date residents read above the news; newest first in the lists. Today by default."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two plain sentences shown in listings, feeds and search results."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("text"),
        help_text=_("The whole news: what, when, who to ask."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A picture for the news, at least 1200 pixels wide."),
    )
    category = models.ForeignKey(
        "initiatives.Category",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The kind of activity the news is about, if any; residents can filter by it."),
    )
    audiences = ParentalManyToManyField(
        "initiatives.Audience",
        verbose_name=_("for whom"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty if it concerns everyone."),
    )
    related_pages = StreamField(
        [
            (
                "page",
                blocks.PageChooserBlock(
                    page_type=["initiatives.InitiativePage", "initiatives.EventPage"],
                    label=_("Initiative or event"),
                ),
            )
        ],
        blank=True,
        verbose_name=_("about these initiatives and events"),
        help_text=_("Optional: the initiatives and events the news is about, shown as cards below it."),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("audiences", widget=forms.CheckboxSelectMultiple), FieldPanel("related_pages")],
            heading=_("For whom and about what"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=1.5),
        index.SearchField("body"),
        index.SearchField("search_taxonomy"),
        index.FilterField("date"),
        index.FilterField("category"),
        *FOLDED_SEARCH_FIELDS,
    ]
    api_fields = [
        APIField("date"),
        APIField("summary"),
        APIField("body"),
        APIField("image"),
        APIField("category_data"),
        APIField("audience_data"),
        APIField("related_data"),
    ]
    # The OpenAPI schemas of the API fields that are properties (portal/api/openapi/fields.py).
    api_field_schemas = {
        # The same as an initiative's or an event's, so that an app reads them alike.
        "category_data": ActivityPage.api_field_schemas["category_data"],
        "audience_data": ActivityPage.api_field_schemas["audience_data"],
        "related_data": {
            "type": "array",
            "description": "The public initiatives and events the news is about, in the page's "
            "language where translated.",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "type": {
                        "type": "string",
                        "enum": ["initiatives.InitiativePage", "initiatives.EventPage"],
                    },
                    "title": {"type": "string"},
                    "html_url": {"type": "string", "nullable": True},
                },
                "required": ["id", "type", "title", "html_url"],
                "additionalProperties": False,
            },
        },
    }
    # The date, picture, taxonomy and linked pages are facts, the same in every language; the
    # links point at the Italian pages and are shown in the reader's language (`related_cards`).
    override_translatable_fields = [
        SynchronizedField("date"),
        SynchronizedField("image"),
        SynchronizedField("category"),
        SynchronizedField("audiences"),
        SynchronizedField("related_pages", overridable=False),
    ]

    # A news item lives in a news index, the district's or the portal's.
    parent_page_types = ["districts.NewsIndexPage"]
    # A news item is a leaf.
    subpage_types = []

    class Meta:
        verbose_name = _("news")
        verbose_name_plural = _("news")

    def search_taxonomy(self):
        """The words of its category and audiences in the page's language, for search."""
        return names_in_locale([self.category, *self.audiences.all()], self.locale_id).strip()

    @cached_property
    def district(self):
        """The district this news belongs to, in the same locale; None for portal-wide news."""
        return district_pages().ancestor_of(self).live().first()

    @cached_property
    def localized_category(self):
        directory = get_directory()
        return directory.categories.localized(self.category_id, self.locale_id)

    @cached_property
    def localized_audience_list(self):
        directory = get_directory()
        return [directory.audiences.localized(audience, self.locale_id) for audience in self.audiences.all()]

    @cached_property
    def related(self):
        """The public pages the news is about, in the page's language where translated."""
        return related_cards(self)

    @property
    def category_data(self):
        category = self.localized_category
        return {"id": category.pk, "slug": category.slug, "name": category.name} if category else None

    @property
    def audience_data(self):
        return [{"slug": a.slug, "name": a.name} for a in self.localized_audience_list]

    @property
    def related_data(self):
        return [
            {
                "id": page.pk,
                "type": f"{page._meta.app_label}.{page.__class__.__name__}",
                "title": page.title,
                "html_url": page_url(page, self.__dict__.get("api_request")),
            }
            for page in self.related
        ]

    def news_index(self, request=None):
        """The index this news item is listed in, kept until the content changes."""
        if self.pk is None or getattr(request, "is_preview", False):
            return self.get_parent().specific
        parent_path = self.path[: -self.steplen]
        return cached_by_version(
            request, "districts:news-index", lambda: NewsIndexPage.objects.get(path=parent_path), self.pk
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        directory = get_directory(request)
        self.district = directory.districts.above(self)
        context["district"] = self.district
        context["category"] = self.localized_category
        context["news_index"] = self.news_index(request)
        # Read only if the page's body is rendered, not when it is kept ({% fragment %}).
        context["audiences"] = SimpleLazyObject(lambda: self.localized_audience_list)
        context["related"] = SimpleLazyObject(lambda: related_cards(self, request))
        return context
