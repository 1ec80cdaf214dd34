"""Cache validators, conditional requests and CORS on the API."""

import pytest

pytestmark = pytest.mark.django_db

URLS = ["/api/v2/pages/", "/api/v2/occurrences/", "/api/v2/images/", "/api/v2/openapi.json"]


@pytest.mark.parametrize("url", URLS)
def test_responses_carry_validators_and_a_conditional_request_is_a_304(client, portal, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "max-age=" in response["Cache-Control"] and "public" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_responses_do_not_vary_by_cookie(client, portal):
    assert "Cookie" not in client.get("/api/v2/pages/").get("Vary", "")


def test_cors_is_closed_by_default(client, portal):
    response = client.get("/api/v2/pages/", HTTP_ORIGIN="https://app.example.org")
    assert "Access-Control-Allow-Origin" not in response
    preflight = client.options(
        "/api/v2/pages/", HTTP_ORIGIN="https://app.example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert "Access-Control-Allow-Origin" not in preflight


def test_cors_opens_to_the_configured_origins(client, portal, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.org"]
    response = client.get("/api/v2/occurrences/", HTTP_ORIGIN="https://app.example.org")
    assert response["Access-Control-Allow-Origin"] == "https://app.example.org"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Origin" in response["Vary"]
    preflight = client.options(
        "/api/v2/pages/", HTTP_ORIGIN="https://app.example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    other = client.get("/api/v2/pages/", HTTP_ORIGIN="https://evil.example.com")
    assert "Access-Control-Allow-Origin" not in other


def test_cors_origins_come_from_the_environment(monkeypatch):
    import importlib

    import portal.settings.base as base

    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", "https://a.example, https://b.example ,")
    try:
        assert importlib.reload(base).CORS_ALLOWED_ORIGINS == ["https://a.example", "https://b.example"]
    finally:
        monkeypatch.delenv("CORS_ALLOWED_ORIGINS")
        importlib.reload(base)


def test_pages_outside_the_api_are_untouched(client, home):
    response = client.get("/robots.txt")
    assert "ETag" not in response or response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response
