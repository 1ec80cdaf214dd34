"""Anonymous page views and API answers served from the cache, invalidated by a shared version number.

Rendered pages live in the default cache (local memory per process, or Redis). The version
number lives in the `shared` cache (the database, or Redis), so a publish in one gunicorn
worker invalidates the pages cached by every other worker at once.
"""

import contextvars
import logging

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

VERSION_KEY = "portal:page-cache-version"
# The API is cached too: its answers depend only on the URL and the published content.
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/healthz", "/i18n/", "/jsi18n/", "/static/", "/media/")
KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Link", "Vary")
# The request being served, so that code without it (Wagtail's serve-time restriction check)
# shares its content version read.
_current_request = contextvars.ContextVar("portal_current_request", default=None)


def current_version():
    return caches["shared"].get_or_set(VERSION_KEY, 1, timeout=None)


def request_version(request=None):
    """The content version, read once per request (the middleware and the templates share it)."""
    if request is None:
        request = _current_request.get()
    version = getattr(request, "_content_version", None)
    if version is None:
        version = current_version()
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
    except Exception:
        logger.warning("Content cache unavailable", exc_info=True)
        return build()
    if value is None:
        value = build()
        try:
            caches["default"].set(key, value, timeout)
        except Exception:
            logger.warning("Content cache unavailable", exc_info=True)
    return value


def bump_version(**kwargs):
    """Invalidate every cached page (publish, unpublish, move, delete, snippet change)."""
    shared = caches["shared"]
    try:
        shared.incr(VERSION_KEY)
    except ValueError:
        shared.set(VERSION_KEY, 2, timeout=None)


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
            key = f"portal:page:{request_version(request)}:{request.get_full_path()}"
            cached = caches["default"].get(key)
        except Exception:  # a cache outage must not take the site down
            logger.warning("Page cache unavailable", exc_info=True)
            return self.get_response(request)
        if cached is not None:
            status, headers, content = cached
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Cache"] = "HIT"
            return response
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
