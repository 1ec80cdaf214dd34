"""initiatives knows the district page only through the registration the districts app makes."""

import pytest

from districts.models import DistrictPage
from initiatives.district_pages import district_page_model, district_pages, is_district
from tests.factories import EventPageFactory, days_from_now


def test_the_districts_app_registers_its_page_with_initiatives():
    assert district_page_model() is DistrictPage


@pytest.mark.django_db
def test_an_activity_finds_its_district_through_the_registration(home, district):
    event = EventPageFactory(parent=district, start=days_from_now(2, 18), end=days_from_now(2, 20))

    assert is_district(district)
    assert not is_district(home) and not is_district(event)
    assert district_pages().ancestor_of(event).get() == district
    assert event.district == district
