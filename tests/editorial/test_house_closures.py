"""Editing a house's closures: the form checks them, a district's Community Manager saves them
(and the dates held at the house follow), another district's cannot; "open now" skips a
closure, the house card says "closed until …", and a cached page changes once they are saved."""

import datetime

import pytest
import recurrence
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from districts.models import HouseClosure
from initiatives.models import Occurrence
from initiatives.occurrences import zone
from tests.factories import InitiativePageFactory, close_house, house_closure, local_datetime

pytestmark = pytest.mark.django_db


def house_form(house, closures=(), holidays=("natale",)):
    data = {
        "name": house.name,
        "street_address": house.street_address,
        "postal_code": house.postal_code,
        "city": house.city,
        "latitude": str(house.latitude),
        "longitude": str(house.longitude),
        "phone": house.phone,
        "email": house.email,
        "website": house.website,
        "opening_notes": house.opening_notes,
        "step_free": "on",
        "accessibility_notes": house.accessibility_notes,
        "opening_hours": inline_formset([]),
        "closures": inline_formset(list(closures)),
    }
    return {**nested_form_data(data), "closed_on_holidays": list(holidays)}


def edit_url(house):
    return reverse("wagtailsnippets_districts_neighbourhoodhouse:edit", args=[house.pk])


def weekly_desk(district, day):
    """A desk open 9–12 on the weekday of `day`, every week."""
    days = (
        recurrence.MO,
        recurrence.TU,
        recurrence.WE,
        recurrence.TH,
        recurrence.FR,
        recurrence.SA,
        recurrence.SU,
    )
    weekday = days[day.weekday()]
    return InitiativePageFactory(
        parent=district,
        title="Sportello",
        slug="sportello",
        schedule_starts_on=day - datetime.timedelta(days=28),
        opens_at=datetime.time(9, 0),
        closes_at=datetime.time(12, 0),
        schedule=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, byday=[weekday])]),
    )


def refused_fields(**fields):
    try:
        HouseClosure(reason="x", **fields).clean()
    except ValidationError as error:
        return set(error.message_dict)
    return set()


def test_a_closure_is_checked():
    day = datetime.date(2027, 8, 8)
    later = day + datetime.timedelta(days=2)
    assert refused_fields(starts_on=day, ends_on=day - datetime.timedelta(days=1)) == {"ends_on"}
    assert refused_fields(starts_on=day, ends_on=day + datetime.timedelta(days=400)) == {"ends_on"}
    assert refused_fields(starts_on=day, ends_on=later, from_time=datetime.time(14)) == {"from_time"}
    times = {"from_time": datetime.time(14), "until_time": datetime.time(9)}
    assert refused_fields(starts_on=day, **times) == {"until_time"}
    assert not refused_fields(starts_on=day, from_time=datetime.time(14), until_time=datetime.time(18))
    assert not refused_fields(starts_on=day, ends_on=later)


def test_the_community_manager_closes_her_house_and_its_dates_follow(client, editorial, sara):
    house = editorial.ss.house
    day = timezone.localdate(timezone=zone()) + datetime.timedelta(days=9)
    desk = weekly_desk(editorial.ss, day)
    client.force_login(sara)
    closure = {
        "starts_on": day.isoformat(),
        "ends_on": "",
        "from_time": "",
        "until_time": "",
        "reason": "Sciopero",
    }
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(edit_url(house), house_form(house, [closure]))
    assert response.status_code == 302, response.content.decode()[:3000]
    house.refresh_from_db()
    assert [closure.reason for closure in house.closures.all()] == ["Sciopero"]
    assert house.closed_on_holidays == ["natale"]
    cancelled = Occurrence.objects.filter(translation_key=desk.translation_key, cancelled=True)
    days = {row.start.astimezone(zone()).date() for row in cancelled}
    assert day in days
    assert all(other == day or (other.month, other.day) == (12, 25) for other in days), days


def test_another_districts_community_manager_cannot_close_the_house(client, editorial, sara):
    """Sara answers for San Salvario and Barriera di Milano, not for Mirafiori Sud's house."""
    house = editorial.ms.house
    client.force_login(sara)
    closure = {"starts_on": "2027-08-01", "ends_on": "", "from_time": "", "until_time": "", "reason": "No"}
    response = client.post(edit_url(house), house_form(house, [closure]))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] in (reverse("wagtailadmin_home"), "/admin/")
    assert not HouseClosure.objects.filter(house=house).exists()


def test_open_now_skips_a_closure_and_the_card_says_until_when(client, district, clock):
    house = district.house
    now = local_datetime(2027, 3, 2, 10, 0)  # a Tuesday, during the desk's hours
    clock.set(now)
    weekly_desk(district, now.date())
    close_house(house, house_closure(now.date(), now.date() + datetime.timedelta(days=7), reason="Lavori"))
    html = client.get("/it/san-salvario/sportello/").content.decode()
    assert "Aperto ora" not in html and "Open now" not in html
    # The next opening is the Tuesday after the closure, not today nor next Tuesday.
    assert "martedì 16 marzo" in html
    assert "Chiusa fino a martedì 9 marzo" in html
    assert "Lavori" in html
    district_html = client.get("/it/san-salvario/").content.decode()
    assert "Chiusa fino a martedì 9 marzo" in district_html


def test_a_part_of_a_day_closure_says_until_what_time(client, district, clock):
    now = local_datetime(2027, 3, 3, 15, 0)
    clock.set(now)
    close_house(
        district.house,
        house_closure(now.date(), from_time=datetime.time(14), until_time=datetime.time(18), reason="Guasto"),
    )
    html = client.get("/it/san-salvario/").content.decode()
    assert "Chiusa fino alle 18:00" in html


def test_saving_a_closure_changes_the_cached_page(client, page_cache, district):
    day = timezone.localdate(timezone=zone()) + datetime.timedelta(days=9)
    weekly_desk(district, day)
    assert "Tubo rotto" not in client.get("/it/san-salvario/sportello/").content.decode()
    assert client.get("/it/san-salvario/sportello/")["X-Cache"] == "HIT"
    with TestCase.captureOnCommitCallbacks(execute=True):
        close_house(district.house, house_closure(day, reason="Tubo rotto"))
    response = client.get("/it/san-salvario/sportello/")
    assert response["X-Cache"] == "MISS"
    assert "Tubo rotto" in response.content.decode()


def test_the_dashboard_shows_each_manager_the_closures_of_her_houses(editorial, sara, imma):
    from districts.dashboard import HouseClosuresPanel
    from tests.editorial.test_dashboard import queries_to_render, render

    soon = timezone.localdate(timezone=zone()) + datetime.timedelta(days=5)
    close_house(editorial.ss.house, house_closure(soon, reason="Assemblea condominiale"))
    close_house(editorial.ms.house, house_closure(soon, reason="Disinfestazione"))
    for user, shown, hidden in (
        (sara, "Assemblea condominiale", "Disinfestazione"),
        (imma, "Disinfestazione", "Assemblea"),
    ):
        html = render(HouseClosuresPanel, user)
        assert "district-closures" in html and shown in html and hidden not in html
    assert queries_to_render(HouseClosuresPanel, sara) <= 6


def test_a_closed_house_costs_no_more_queries(client, district):
    """The card, the cancelled dates and their reasons come from the directory and the rows."""
    from tests.production.test_query_budget import queries_of_second_view

    day = timezone.localdate(timezone=zone()) + datetime.timedelta(days=9)
    desk = weekly_desk(district, day)
    before = {page.pk: queries_of_second_view(client, page)[0] for page in (district, desk)}
    house = district.house
    house.closed_on_holidays = ["natale", "pasquetta"]
    close_house(
        house, house_closure(day, reason="Sciopero"), house_closure(day + datetime.timedelta(days=40))
    )
    after = {page.pk: queries_of_second_view(client, page)[0] for page in (district, desk)}
    assert after == before


def test_a_public_holiday_cancels_the_dates_with_its_name(client, district, clock):
    """Easter Monday 2027 is 29 March: a Monday desk is cancelled that day, in words."""
    clock.set(local_datetime(2027, 3, 1, 8, 0))
    desk = weekly_desk(district, datetime.date(2027, 3, 1))
    house = district.house
    house.closed_on_holidays = ["pasquetta"]
    house.save()
    cancelled = Occurrence.objects.filter(translation_key=desk.translation_key, cancelled=True)
    assert [row.start.astimezone(zone()).date() for row in cancelled] == [datetime.date(2027, 3, 29)]
    data = client.get(f"/api/v2/pages/{desk.pk}/").json()
    assert data["exceptions"] == [
        {
            "date": "2027-03-29",
            "status": "cancelled",
            "moved_to": None,
            "reason": "Lunedì dell'Angelo (Pasquetta)",
        }
    ]
