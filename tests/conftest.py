"""Shared fixtures: a site tree with the Italian home page, built by factories."""

import pytest


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    """Every test gets its own media folder and an empty cache."""
    from django.core.cache import cache

    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


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
