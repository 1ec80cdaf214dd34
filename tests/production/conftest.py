"""Fixtures shared by the production tests."""

import pytest


@pytest.fixture
def page_cache(settings):
    from django.core.cache import caches

    settings.PAGE_CACHE_SECONDS = 300
    caches["default"].clear()
    caches["shared"].clear()
    yield
    caches["default"].clear()
    caches["shared"].clear()
