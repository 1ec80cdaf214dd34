"""Feeds: iCalendar per event, per district and portal-wide; RSS and Atom of new pages.

Each feed is a route of the page it describes (Wagtail's `RoutablePageMixin`, through
`portal.core.routable.RoutesMixin`): `calendar.ics`, `feed.xml` and `atom.xml` below the home
page (the whole portal) and below a district (`PortalFeedsMixin`, `DistrictFeedsMixin`), and
`calendar.ics` below an event and an initiative (`EventPage.calendar_ics`,
`InitiativePage.calendar_ics`, initiatives/ical.py). Wagtail's serve
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
from django.db.models import Max, prefetch_related_objects
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.contrib.routable_page import models as routable
from wagtail.models import Page

from portal.core.absolute_urls import absolute_url, page_url
from portal.core.directory import get_directory, reader_locale
from portal.core.page_cache import valid_until
from portal.core.routable import RoutesMixin
from portal.core.visibility import public_occurrences, without_restricted

from .ical import calendar_for_pages, calendar_name, calendar_response
from .models import EventPage, InitiativePage, Occurrence
from .models.occurrence import cancelled_rows
from .queries import pages_for_keys

FEED_FILES = ("calendar.ics", "feed.xml", "atom.xml")
FEED_PAST = datetime.timedelta(days=30)
FEED_ITEMS = 30


def pages_in_scope(district, locale, request=None):
    """Live public events and initiatives with a date from 30 days ago onwards, in the reader's
    locale: events by first start, then initiatives by title. Three queries however many."""
    rows = Occurrence.objects.filter(end__gt=timezone.now() - FEED_PAST)
    rows = public_occurrences(rows, request)
    if district is not None:
        rows = rows.filter(district_key=district.translation_key)
    per_page = rows.values_list("translation_key", "kind").annotate(last=Max("end")).order_by()
    last_ends = {(key, kind): last for key, kind, last in per_page}
    if last_ends:
        # The feed changes when the page that ended first passes FEED_PAST (portal/core/page_cache.py).
        valid_until(min(last_ends.values()) + FEED_PAST)
    keys = {kind: {key for key, of_kind in last_ends if of_kind == kind} for kind in Occurrence.Kind}
    events = pages_for_keys(keys[Occurrence.Kind.EVENT], locale, EventPage)
    initiatives = pages_for_keys(keys[Occurrence.Kind.OPENING], locale, InitiativePage)
    return [
        *sorted(events.values(), key=lambda page: (page.start, page.pk)),
        *sorted(initiatives.values(), key=lambda page: (page.title, page.pk)),
    ]


def prepare_for_calendar(pages, request=None):
    """What a calendar file reads of each page, for all of them at once: the event's own changes
    and the audiences (a query per kind), the dates closures cancel (one query), the district,
    house and category from the cached directory."""
    events = [page for page in pages if isinstance(page, EventPage)]
    prefetch_related_objects(events, "occurrence_changes", "audiences")
    prefetch_related_objects([page for page in pages if not isinstance(page, EventPage)], "audiences")
    cancelled_rows(pages)
    directory = get_directory(request)
    for page in pages:
        page.prepare_from_directory(directory)


def scope_calendar(request, district):
    """The events and initiatives of `district` (None: of the whole portal) as an iCalendar file."""
    locale = reader_locale(request)
    pages = pages_in_scope(district, locale, request)
    prepare_for_calendar(pages, request)
    name = calendar_name(district.title if district else None)
    cal = calendar_for_pages(name, pages, request)
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
