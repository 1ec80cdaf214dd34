"""Friendly error pages that still render when the database is the thing that failed."""

import sys

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme

from .unavailable import is_database_outage, unavailable_response


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Django calls this inside its `except` block: a database outage raised by a middleware
    # (DatabaseUnavailableMiddleware sees only views' errors) is a 503, not a 500.
    if is_database_outage(sys.exc_info()[1]):
        return unavailable_response(request)
    # No context processors that touch the database: render the bare template.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request": request}))


def csrf_failure(request, reason=""):
    """A form sent with an expired or missing security cookie (CSRF_FAILURE_VIEW): say so in
    the reader's language and lead back to the form, instead of Django's page in English."""
    back = request.path if url_has_allowed_host_and_scheme(request.path, allowed_hosts=None) else ""
    response = render(request, "403_csrf.html", {"back": back}, status=403)
    add_never_cache_headers(response)
    return response
