"""Two districts set up as in production: San Salvario (Italian and English) and Mirafiori Sud,
their groups, workflows and collections, and the people who work in them."""

from types import SimpleNamespace

import pytest


@pytest.fixture
def editorial(site_tree, en_home, district, other_district):
    from districts.editorial import setup_editorial
    from tests.factories import publish_translation

    district_en = publish_translation(district, site_tree.en)
    report = setup_editorial()
    return SimpleNamespace(
        ss=district, ss_en=district_en, ms=other_district, report=report, it=site_tree.it, en=site_tree.en
    )


@pytest.fixture
def editor(editorial):
    """Luca, who works at the San Salvario house."""
    from tests.factories import UserFactory

    return UserFactory(username="luca", groups=["San Salvario editors"])


@pytest.fixture
def sara(editorial):
    """Sara Medici, Community Manager of San Salvario."""
    from tests.factories import UserFactory

    return UserFactory(username="sara", groups=["San Salvario Community Managers"])


@pytest.fixture
def imma(editorial):
    """Imma di Santo, Community Manager of Mirafiori Sud."""
    from tests.factories import UserFactory

    return UserFactory(username="imma", groups=["Mirafiori Sud Community Managers"])


@pytest.fixture
def translator(editorial):
    """Amal, who translates the portal into Arabic and English, in every district."""
    from tests.factories import UserFactory

    return UserFactory(username="amal", groups=["Translators"])


@pytest.fixture
def superuser(editorial):
    from tests.factories import UserFactory

    return UserFactory(username="admin", is_superuser=True, is_staff=True)


def client_for(client, user):
    client.force_login(user)
    return client
