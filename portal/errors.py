"""Friendly error pages that still render when the database is the thing that failed."""

import sys

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

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
