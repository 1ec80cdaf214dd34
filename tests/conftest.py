"""Shared fixtures: a site tree with the Italian home page, built by factories."""

import contextlib
from pathlib import Path

import pytest
from django.utils import timezone

from tests.support.base_url import BASE
from tests.support.demo import shared, uses_shared_demo
from tests.support.queries import CaptureAllQueries

DATABASE_FIXTURES = {"db", "transactional_db", "live_server"}
ROOT = Path(__file__).resolve().parents[1]
BROWSER = ROOT / "tests" / "browser"


def spread_over_processes(items):
    """How `make test` spreads the suite over processes (`--dist loadgroup
    --no-loadscope-reorder`, see the Makefile): a file's tests in one process, so that its
    module fixtures are built once; the browser files together, so that the portal they drive
    (a session fixture) is built once and not in every process; the tests on the demo content
    together, one after the other, so that it is built once (tests/support/demo.py); and the
    longest first (the
    browser group, then the files marked `slow`, which start servers of their own), so that no
    long file is left to run alone at the end while the other process idles."""
    for item in items:
        path = Path(str(item.fspath))
        if BROWSER in path.parents:
            group = "browser"
        elif uses_shared_demo(item):
            group = "demo"
        else:
            group = path.relative_to(ROOT).as_posix()
        item.add_marker(pytest.mark.xdist_group(group))

    def rank(item):
        if BROWSER in Path(str(item.fspath)).parents:
            return (0, False)
        # The tests on the demo one after the other, so that their process builds it once
        # (tests/support/demo.py), after the other long files.
        return (1 if item.get_closest_marker("slow") else 2, uses_shared_demo(item))

    items.sort(key=rank)  # stable: the order within each rank is the collection's


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items):
    """Every test that uses the database may use all of the portal's databases, and the tests
    are grouped and ordered for the test processes (`spread_over_processes`).

    Under SQLite the shared cache (page-cache version, rate limits) has a database of its own
    (portal/database_config.py) that every page view reads; pytest-django and Django's test
    cases would otherwise allow only "default". A test that names its databases keeps them.
    """
    from django.test import TransactionTestCase

    for item in items:
        cls = getattr(item, "cls", None)
        if cls is not None and issubclass(cls, TransactionTestCase):
            if "databases" not in vars(cls):
                cls.databases = "__all__"
            continue
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("transaction"):
            if not marker.kwargs.get("serialized_rollback"):
                raise pytest.UsageError(
                    f"{item.nodeid}: a test on committed transactions needs "
                    "serialized_rollback=True (see pytest_runtest_teardown)"
                )
        if marker is None and not DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
            continue
        if marker is not None and "databases" in marker.kwargs:
            continue
        kwargs = {**(marker.kwargs if marker else {}), "databases": "__all__"}
        item.add_marker(pytest.mark.django_db(*(marker.args if marker else ()), **kwargs), append=False)
    spread_over_processes(items)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test on committed transactions, put back the rows the migrations wrote.

    Such a test ends with every table emptied (pytest-django flushes, as Django's
    TransactionTestCase does): the root page, the locales, the editors' groups and the
    workflows are gone. Django's runner puts those tests last; spread over workers by file,
    any file may come next on the same worker, so the migrated rows, serialized when the test
    database was built (`serialized_rollback=True` on those tests), are written back at once.
    """
    result = yield
    marker = item.get_closest_marker("django_db")
    # After the last test the session's teardown has already dropped the test databases (the
    # connections point at the real ones again): nothing follows, so nothing is restored.
    if nextitem is not None and marker is not None and marker.kwargs.get("transaction"):
        _restore_migrated_rows(item.config)
    # The shared demo is rolled back as soon as a test that does not use it comes next.
    if shared.open and (nextitem is None or not uses_shared_demo(nextitem)):
        shared.close()
    return result


def _restore_migrated_rows(config):
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


def _query_count_check(exact):
    @contextlib.contextmanager
    def check(num, info=None):
        with CaptureAllQueries() as context:
            yield context
        count = len(context)
        if (count == num) if exact else (count <= num):
            return
        listing = "\n".join(f"    {query['sql']}" for query in context.captured_queries)
        expected = f"{num}" if exact else f"at most {num}"
        pytest.fail(f"{count} queries, expected {expected}{f' ({info})' if info else ''}:\n{listing}")

    return check


@pytest.fixture
def django_assert_num_queries():
    """pytest-django's fixture, counting the queries of every database (tests/support/queries.py)."""
    return _query_count_check(exact=True)


@pytest.fixture
def django_assert_max_num_queries():
    """pytest-django's fixture, counting the queries of every database (tests/support/queries.py)."""
    return _query_count_check(exact=False)


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    """Every test gets its own media folder and an empty cache."""
    from django.core.cache import cache

    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page_cache(settings):
    """The page cache on (as in production) and empty, before and after the test."""
    from django.core.cache import caches

    settings.PAGE_CACHE_SECONDS = 300
    caches["default"].clear()
    caches["shared"].clear()
    yield
    caches["default"].clear()
    caches["shared"].clear()


@pytest.fixture
def public_base(settings):
    """The settings production derives from PORTAL_BASE_URL=https://quartieri.example.org."""
    settings.PORTAL_BASE_URL = BASE
    settings.WAGTAILADMIN_BASE_URL = BASE
    settings.WAGTAILAPI_BASE_URL = BASE
    return BASE


@pytest.fixture(autouse=True)
def _answers_on_the_contract(request, monkeypatch):
    """Every `/api/v2/…` answer a test's client gets is checked against the OpenAPI document
    (tests/support/contract.py): a field, status or shape the document does not declare fails
    the test. The document is built at the first API request of the test, so that a test that
    changes the page types at run time sees its own."""
    if BROWSER in Path(str(request.node.fspath)).parents:
        return
    from tests.support import contract

    def build():
        from portal.api.openapi import document

        return document()

    contract.install(monkeypatch, build)


@pytest.fixture
def site_tree(db):
    """The 'it' and 'en' locales and the Italian HomePage as the root of the default Site."""
    from tests.factories import build_site_tree

    return build_site_tree()


@pytest.fixture
def home(site_tree):
    return site_tree.home


@pytest.fixture
def en_home(site_tree):
    """The English translation of the home page, published."""
    from tests.factories import publish_translation

    return publish_translation(site_tree.home, site_tree.en)


@pytest.fixture
def district(home):
    """San Salvario with its house (open Monday and Wednesday) and Community Manager."""
    from tests.factories import (
        CommunityManagerFactory,
        DistrictPageFactory,
        NeighbourhoodHouseFactory,
    )

    house = NeighbourhoodHouseFactory(
        name="Casa del Quartiere di San Salvario",
        street_address="Via Morgari 14",
        postal_code="10125",
        opening_hours=[(0, "09:00", "13:00"), (0, "14:30", "19:00"), (2, "10:00", "22:00")],
    )
    manager = CommunityManagerFactory(name="Sara Medici")
    return DistrictPageFactory(
        parent=home, title="San Salvario", slug="san-salvario", house=house, manager=manager
    )


@pytest.fixture
def other_district(home):
    from tests.factories import CommunityManagerFactory, DistrictPageFactory, NeighbourhoodHouseFactory

    return DistrictPageFactory(
        parent=home,
        title="Mirafiori Sud",
        slug="mirafiori-sud",
        house=NeighbourhoodHouseFactory(name="Casa nel Parco", street_address="Via Panetti 1"),
        manager=CommunityManagerFactory(name="Imma di Santo"),
    )


@pytest.fixture
def clock(monkeypatch):
    """Freezes `timezone.now()`, the clock of the occurrences and of everything kept by it
    (the page cache, the data kept by content version): `clock.set(instant)`."""

    class Clock:
        def set(self, instant):
            monkeypatch.setattr(timezone, "now", lambda: instant)

    return Clock()
