"""Machines' entrances that belong to no app: robots.txt and /favicon.ico."""

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from portal.core.absolute_urls import absolute_url


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        # The language switcher's redirects: every page names its alternates instead.
        "Disallow: /i18n/",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """/favicon.ico, which browsers ask for on any document without `<link rel="icon">` (a JSON
    answer of the API opened in a tab, a file): the site's icon, rather than a 404 that renders
    the page tree's error page and leaves an error on the browser's console each time."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
