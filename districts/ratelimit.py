"""A per-address limit on residents' proposals, kept in Django's cache (no outside service).

Addresses are never stored as such: the cache key is a keyed hash of the address. Behind a
reverse proxy set PROPOSALS_TRUSTED_PROXY_COUNT to the number of proxies that append to
X-Forwarded-For; with the default 0 the header is ignored, so it cannot be forged. The cache
is the `shared` cache when the settings define one (the database or Redis, agreed on by every
worker), else the default cache.
"""

from django.conf import settings
from django.core.cache import caches
from django.utils.crypto import salted_hmac


def client_address(request):
    """The address of the person sending the request, trusting only the configured proxies."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "PROPOSALS_TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if not forwarded:
        return remote
    # Each trusted proxy appends the address it was reached from: the client is the
    # `proxies`-th entry from the right. Entries further left may be forged by the client.
    return forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]


def limit_cache():
    return caches["shared" if "shared" in settings.CACHES else "default"]


class RateLimit:
    """At most `limit` actions per `window` seconds from one address, for one `scope`."""

    def __init__(self, request, scope, limit=None, window=None):
        self.limit = limit if limit is not None else getattr(settings, "PROPOSALS_RATE_LIMIT", 3)
        self.window = window if window is not None else getattr(settings, "PROPOSALS_RATE_WINDOW", 600)
        digest = salted_hmac(f"quartieri.ratelimit.{scope}", client_address(request)).hexdigest()
        self.key = f"ratelimit:{scope}:{digest}"
        self.last_key = f"{self.key}:last"

    def exceeded(self):
        return self.limit > 0 and limit_cache().get(self.key, 0) >= self.limit

    def hit(self):
        """Count one action; the window starts with the first one."""
        cache = limit_cache()
        if cache.add(self.key, 1, self.window):
            return
        try:
            cache.incr(self.key)
        except ValueError:
            # The entry expired between add() and incr().
            cache.set(self.key, 1, self.window)

    def is_repeat(self, fingerprint):
        """True if the last action from this address within the window had this fingerprint."""
        return limit_cache().get(self.last_key) == fingerprint

    def remember(self, fingerprint):
        limit_cache().set(self.last_key, fingerprint, self.window)
