"""The demo content, built once for a test module, as app developers and residents first meet
it: `demo_built` builds it as `load_demo` does (its steps, so that a module may choose the
languages, freeze the clock around it, or add the editorial setup) in a transaction rolled back
at the end; `demo_media` and `_demo_media` keep its pictures where it drew them for every test
of the module (tests/conftest.py gives each test an empty folder of its own, where a rendition
of a demo picture could not be made).

A module uses the fixtures by importing them:
`from tests.support.demo import _demo_media, demo_media  # noqa: F401 (fixtures)`."""

from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    """The media folder the module's demo draws its pictures in."""
    return tmp_path_factory.mktemp("demo-media")


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
