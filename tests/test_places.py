"""One set of place fields (portal/core/places.py): a house and the other place of an activity are
validated alike — coordinates within range, and both or neither."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from districts.models import NeighbourhoodHouse
from initiatives.models import EventPage, InitiativePage
from portal.core.places import OnTheMap
from tests.factories import (
    CategoryFactory,
    EventPageFactory,
    InitiativePageFactory,
    NeighbourhoodHouseFactory,
    days_from_now,
)
from tests.test_admin import event_form_data

pytestmark = pytest.mark.django_db


def errors_of(instance):
    with pytest.raises(ValidationError) as raised:
        instance.full_clean()
    return raised.value.message_dict


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("redazione", "redazione@example.org", "password")
    client.force_login(user)
    return client


def test_house_and_venue_share_the_same_field_declarations():
    def options(model, name):
        field = model._meta.get_field(name)
        return field.validators, str(field.help_text), field.max_digits, field.decimal_places

    for axis in ("latitude", "longitude"):
        house = options(NeighbourhoodHouse, axis)
        assert options(EventPage, f"venue_{axis}") == house
        assert options(InitiativePage, f"venue_{axis}") == house
    assert str(EventPage._meta.get_field("venue_step_free").help_text) == str(
        NeighbourhoodHouse._meta.get_field("step_free").help_text
    )


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [
        (Decimal("90.5"), Decimal("7.68"), "latitude"),
        (Decimal("-91"), Decimal("7.68"), "latitude"),
        (Decimal("45.05"), Decimal("180.1"), "longitude"),
        (Decimal("45.05"), None, "longitude"),
        (None, Decimal("7.68"), "latitude"),
    ],
)
def test_a_house_needs_a_point_on_the_map_or_none(home, latitude, longitude, field):
    house = NeighbourhoodHouseFactory(latitude=latitude, longitude=longitude)
    assert field in errors_of(house)


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [
        (Decimal("90.5"), Decimal("7.68"), "venue_latitude"),
        (Decimal("45.05"), Decimal("-180.5"), "venue_longitude"),
        (Decimal("45.05"), None, "venue_longitude"),
        (None, Decimal("7.68"), "venue_latitude"),
    ],
)
@pytest.mark.parametrize("factory", [EventPageFactory, InitiativePageFactory])
def test_the_other_place_of_an_activity_is_validated_as_a_house_is(
    district, factory, latitude, longitude, field
):
    page = factory(parent=district, venue_name="Parco Colonnetti")
    page.venue_latitude, page.venue_longitude = latitude, longitude
    assert field in errors_of(page)


def test_a_valid_point_or_no_point_is_accepted(district):
    house = NeighbourhoodHouseFactory(latitude=None, longitude=None)
    house.full_clean()
    event = EventPageFactory(
        parent=district,
        venue_name="Parco Colonnetti",
        venue_latitude=Decimal("45.0231"),
        venue_longitude=Decimal("7.6312"),
    )
    event.full_clean()


def test_the_admin_refuses_a_venue_off_the_map(admin_client, district):
    category = CategoryFactory(slug="workshops")
    start = days_from_now(7, 10)
    data = event_form_data(
        category,
        start=f"{start:%Y-%m-%d} 10:00",
        end=f"{start:%Y-%m-%d} 12:00",
        venue_name="Parco Colonnetti",
        venue_address="Via Panetti 1",
        venue_latitude="145.0231",
        venue_longitude="7.6312",
    )
    url = reverse("wagtailadmin_pages:add", args=["initiatives", "eventpage", district.id])
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "venue_latitude" in response.context["form"].errors
    assert not EventPage.objects.filter(slug="ciclofficina").exists()


def test_map_links_read_the_same_coordinates(district):
    house = NeighbourhoodHouseFactory(latitude=Decimal("45.054100"), longitude=Decimal("7.683600"))
    assert isinstance(house, OnTheMap)
    assert house.has_coordinates
    assert house.openstreetmap_url.startswith("https://www.openstreetmap.org/?mlat=45.054100&mlon=7.683600")
    event = EventPageFactory(parent=district, house=house)
    venue = event.get_venue()
    assert (venue.has_coordinates, venue.openstreetmap_url) == (True, house.openstreetmap_url)
