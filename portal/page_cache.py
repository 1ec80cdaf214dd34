"""Anonymous page views and API answers served from the cache, invalidated by a shared version number.

Rendered pages live in the default cache (local memory per process, or Redis). The version
number lives in the `shared` cache (the database, or Redis), so a publish in one gunicorn
worker invalidates the pages cached by every other worker at once.
"""

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


def current_version():
    return caches["shared"].get_or_set(VERSION_KEY, 1, timeout=None)


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
        if not is_cacheable_request(request):
            return self.get_response(request)
        try:
            key = f"portal:page:{current_version()}:{request.get_full_path()}"
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
