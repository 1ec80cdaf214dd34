"""A small Italian tree (home, San Salvario, an event) followed by every other language."""

from types import SimpleNamespace

import pytest


@pytest.fixture
def tree(home, district):
    """The Italian pages and, in every locale, their aliases (nothing translated yet)."""
    from tests.factories import EventPageFactory, days_from_now, synchronise_locales

    event = EventPageFactory(
        parent=district, title="Cena di quartiere", slug="cena-di-quartiere", start=days_from_now(10, 19, 30)
    )
    locales = synchronise_locales()
    return SimpleNamespace(home=home, district=district, event=event, locales=locales)


def in_language(page, code):
    """The page (translation or alias) that stands for `page` in the locale `code`."""
    from wagtail.models import Locale

    return page.get_translation(Locale.objects.get(language_code=code)).specific
