"""Friendly error pages that still render when the database is the thing that failed."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that touch the database: render the bare template.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request": request}))
