"""Saved events on the site without an account: the "Save" control on event and initiative
pages, the saved list's fragment, and the personal calendars (a signed list of keys, a
device's), with cancelled dates and without private or unpublished pages."""

import uuid

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from districts.follow.links import calendar_token
from districts.follow.saved import sign_keys, unsign_keys
from districts.models import SavedEvent
from tests.factories import (
    DeviceFollowerFactory,
    EventPageFactory,
    InitiativePageFactory,
    days_from_now,
    occurrence_change,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(district):
    start = days_from_now(5, 18)
    return EventPageFactory(
        parent=district,
        title="Cena di quartiere",
        slug="cena",
        start=start,
        occurrence_changes=[occurrence_change(timezone.localtime(start).date(), reason="Pioggia")],
    )


@pytest.fixture
def initiative(district):
    return InitiativePageFactory(parent=district, title="Sportello di ascolto", slug="sportello")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "private" in response["Cache-Control"]
    return icalendar.Calendar.from_ical(response.content)


def summaries(cal):
    return {str(component["SUMMARY"]) for component in cal.walk("VEVENT")}


def calendar_path(keys, lang="it"):
    with timezone.override("Europe/Rome"):
        path = reverse("follow_saved_calendar", kwargs={"token": sign_keys(keys)})
    return path.replace("/it/", f"/{lang}/", 1)


def test_the_save_control_is_on_event_and_initiative_pages_hidden_without_javascript(
    client, event, initiative
):
    for page in (event, initiative):
        html = client.get(page.url).content.decode()
        assert f'data-save-key="{page.translation_key}"' in html
        assert "data-save-control hidden" in html
        assert "districts/follow/saved.js" in html
    assert 'href="' + event.url + 'calendar.ics"' in client.get(event.url).content.decode()


def test_the_saved_page_is_served_in_every_language(client, home):
    for lang in ("it", "ar"):
        response = client.get(f"/{lang}/follow/saved/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "data-saved-list" in html and "<noscript>" in html
    assert 'dir="rtl"' in client.get("/ar/follow/saved/").content.decode()


def test_the_items_fragment_lists_the_public_saved_events_with_the_calendar_link(client, event, district):
    private = EventPageFactory(parent=district, title="Riunione riservata", slug="riservata")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    keys = f"{event.translation_key},{private.translation_key},{uuid.uuid4()}"
    response = client.get(f"/it/follow/saved/items/?events={keys}")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    html = response.content.decode()
    assert "Cena di quartiere" in html and "Riunione riservata" not in html
    assert f'data-saved-found="{event.translation_key}"' in html
    token = sign_keys([event.translation_key])
    assert f"/it/follow/saved/{token}.ics" in html and "webcal://" in html


@pytest.mark.parametrize("events", ["not-a-key", ",".join(str(uuid.uuid4()) for _ in range(201))])
def test_the_items_fragment_refuses_bad_keys(client, home, events):
    assert client.get(f"/it/follow/saved/items/?events={events}").status_code == 400
    assert client.get("/it/follow/saved/items/?other=1").status_code == 400


def test_the_signed_calendar_holds_the_saved_dates_and_the_cancellation(client, event, initiative):
    cal = parse(client.get(calendar_path([event.translation_key, initiative.translation_key])))
    names = summaries(cal)
    assert any("Cena di quartiere" in name for name in names)
    # An initiative without a schedule has no dates to add; it is accepted all the same.
    statuses = {str(component.get("STATUS", "")) for component in cal.walk("VEVENT")}
    assert "CANCELLED" in statuses


def test_private_and_unpublished_events_are_left_out_of_the_calendar(client, event, district):
    private = EventPageFactory(parent=district, title="Riunione riservata", slug="riservata")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    draft = EventPageFactory(parent=district, title="Bozza", slug="bozza")
    draft.unpublish()
    cal = parse(
        client.get(calendar_path([event.translation_key, private.translation_key, draft.translation_key]))
    )
    names = " ".join(summaries(cal))
    assert "Cena di quartiere" in names and "Riunione riservata" not in names and "Bozza" not in names


def test_a_tampered_calendar_link_is_a_404(client, event, home):
    path = calendar_path([event.translation_key])
    token = path.rsplit("/", 1)[1][: -len(".ics")]
    value, signature = token.split(":")
    other = sign_keys([uuid.uuid4()]).split(":")[0]
    for bad in (f"{other}:{signature}", f"{value}:{signature[:-2]}xx", value, "x"):
        assert client.get(f"/it/follow/saved/{bad}.ics").status_code == 404
    assert unsign_keys(f"{other}:{signature}") is None
    assert unsign_keys(token) == [event.translation_key]


def test_a_device_calendar_opens_with_its_token_only(client, event):
    device = DeviceFollowerFactory()
    SavedEvent.objects.create(follower=device, translation_key=event.translation_key)
    token = calendar_token(device)
    cal = parse(client.get(f"/it/follow/saved/device/{token}.ics"))
    assert any("Cena di quartiere" in name for name in summaries(cal))
    other = DeviceFollowerFactory()
    forged = f"{other.pk}:{token.split(':')[1]}"
    assert client.get(f"/it/follow/saved/device/{forged}.ics").status_code == 404
    assert client.get("/it/follow/saved/device/nope.ics").status_code == 404
