"""The occurrences endpoint: dated occurrences from the table, filtered, ordered, paginated."""

import datetime

import pytest
from django.utils import timezone

from initiatives.occurrences import zone
from tests.api.conftest import events
from tests.factories import CategoryFactory, EventPageFactory, days_from_now, publish_translation

pytestmark = pytest.mark.django_db

URL = "/api/v2/occurrences/"


def get(client, query=""):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200, response.content
    return response.json()


def test_occurrences_are_ordered_by_start_with_everything_the_app_shows(client, portal):
    data = get(client)
    starts = [item["start"] for item in data["items"]]
    assert starts == sorted(starts, key=datetime.datetime.fromisoformat)
    assert data["meta"]["total_count"] == len(data["items"])
    first = data["items"][0]
    assert first["event_id"] == portal.weekly.pk and first["title"] == "Lingue in circolo"
    assert first["venue"]["name"] == "Casa del Quartiere di San Salvario"
    assert first["district"] == {"id": portal.district.pk, "slug": "san-salvario", "title": "San Salvario"}
    assert first["detail_url"] == f"http://testserver/api/v2/pages/{portal.weekly.pk}/"
    assert first["html_url"].endswith("/it/san-salvario/lingue-in-circolo/")
    assert first["start"].endswith(("+01:00", "+02:00"))
    cancelled = [item for item in data["items"] if item["cancelled"]]
    assert [item["reason"] for item in cancelled] == ["La sala è chiusa per lavori."]


def test_the_default_range_is_today_and_thirty_days(client, portal):
    today = timezone.localdate(timezone=zone())
    last = datetime.datetime.fromisoformat(get(client, "limit=100")["items"][-1]["start"]).date()
    assert today <= last <= today + datetime.timedelta(days=30)
    later = get(
        client, f"start={today + datetime.timedelta(days=31)}&end={today + datetime.timedelta(days=60)}"
    )
    assert later["items"] and all(item["event_id"] == portal.weekly.pk for item in later["items"])


def test_filters(client, portal, other_district):
    elsewhere = EventPageFactory(parent=other_district, category=CategoryFactory(slug="workshops"))
    by_slug = {item["event_id"] for item in get(client, "district=mirafiori-sud")["items"]}
    assert by_slug == {elsewhere.pk}
    assert {item["event_id"] for item in get(client, f"district={other_district.pk}")["items"]} == {
        elsewhere.pk
    }
    assert {item["event_id"] for item in get(client, "category=workshops")["items"]} == {elsewhere.pk}
    assert {item["event_id"] for item in get(client, "audience=families")["items"]} == {portal.weekly.pk}
    assert portal.weekly.pk not in {item["event_id"] for item in get(client, "free=true")["items"]}
    assert {item["event_id"] for item in get(client, "free=false")["items"]} == {portal.weekly.pk}


def test_pagination(client, portal):
    everything = get(client, "limit=100")
    total = everything["meta"]["total_count"]
    page = get(client, "limit=2&offset=2")
    assert page["meta"]["total_count"] == total
    assert page["items"] == everything["items"][2:4]
    assert get(client, "limit=0")["items"] == []


def test_titles_come_in_the_requested_locale(client, portal, english):
    translated = publish_translation(portal.free, english)
    translated.title = "Film club"
    translated.save_revision().publish()
    titles = {item["event_id"]: item["title"] for item in get(client, "locale=en")["items"]}
    assert titles[translated.pk] == "Film club"
    assert titles[portal.weekly.pk] == "Lingue in circolo"  # not translated yet: Italian


@pytest.mark.parametrize("count", [10, 50])
def test_the_query_count_does_not_grow_with_the_items(client, district, django_assert_max_num_queries, count):
    events(district, count)
    query = f"limit={count}"
    get(client, query)
    with django_assert_max_num_queries(6):
        assert len(get(client, query)["items"]) == count


def test_an_event_running_when_the_range_starts_is_included(client, district):
    ongoing = EventPageFactory(parent=district, start=days_from_now(-1, 10), end=days_from_now(1, 10))
    assert ongoing.pk in {item["event_id"] for item in get(client)["items"]}
