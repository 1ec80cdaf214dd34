"""Notices where residents read them: the urgent banner on the home and on every page of its
district (not another district's), the other levels on the district page, the house's card and
the initiative's page, in the reader's language, and gone by the clock with the page cache on."""

import datetime

import pytest
from django.utils import timezone

from districts.models import Notice
from tests.factories import (
    EventPageFactory,
    InitiativePageFactory,
    NoticeFactory,
    publish_translation,
    translate_with_localize,
)

URGENT = Notice.Level.URGENT
IMPORTANT = Notice.Level.IMPORTANT


def text_of(client, page, lang="it"):
    response = client.get(page.url if lang == "it" else page.url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def initiative(district):
    return InitiativePageFactory(parent=district, title="Sportello di ascolto", slug="sportello")


@pytest.fixture
def deep_event(initiative):
    return EventPageFactory(parent=initiative, title="Colloquio", slug="colloquio")


def test_urgent_notice_is_a_banner_on_the_home_and_every_page_of_its_district_only(
    client, home, district, other_district, deep_event
):
    NoticeFactory(district=district, level=URGENT, title="Casa chiusa per un guasto")
    for page in (home, district, deep_event):
        html = text_of(client, page)
        assert "Casa chiusa per un guasto" in html
        assert 'class="notices notices--banner"' in html
        assert "Urgente" in html or "Urgent" in html
    assert "Casa chiusa per un guasto" not in text_of(client, other_district)


def test_portal_urgent_notice_is_on_every_page(client, home, district, other_district):
    NoticeFactory(scope=Notice.Scope.PORTAL, level=URGENT, title="Sciopero generale")
    for page in (home, district, other_district):
        assert "Sciopero generale" in text_of(client, page)


def test_other_levels_show_where_their_scope_is(
    client, home, district, other_district, initiative, deep_event
):
    NoticeFactory(district=district, level=IMPORTANT, title="Iscrizioni aperte")
    NoticeFactory(house=district.house, title="Ascensore guasto")
    NoticeFactory(initiative=initiative, title="Sportello spostato al piano terra")
    district_html = text_of(client, district)
    assert "Iscrizioni aperte" in district_html
    assert "Ascensore guasto" in district_html
    assert "Sportello spostato" not in district_html
    assert "Sportello spostato" in text_of(client, initiative)
    assert "Sportello spostato" in text_of(client, deep_event)
    assert "Iscrizioni aperte" not in text_of(client, deep_event)
    other_html = text_of(client, other_district)
    assert "Iscrizioni aperte" not in other_html and "Ascensore guasto" not in other_html
    # The home page lists every notice shown now.
    home_html = text_of(client, home)
    assert "Iscrizioni aperte" in home_html and "Sportello spostato" in home_html
    # …each with the district or house it concerns.
    assert '<span class="notice__where">Casa del Quartiere di San Salvario</span>' in home_html
    assert '<span class="notice__where">San Salvario</span>' in home_html


def test_drafts_expired_and_future_notices_do_not_show(client, district):
    NoticeFactory(district=district, title="Bozza", publish=False)
    NoticeFactory(
        district=district,
        title="Scaduto",
        starts=timezone.now() - datetime.timedelta(days=2),
        ends=timezone.now() - datetime.timedelta(days=1),
    )
    NoticeFactory(district=district, title="Futuro", starts=timezone.now() + datetime.timedelta(days=1))
    html = text_of(client, district)
    assert "Bozza" not in html and "Scaduto" not in html and "Futuro" not in html


def test_notice_ends_and_starts_by_the_clock_with_the_page_cache_on(client, page_cache, clock, district):
    now = timezone.now().replace(microsecond=0)
    clock.set(now)
    NoticeFactory(
        district=district,
        level=IMPORTANT,
        title="Chiuso oggi",
        starts=now - datetime.timedelta(hours=1),
        ends=now + datetime.timedelta(minutes=2),
    )
    NoticeFactory(
        district=district,
        level=URGENT,
        title="Domani sciopero",
        starts=now + datetime.timedelta(minutes=3),
        ends=now + datetime.timedelta(hours=9),
    )
    first = client.get(district.url)
    assert "Chiuso oggi" in first.content.decode() and "Domani sciopero" not in first.content.decode()
    assert client.get(district.url)["X-Cache"] == "HIT"
    # Both moments within PAGE_CACHE_SECONDS (300): only the notices' own limits end the entry.
    clock.set(now + datetime.timedelta(minutes=2, seconds=1))
    after_end = client.get(district.url).content.decode()
    assert "Chiuso oggi" not in after_end and "Domani sciopero" not in after_end
    clock.set(now + datetime.timedelta(minutes=3, seconds=1))
    started = client.get(district.url).content.decode()
    assert "Domani sciopero" in started


def test_notice_in_the_readers_language_else_italian(client, site_tree, en_home, district):
    notice = NoticeFactory(district=district, level=URGENT, title="Casa chiusa")
    en_district = publish_translation(district, site_tree.en)
    html = client.get(en_district.url).content.decode()
    assert 'lang="it"' in html and "Casa chiusa" in html
    translate_with_localize(notice, site_tree.en, {"Casa chiusa": "House closed"})
    html = client.get(en_district.url).content.decode()
    assert "House closed" in html
    assert "Urgent" in html
