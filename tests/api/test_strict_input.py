"""Bad input answers 400 with a JSON message, unknown ids 404 in JSON, nothing 500."""

import pytest

pytestmark = pytest.mark.django_db

BAD_REQUESTS = [
    "/api/v2/pages/?limit=abc",
    "/api/v2/pages/?limit=101",
    "/api/v2/pages/?offset=-1",
    "/api/v2/pages/?type=nope.Nope",
    "/api/v2/pages/?type=nope",
    "/api/v2/pages/?type=wagtailimages.Image",
    "/api/v2/pages/?fields=nonexistent",
    "/api/v2/pages/?fields=title(",
    "/api/v2/pages/?order=bogus",
    "/api/v2/pages/?order=random&offset=1",
    "/api/v2/pages/?locale=xx",
    "/api/v2/pages/?bogus=1",
    "/api/v2/pages/?format=api",
    "/api/v2/pages/?child_of=abc",
    "/api/v2/pages/?child_of=99999999999999999999",
    "/api/v2/pages/?descendant_of=999999",
    "/api/v2/pages/?search=x&search_operator=xor",
    "/api/v2/pages/?search=%00",
    "/api/v2/pages/?type=initiatives.EventPage&start=notadate",
    "/api/v2/pages/?type=initiatives.EventPage&is_free=maybe",
    "/api/v2/pages/?offset=9223372036854775808",
    "/api/v2/pages/?offset=99999999999999999999999",
    "/api/v2/pages/?offset=1000000000000000000",
    "/api/v2/pages/?offset=1e3",
    "/api/v2/pages/?offset=%2B5",
    "/api/v2/pages/?offset=%20%205",
    "/api/v2/pages/?offset=1_000",
    "/api/v2/pages/?limit=%D9%A3",
    "/api/v2/pages/?limit=-1",
    "/api/v2/pages/?limit=18446744073709551616",
    "/api/v2/pages/?limit=5&limit=6",
    "/api/v2/pages/?type=initiatives.EventPage&type=districts.DistrictPage",
    "/api/v2/images/?offset=9223372036854775808",
    "/api/v2/images/?limit=abc",
    "/api/v2/documents/?offset=18446744073709551616",
    "/api/v2/documents/?offset=-1",
    "/api/v2/occurrences/?offset=9223372036854775808",
    "/api/v2/images/?fields=nonexistent",
    "/api/v2/images/?limit=-5",
    "/api/v2/documents/?order=bogus",
    "/api/v2/occurrences/?start=2025-13-01",
    "/api/v2/occurrences/?start=20250101",
    "/api/v2/occurrences/?end=tomorrow",
    "/api/v2/occurrences/?start=2026-01-10&end=2026-01-01",
    "/api/v2/occurrences/?start=2026-01-01&end=2027-01-03",
    "/api/v2/occurrences/?start=0001-01-01",
    "/api/v2/occurrences/?district=nowhere",
    "/api/v2/occurrences/?district=999999",
    "/api/v2/occurrences/?category=nothing",
    "/api/v2/occurrences/?audience=aliens",
    "/api/v2/occurrences/?locale=xx",
    "/api/v2/occurrences/?free=maybe",
    "/api/v2/occurrences/?limit=101",
    "/api/v2/occurrences/?limit=abc",
    "/api/v2/occurrences/?offset=-1",
    "/api/v2/occurrences/?offset=99999999999999999999999",
    "/api/v2/occurrences/?bogus=1",
    "/api/v2/occurrences/?limit=1&limit=2",
]


@pytest.mark.parametrize("url", BAD_REQUESTS)
def test_bad_input_is_a_400_with_a_message(client, portal, url):
    response = client.get(url)
    assert response.status_code == 400, (url, response.content)
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"]


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents", "occurrences"])
def test_the_largest_offset_is_an_empty_page_not_a_database_error(client, portal, endpoint):
    response = client.get(f"/api/v2/{endpoint}/", {"offset": "999999999999999999", "limit": "100"})
    assert response.status_code == 200, response.content
    assert response.json()["items"] == []


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/999999/",
        "/api/v2/pages/99999999999999999999999/",
        "/api/v2/images/999999/",
        "/api/v2/documents/999999/",
        "/api/v2/occurrences/1/",
        "/api/v2/nothing/",
    ],
)
def test_unknown_ids_and_paths_are_a_404_in_json(client, portal, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"]


@pytest.mark.parametrize("search", ["'\";--%_*", "(a OR b", "NEAR(", '"', "-", "AND", "日本語", "  "])
def test_odd_searches_are_answered(client, portal, search):
    for endpoint in ("pages", "images", "documents"):
        response = client.get(f"/api/v2/{endpoint}/", {"search": search})
        assert response.status_code == 200, (endpoint, search, response.content)


def test_writing_is_not_allowed(client, portal):
    response = client.post("/api/v2/pages/")
    assert response.status_code == 405
    assert response.json()["message"]
