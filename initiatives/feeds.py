"""Feed views: iCalendar per event, per district and portal-wide; RSS and Atom of new pages."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from .ical import calendar_for_events, calendar_name, calendar_response, event_components, new_calendar
from .models import EventPage, InitiativePage, Occurrence
from .queries import current_locale, pages_for_keys

FEED_PAST = datetime.timedelta(days=30)
FEED_ITEMS = 30


def locale_root(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site.root_page.localized.specific


def resolve_page(request, page_path):
    """The live page at `page_path` below the reader's home page, or 404."""
    root = locale_root(request)
    components = [part for part in page_path.split("/") if part]
    page, _args, _kwargs = root.route(request, components)
    return page.specific


def scope_of(page):
    """(district or None) for a scope page: the home page means the whole portal."""
    from districts.models import DistrictPage
    from home.models import HomePage

    if isinstance(page, DistrictPage):
        return page
    if isinstance(page, HomePage):
        return None
    raise Http404


def events_in_scope(district, locale):
    """Live events with an occurrence from 30 days ago onwards, in the reader's locale."""
    rows = Occurrence.objects.filter(kind=Occurrence.Kind.EVENT, end__gt=timezone.now() - FEED_PAST)
    if district is not None:
        rows = rows.filter(district_key=district.translation_key)
    keys = set(rows.values_list("translation_key", flat=True).distinct())
    pages = pages_for_keys(keys, locale, EventPage)
    return sorted(pages.values(), key=lambda page: (page.start, page.pk))


def scope_calendar(request, scope_page):
    district = scope_of(scope_page)
    locale = current_locale()
    pages = events_in_scope(district, locale)
    name = calendar_name(district.title if district else None)
    cal = calendar_for_events(name, pages, request)
    slug = district.slug if district else "quartieri"
    return calendar_response(cal, f"{slug}.ics")


def portal_ics(request):
    return scope_calendar(request, locale_root(request))


def page_ics(request, page_path):
    page = resolve_page(request, page_path)
    if isinstance(page, EventPage):
        if not page.live:
            raise Http404
        cal = new_calendar(page.title, request)
        for component in event_components(page, request):
            cal.add_component(component)
        return calendar_response(cal, f"{page.slug}.ics")
    return scope_calendar(request, page)


class NewPagesFeed(Feed):
    """Newly published initiatives and events of the portal or of one district."""

    def get_object(self, request, page_path=""):
        self.request = request
        page = resolve_page(request, page_path) if page_path else locale_root(request)
        self.scope_page = page
        self.district = scope_of(page)
        return page

    def title(self, obj):
        return calendar_name(self.district.title if self.district else None)

    def link(self, obj):
        return obj.get_url(self.request) or "/"

    def description(self, obj):
        if self.district:
            return _("New initiatives and events in %(district)s.") % {"district": self.district.title}
        return _("New initiatives and events in the neighbourhoods of Turin.")

    def items(self, obj):
        base = Page.objects.live().public().filter(locale=obj.locale).descendant_of(obj)
        return (
            base.type(EventPage, InitiativePage)
            .exclude(first_published_at__isnull=True)
            .order_by("-first_published_at")
            .specific()[:FEED_ITEMS]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return getattr(item, "summary", "") or item.search_description

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_guid(self, item):
        return f"urn:uuid:{item.translation_key}"

    item_guid_is_permalink = False

    def item_categories(self, item):
        category = getattr(item, "localized_category", None)
        return [category.name] if category else []


class NewPagesAtomFeed(NewPagesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


def rss_view(request, page_path=""):
    """A fresh feed object per request, because the feed keeps the request on itself."""
    return NewPagesFeed()(request, page_path=page_path)


def atom_view(request, page_path=""):
    return NewPagesAtomFeed()(request, page_path=page_path)
