"""Feed views: iCalendar per event, per district and portal-wide; RSS and Atom of new pages.

Feeds list what the public may see (home/visibility.py), whoever asks: calendar apps and feed
readers share one copy. A feed's own page (the event, the district, the home page) answers as
Wagtail serves that page: a visitor who has not passed its view restriction gets the password
form or the login redirect, and comes back to the feed once past it.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import Max
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from portal.core.absolute_urls import absolute_url, page_url
from portal.core.directory import reader_locale
from portal.core.page_cache import valid_until
from portal.core.visibility import public_occurrences, serve_like_page, without_restricted

from .ical import calendar_for_events, calendar_name, calendar_response, event_components, new_calendar
from .models import EventPage, InitiativePage, Occurrence
from .queries import pages_for_keys

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


def events_in_scope(district, locale, request=None):
    """Live public events with an occurrence from 30 days ago onwards, in the reader's locale."""
    rows = Occurrence.objects.filter(kind=Occurrence.Kind.EVENT, end__gt=timezone.now() - FEED_PAST)
    rows = public_occurrences(rows, request)
    if district is not None:
        rows = rows.filter(district_key=district.translation_key)
    last_ends = dict(rows.values_list("translation_key").annotate(last=Max("end")).order_by())
    keys = set(last_ends)
    if last_ends:
        # The feed changes when the event that ended first passes FEED_PAST (portal/page_cache.py).
        valid_until(min(last_ends.values()) + FEED_PAST)
    pages = pages_for_keys(keys, locale, EventPage)
    return sorted(pages.values(), key=lambda page: (page.start, page.pk))


def scope_calendar(request, scope_page):
    district = scope_of(scope_page)

    def respond():
        locale = reader_locale(request)
        pages = events_in_scope(district, locale, request)
        name = calendar_name(district.title if district else None)
        cal = calendar_for_events(name, pages, request)
        slug = district.slug if district else "quartieri"
        return calendar_response(cal, f"{slug}.ics")

    return serve_like_page(scope_page, request, respond)


def portal_ics(request):
    return scope_calendar(request, locale_root(request))


def page_ics(request, page_path):
    page = resolve_page(request, page_path)
    if not isinstance(page, EventPage):
        return scope_calendar(request, page)
    if not page.live:
        raise Http404

    def respond():
        cal = new_calendar(page.title, request)
        for component in event_components(page, request):
            cal.add_component(component)
        return calendar_response(cal, f"{page.slug}.ics")

    return serve_like_page(page, request, respond)


class NewPagesFeed(Feed):
    """Newly published initiatives and events of the portal or of one district."""

    def get_object(self, request, page):
        self.request = request
        self.scope_page = page
        self.district = scope_of(page)
        return page

    def title(self, obj):
        return calendar_name(self.district.title if self.district else None)

    # Absolute URLs on the portal's base: Django's Feed would prefix relative ones with the
    # request's Host header.
    def link(self, obj):
        return page_url(obj, self.request) or absolute_url("/")

    def feed_url(self, obj):
        return absolute_url(self.request.path)

    def description(self, obj):
        if self.district:
            return _("New initiatives and events in %(district)s.") % {"district": self.district.title}
        return _("New initiatives and events in the neighbourhoods of Turin.")

    def items(self, obj):
        public = without_restricted(Page.objects.live().filter(locale=obj.locale), self.request)
        base = public.descendant_of(obj)
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
        return page_url(item, self.request)

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


def feed_response(feed_class, request, page_path):
    """A fresh feed object per request, because the feed keeps the request on itself."""
    page = resolve_page(request, page_path) if page_path else locale_root(request)
    scope_of(page)  # a 404 for a page that has no feed, before asking for its password
    return serve_like_page(page, request, lambda: feed_class()(request, page=page))


def rss_view(request, page_path=""):
    return feed_response(NewPagesFeed, request, page_path)


def atom_view(request, page_path=""):
    return feed_response(NewPagesAtomFeed, request, page_path)
