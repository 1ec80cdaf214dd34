"""A Redis cache whose outage costs only the caching: without Redis the portal answers uncached.

Django's RedisCache raises redis-py's ConnectionError or TimeoutError from every call while
Redis is down (Django has no equivalent of django-redis's IGNORE_EXCEPTIONS), and Wagtail (the
site root paths), the page cache, the content version, login throttling and the proposal rate
limit all read the cache on every request. TolerantRedisCache answers like an empty cache
instead (`get` gives the default, `set` and `add` store nothing) and, after a failure, stops
asking Redis for RETRY_SECONDS so that a hung Redis costs one socket timeout per period and
process, not one per call. Callers that must tell "missing" from "unavailable" (the content
version, /healthz) ask inside `cache_errors_raised()`.
"""

import contextlib
import contextvars
import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from . import upstream

logger = logging.getLogger(__name__)

# Redis is gone, refusing, loading its data set or too slow. Other errors (a wrong command, a
# value that is not a number) are bugs and keep raising.
OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError)

_raise_errors = contextvars.ContextVar("portal_cache_raise_errors", default=False)
# Server location -> time.monotonic() until which it is considered down, for every thread of
# the process (each thread has its own cache object).
_down_until = {}
_lock = threading.Lock()


class CacheUnavailable(RuntimeError):
    """Raised inside `cache_errors_raised()` while the cache is known to be down."""


@contextlib.contextmanager
def cache_errors_raised():
    """Within this block a TolerantRedisCache raises on an outage instead of answering empty."""
    token = _raise_errors.set(True)
    try:
        yield
    finally:
        _raise_errors.reset(token)


class TolerantRedisCache(RedisCache):
    """RedisCache that degrades to no caching while Redis is unreachable.

    Settings beyond RedisCache's: `RETRY_SECONDS` (default 5) how long to leave Redis alone
    after a failure; OPTIONS `socket_connect_timeout` and `socket_timeout` default to 1 second,
    far above a healthy Redis's answer time and far below gunicorn's request timeout.
    """

    def __init__(self, server, params):
        options = {"socket_connect_timeout": 1.0, "socket_timeout": 1.0, **params.get("OPTIONS", {})}
        super().__init__(server, {**params, "OPTIONS": options})
        self.retry_seconds = float(params.get("RETRY_SECONDS", 5))
        self._location = ",".join(upstream.redis_cache_servers(self))

    # --- the circuit breaker -----------------------------------------------------------------

    def _call(self, fallback, operation, *args, **kwargs):
        if time.monotonic() < _down_until.get(self._location, 0):
            if _raise_errors.get():
                raise CacheUnavailable(f"the cache at {self._redacted()} is unavailable")
            return fallback
        try:
            result = operation(*args, **kwargs)
        except OUTAGE_ERRORS as error:
            self._mark_down(error)
            if _raise_errors.get():
                raise
            return fallback
        self._mark_up()
        return result

    def _mark_down(self, error):
        with _lock:
            was_up = self._location not in _down_until
            _down_until[self._location] = time.monotonic() + self.retry_seconds
        if was_up:
            logger.warning(
                "Cache at %s unavailable (%s: %s); serving without it, retrying every %g s",
                self._redacted(),
                error.__class__.__name__,
                error,
                self.retry_seconds,
            )

    def _mark_up(self):
        if self._location in _down_until:
            with _lock:
                recovered = _down_until.pop(self._location, None) is not None
            if recovered:
                logger.warning("Cache at %s available again", self._redacted())

    def _redacted(self):
        """The location without a password (redis://:secret@host → redis://host)."""
        return ",".join(server.rsplit("@", 1)[-1] for server in upstream.redis_cache_servers(self))

    def probe(self):
        """Store and read back a value, whatever the breaker says; raises the real error.

        For /healthz, which must say why the cache fails and notices its return at once.
        """
        key = "portal:healthz"
        try:
            super().set(key, "ok", 10)
            value = super().get(key)
        except OUTAGE_ERRORS as error:
            self._mark_down(error)
            raise
        self._mark_up()
        if value != "ok":
            raise RuntimeError("the cache did not return what was stored")

    # --- the cache API -----------------------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        # Without Redis every counter starts afresh: the answer of a counter that was missing.
        return self._call(delta, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(None, super().delete_many, keys, version)

    def clear(self):
        return self._call(False, super().clear)
