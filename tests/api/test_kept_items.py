"""The pages endpoint keeps each serialised page until the content changes (page cache off):
a publish, an unpublish or a view restriction changes the answer at once, a visitor who passed
a password never shares items with the public, and next dates are not kept past their end."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import EventPageFactory, days_from_now, publish_translation

pytestmark = pytest.mark.django_db

EVENTS = "/api/v2/pages/?type=initiatives.EventPage&fields=*"
SECOND = datetime.timedelta(seconds=1)


def by_id(client, url=EVENTS):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return {item["id"]: item for item in response.json()["items"]}


def kept(client, url):
    """The answer, asked twice: the second is built from the kept items."""
    from tests.support.queries import CaptureAllQueries

    first = client.get(url)
    with CaptureAllQueries() as queries:
        second = client.get(url)
    assert second.content == first.content
    return second, len(queries)


@pytest.fixture
def event(district):
    return EventPageFactory(parent=district, title="Festa di via", slug="festa", start=days_from_now(5, 18))


def test_kept_items_are_served_without_their_preparation(client, event):
    built = len(by_id(client))
    response, queries = kept(client, EVENTS)
    assert len(response.json()["items"]) == built
    # The content version and the listed ids (the count is kept too); nothing per item or type.
    assert queries == 2
    detail, queries = kept(client, f"/api/v2/pages/{event.pk}/")
    assert detail.json()["title"] == "Festa di via"
    assert queries == 3


def test_a_publish_changes_the_kept_item_at_once(client, event):
    kept(client, EVENTS)
    kept(client, f"/api/v2/pages/{event.pk}/")
    page = type(event).objects.get(pk=event.pk)
    page.title = "Festa di via spostata"
    page.save_revision().publish()
    assert by_id(client)[event.pk]["title"] == "Festa di via spostata"
    assert client.get(f"/api/v2/pages/{event.pk}/").json()["title"] == "Festa di via spostata"


def test_an_unpublished_page_and_translation_leave_the_answer_at_once(client, portal, english, event):
    translation = publish_translation(event, english)
    kept(client, EVENTS)
    kept(client, f"/api/v2/pages/{event.pk}/")
    links = by_id(client)[event.pk]["meta"]["translations"]
    assert [link["id"] for link in links] == [translation.pk]
    type(translation).objects.get(pk=translation.pk).unpublish()
    assert by_id(client)[event.pk]["meta"]["translations"] == []
    assert client.get(f"/api/v2/pages/{event.pk}/").json()["meta"]["translations"] == []
    type(event).objects.get(pk=event.pk).unpublish()
    assert event.pk not in by_id(client)
    assert client.get(f"/api/v2/pages/{event.pk}/").status_code == 404


def test_a_restriction_withdraws_the_kept_items_at_once(client, portal, english, event):
    translation = publish_translation(event, english)
    other = EventPageFactory(parent=portal.district, title="Cena sociale", start=days_from_now(6, 20))
    kept(client, EVENTS)
    kept(client, f"/api/v2/pages/{event.pk}/")
    # A restricted translation makes its source private too (portal/core/visibility.py).
    PageViewRestriction.objects.create(page=translation, restriction_type="password", password="cortile")
    listed = by_id(client)
    assert event.pk not in listed and translation.pk not in listed
    assert other.pk in listed
    assert client.get(f"/api/v2/pages/{event.pk}/").status_code == 404
    PageViewRestriction.objects.create(page=other, restriction_type="login")
    assert other.pk not in by_id(client)


def test_a_visitor_who_passed_a_password_shares_no_items_with_the_public(client, portal, english, event):
    translation = publish_translation(event, english)
    restriction = PageViewRestriction.objects.create(
        page=translation, restriction_type="password", password="cortile"
    )
    kept(client, EVENTS)
    visitor = type(client)()
    session = visitor.session
    session[PageViewRestriction.passed_view_restrictions_session_key] = [restriction.pk]
    session.save()
    visitor.cookies["sessionid"] = session.session_key
    for _ in range(2):
        seen = by_id(visitor)
        assert [link["id"] for link in seen[event.pk]["meta"]["translations"]] == [translation.pk]
        assert [link["id"] for link in seen[translation.pk]["meta"]["translations"]] == [event.pk]
        listed = by_id(client)
        assert event.pk not in listed and translation.pk not in listed
        assert client.get(f"/api/v2/pages/{event.pk}/").status_code == 404


def test_next_dates_are_not_kept_past_their_end(client, district, clock):
    event = EventPageFactory(
        parent=district, title="Merenda in cortile", start=days_from_now(2, 16), end=days_from_now(2, 18)
    )
    clock.set(event.end - 20 * SECOND)
    response, _queries = kept(client, EVENTS)
    assert response.json()["items"][0]["next_dates"]
    clock.set(event.end + SECOND)
    assert by_id(client)[event.pk]["next_dates"] == []


def test_the_kept_count_follows_every_publish_and_withdrawal(client, portal, event):
    def total(url=EVENTS):
        first = client.get(url).json()["meta"]["total_count"]
        assert client.get(url).json()["meta"]["total_count"] == first  # kept
        return first

    before = total()
    by_title = f"{EVENTS}&title=Festa+di+via"
    assert total(by_title) == 1
    other = EventPageFactory(parent=portal.district, title="Cena sociale", start=days_from_now(6, 20))
    assert total() == before + 1
    type(event).objects.get(pk=event.pk).unpublish()
    assert total() == before
    assert total(by_title) == 0
    PageViewRestriction.objects.create(page=other, restriction_type="login")
    assert total() == before - 1
