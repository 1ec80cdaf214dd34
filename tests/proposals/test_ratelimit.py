"""The proposals' rate limit keeps the window it was configured with on every cache backend.

Django's DatabaseCache implements incr() as get-and-set with the default 300 s timeout, so a
counter kept under one key used to vanish five minutes after the last increment, however long
its window (districts/ratelimit.py). Time is simulated for the database and local-memory
caches; Redis, which keeps time itself, is asked for the counter's time to live.
"""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.test import Client, RequestFactory

from districts import ratelimit
from districts.models import Proposal
from districts.ratelimit import RateLimit
from tests.proposals.test_form import valid_data
from tests.support.proposals import IDEA
from tests.support.services import PrivateRedis, ServiceMissing

# A moment at the start of a 600 s and of a 900 s window (both divide it).
START = 1_800_000_000.0


class Clock:
    def __init__(self, now):
        self.now = now

    def time(self):
        return self.now

    def tz_now(self):
        return datetime.fromtimestamp(self.now, tz=UTC)


@pytest.fixture
def clock(monkeypatch):
    """One simulated clock for the rate limit and the database and local-memory caches."""
    clock = Clock(START)
    fake_time = SimpleNamespace(time=clock.time)
    monkeypatch.setattr(ratelimit, "time", fake_time, raising=False)
    monkeypatch.setattr("django.core.cache.backends.base.time", fake_time)
    monkeypatch.setattr("django.core.cache.backends.locmem.time", fake_time)
    monkeypatch.setattr("django.core.cache.backends.db.tz_now", clock.tz_now)
    return clock


@pytest.fixture
def cache_backend(request, settings, db):
    """`shared` on the database (the default without Redis) or on local memory."""
    if request.param == "locmem":
        settings.CACHES = {
            **settings.CACHES,
            "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"},
        }
    else:
        assert isinstance(caches["shared"], DatabaseCache)
    caches["shared"].clear()
    yield caches["shared"]
    caches["shared"].clear()


def resident(address="203.0.113.7"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


@pytest.mark.parametrize("cache_backend", ["database", "locmem"], indirect=True)
def test_a_window_longer_than_five_minutes_is_kept(cache_backend, clock):
    limit = RateLimit(resident(), "test", limit=2, window=900)
    limit.hit()
    clock.now += 10
    limit.hit()
    assert limit.exceeded()
    clock.now += 400  # past the cache's default timeout of 300 s, well inside the window
    assert limit.exceeded()
    clock.now += 489  # 899 s into the window
    assert limit.exceeded()
    assert not RateLimit(resident("203.0.113.8"), "test", limit=2, window=900).exceeded()
    clock.now += 1  # the next window
    assert not limit.exceeded()
    limit.hit()
    assert not limit.exceeded()


def test_the_proposal_form_keeps_its_ten_minute_window_on_the_database_cache(form_page, clock, settings):
    settings.PROPOSALS_RATE_LIMIT = 2
    settings.PROPOSALS_RATE_WINDOW = 600
    assert isinstance(caches["shared"], DatabaseCache)
    sender = Client(REMOTE_ADDR="203.0.113.7")
    url = form_page.url
    assert sender.post(url, valid_data(proposal=f"{IDEA} (1)")).status_code == 302
    clock.now += 5
    assert sender.post(url, valid_data(proposal=f"{IDEA} (2)")).status_code == 302
    clock.now += 360  # six minutes later: still the same ten-minute window
    assert sender.post(url, valid_data(proposal=f"{IDEA} (3)")).status_code == 429
    clock.now += 240  # the next window
    assert sender.post(url, valid_data(proposal=f"{IDEA} (4)")).status_code == 302
    assert Proposal.objects.count() == 3


@pytest.fixture(scope="module")
def redis_url():
    try:
        server = PrivateRedis()
    except ServiceMissing as missing:
        pytest.skip(str(missing))
    server.start()
    yield server.url
    server.remove()


def test_on_redis_the_counter_lives_until_the_end_of_its_window(redis_url, settings, db):
    settings.CACHES = {
        **settings.CACHES,
        "shared": {
            "BACKEND": "portal.core.cache.TolerantRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "rl",
        },
    }
    cache = caches["shared"]
    limit = RateLimit(resident(), "test", limit=2, window=900)
    limit.hit()
    limit.hit()
    assert limit.exceeded()
    key, left = limit._current()
    client = cache._cache.get_client(key)
    ttl = client.ttl(cache.make_and_validate_key(key))
    assert left - 2 <= ttl <= left
    assert cache.get(key) == 2
