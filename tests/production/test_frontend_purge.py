"""A proxy or CDN in front (issue 15, point 4): the page cache's targeted invalidations are sent
to it too, through Wagtail's frontend cache, here to a real HTTP server that records the PURGE
requests as nginx or Varnish would receive them. The purge follows the commit of the change:
`committed()` runs what a commit runs, the test's transaction standing for the editor's."""

import contextlib
import http.server
import threading
from urllib.parse import urlsplit

import pytest

from tests.factories import (
    CalendarPageFactory,
    CategoryFactory,
    EventPageFactory,
    InitiativePageFactory,
    publish_translation,
)

pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def committed():
    """What is built before is committed; what the block does is committed when it ends."""
    from django.db import connection

    callbacks = [callback for _savepoints, callback, _robust in connection.run_on_commit]
    connection.run_on_commit.clear()
    for callback in callbacks:
        callback()
    yield
    callbacks = [callback for _savepoints, callback, _robust in connection.run_on_commit]
    connection.run_on_commit.clear()
    for callback in callbacks:
        callback()


def paths(urls):
    return {urlsplit(url).path for url in urls}


class Recorder(http.server.BaseHTTPRequestHandler):
    purged = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        Recorder.purged.append(f"http://{self.headers['Host']}{self.path}")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy(settings):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    settings.WAGTAILFRONTENDCACHE_LANGUAGES = []
    Recorder.purged = []
    yield Recorder.purged
    server.shutdown()


@pytest.fixture
def city(home, en_home, district, other_district, site_tree):
    return {
        "calendar": CalendarPageFactory(parent=home, slug="cosa-succede"),
        "district calendar": CalendarPageFactory(parent=district, slug="cosa-succede"),
        "other calendar": CalendarPageFactory(parent=other_district, slug="cosa-succede"),
        "initiative": InitiativePageFactory(parent=district, slug="sportello"),
        "english district": publish_translation(district, site_tree.en),
        "category": CategoryFactory(name="Ascolto"),
    }


def test_a_publish_purges_the_pages_that_list_it_and_no_other_district(proxy, city, district, other_district):
    with committed():
        proxy.clear()
        # Of an existing category: a new one would be a shared piece, emptying everything.
        EventPageFactory(parent=city["initiative"], slug="colloqui", category=city["category"])
    purged = paths(proxy)
    expected = {
        "/it/",
        "/it/feed.xml",
        "/it/calendar.ics",
        "/en/",
        "/it/cosa-succede/",
        "/it/san-salvario/",
        "/it/san-salvario/calendar.ics",
        "/it/san-salvario/atom.xml",
        "/it/san-salvario/cosa-succede/",
        "/it/san-salvario/sportello/",
        city["english district"].url,
    }
    assert expected <= purged, expected - purged
    assert not any(path.startswith("/it/mirafiori-sud/") for path in purged), purged


def test_a_shared_piece_purges_every_districts_listings(proxy, city, district, other_district):
    with committed():
        proxy.clear()
        CategoryFactory(name="Sport")
    assert {"/it/san-salvario/", "/it/mirafiori-sud/", "/it/mirafiori-sud/cosa-succede/", "/it/"} <= paths(
        proxy
    )


def test_nothing_is_sent_without_a_frontend_cache(
    settings, city, district, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {}
    with committed():
        Recorder.purged = []
        EventPageFactory(parent=city["initiative"], slug="colloqui")
    assert Recorder.purged == []
