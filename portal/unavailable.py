"""A clear "temporarily unavailable" (503) instead of a 500 while the database is unreachable.

psycopg's and sqlite3's connection errors reach Django as django.db.OperationalError or
InterfaceError. Pages get a translated HTML page, the API a JSON message, both with
`Retry-After` and never cached; rendering them touches neither the database nor the cache.
DatabaseUnavailableMiddleware answers for errors raised by views and templates;
`portal.errors.server_error` answers for those raised by middleware (a signed-in reader's
session, for example). Django closes the broken connection at the end of the request and
CONN_HEALTH_CHECKS tests a kept one before reusing it, so the site recovers by itself.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
API_PREFIX = "/api/"


def is_database_outage(error):
    """True for a database connection error, or an error raised while handling one."""
    seen = 0
    while error is not None and seen < 5:
        if isinstance(error, DATABASE_ERRORS):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def unavailable_response(request):
    if request.path.startswith(API_PREFIX):
        response = JsonResponse({"message": "temporarily unavailable, please retry later"}, status=503)
    else:
        # The bare template with no context processors: nothing here may need the database.
        html = loader.get_template("503.html").render({"request": request})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def log_outage(request, error):
    logger.warning(
        "Database unavailable, answered 503 to %s %s: %s: %s",
        request.method,
        request.path,
        error.__class__.__name__,
        (str(error).strip().splitlines() or [""])[0],
    )


class DatabaseUnavailableMiddleware:
    """Last in MIDDLEWARE, so that it is the first to see a view's exception."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_outage(exception):
            return None
        log_outage(request, exception)
        return unavailable_response(request)
