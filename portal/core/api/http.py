"""HTTP around the headless API (`/api/`): cache validators, conditional requests, CORS and
JSON error bodies for URLs that no endpoint answers.

- Every successful GET or HEAD carries a strong `ETag` (a hash of the body) and
  `Cache-Control: public, max-age=API_CACHE_SECONDS` (less for an answer that changes sooner
  with the clock, portal/core/page_cache.py); a request whose `If-None-Match` matches
  is answered 304 with no body. An answer the view marked `private` or `no-store` (a draft
  previewed with its token) gets neither: no shared cache keeps it, no ETag matches it.
- CORS is closed unless `CORS_ALLOWED_ORIGINS` names the origin (comma-separated in the
  environment; `*` allows any). GET, HEAD and OPTIONS are offered; POST (with a JSON
  `Content-Type`) only on the paths the site shell opens with `accept_posts` (the app's
  proposals, districts/api.py), and the methods `accept_writes` names below a path with the
  `Authorization` header (the app's devices, districts/follow/api.py): the rest of the API is
  read-only.
- An answer to anything but GET or HEAD is never stored (`Cache-Control: no-store`).
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

from portal.core.page_cache import seconds_left

API_PREFIX = "/api/"
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
ALLOWED_HEADERS = "accept, accept-language, if-none-match, if-modified-since"
POST_METHODS = "POST, OPTIONS"
POST_HEADERS = "accept, accept-language, content-type"
EXPOSED_HEADERS = "ETag, Content-Language, Retry-After"
WRITE_HEADERS = "accept, accept-language, authorization, content-type, if-none-match"
# Paths that take a POST (the whole path, e.g. "/api/v2/proposals/"): see accept_posts.
POST_PATHS = set()
# {path prefix: methods} of the endpoints that write with a token: see accept_writes.
WRITE_PREFIXES = {}


def accept_posts(path):
    """Offer POST to browsers' CORS preflight on `path` (the endpoint itself decides what it takes)."""
    POST_PATHS.add(path)


def accept_writes(prefix, methods):
    """Offer `methods` (e.g. "GET, POST, PUT, PATCH, DELETE") and the `Authorization` header to
    browsers' CORS preflight on every path that starts with `prefix`."""
    WRITE_PREFIXES[prefix] = methods


def preflight_answer(path):
    """(methods, headers) offered to a CORS preflight on `path`."""
    if path in POST_PATHS:
        return POST_METHODS, POST_HEADERS
    for prefix, methods in WRITE_PREFIXES.items():
        if path.startswith(prefix):
            return f"{methods}, OPTIONS", WRITE_HEADERS
    return ALLOWED_METHODS, ALLOWED_HEADERS


def allowed_origin(origin):
    allowed = getattr(settings, "CORS_ALLOWED_ORIGINS", [])
    if not origin or not allowed:
        return None
    if "*" in allowed:
        return "*"
    return origin if origin in allowed else None


def is_private(response):
    """An answer for one reader only (`Cache-Control: private` or `no-store`), left as it is."""
    cache_control = response.get("Cache-Control", "")
    return "private" in cache_control or "no-store" in cache_control


class ApiHttpMiddleware:
    """Place near the top of MIDDLEWARE so it sees the final API response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        origin = allowed_origin(request.headers.get("Origin"))
        if (
            request.method == "OPTIONS"
            and origin is not None
            and "Access-Control-Request-Method" in request.headers
        ):
            response = HttpResponse(status=204)
            methods, headers = preflight_answer(request.path)
            response["Access-Control-Allow-Methods"] = methods
            response["Access-Control-Allow-Headers"] = headers
            response["Access-Control-Max-Age"] = "86400"
            return self.with_cors(response, origin)
        response = self.get_response(request)
        response = self.as_json_error(request, response)
        if is_private(response):
            pass  # a draft previewed with its token (portal/api/preview.py): no ETag, kept by nobody
        elif request.method in ("GET", "HEAD") and response.status_code == 200 and not response.streaming:
            # No longer than the answer stays true (the next dates of an event: page_cache).
            patch_cache_control(
                response, public=True, max_age=seconds_left(request, settings.API_CACHE_SECONDS)
            )
            if not response.has_header("ETag"):
                set_response_etag(response)
            response = get_conditional_response(request, etag=response["ETag"], response=response)
        elif request.method not in ("GET", "HEAD"):
            # A POST's answer (a proposal received, its errors) is never kept, here or on the way.
            patch_cache_control(response, no_store=True)
        elif response.status_code >= 400:
            patch_cache_control(response, no_cache=True)
        if getattr(settings, "CORS_ALLOWED_ORIGINS", []):
            patch_vary_headers(response, ("Origin",))
        return self.with_cors(response, origin)

    @staticmethod
    def with_cors(response, origin):
        if origin is not None:
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        return response

    @staticmethod
    def as_json_error(request, response):
        """Django's HTML 404 and 500 pages become {"message": …} under /api/.

        LocaleMiddleware turns any 404 into a redirect to the same path under a language prefix
        (`/it/api/…`, which the page tree's catch-all accepts); under /api/ that is a 404 too.
        """
        location = response.get("Location", "")
        if response.status_code == 302 and location.endswith(request.get_full_path()) and "/api/" in location:
            if location.split("/api/", 1)[0].strip("/") in dict(settings.LANGUAGES):
                response.status_code = 404
        if response.status_code not in (404, 500) or response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return response
        message = "not found" if response.status_code == 404 else "server error"
        replacement = JsonResponse({"message": message}, status=response.status_code)
        for header in ("Vary", "Content-Language"):
            if response.has_header(header):
                replacement[header] = response[header]
        return replacement
