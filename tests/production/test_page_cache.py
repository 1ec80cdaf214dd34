"""Anonymous page views come from the cache; publishing shows the change at once."""

import pytest

from tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    from django.core.cache import caches

    settings.PAGE_CACHE_SECONDS = 300
    caches["default"].clear()
    caches["shared"].clear()
    yield
    caches["default"].clear()
    caches["shared"].clear()


def test_second_anonymous_view_is_a_hit_without_touching_the_pages(
    client, page_cache, district, django_assert_max_num_queries
):
    first = client.get(district.url)
    assert first["X-Cache"] == "MISS"
    with django_assert_max_num_queries(1):  # the shared version number only
        second = client.get(district.url)
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert "public" in first["Cache-Control"]


def test_publishing_invalidates_at_once(client, page_cache, district):
    event = EventPageFactory(parent=district, title="Festa di via", slug="festa")
    assert "Festa di via" in client.get(event.url).content.decode()
    page = type(event).objects.get(pk=event.pk)
    page.title = "Festa di via rinviata"
    page.save_revision().publish()
    response = client.get(event.url)
    assert response["X-Cache"] == "MISS"
    assert "Festa di via rinviata" in response.content.decode()


def test_unpublishing_invalidates_at_once(client, page_cache, district):
    event = EventPageFactory(parent=district, slug="festa")
    assert client.get(event.url).status_code == 200
    type(event).objects.get(pk=event.pk).unpublish()
    assert client.get(event.url).status_code == 404


def test_editors_never_see_a_cached_page(client, page_cache, district, admin_user):
    client.get(district.url)
    client.force_login(admin_user)
    response = client.get(district.url)
    assert "X-Cache" not in response
