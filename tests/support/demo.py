"""The demo content, built once for a test module, as app developers and residents first meet
it: `demo_built` builds it as `load_demo` does (its steps, so that a module may choose the
languages, freeze the clock around it, or add the editorial setup) in a transaction rolled back
at the end; `demo_media` and `_demo_media` keep its pictures where it drew them for every test
of the module (tests/conftest.py gives each test an empty folder of its own, where a rendition
of a demo picture could not be made).

A module uses the fixtures by importing them:
`from tests.support.demo import _demo_media, demo_media  # noqa: F401 (fixtures)`."""

from contextlib import ExitStack, contextmanager

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings
from django.utils import timezone


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    """The media folder the module's demo draws its pictures in: the shared demo's (the same
    pictures, drawn once)."""
    return media_folder(tmp_path_factory)


@pytest.fixture(autouse=True)
def _demo_media(_media_and_cache, settings, demo_media):
    """conftest's fixture (an empty cache), with the demo's pictures kept where the demo drew
    them: renditions are made from them while the tests run."""
    settings.MEDIA_ROOT = demo_media


@contextmanager
def rolled_back(django_db_blocker):
    """A transaction of the default database kept open for a whole module, rolled back at its
    end (pytest-django's own transaction is a test's)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@contextmanager
def demo_built(django_db_blocker, media_root, languages=None, editorial=False):
    """The demo built as `load_demo` builds it, there until the block ends, then rolled back.

    `languages`: the content languages to create (fewer save time); every one by default, as
    `setup_locales` makes them. `editorial`: also the districts' groups and workflows, the
    proposal forms and the demo users (`setup_editorial`, `load_editorial_demo`)."""
    # Imported here: the demo app and the occurrence table need Django set up, which
    # pytest-django does after collecting this module.
    from wagtail.models import Locale

    from initiatives.occurrence_table import rebuild_all
    from portal.demo.builder import DemoBuilder
    from portal.demo.upkeep import deferred_upkeep

    with override_settings(MEDIA_ROOT=media_root), rolled_back(django_db_blocker):
        if languages is None:
            call_command("setup_locales", verbosity=0)
        else:
            for code in languages:
                Locale.objects.get_or_create(language_code=code)
        # wagtail-localize publishes a translation once the transaction commits; the search
        # index and the rest once, at the end, as `load_demo` does.
        with deferred_upkeep() as upkeep, TestCase.captureOnCommitCallbacks(execute=True):
            DemoBuilder().build()
        upkeep.catch_up()
        rebuild_all()
        if editorial:
            with TestCase.captureOnCommitCallbacks(execute=True):
                call_command("setup_editorial", verbosity=0)
                call_command("load_editorial_demo", verbosity=0)
        yield


# --- One demo for every module of a test process --------------------------------------------

SHARED = "shared_demo"


def model_counts():
    """How many rows of each model there are."""
    from django.apps import apps

    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def every_database():
    """An atomic block on each of the portal's databases (the page cache's version lives in a
    database of its own under SQLite), rolled back when the block ends."""
    from django.db import connections

    stack = ExitStack()
    for connection in connections.all():
        stack.enter_context(transaction.atomic(using=connection.alias))
        # Registered after the block was entered: runs before it is left, which then rolls back.
        stack.callback(transaction.set_rollback, True, using=connection.alias)
    return stack


class SharedDemo:
    """The demo exactly as `load_demo` leaves it (every content language, the editorial setup,
    the admin, the default Site), built once per test process and kept, in a transaction of
    every database, while the tests that use it follow one another (tests/conftest.py puts them
    together); rolled back when a test that does not use it comes next, or at the end.

    Each module works on it in a savepoint of its own (`demo_module`), rolled back at the module's
    end, so no module sees what another wrote. The build is the costly part of these modules
    (a minute each on two busy cores): once instead of once per module.

    `moment`: the clock while the demo was built (timezone.now was that moment throughout), for a
    module that needs one clock for the demo's dates and its answers; `before`/`after`: the
    page cache's content version before and after; `counts`: the rows of each model after."""

    def __init__(self):
        self.stack = None

    @property
    def open(self):
        return self.stack is not None

    def build(self, django_db_blocker, media_root):
        if self.stack is not None:
            return self
        from portal.core.page_cache import read_version

        stack = ExitStack()
        try:
            stack.enter_context(django_db_blocker.unblock())
            stack.enter_context(every_database())
            self.moment = timezone.now()
            with override_settings(MEDIA_ROOT=media_root), pytest.MonkeyPatch.context() as patch:
                patch.setattr(timezone, "now", lambda: self.moment)
                self.before = read_version()
                # As on the command line: what waits for the commit (the translations'
                # publication, the page cache) is done, the transaction staying open.
                with TestCase.captureOnCommitCallbacks(execute=True):
                    call_command("load_demo", verbosity=0)
                self.after = read_version()
            self.counts = model_counts()
        except BaseException:
            stack.close()
            raise
        self.stack = stack
        return self

    def close(self):
        stack, self.stack = self.stack, None
        if stack is not None:
            stack.close()


shared = SharedDemo()


def media_folder(tmp_path_factory, folders=[]):  # noqa: B006 (one folder for the process)
    """The media folder every demo of this process draws its pictures in."""
    if not folders:
        folders.append(tmp_path_factory.mktemp("demo-media"))
    return folders[0]


@pytest.fixture(scope="session")
def shared_demo_media(tmp_path_factory):
    """The media folder the shared demo draws its pictures in."""
    return media_folder(tmp_path_factory)


@pytest.fixture(scope="session")
def shared_demo(django_db_setup, django_db_blocker, shared_demo_media):
    """The process's `SharedDemo`, built at the first test that needs it (again after a test
    that did not); closed before the test databases go."""
    yield shared
    shared.close()


@contextmanager
def demo_module(shared_demo, django_db_blocker, media_root):
    """The shared demo, built if need be, for one module: what the module writes is rolled back
    at its end (a savepoint of every database). The caches are emptied first, as after a fresh
    build: the page cache's content version starts again from the clock, a number no module
    before used, so that nothing a module before kept by version (in this process) is read."""
    from django.core.cache import caches

    demo = shared_demo.build(django_db_blocker, media_root)
    with django_db_blocker.unblock(), every_database():
        caches["default"].clear()
        caches["shared"].clear()
        yield demo


def uses_shared_demo(item):
    return SHARED in getattr(item, "fixturenames", ())
