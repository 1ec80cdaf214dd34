"""Feeds: iCalendar per event, per district and portal-wide; RSS and Atom of new pages.

Each feed is a route of the page it describes (Wagtail's `RoutablePageMixin`, through
`portal.core.routable.RoutesMixin`): `calendar.ics`, `feed.xml` and `atom.xml` below the home
page (the whole portal) and below a district (`PortalFeedsMixin`, `DistrictFeedsMixin`), and
`calendar.ics` below an event (`EventPage.calendar_ics`, initiatives/ical.py). Wagtail's serve
view answers for them as for their page, routed by `portal.core.routing`: a page that is not
live, or has no such feed, is a 404; a visitor who has not passed the page's view restriction
gets the password form or the login redirect, and comes back to the feed once past it.
`FEED_FILES` names the files, for the URL pattern that admits them (portal/urls.py: Wagtail's
own takes only `slug/` components).

Feeds list what the public may see (portal/core/visibility.py), whoever asks: calendar apps and
feed readers share one copy.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import Max
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.contrib.routable_page import models as routable
from wagtail.models import Page

from portal.core.absolute_urls import absolute_url, page_url
from portal.core.directory import reader_locale
from portal.core.page_cache import valid_until
from portal.core.routable import RoutesMixin
from portal.core.visibility import public_occurrences, without_restricted

from .ical import calendar_for_events, calendar_name, calendar_response
from .models import EventPage, InitiativePage, Occurrence
from .models.occurrence import cancelled_rows
from .queries import pages_for_keys

FEED_FILES = ("calendar.ics", "feed.xml", "atom.xml")
FEED_PAST = datetime.timedelta(days=30)
FEED_ITEMS = 30


def events_in_scope(district, locale, request=None):
    """Live public events with an occurrence from 30 days ago onwards, in the reader's locale."""
    rows = Occurrence.objects.filter(kind=Occurrence.Kind.EVENT, end__gt=timezone.now() - FEED_PAST)
    rows = public_occurrences(rows, request)
    if district is not None:
        rows = rows.filter(district_key=district.translation_key)
    last_ends = dict(rows.values_list("translation_key").annotate(last=Max("end")).order_by())
    keys = set(last_ends)
    if last_ends:
        # The feed changes when the event that ended first passes FEED_PAST (portal/core/page_cache.py).
        valid_until(min(last_ends.values()) + FEED_PAST)
    pages = pages_for_keys(keys, locale, EventPage)
    return sorted(pages.values(), key=lambda page: (page.start, page.pk))


def scope_calendar(request, district):
    """The events of `district` (None: of the whole portal) as an iCalendar file."""
    locale = reader_locale(request)
    pages = events_in_scope(district, locale, request)
    cancelled_rows(pages)  # the dates closures cancel, for every event in one query
    name = calendar_name(district.title if district else None)
    cal = calendar_for_events(name, pages, request)
    slug = district.slug if district else "quartieri"
    return calendar_response(cal, f"{slug}.ics")


class NewPagesFeed(Feed):
    """Newly published initiatives and events of the portal or of one district."""

    def get_object(self, request, page, district):
        self.request = request
        self.scope_page = page
        self.district = district
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


class PortalFeedsMixin(RoutesMixin):
    """The feeds of a page that stands for a scope: `calendar.ics` (its events), `feed.xml` and
    `atom.xml` (its new initiatives and events) below its address. On the home page they cover
    the whole portal."""

    def feed_district(self):
        """The district the feeds cover, None for the whole portal."""
        return None

    def get_cached_paths(self):
        """The page and its feeds, for a frontend cache purge (portal/core/frontend_purge.py)."""
        return ["/", *FEED_FILES]

    @routable.path("calendar.ics/", name="calendar_ics")
    def calendar_ics(self, request):
        return scope_calendar(request, self.feed_district())

    # A fresh feed object per request, because the feed keeps the request on itself.
    @routable.path("feed.xml/", name="rss_feed")
    def rss_feed(self, request):
        return NewPagesFeed()(request, page=self, district=self.feed_district())

    @routable.path("atom.xml/", name="atom_feed")
    def atom_feed(self, request):
        return NewPagesAtomFeed()(request, page=self, district=self.feed_district())


class DistrictFeedsMixin(PortalFeedsMixin):
    """The feeds of a district page: its own events and new pages."""

    def feed_district(self):
        return self
