"""The factories build a consistent tree: the suite's other tests rely on it."""

import pytest
from wagtail.models import Page, Site

from home.models import HomePage
from initiatives.models import EventPage, Occurrence
from tests.factories import EventPageFactory, InitiativePageFactory

pytestmark = pytest.mark.django_db


def test_site_tree_replaces_the_welcome_page(site_tree):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == site_tree.home.pk
    assert isinstance(site.root_page.specific, HomePage)
    assert list(Page.objects.filter(depth=2)) == [site_tree.home.page_ptr]
    assert site_tree.home.locale.language_code == "it"
    assert site_tree.home.live


def test_published_event_is_live_with_revision_and_rows(district):
    event = EventPageFactory(parent=district, title="Cena di quartiere")
    assert event.live
    assert event.latest_revision is not None
    assert event.locale.language_code == "it"
    assert event.url_path.endswith("/san-salvario/cena-di-quartiere/")
    assert Occurrence.objects.filter(translation_key=event.translation_key).count() == 1


def test_draft_has_no_rows(district):
    event = EventPageFactory(parent=district, publish=False)
    assert not EventPage.objects.get(pk=event.pk).live
    assert not Occurrence.objects.filter(translation_key=event.translation_key).exists()


def test_initiative_under_district(district):
    initiative = InitiativePageFactory(parent=district)
    assert initiative.get_parent().pk == district.pk
    assert initiative.category.locale_id == district.locale_id
