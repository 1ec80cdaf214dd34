"""A per-client limit on residents' proposals, kept in Django's cache (no outside service).

The client is `portal.core.client_address.client_address()`, the one rule that sign-in throttling
uses too (REMOTE_ADDR, or the trusted hop of X-Forwarded-For behind TRUSTED_PROXY_COUNT
proxies). Addresses are never stored as such: the cache key is a keyed hash of the address.
The cache is the `shared` cache when the settings define one (the database or Redis, agreed on
by every worker), else the default cache.

Counting uses fixed windows: the key names the window (`now // window`), so a counter can
never outlive or shorten its window, whatever the cache backend does with timeouts. That
matters because Django's DatabaseCache implements `incr()` as get-and-set with the default
300 s timeout: a counter kept under one key would lose a 600 s window's first half. Here each
increment re-applies the time left in the window (`touch`). A client can send at most `limit`
actions per window, so at most twice that across a window's edge.
"""

import math
import time

from django.conf import settings
from django.core.cache import caches
from django.utils.crypto import salted_hmac

from portal.core.client_address import client_address


def limit_cache():
    return caches["shared" if "shared" in settings.CACHES else "default"]


class RateLimit:
    """At most `limit` actions per `window` seconds from one client, for one `scope`."""

    def __init__(self, request, scope, limit=None, window=None):
        self.limit = limit if limit is not None else getattr(settings, "PROPOSALS_RATE_LIMIT", 3)
        self.window = window if window is not None else getattr(settings, "PROPOSALS_RATE_WINDOW", 600)
        self.window = max(1, int(self.window))
        digest = salted_hmac(f"quartieri.ratelimit.{scope}", client_address(request) or "").hexdigest()
        self.key = f"ratelimit:{scope}:{digest}"
        self.last_key = f"{self.key}:last"

    def _current(self):
        """The key of the window that holds this moment, and the seconds left in it."""
        now = time.time()
        number = int(now // self.window)
        left = max(1, math.ceil((number + 1) * self.window - now))
        return f"{self.key}:{number}", left

    def exceeded(self):
        key, _left = self._current()
        return self.limit > 0 and limit_cache().get(key, 0) >= self.limit

    def retry_after(self):
        """Seconds until the current window ends, when a limited client may try again."""
        return self._current()[1]

    def hit(self):
        """Count one action in the current window."""
        cache = limit_cache()
        key, left = self._current()
        cache.add(key, 0, left)
        try:
            cache.incr(key)
        except ValueError:
            # The entry expired between add() and incr().
            cache.set(key, 1, left)
            return
        # DatabaseCache's incr() stored the count with the default timeout: give the
        # window's own back (Redis and local memory keep it; touching them is harmless).
        cache.touch(key, left)

    def is_repeat(self, fingerprint):
        """True if the last action from this client within the window had this fingerprint."""
        return limit_cache().get(self.last_key) == fingerprint

    def remember(self, fingerprint):
        limit_cache().set(self.last_key, fingerprint, self.window)
