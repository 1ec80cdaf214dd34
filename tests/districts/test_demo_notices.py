"""The demo's notices: each district has one urgent notice shown now, one that ends tomorrow and
one that begins later, translated; an Arabic reader sees the urgent one, in Arabic, on a phone."""

import datetime

import pytest
from django.utils import timezone

from districts.models import DistrictPage, Notice
from districts.notices import all_entries, house_key_of, in_district
from portal.core.directory import get_directory
from tests.support.demo import (  # noqa: F401 (fixtures)
    _demo_media,
    demo_media,
    demo_module,
    shared_demo,
    shared_demo_media,
)

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def demo(shared_demo, django_db_blocker, demo_media):  # noqa: F811 (the fixture imported above)
    with demo_module(shared_demo, django_db_blocker, demo_media):
        yield


def test_each_district_has_an_urgent_an_expiring_and_a_future_notice(demo):
    directory = get_directory()
    now = timezone.now()
    tomorrow_end = now + datetime.timedelta(days=2)
    for district in DistrictPage.objects.filter(locale__language_code="it"):
        entries = [
            entry
            for entry in all_entries()
            if in_district(entry, str(district.translation_key), house_key_of(district, directory), directory)
        ]
        assert any(entry.level == Notice.Level.URGENT and entry.is_active(now) for entry in entries), district
        assert any(entry.is_active(now) and entry.ends < tomorrow_end for entry in entries), district
        assert any(entry.starts > now for entry in entries), district
    assert (
        Notice.objects.filter(locale__language_code="ar", live=True).count()
        == Notice.objects.filter(locale__language_code="it").count()
    )


def test_an_arabic_reader_sees_the_urgent_notice_in_arabic(client, demo):
    html = client.get("/ar/san-salvario/").content.decode()
    assert "الدار مغلقة بسبب عطل في الشبكة الكهربائية" in html
    assert "عاجل" in html
    assert 'dir="rtl"' in html
    home = client.get("/ar/").content.decode()
    assert "الاستحمام معلّق" in home and "إضراب في المواصلات" in home
