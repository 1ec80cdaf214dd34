"""Targeted invalidation (issue 15, point 2): a change empties the cached answers that show it.

A publish below one district empties that district's pages in every language and the
city-wide listings (home, calendar, API), and leaves the other districts' pages in the cache; a
shared piece (a house, a category) or a district page itself empties everything; an answer
whose content only changed is served once more while one request rebuilds it, one whose
content was withdrawn never is.
"""

import pytest
from django.core.cache import caches

from portal.core import page_cache as pages
from tests.factories import (
    CalendarPageFactory,
    CategoryFactory,
    EventPageFactory,
    InitiativePageFactory,
    days_from_now,
    publish_translation,
)

pytestmark = pytest.mark.django_db

API = "/api/v2/pages/?type=initiatives.EventPage&fields=title"


@pytest.fixture
def city(home, district, other_district):
    """Two districts with an initiative each, a city-wide calendar, everything cached once."""
    calendar = CalendarPageFactory(parent=home, slug="cosa-succede")
    here = InitiativePageFactory(parent=district, title="Sportello", slug="sportello")
    there = InitiativePageFactory(parent=other_district, title="Orti condivisi", slug="orti")
    return {"home": home, "calendar": calendar, "here": here, "there": there}


def warm(client, urls):
    for url in urls:
        client.get(url)
    return {url: client.get(url)["X-Cache"] for url in urls}


def states(client, urls):
    return {url: client.get(url).get("X-Cache") for url in urls}


def republish(page, **changes):
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_a_publish_in_one_district_keeps_the_other_districts_pages(
    client, page_cache, city, district, other_district
):
    mine = [district.url, city["here"].url]
    theirs = [other_district.url, city["there"].url]
    citywide = [city["calendar"].url, API]
    assert set(warm(client, mine + theirs + citywide).values()) == {"HIT"}

    republish(city["here"], title="Sportello di ascolto")

    assert states(client, theirs) == dict.fromkeys(theirs, "HIT")
    assert states(client, mine + citywide) == dict.fromkeys(mine + citywide, "MISS")
    assert "Sportello di ascolto" in client.get(district.url).content.decode()


def test_a_districts_translations_are_emptied_with_it(
    client, page_cache, city, district, other_district, site_tree, en_home
):
    english = publish_translation(district, site_tree.en)
    english_other = publish_translation(other_district, site_tree.en)
    urls = [english.url, english_other.url]
    assert set(warm(client, urls).values()) == {"HIT"}

    republish(city["here"], title="Sportello di ascolto")

    assert states(client, urls) == {english.url: "MISS", english_other.url: "HIT"}


def test_a_new_event_below_a_district_reaches_its_page_the_calendar_and_the_api(
    client, page_cache, city, district
):
    urls = [district.url, city["calendar"].url, API]
    warm(client, urls)
    EventPageFactory(
        parent=city["here"], title="Colloqui aperti", slug="colloqui", start=days_from_now(3, 10)
    )
    for url in urls:
        response = client.get(url)
        assert response["X-Cache"] == "MISS", url
        assert "Colloqui aperti" in response.content.decode(), url


@pytest.mark.parametrize("change", ["district page", "category"])
def test_a_shared_piece_empties_everything(client, page_cache, city, district, other_district, change):
    urls = [district.url, other_district.url, city["there"].url, city["calendar"].url]
    warm(client, urls)
    if change == "district page":
        republish(district, title="San Salvario e dintorni")
    else:
        CategoryFactory(name="Sport")
    assert states(client, urls) == dict.fromkeys(urls, "MISS")


def test_an_unpublished_page_is_gone_from_its_district_and_the_city_at_once(
    client, page_cache, city, district
):
    urls = [city["here"].url, district.url, city["calendar"].url]
    warm(client, urls)
    type(city["here"]).objects.get(pk=city["here"].pk).unpublish()
    assert client.get(city["here"].url).status_code == 404
    assert "Sportello" not in client.get(district.url).content.decode()


def test_a_changed_page_is_served_once_more_while_another_request_rebuilds_it(
    client, page_cache, city, district
):
    warm(client, [district.url])
    republish(city["here"], title="Sportello di ascolto")
    key = pages.page_key(client.get(district.url, follow=False).wsgi_request)
    # Someone else rebuilds it: the cache has the previous answer, and the lock.
    republish(city["here"], title="Sportello per tutti")
    assert caches["default"].add(pages.REBUILD_PREFIX + key, 1, 30)
    stale = client.get(district.url)
    assert stale["X-Cache"] == "STALE"
    assert "Sportello di ascolto" in stale.content.decode()
    assert "max-age=0" in stale["Cache-Control"] and "no-cache" in stale["Cache-Control"]
    caches["default"].delete(pages.REBUILD_PREFIX + key)
    fresh = client.get(district.url)
    assert fresh["X-Cache"] == "MISS" and "Sportello per tutti" in fresh.content.decode()


def test_a_withdrawn_page_is_never_served_stale(client, page_cache, city, district):
    url = city["here"].url
    warm(client, [url, district.url])
    key = pages.page_key(client.get(url).wsgi_request)
    assert caches["default"].add(pages.REBUILD_PREFIX + key, 1, 30)  # a rebuild "in progress"
    type(city["here"]).objects.get(pk=city["here"].pk).unpublish()
    assert client.get(url).status_code == 404
    assert "Sportello" not in client.get(district.url).content.decode()


def test_a_restriction_withdraws_its_subtree(client, page_cache, city, district):
    from wagtail.models import PageViewRestriction

    urls = [city["here"].url, district.url]
    warm(client, urls)
    PageViewRestriction.objects.create(page=city["here"], restriction_type="login")
    assert client.get(city["here"].url).status_code in (302, 403)
    assert "Sportello" not in client.get(district.url).content.decode()


def test_cached_answers_tell_proxies_how_long_and_validate_with_their_etag(
    client, page_cache, city, district
):
    miss = client.get(district.url)
    hit = client.get(district.url)
    for response in (miss, hit):
        control = response["Cache-Control"]
        assert "public" in control and "max-age=60" in control, control
        assert "s-maxage=60" in control and "stale-while-revalidate=30" in control, control
    assert hit["ETag"] == miss["ETag"] and hit["ETag"].startswith('"')
    again = client.get(district.url, HTTP_IF_NONE_MATCH=hit["ETag"])
    assert again.status_code == 304 and again.content == b"" and again["X-Cache"] == "HIT"
    assert client.get(district.url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_a_scope_lost_from_the_shared_cache_empties_its_pages(
    client, page_cache, city, district, other_district
):
    from portal.core import scopes

    urls = [district.url, other_district.url]
    warm(client, urls)
    caches["shared"].delete(scopes.key(scopes.tree(district.translation_key)))
    assert states(client, urls) == {district.url: "MISS", other_district.url: "HIT"}
