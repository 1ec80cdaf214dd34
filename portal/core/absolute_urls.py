"""Absolute URLs of the portal, built from the one configured base (`PORTAL_BASE_URL`).

Every link that leaves the page it is written in (the API's `html_url`, JSON-LD, iCalendar
`URL:`, RSS/Atom, the sitemap, robots.txt, hreflang alternates, webcal links) starts with
`settings.PORTAL_BASE_URL`, never with the request's Host header: a request that names another
allowed host (or a cached answer to one) cannot put that host into the portal's links.

Wagtail's own `Page.full_url` uses the default Site's hostname and port, which the release
phase sets from the same setting (`manage.py configure_site`); these helpers do not depend on
that having run, and also cover a base that a Site cannot express (https on another port).
"""

from django.conf import settings
from wagtail.models import Site

DEFAULT_SITE_ATTRIBUTE = "_portal_default_site_id"


def base_url():
    """The public scheme and host, without a trailing slash: "https://quartieri.example.org"."""
    return settings.PORTAL_BASE_URL.rstrip("/")


def absolute_url(url):
    """A site-relative path ("/it/…") on the portal's base; absolute URLs and "" unchanged."""
    if not url or not url.startswith("/") or url.startswith("//"):
        return url
    return base_url() + url


def _default_site_id(request=None):
    """The default Site's id: no query while there is one Site (Wagtail caches its root paths)."""
    if request is not None and hasattr(request, DEFAULT_SITE_ATTRIBUTE):
        return getattr(request, DEFAULT_SITE_ATTRIBUTE)
    site_ids = {root_path.site_id for root_path in Site.get_site_root_paths()}
    if len(site_ids) == 1:
        site_id = site_ids.pop()
    else:
        site_id = Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()
    if request is not None:
        setattr(request, DEFAULT_SITE_ATTRIBUTE, site_id)
    return site_id


def page_url(page, request=None):
    """The absolute URL of `page`, or None if it has none (not under a Site).

    A page of the default Site is on PORTAL_BASE_URL; a page of another Site (a portal with
    more than one) keeps that Site's own root URL.
    """
    parts = page.get_url_parts(request=request)
    if parts is None:
        return None
    site_id, root_url, path = parts
    if path is None:
        return None
    if site_id == _default_site_id(request):
        return base_url() + path
    return (root_url or base_url()) + path
