"""What the page cache promises, through real requests (issue 13, points 1, 4, 5, 6 and 7).

A withdrawn page never comes back from the cache, whatever expires or goes missing; a hit
carries the headers of its miss; no host, made-up parameter or long URL splits or floods the
cache; and nothing that depends on the clock is served after it has changed.
"""

import datetime
import re
import time

import pytest
import recurrence
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.utils import timezone

from portal.core import page_cache as pages
from tests.factories import CalendarPageFactory, EventPageFactory, InitiativePageFactory, days_from_now

pytestmark = pytest.mark.django_db

SECOND = datetime.timedelta(seconds=1)


def max_age(response):
    return int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))


# --- 1. The content version only moves forward ----------------------------------------------


def test_an_unpublished_page_stays_gone_after_the_database_caches_default_timeout(
    client, page_cache, district, settings
):
    """Django's DatabaseCache gave `incr()`'s result its default timeout (300 s; 1 s here):
    then the version restarted at 1 and the page cached under 1 was served again."""
    settings.CACHES = {**settings.CACHES, "shared": {**settings.CACHES["shared"], "TIMEOUT": 1}}
    assert isinstance(caches["shared"], DatabaseCache)
    event = EventPageFactory(parent=district, title="Riunione riservata", slug="riunione")
    time.sleep(1.1)  # a quiet while after the last publish
    assert client.get(event.url)["X-Cache"] == "MISS"
    type(event).objects.get(pk=event.pk).unpublish()
    assert client.get(event.url).status_code == 404
    time.sleep(1.1)
    later = client.get(event.url)
    assert later.status_code == 404
    assert "Riunione riservata" not in later.content.decode()


class Backends:
    """The shared cache on each supported backend, with a way to tell a key's expiry."""

    @staticmethod
    def database(settings, request):
        return settings.CACHES["shared"]

    @staticmethod
    def locmem(settings, request):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared-test"}

    @staticmethod
    def redis(settings, request):
        server = request.getfixturevalue("redis_server")
        return {
            "BACKEND": "portal.core.cache.TolerantRedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "test",
        }


@pytest.fixture(scope="module")
def redis_server():
    from tests.support.services import PrivateRedis

    server = PrivateRedis()
    server.start()
    yield server
    server.remove()


def expires_at(shared, key):
    """The expiry of `key` as the backend stores it: None for never."""
    full_key = shared.make_and_validate_key(key)
    if isinstance(shared, DatabaseCache):
        from django.db import connections, router

        database = router.db_for_read(shared.cache_model_class)
        connection = connections[database]
        table = connection.ops.quote_name(shared._table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT expires FROM {table} WHERE cache_key = %s", [full_key])  # noqa: S608
            (expires,) = cursor.fetchone()
        if isinstance(expires, str):
            expires = datetime.datetime.fromisoformat(expires)
        return None if expires.year == 9999 else expires
    if hasattr(shared, "_expire_info"):
        return shared._expire_info[full_key]
    ttl = shared._cache.get_client(full_key).ttl(full_key)
    return None if ttl == -1 else ttl


@pytest.mark.parametrize("backend", ["database", "locmem", "redis"])
def test_the_version_never_expires_and_never_restarts_at_a_number_used_before(
    backend, settings, request, monkeypatch
):
    settings.CACHES = {**settings.CACHES, "shared": getattr(Backends, backend)(settings, request)}
    shared = caches["shared"]
    shared.delete(pages.VERSION_KEY)
    monkeypatch.setattr(pages, "_bump_owed", False)
    seen = [pages.read_version()]
    for _ in range(3):
        pages.bump_version()
        seen.append(pages.read_version())
        assert expires_at(shared, pages.VERSION_KEY) is None
    # Evicted by Redis, culled by the database cache, lost in a restart or a `clear()`.
    shared.delete(pages.VERSION_KEY)
    seen.append(pages.read_version())
    pages.bump_version()
    seen.append(pages.read_version())
    assert seen == sorted(set(seen)), seen  # strictly increasing
    assert expires_at(shared, pages.VERSION_KEY) is None
    shared.delete(pages.VERSION_KEY)


def test_a_bump_inside_a_transaction_is_made_again_when_it_commits(django_capture_on_commit_callbacks):
    """A page rendered between the bump and the commit (another worker reads Redis's new
    version, the database still gives the old content) must not outlive the commit."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        pages.bump_version()
        pages.bump_version()
        during = pages.read_version()
    assert len(callbacks) == 1
    assert pages.read_version() > during


def test_data_kept_by_content_version_still_works(client, page_cache, district):
    """`cached_by_version`'s users (routing, the directory, the listings) across a bump."""
    assert client.get(district.url).status_code == 200
    page = type(district).objects.get(pk=district.pk)
    page.title = "San Salvario e dintorni"
    page.save_revision().publish()
    response = client.get(page.url)
    assert response["X-Cache"] == "MISS"
    assert "San Salvario e dintorni" in response.content.decode()


# --- 4. A hit carries exactly the headers of the miss ---------------------------------------


@pytest.mark.parametrize("kind", ["page", "api", "rss", "ics", "district ics"])
def test_a_hit_carries_exactly_the_headers_of_its_miss(client, page_cache, district, kind):
    EventPageFactory(parent=district, slug="festa", start=days_from_now(30, 18))
    url = {
        "page": district.url,
        "api": "/api/v2/pages/?type=initiatives.EventPage&fields=*",
        "rss": "/it/feed.xml",
        "ics": "/it/calendar.ics",
        "district ics": f"{district.url}calendar.ics",
    }[kind]
    miss = client.get(url)
    hit = client.get(url)
    assert (miss.status_code, miss["X-Cache"], hit["X-Cache"]) == (200, "MISS", "HIT")
    assert hit.content == miss.content

    def headers(response):
        return {name: value for name, value in response.items() if name != "X-Cache"}

    assert headers(hit) == headers(miss)
    for name in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "Permissions-Policy",
        "Referrer-Policy",
        "X-Content-Type-Options",
        "Cache-Control",
        "Content-Type",
    ):
        assert name in hit, name
    assert "public" in hit["Cache-Control"]


def policy_of(response):
    return {
        part.split()[0]: part.split()[1:]
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    }


def test_the_policy_is_the_one_written_in_the_environment(client, district, settings):
    from portal.settings.base import DEFAULT_CONTENT_SECURITY_POLICY, content_security_policy

    default = client.get(district.url)
    assert policy_of(default) == {
        part.split()[0]: part.split()[1:] for part in DEFAULT_CONTENT_SECURITY_POLICY.split(";")
    }
    settings.CONTENT_SECURITY_POLICY = content_security_policy(
        {"CONTENT_SECURITY_POLICY": "default-src 'none'; img-src 'self' https:; upgrade-insecure-requests"}
    )
    assert policy_of(client.get(district.url)) == {
        "default-src": ["'none'"],
        "img-src": ["'self'", "https:"],
        "upgrade-insecure-requests": [],
    }
    assert content_security_policy({"CONTENT_SECURITY_POLICY": ""}) is None
    with pytest.raises(ImproperlyConfigured, match="scirpt-src"):
        content_security_policy({"CONTENT_SECURITY_POLICY": "scirpt-src 'self'"})


def test_signed_in_editors_and_the_admin_get_no_public_policy(client, district, admin_user):
    assert "Content-Security-Policy" in client.get(district.url)
    client.force_login(admin_user)
    assert "Content-Security-Policy" not in client.get(district.url)  # Wagtail's user bar
    assert "Content-Security-Policy" not in client.get("/admin/")


# --- 5. The host is in the key ----------------------------------------------------------------


def test_two_allowed_hosts_never_share_an_entry(client, page_cache, district, settings):
    assert {"testserver", "localhost"} <= set(settings.ALLOWED_HOSTS)
    assert client.get(district.url, HTTP_HOST="testserver")["X-Cache"] == "MISS"
    assert client.get(district.url, HTTP_HOST="localhost")["X-Cache"] == "MISS"
    assert client.get(district.url, HTTP_HOST="LOCALHOST")["X-Cache"] == "HIT"
    assert client.get(district.url, HTTP_HOST="testserver")["X-Cache"] == "HIT"
    assert client.get(district.url, HTTP_HOST="evil.example").status_code == 400


def test_answers_in_the_readers_language_are_kept_per_language(client, page_cache, district):
    """Without a language in the path (the API, the sitemap) LocaleMiddleware answers in the
    reader's language: a French reader never gets the English reader's entry. An API answer's
    Content-Language is its content's (tests/api/test_links.py), the same for both."""
    for url, languages in (("/api/v2/occurrences/", ("it", "it")), ("/sitemap.xml", ("en", "fr"))):
        english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert (english["X-Cache"], french["X-Cache"]) == ("MISS", "MISS"), url
        assert (english["Content-Language"], french["Content-Language"]) == languages
        again = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert (again["X-Cache"], again["Content-Language"]) == ("HIT", languages[1])


# --- 6. Query strings: one documented key scheme ---------------------------------------------


def test_parameters_no_page_reads_share_the_entry_and_add_none(client, page_cache, district):
    assert client.get(district.url)["X-Cache"] == "MISS"
    entries = len(caches["default"]._cache)
    for number in range(25):
        response = client.get(f"{district.url}?utm_source=newsletter{number}&fbclid={number}")
        assert response["X-Cache"] == "HIT"
    assert len(caches["default"]._cache) == entries


def test_a_page_rendered_for_a_made_up_parameter_is_not_stored(client, page_cache, district):
    response = client.get(f"{district.url}?ref=<b>someone</b>")
    assert response.status_code == 200
    assert "X-Cache" not in response
    assert client.get(district.url)["X-Cache"] == "MISS"


def test_the_same_parameters_in_another_order_or_encoding_share_one_entry(client, page_cache, home):
    calendar = CalendarPageFactory(parent=home, slug="cosa-succede")
    assert client.get(f"{calendar.url}?free=on&step_free=on")["X-Cache"] == "MISS"
    assert client.get(f"{calendar.url}?step_free=on&free=on")["X-Cache"] == "HIT"
    assert client.get(f"{calendar.url}?step_free=%6Fn&free=on&utm_medium=x")["X-Cache"] == "HIT"
    assert client.get(f"{calendar.url}?free=on")["X-Cache"] == "MISS"


def test_the_api_keeps_every_parameter_it_reads_and_answers_others_itself(client, page_cache, district):
    EventPageFactory(parent=district, slug="festa")
    assert client.get("/api/v2/pages/?type=initiatives.EventPage&fields=title")["X-Cache"] == "MISS"
    assert client.get("/api/v2/pages/?fields=title&type=initiatives.EventPage")["X-Cache"] == "HIT"
    for _ in range(2):
        refused = client.get("/api/v2/pages/?type=initiatives.EventPage&fields=title&utm_source=x")
        assert refused.status_code == 400 and "X-Cache" not in refused


def test_no_key_is_longer_than_memcached_allows(client, page_cache, home):
    url = "/it/search/?q=" + "+".join(["partecipazione"] * 150) + "&page=1"
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Cache"] == "HIT"
    request = RequestFactory().get("/zh-hans/" + "社区活动/" * 40, HTTP_HOST="testserver")
    key = pages.page_key(request)
    assert len(caches["default"].make_key(key).encode()) <= 250
    assert key.isascii() and " " not in key


def test_every_parameter_the_forms_and_the_api_read_is_in_the_key():
    """The allow-list cannot drift from the forms and the API's own lists."""
    from districts.news import NewsFilterForm
    from initiatives.api import OccurrencesAPIViewSet
    from initiatives.calendar import CalendarFilterForm
    from portal.api.files import DocumentsAPIViewSet, ImagesAPIViewSet
    from portal.api.pages import PagesAPIViewSet
    from search.forms import SearchForm

    form_fields = set(CalendarFilterForm.base_fields) | set(SearchForm.base_fields)
    form_fields |= set(NewsFilterForm.base_fields)
    assert form_fields | {"page", "p", "sent"} <= pages.PAGE_PARAMETERS
    for viewset in (PagesAPIViewSet, ImagesAPIViewSet, DocumentsAPIViewSet, OccurrencesAPIViewSet):
        # `_` is jQuery's cache-buster: such a request bypasses the cache, as it asks.
        assert viewset.known_query_parameters - {"_"} <= pages.API_PARAMETERS, viewset


def test_each_processs_page_cache_is_bounded():
    from portal.settings import base

    if base.REDIS_URL:
        pytest.skip("with Redis, its maxmemory bounds the cache")
    assert base.CACHES["default"]["OPTIONS"]["MAX_ENTRIES"] > 0


# --- 7. Nothing that depends on the clock outlives its next change ----------------------------


def test_open_now_turns_to_closed_right_after_closing_time(client, page_cache, district, clock):
    initiative = InitiativePageFactory(
        parent=district,
        slug="sportello",
        schedule=recurrence.deserialize("RRULE:FREQ=DAILY"),
        opens_at=datetime.time(10, 0),
        closes_at=datetime.time(12, 0),
    )
    closing = days_from_now(2, 12, 0)
    clock.set(closing - 30 * SECOND)
    open_now = client.get(initiative.url)
    assert open_now["X-Cache"] == "MISS"
    assert "status--open" in open_now.content.decode()
    assert max_age(open_now) <= 30
    assert client.get(initiative.url)["X-Cache"] == "HIT"
    clock.set(closing + SECOND)
    closed = client.get(initiative.url)
    assert closed["X-Cache"] == "MISS"
    assert "status--open" not in closed.content.decode()


def test_an_event_that_has_ended_leaves_the_listings_and_the_api_at_once(client, page_cache, district, clock):
    event = EventPageFactory(
        parent=district,
        title="Merenda in cortile",
        slug="merenda",
        start=days_from_now(2, 16),
        end=days_from_now(2, 18),
    )
    api = "/api/v2/pages/?type=initiatives.EventPage&fields=next_dates"
    clock.set(event.end - 20 * SECOND)
    assert "Merenda in cortile" in client.get(district.url).content.decode()
    assert "status--ended" not in client.get(event.url).content.decode()
    assert client.get(api).json()["items"][0]["next_dates"]
    assert max_age(client.get(api)) <= 20
    assert client.get(district.url)["X-Cache"] == "HIT"
    clock.set(event.end + SECOND)
    assert "Merenda in cortile" not in client.get(district.url).content.decode()
    assert "status--ended" in client.get(event.url).content.decode()
    assert client.get(api).json()["items"][0]["next_dates"] == []


def test_todays_calendar_changes_at_midnight(client, page_cache, home, district, clock):
    calendar = CalendarPageFactory(parent=home, slug="cosa-succede")
    EventPageFactory(
        parent=district, title="Colazione condivisa", start=days_from_now(3, 9), end=days_from_now(3, 11)
    )
    midnight = days_from_now(3, 0)
    url = f"{calendar.url}?when=today"
    clock.set(midnight - 10 * SECOND)
    assert "Colazione condivisa" not in client.get(url).content.decode()
    clock.set(midnight + SECOND)
    assert "Colazione condivisa" in client.get(url).content.decode()


def test_data_kept_by_version_passes_its_validity_on(page_cache, clock):
    soon = timezone.now() + 90 * SECOND
    built = []

    def build():
        built.append(1)
        pages.valid_until(soon)
        return "open"

    for _ in range(2):
        with pages._measured() as validity:
            assert pages.cached_by_version(None, "test:clock", build) == "open"
        assert validity.until == soon.timestamp()
    assert len(built) == 1
    clock.set(soon + SECOND)
    pages.cached_by_version(None, "test:clock", build)
    assert len(built) == 2
