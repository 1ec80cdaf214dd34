"""Anonymous page views and API answers served from the cache, invalidated by a shared version number.

Rendered pages live in the default cache (local memory per process, or Redis). The version
number lives in the `shared` cache (the database, or Redis), so a publish in one gunicorn
worker invalidates the pages cached by every other worker at once.

When the shared cache cannot answer (the database or Redis is down) nothing is stored, and a
page this process cached under the last version it read is served marked `X-Cache: STALE`
(with the database down nobody can publish). A version bump that fails, or any failed read,
is made up for by a bump as soon as the shared cache answers again, so a publish during a
Redis outage is never hidden behind pages cached before it.
"""

import contextvars
import logging

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from .cache import OUTAGE_ERRORS, CacheUnavailable, cache_errors_raised

logger = logging.getLogger(__name__)

VERSION_KEY = "portal:page-cache-version"
# The API is cached too: its answers depend only on the URL and the published content.
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/healthz", "/i18n/", "/jsi18n/", "/static/", "/media/")
KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Link", "Vary")
# The request being served, so that code without it (Wagtail's serve-time restriction check)
# shares its content version read.
_current_request = contextvars.ContextVar("portal_current_request", default=None)


# This process's view of the shared version: the last one read, and whether a bump or a read
# failed since (then the next successful read bumps first).
_last_version = None
_bump_owed = False


def read_version():
    """The content version from the shared cache; raises if the shared cache cannot answer."""
    global _last_version, _bump_owed
    shared = caches["shared"]
    try:
        with cache_errors_raised():
            if _bump_owed:
                _increment(shared)
                _bump_owed = False
            version = shared.get_or_set(VERSION_KEY, 1, timeout=None)
    except Exception:
        _bump_owed = True
        raise
    _last_version = version
    return version


def current_version():
    """The content version, or the last one this process read (0 if none) while the shared
    cache cannot answer: for keys of data that is rebuilt when missing."""
    try:
        return read_version()
    except Exception as error:
        logger.debug("Content version unavailable (%s: %s)", error.__class__.__name__, error)
        return _last_version or 0


def request_version(request=None):
    """The content version, read once per request (the middleware and the templates share it).

    Raises when the shared cache cannot answer; callers then build without the cache.
    """
    if request is None:
        request = _current_request.get()
    version = getattr(request, "_content_version", None)
    if version is None:
        version = read_version()
        if request is not None:
            request._content_version = version
    return version


def cached_by_version(request, name, build, timeout=300):
    """`build()`'s picklable result, kept in the default cache until the content changes.

    For site-wide data that is the same for every reader (never anything personal). A cache
    outage only costs the queries of `build()`.
    """
    try:
        key = f"portal:{name}:{request_version(request)}"
        value = caches["default"].get(key)
    except Exception as error:
        logger.debug("Content cache unavailable (%s: %s)", error.__class__.__name__, error)
        return build()
    if value is None:
        value = build()
        try:
            caches["default"].set(key, value, timeout)
        except Exception:
            logger.warning("Content cache unavailable", exc_info=True)
    return value


def _increment(shared):
    try:
        shared.incr(VERSION_KEY)
    except ValueError:
        shared.set(VERSION_KEY, 2, timeout=None)


def bump_version(**kwargs):
    """Invalidate every cached page (publish, unpublish, move, delete, snippet change).

    If the shared cache is unreachable the bump is owed, and made by this process's next
    successful read of the version, rather than failing the editor's publish.
    """
    global _bump_owed
    try:
        with cache_errors_raised():
            _increment(caches["shared"])
    except Exception as error:
        if not isinstance(error, (CacheUnavailable, *OUTAGE_ERRORS)):
            raise
        _bump_owed = True
        logger.warning("Page cache not invalidated yet, the shared cache is unavailable (%s)", error)


def is_cacheable_request(request):
    if request.method not in ("GET", "HEAD") or not settings.PAGE_CACHE_SECONDS:
        return False
    path = request.path
    if path == "/" or path.startswith(EXCLUDED_PREFIXES):
        return False
    cookies = request.COOKIES
    # A session (a logged-in editor) or pending messages mean a personal page.
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def is_cacheable_response(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


class AnonymousPageCacheMiddleware:
    """Place directly after WhiteNoise: a hit costs one cache read and no session or query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.serve(request)
        finally:
            _current_request.reset(token)

    def serve(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        try:
            version = request_version(request)
        except Exception as error:  # a cache or database outage must not take the site down
            return self.serve_without_version(request, error)
        key = page_key(version, request)
        try:
            cached = caches["default"].get(key)
        except Exception:
            logger.warning("Page cache unavailable", exc_info=True)
            return self.get_response(request)
        if cached is not None:
            return from_cache(cached, "HIT")
        response = self.get_response(request)
        if is_cacheable_response(request, response):
            headers = [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)]
            try:
                caches["default"].set(
                    key, (response.status_code, headers, response.content), settings.PAGE_CACHE_SECONDS
                )
            except Exception:
                logger.warning("Page cache unavailable", exc_info=True)
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_BROWSER_SECONDS)
            response["X-Cache"] = "MISS"
        return response

    def serve_without_version(self, request, error):
        """The shared cache did not answer: never store, but serve what this process cached
        under the last version it read (with the database down, nobody can have published)."""
        logger.debug("Page cache version unavailable (%s: %s)", error.__class__.__name__, error)
        if _last_version is not None:
            try:
                cached = caches["default"].get(page_key(_last_version, request))
            except Exception:
                cached = None
            if cached is not None:
                response = from_cache(cached, "STALE")
                patch_cache_control(response, no_cache=True)
                return response
        return self.get_response(request)


def page_key(version, request):
    return f"portal:page:{version}:{request.get_full_path()}"


def from_cache(cached, state):
    status, headers, content = cached
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Cache"] = state
    return response
