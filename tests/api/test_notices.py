"""`/api/v2/notices/`: what is shown now (or soon), by district and level, in the language asked
for; strict about its parameters; kept by the page cache only until a notice begins or ends."""

import datetime

import pytest
from django.utils import timezone

from districts.models import Notice
from tests.factories import InitiativePageFactory, NoticeFactory, translate_with_localize

pytestmark = pytest.mark.django_db

URL = "/api/v2/notices/"


@pytest.fixture
def notices(district, other_district):
    initiative = InitiativePageFactory(parent=district, title="Sportello di ascolto", slug="sportello")
    now = timezone.now()
    return {
        "urgent": NoticeFactory(district=district, level=Notice.Level.URGENT, title="Casa chiusa"),
        "house": NoticeFactory(house=district.house, title="Ascensore guasto"),
        "initiative": NoticeFactory(
            initiative=initiative, level=Notice.Level.IMPORTANT, title="Sportello spostato"
        ),
        "other": NoticeFactory(district=other_district, title="Festa in cortile"),
        "portal": NoticeFactory(scope=Notice.Scope.PORTAL, title="Sciopero"),
        "future": NoticeFactory(
            district=district,
            title="Iscrizioni dal lunedì",
            starts=now + datetime.timedelta(days=2),
            ends=now + datetime.timedelta(days=9),
        ),
        "draft": NoticeFactory(district=district, title="Bozza", publish=False),
    }


def titles(client, query=""):
    response = client.get(URL + query)
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_active_now_urgent_first_and_never_drafts(client, notices):
    found = titles(client, "?active=now")
    assert found[0] == "Casa chiusa"
    assert set(found) == {
        "Casa chiusa",
        "Ascensore guasto",
        "Sportello spostato",
        "Festa in cortile",
        "Sciopero",
    }
    assert titles(client, "?active=upcoming") == ["Iscrizioni dal lunedì"]
    assert len(titles(client, "?active=all")) == 6


def test_by_district_and_level(client, notices, district):
    assert set(titles(client, "?district=san-salvario")) == {
        "Casa chiusa",
        "Ascensore guasto",
        "Sportello spostato",
    }
    assert set(titles(client, f"?district={district.pk}&active=now&level=urgent")) == {"Casa chiusa"}
    response = client.get(URL + "?district=san-salvario&level=important")
    (item,) = response.json()["items"]
    assert item["scope"]["type"] == "initiative"
    assert item["scope"]["district"]["slug"] == "san-salvario"
    assert item["scope"]["initiative"]["title"] == "Sportello di ascolto"
    assert item["scope"]["initiative"]["html_url"].endswith("/it/san-salvario/sportello/")
    scopes = {
        item["title"]: item["scope"] for item in client.get(URL + "?district=san-salvario").json()["items"]
    }
    assert scopes["Casa chiusa"]["district"]["slug"] == "san-salvario"
    assert scopes["Ascensore guasto"]["house"]["name"] == "Casa del Quartiere di San Salvario"
    assert scopes["Ascensore guasto"]["district"]["slug"] == "san-salvario"


@pytest.mark.parametrize(
    "query",
    [
        "?active=today",
        "?district=atlantide",
        "?level=red",
        "?locale=xx",
        "?limit=-1",
        "?foo=1",
        "?active=now&active=all",
    ],
)
def test_bad_parameters_are_400_with_a_message(client, notices, query):
    response = client.get(URL + query)
    assert response.status_code == 400
    assert response.json()["message"]


def test_in_the_language_asked_for_else_italian(client, site_tree, notices):
    response = client.get(URL + "?locale=en&level=urgent")
    (item,) = response.json()["items"]
    assert (item["title"], item["locale"], item["translated"], item["level_label"]) == (
        "Casa chiusa",
        "it",
        False,
        "Urgent",
    )
    translate_with_localize(notices["urgent"], site_tree.en, {"Casa chiusa": "House closed"})
    (item,) = client.get(URL + "?locale=en&level=urgent").json()["items"]
    assert (item["title"], item["locale"], item["translated"]) == ("House closed", "en", True)
    assert client.get(URL + "?level=urgent").json()["items"][0]["level_label"] == "Urgente"


def test_a_cached_answer_ends_with_the_notice(client, page_cache, clock, district):
    now = timezone.now().replace(microsecond=0)
    clock.set(now)
    NoticeFactory(
        district=district,
        title="Chiuso oggi",
        starts=now - datetime.timedelta(hours=1),
        ends=now + datetime.timedelta(seconds=30),
    )
    NoticeFactory(
        district=district,
        title="Domani",
        starts=now + datetime.timedelta(seconds=45),
        ends=now + datetime.timedelta(hours=5),
    )
    first = client.get(URL)
    assert [item["title"] for item in first.json()["items"]] == ["Chiuso oggi"]
    assert client.get(URL)["X-Cache"] == "HIT"
    # Both moments within API_CACHE_SECONDS (60): only the notices' own limits end the entry.
    clock.set(now + datetime.timedelta(seconds=31))
    assert titles(client) == []
    clock.set(now + datetime.timedelta(seconds=46))
    assert titles(client) == ["Domani"]
