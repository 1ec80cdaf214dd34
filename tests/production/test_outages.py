"""Database and cache outages through the Django test client: a clear 503 while the database is
down, and no caching at all, but no error, while Redis is (portal/unavailable.py, portal/cache.py).

tests/production/test_faults.py does the same with real servers stopped under load.
"""

import json
import logging

import pytest
from django.core.cache import caches
from django.db import OperationalError, connections
from django.urls import reverse

from districts.models import Proposal
from portal.core import cache as tolerant
from tests.factories import ProposalFormPageFactory
from tests.support.server import free_port

pytestmark = pytest.mark.django_db


class Database:
    """Switches every query to fail as psycopg's and sqlite3's do once the server is gone (every
    database of the portal: under SQLite the shared cache's file is on the same disk)."""

    def __init__(self):
        self.patch = pytest.MonkeyPatch()

    def __call__(self):
        def refuse(*args, **kwargs):
            raise OperationalError(
                'connection to server at "127.0.0.1", port 5432 failed: Connection refused'
            )

        for each in connections.all():
            self.patch.setattr(each, "cursor", refuse)
            self.patch.setattr(each, "chunked_cursor", refuse)

    def back(self):
        self.patch.undo()


@pytest.fixture
def database_down(page_cache):
    """Call it to stop the database; it comes back before the page cache is cleared."""
    from portal.core import page_cache as pages

    database = Database()
    yield database
    database.back()
    pages._bump_owed = False  # what the outage owed the version: not the next test's business


def assert_unavailable_page(response, words):
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert words in html
    assert "Traceback" not in html and "OperationalError" not in html
    return html


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/it/", "Il portale è temporaneamente non disponibile"),
        ("/en/", "The portal is temporarily unavailable"),
        ("/fr/", "Le portail est temporairement indisponible"),
        ("/ar/", "البوابة غير متاحة مؤقتًا"),
    ],
)
def test_pages_answer_a_translated_503_while_the_database_is_down(client, home, database_down, path, words):
    database_down()
    html = assert_unavailable_page(client.get(path), words)
    if path == "/ar/":
        assert 'dir="rtl"' in html


def test_the_api_answers_a_json_503(client, home, database_down):
    database_down()
    response = client.get("/api/v2/pages/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert json.loads(response.content) == {"message": "temporarily unavailable, please retry later"}


def test_an_outage_met_by_a_middleware_is_a_503_too(client, home, database_down):
    """A signed-in reader's session is read by middleware, before and after the view."""
    client.cookies["sessionid"] = "a" * 32
    client.raise_request_exception = False  # Django reports the exception to the test client
    database_down()
    response = client.get("/it/")
    assert_unavailable_page(response, "Il portale è temporaneamente non disponibile")
    api = client.get("/api/v2/pages/")
    assert api.status_code == 503 and json.loads(api.content)["message"].startswith("temporarily")


def test_other_errors_stay_500(client, home, monkeypatch):
    from home.models import HomePage

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(HomePage, "serve", broken)
    client.raise_request_exception = False
    response = client.get("/it/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_cached_pages_stay_readable_while_the_database_is_down(client, home, database_down):
    assert client.get("/it/")["X-Cache"] == "MISS"
    assert client.get("/it/")["X-Cache"] == "HIT"
    database_down()
    stale = client.get("/it/")
    assert stale.status_code == 200 and stale["X-Cache"] == "STALE"
    assert "no-cache" in stale["Cache-Control"]
    # A URL never cached (parameters outside the key would share /it/'s entry).
    assert client.get("/it/?page=2").status_code == 503


def test_the_site_recovers_when_the_database_returns(client, home, database_down):
    database_down()
    assert client.get("/it/").status_code == 503
    database_down.back()
    assert client.get("/it/").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_connections_are_checked_before_reuse_and_time_out():
    from django.conf import settings

    database = settings.DATABASES["default"]
    assert database["CONN_HEALTH_CHECKS"] is True
    if database["ENGINE"] == "django.db.backends.postgresql":
        assert database["OPTIONS"]["connect_timeout"] == 5


# --- Redis gone -----------------------------------------------------------------------------


@pytest.fixture
def redis_gone(settings):
    """Both caches on Redis at a port nothing listens on: a Redis that was killed."""
    location = f"redis://127.0.0.1:{free_port()}/0"
    settings.CACHES = {
        alias: {"BACKEND": "portal.core.cache.TolerantRedisCache", "LOCATION": location, "KEY_PREFIX": alias}
        for alias in ("default", "shared")
    }
    settings.PAGE_CACHE_SECONDS = 300
    yield location
    tolerant._down_until.pop(location, None)


def test_without_redis_the_cache_answers_empty_and_stops_asking(redis_gone, caplog):
    cache = caches["default"]
    with caplog.at_level(logging.WARNING, logger="portal.core.cache"):
        assert cache.get("key", "default") == "default"
        assert cache.add("key", 1) is False
        assert cache.set("key", 1) is None
        assert cache.incr("counter") == 1
        assert cache.get_many(["a", "b"]) == {}
        assert cache.get_or_set("key", 7) == 7
        assert cache.set_many({"a": 1}) == ["a"]
    assert len(caplog.records) == 1  # one line when Redis goes, not one per call
    assert "unavailable" in caplog.records[0].getMessage()
    with pytest.raises(tolerant.CacheUnavailable), tolerant.cache_errors_raised():
        cache.get("key")


def test_without_redis_pages_the_api_and_health_answer(client, district, redis_gone):
    for _ in range(2):
        page = client.get(district.url)
        assert page.status_code == 200 and "X-Cache" not in page
    assert client.get("/api/v2/pages/").status_code == 200
    health = client.get("/healthz")
    assert health.status_code == 503
    cache_check = json.loads(health.content)["checks"]["cache"]
    assert cache_check == {"ok": False, "error": "ConnectionError", "alias": "default"}


def test_without_redis_sign_in_stays_throttled_and_proposals_work_unthrottled(
    client, district, redis_gone, django_user_model, settings
):
    # Sign-in failures are counted in the database (django-axes), not in the cache.
    settings.LOGIN_FAILURE_LIMIT = 2
    django_user_model.objects.create_user("sara", password="a-correct-horse-battery", is_superuser=True)
    login = reverse("wagtailadmin_login")
    assert client.post(login, {"username": "sara", "password": "wrong"}).status_code == 200
    assert client.post(login, {"username": "sara", "password": "wrong"}).status_code == 429
    assert client.post(login, {"username": "sara", "password": "a-correct-horse-battery"}).status_code == 429

    form = ProposalFormPageFactory(parent=district)
    answer = client.post(
        form.url,
        {
            "name": "Amina",
            "email": "amina@example.org",
            "proposal": "Vorrei un gruppo di lettura in arabo e italiano per i bambini, il sabato.",
            "language": "ar",
            "consent": "on",
            "website": "",
        },
    )
    assert answer.status_code in (200, 302)
    assert Proposal.objects.filter(page=form).count() == 1


def test_a_publish_during_a_redis_outage_invalidates_the_pages_when_it_returns(monkeypatch):
    from portal.core import page_cache

    shared = caches["shared"]
    shared.set(page_cache.VERSION_KEY, 5, None)
    monkeypatch.setattr(page_cache, "_bump_owed", False)

    def gone(*args, **kwargs):
        raise tolerant.CacheUnavailable("gone")

    with monkeypatch.context() as outage:
        for method in ("get", "set", "add", "incr", "get_or_set"):
            outage.setattr(type(shared), method, gone)
        page_cache.bump_version()  # an editor's publish does not fail
        with pytest.raises(tolerant.CacheUnavailable):
            page_cache.read_version()
    version = page_cache.read_version()
    assert version > 5  # the owed bump, made before the first read
    assert page_cache.read_version() == version
    shared.delete(page_cache.VERSION_KEY)
