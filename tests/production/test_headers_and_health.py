"""Security headers and the health check, through real requests (sign-in throttling:
test_signin_throttle.py)."""

import json
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.urls import reverse

from tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_shared_cache():
    caches["shared"].clear()
    yield
    caches["shared"].clear()


def test_public_pages_carry_strict_security_headers(client, district):
    response = client.get(district.url)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", csp).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def test_public_pages_have_no_inline_scripts_or_styles(client, district):
    event = EventPageFactory(parent=district, slug="festa")
    for url in ("/it/", district.url, event.url):
        html = client.get(url).content.decode()
        for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
            assert "src=" in attributes or 'type="application/ld+json"' in attributes, (url, attributes)
            if "src=" in attributes:
                assert not body.strip()
        assert " style=" not in html, url
        assert "<style" not in html, url


def test_the_admin_keeps_working_without_the_public_policy(client, admin_user):
    response = client.get(reverse("wagtailadmin_login"))
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    client.force_login(admin_user)
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    assert "Content-Security-Policy" not in home


def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] and body["checks"]["cache"]["ok"]
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("database is gone")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken_cursor)
        response = client.get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == {"ok": False, "error": "OperationalError"}


def test_healthz_answers_503_when_the_cache_fails(client, monkeypatch):
    def broken_get(*args, **kwargs):
        raise ConnectionError("cache is gone")

    with monkeypatch.context() as patch:
        patch.setattr(caches["default"], "get", broken_get)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["cache"]["ok"] is False
