"""Pages are found by url_path in two queries (portal/core/routing.py), by Wagtail's rules.

Every URL of a tree with drafts, a live page under a draft, translations, aliases, a locale with
no home page of its own and a private section is routed here exactly as `Page.route()` routes
it; view restrictions, wagtail.contrib.redirects and the trailing slash behave as in Wagtail.
"""

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction, Site

from portal.core import routable, routing
from portal.core.sites import match_site
from tests.factories import (
    EventPageFactory,
    InitiativePageFactory,
    publish_translation,
    synchronise_locales,
)
from tests.support.queries import CaptureAllQueries

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(site_tree, district):
    """Live and draft pages, a live page below a draft, an English translation, Arabic aliases."""
    initiative = InitiativePageFactory(parent=district, title="Sportello", slug="sportello")
    event = EventPageFactory(parent=initiative, title="Incontro", slug="incontro")
    draft = InitiativePageFactory(parent=district, title="Bozza", slug="bozza", publish=False)
    below_draft = EventPageFactory(parent=draft, title="Sotto la bozza", slug="sotto")
    en_home = publish_translation(site_tree.home, site_tree.en)
    publish_translation(district, site_tree.en)
    synchronise_locales(("it", "ar"))
    Locale.objects.get_or_create(language_code="fr")  # a locale with no pages of its own
    return {
        "district": district,
        "initiative": initiative,
        "event": event,
        "draft": draft,
        "below_draft": below_draft,
        "en_home": en_home,
    }


def described(page, args, kwargs):
    """(page id, args, kwargs), a routable page's view named (bound methods of two copies of
    one page are not equal)."""
    if args and callable(args[0]):
        view, view_args, view_kwargs = args
        args = (view.__name__, view_args, view_kwargs)
    return page.pk, args, kwargs


def wagtail_route(request, path):
    """What Wagtail's own `Page.route_for_request` answers (page id, args), or None."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    try:
        page, args, kwargs = site.root_page.localized.specific.route(request, components)
    except Http404:
        return None
    return described(page, args, kwargs)


def our_route(request, path):
    found = routing.route(request, path)
    if found is None:
        return None
    page, args, kwargs = found
    return described(page, args, kwargs)


def paths_to_try():
    """Every page's path below its locale root and its feeds (routes of the home page, a
    district and an event, initiatives/feeds.py; none on the others), a few paths that match
    nothing, and the root."""
    paths = {"", "nessuna/", "san-salvario/nessuna/", "san-salvario/sportello/incontro/oltre/"}
    for page in Page.objects.filter(depth__gt=2):
        paths.add(page.url_path.split("/", 2)[2])
    for path in list(paths):
        for name in ("calendar.ics", "feed.xml", "atom.xml", "calendar.ics/oltre"):
            paths.add(f"{path}{name}")
    return sorted(paths)


@pytest.mark.parametrize("language", ["it", "en", "ar", "fr", "es"])
def test_every_url_is_routed_as_wagtail_routes_it(tree, language):
    factory = RequestFactory()
    with translation.override(language):
        for path in paths_to_try():
            ours = our_route(factory.get(f"/{language}/{path}"), path)
            theirs = wagtail_route(factory.get(f"/{language}/{path}"), path)
            assert ours == theirs, (language, path)


def test_drafts_are_not_served_but_live_pages_below_them_are(client, tree):
    assert client.get("/it/san-salvario/bozza/").status_code == 404
    assert client.get("/it/san-salvario/bozza/sotto/").status_code == 200
    assert client.get("/it/san-salvario/sportello/incontro/").status_code == 200


def test_a_language_without_a_home_page_shows_the_italian_tree(client, tree):
    # French exists as a locale but has no translation of the home page: as Page.localized says.
    response = client.get("/fr/san-salvario/sportello/")
    assert response.status_code == 200
    assert response.context["page"].pk == tree["initiative"].pk


def test_a_new_translation_of_the_home_page_is_routed_at_once(client, site_tree, tree):
    assert client.get("/fr/").context["page"].pk == site_tree.home.pk
    fr_home = publish_translation(site_tree.home, Locale.objects.get(language_code="fr"))
    assert client.get("/fr/").context["page"].pk == fr_home.pk


def test_the_page_knows_its_parent_without_a_query(tree):
    request = RequestFactory().get("/it/san-salvario/sportello/incontro/")
    with translation.override("it"):
        page, _args, _kwargs = routing.route(request, "san-salvario/sportello/incontro/")
    with CaptureAllQueries() as queries:
        parent = page.get_parent()
    assert parent.pk == tree["initiative"].pk
    assert len(queries) == 0


def test_a_page_is_routed_in_two_queries_however_deep(tree):
    from portal.core.page_cache import request_version

    url = "/ar/san-salvario/sportello/incontro/"
    with translation.override("ar"):
        routing.route(RequestFactory().get(url), "")  # the site data, once per content version
        request = RequestFactory().get(url)
        request_version(request)  # read once per request by the page cache's middleware
        with CaptureAllQueries() as queries:
            page, _args, _kwargs = routing.route(request, "san-salvario/sportello/incontro/")
    assert page.alias_of_id == tree["event"].pk
    assert len(queries) == 2


def test_private_pages_still_ask_for_a_login_or_a_password(client, tree):
    PageViewRestriction.objects.create(page=tree["initiative"], restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/it/san-salvario/sportello/incontro/")
    assert response.status_code == 302
    assert "/_util/login/" in response["Location"]

    restriction = PageViewRestriction.objects.get(page=tree["initiative"])
    restriction.restriction_type = PageViewRestriction.PASSWORD
    restriction.password = "quartiere"
    restriction.save()
    response = client.get("/it/san-salvario/sportello/")
    assert response.status_code == 200
    assert b'name="password"' in response.content
    assert client.get("/it/san-salvario/").status_code == 200


def test_a_missing_page_can_be_redirected(client, tree):
    from wagtail.contrib.redirects.models import Redirect

    Redirect.objects.create(old_path="/it/san-salvario/vecchio-sportello", redirect_page=tree["initiative"])
    response = client.get("/it/san-salvario/vecchio-sportello/")
    assert response.status_code == 301
    assert response["Location"].endswith("/it/san-salvario/sportello/")
    assert client.get("/it/san-salvario/nessuno/").status_code == 404


def test_an_address_without_its_trailing_slash_is_redirected(client, tree):
    response = client.get("/it/san-salvario/sportello")
    assert response.status_code == 301
    assert response["Location"] == "/it/san-salvario/sportello/"


def test_wagtail_utility_urls_are_not_taken_for_pages(client, tree):
    assert client.get("/it/_util/login/").status_code == 200


@pytest.mark.parametrize(
    "hostname, port, expected",
    [
        ("localhost", 80, "main"),
        ("localhost", 8000, "main"),
        ("altro.example", 80, "altro"),
        ("altro.example", 8080, "altro-8080"),
        ("altro.example", 9999, "main"),  # two hostname matches on other ports: the default site
        ("sconosciuto.example", 80, "main"),
    ],
)
def test_sites_are_matched_as_wagtail_matches_them(site_tree, hostname, port, expected):
    from wagtail.models.sites import get_site_for_hostname

    Site.objects.create(hostname="altro.example", port=80, root_page=site_tree.home, site_name="altro")
    Site.objects.create(hostname="altro.example", port=8080, root_page=site_tree.home, site_name="altro-8080")
    site_tree.site.site_name = "main"
    site_tree.site.save()
    sites = list(Site.objects.all())
    assert match_site(sites, hostname, port).site_name == expected
    assert get_site_for_hostname(hostname, port).site_name == expected


def test_a_feed_is_routed_in_two_queries_however_deep(tree):
    """The event's calendar is a route of the event: found with the pages above it."""
    from portal.core.page_cache import request_version

    url = "/it/san-salvario/sportello/incontro/calendar.ics"
    with translation.override("it"):
        routing.route(RequestFactory().get(url), "")
        request = RequestFactory().get(url)
        request_version(request)
        with CaptureAllQueries() as queries:
            page, args, _kwargs = routing.route(request, "san-salvario/sportello/incontro/calendar.ics")
    assert page.pk == tree["event"].pk
    assert args[0].__name__ == "calendar_ics"
    assert len(queries) == 2


def test_feeds_answer_as_routes_of_their_pages(client, tree):
    assert client.get("/it/calendar.ics")["Content-Type"] == "text/calendar; charset=utf-8"
    assert client.get("/it/san-salvario/feed.xml").status_code == 200
    assert client.get("/it/san-salvario/sportello/incontro/calendar.ics").status_code == 200
    # An initiative has its opening dates as a calendar file too (initiatives/ical.py); the
    # other feeds are the district's and the portal's; a draft has none, nor a file name with a
    # trailing slash.
    assert client.get("/it/san-salvario/sportello/calendar.ics").status_code == 200
    assert client.get("/it/san-salvario/sportello/feed.xml").status_code == 404
    assert client.get("/it/san-salvario/sportello/incontro/feed.xml").status_code == 404
    assert client.get("/it/san-salvario/bozza/calendar.ics").status_code == 404
    assert client.get("/it/san-salvario/bozza/sotto/calendar.ics").status_code == 200
    assert client.get("/it/san-salvario/calendar.ics/").status_code == 404


def test_a_page_type_with_a_route_of_its_own_is_handed_the_rest_of_the_path(tree, monkeypatch):
    """A `route()` other than RoutablePageMixin's is asked whatever the rest, as Wagtail asks it."""
    from districts.models import DistrictPage

    asked = []
    routable_route = DistrictPage.route

    def route(self, request, path_components):
        asked.append(list(path_components))
        return routable_route(self, request, path_components)

    monkeypatch.setattr(DistrictPage, "route", route)
    routable.sub_routing.cache_clear()
    try:
        assert routable.sub_routing(DistrictPage) == routable.OWN
        factory = RequestFactory()
        with translation.override("it"):
            for path in paths_to_try():
                ours = our_route(factory.get(f"/it/{path}"), path)
                theirs = wagtail_route(factory.get(f"/it/{path}"), path)
                assert ours == theirs, path
    finally:
        routable.sub_routing.cache_clear()
    assert ["sportello", "incontro"] in asked
