"""Anonymous page views come from the cache; publishing shows the change at once."""

import pytest

from tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db


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


def test_pages_with_a_form_token_are_never_cached(client, page_cache, district):
    from tests.factories import ProposalFormPageFactory

    form_page = ProposalFormPageFactory(parent=district)
    first = client.get(form_page.url)
    assert first.status_code == 200 and "csrfmiddlewaretoken" in first.content.decode()
    assert "X-Cache" not in first
    assert "X-Cache" not in client.get(form_page.url)


def test_a_residents_new_proposal_does_not_empty_the_cache(client, page_cache, district):
    from portal.core.page_cache import current_version
    from tests.factories import ProposalFactory, ProposalFormPageFactory

    form_page = ProposalFormPageFactory(parent=district)
    before = current_version()
    ProposalFactory(page=form_page)
    assert current_version() == before
    client.get(district.url)
    assert client.get(district.url)["X-Cache"] == "HIT"


def test_the_api_is_served_from_the_cache_with_its_validators(client, page_cache, district):
    EventPageFactory(parent=district, slug="festa")
    url = "/api/v2/pages/?type=initiatives.EventPage&fields=*"
    first = client.get(url)
    second = client.get(url)
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert first.content == second.content
    assert first["ETag"] == second["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304
