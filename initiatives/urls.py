"""Feed URLs, mounted inside the language prefix before Wagtail's page serving."""

from django.urls import path, re_path

from . import feeds

PAGE_PATH = r"(?P<page_path>(?:[\w\-]+/)+)"

urlpatterns = [
    path("calendar.ics", feeds.portal_ics, name="portal_ics"),
    path("feed.xml", feeds.rss_view, name="portal_rss"),
    path("atom.xml", feeds.atom_view, name="portal_atom"),
    re_path(rf"^{PAGE_PATH}calendar\.ics$", feeds.page_ics, name="page_ics"),
    re_path(rf"^{PAGE_PATH}feed\.xml$", feeds.rss_view, name="page_rss"),
    re_path(rf"^{PAGE_PATH}atom\.xml$", feeds.atom_view, name="page_atom"),
]
