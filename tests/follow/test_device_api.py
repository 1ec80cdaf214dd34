"""The app's devices: registration, the token, preferences, the push subscription, saved events
and erasure through `/api/v2/devices/`, every bad input a JSON 400, 401 or 404 (the contract
of every answer is checked by tests/support/contract.py), and no personal answer cached."""

import base64
import json
import uuid

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from districts.models import Delivery, Follower, PushEndpoint, SavedEvent
from tests.factories import (
    CategoryFactory,
    DeviceFollowerFactory,
    EventPageFactory,
    InitiativePageFactory,
    days_from_now,
    occurrence_change,
)

pytestmark = pytest.mark.django_db

URL = "/api/v2/devices/"
ME = "/api/v2/devices/me/"
P256DH = base64.urlsafe_b64encode(b"\x04" + bytes(range(64))).decode().rstrip("=")
AUTH = base64.urlsafe_b64encode(bytes(16)).decode().rstrip("=")
CONSENT = "Voglio ricevere gli avvisi del mio quartiere su questo telefono."


def post(client, body, path=URL, **headers):
    return client.post(path, json.dumps(body), content_type="application/json", headers=headers)


def send(client, method, path, body, token):
    call = getattr(client, method)
    return call(path, json.dumps(body), content_type="application/json", headers=auth(token))


def auth(token):
    return {"Authorization": f"Device {token}"}


def registration(district, **changes):
    body = {
        "language": "ar",
        "districts": [str(district.translation_key)],
        "categories": [],
        "audiences": [],
        "alerts": True,
        "consent": CONSENT,
        "push": {
            "platform": "webpush",
            "endpoint": "https://push.example.net/send/abc",
            "keys": {"p256dh": P256DH, "auth": AUTH},
        },
    }
    body.update(changes)
    return body


@pytest.fixture
def device(district):
    return DeviceFollowerFactory(language="it", districts=[str(district.translation_key)])


@pytest.fixture
def event(district):
    return EventPageFactory(parent=district, title="Cena di quartiere", slug="cena")


def test_a_device_registers_and_reads_its_preferences_with_its_token(client, district):
    response = post(client, registration(district))
    assert response.status_code == 201, response.json()
    assert response["Cache-Control"] == "no-store"
    device = response.json()["device"]
    follower = Follower.objects.get()
    assert device["token"] == follower.key
    assert follower.kind == "device" and follower.is_confirmed and not follower.weekly_digest
    assert follower.language == "ar" and follower.districts == [str(district.translation_key)]
    assert follower.consent_text == CONSENT
    endpoint = PushEndpoint.objects.get()
    assert (endpoint.follower, endpoint.platform, endpoint.p256dh, endpoint.auth) == (
        follower,
        "webpush",
        P256DH,
        AUTH,
    )
    assert device["push"] == {"platform": "webpush", "endpoint": "https://push.example.net/send/abc"}
    assert "/follow/saved/device/" in device["calendar_url"]

    response = client.get(ME, headers=auth(follower.key))
    assert response.status_code == 200
    assert response.json()["device"]["districts"] == [str(district.translation_key)]
    assert "private" in response["Cache-Control"] and "ETag" not in response
    assert "Authorization" in response["Vary"]


def test_fcm_and_apns_tokens_are_kept_without_keys(client, district):
    body = registration(district, push={"platform": "fcm", "endpoint": "dK3:APA91bH-token_abc"})
    assert post(client, body).status_code == 201
    assert PushEndpoint.objects.get().platform == "fcm"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"districts": ["not-a-district"]}, "districts"),
        ({"districts": "all"}, "districts"),
        ({"categories": ["nope"]}, "categories"),
        ({"language": "xx"}, "language"),
        ({"language": None}, "language"),
        ({"alerts": "yes"}, "alerts"),
        ({"consent": ""}, "consent"),
        ({"colour": "blue"}, "colour"),
        ({"push": "https://push.example.net"}, "push"),
        ({"push": {"platform": "sms", "endpoint": "x"}}, "push.platform"),
        (
            {"push": {"endpoint": "http://push.example.net/x", "keys": {"p256dh": P256DH, "auth": AUTH}}},
            "push.endpoint",
        ),
        (
            {"push": {"endpoint": "https://push.example.net/x", "keys": {"p256dh": AUTH, "auth": AUTH}}},
            "push.keys.p256dh",
        ),
        (
            {"push": {"endpoint": "https://push.example.net/x", "keys": {"p256dh": P256DH, "auth": "@@"}}},
            "push.keys.auth",
        ),
        ({"push": {"endpoint": "https://push.example.net/x"}}, "push.keys"),
        ({"push": {"platform": "apns", "endpoint": "has spaces in it"}}, "push.endpoint"),
    ],
)
def test_every_bad_member_is_a_400_naming_it(client, district, changes, field):
    response = post(client, registration(district, **changes))
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert field in response.json()["message"]
    assert not Follower.objects.exists()


def test_a_missing_consent_or_language_is_named(client):
    response = post(client, {"alerts": True})
    assert response.status_code == 400
    assert {"consent", "language"} <= set(response.json()["errors"])


def test_a_body_that_is_not_a_json_object_is_refused(client):
    assert (
        client.post(URL, "language=it", content_type="application/x-www-form-urlencoded").status_code == 415
    )
    assert client.post(URL, "{", content_type="application/json").status_code == 400
    assert post(client, ["it"]).status_code == 400
    assert post(client, {}, path=URL + "?debug=1").status_code == 400


@pytest.mark.parametrize("header", [None, "Device nope", "Bearer " + "a" * 43, "Device " + "a" * 43])
def test_a_missing_or_unknown_token_is_a_401(client, device, header):
    headers = {"Authorization": header} if header else {}
    for method, path in [("get", ME), ("get", ME + "saved/"), ("delete", ME), ("get", ME + "calendar/")]:
        response = getattr(client, method)(path, headers=headers)
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Device")
        assert "message" in response.json()


def test_an_e_mail_follower_key_is_no_device_token(client):
    from tests.factories import FollowerFactory

    follower = FollowerFactory()
    assert client.get(ME, headers=auth(follower.key)).status_code == 401


def test_update_changes_preferences_and_replaces_the_push_endpoint(client, district, other_district, device):
    PushEndpoint.objects.create(
        follower=device, endpoint="https://push.example.net/old", p256dh=P256DH, auth=AUTH
    )
    response = send(
        client,
        "patch",
        ME,
        {
            "districts": [str(other_district.translation_key)],
            "alerts": False,
            "push": {"endpoint": "https://push.example.net/new", "keys": {"p256dh": P256DH, "auth": AUTH}},
        },
        device.key,
    )
    assert response.status_code == 200, response.json()
    assert response["Cache-Control"] == "no-store"
    device.refresh_from_db()
    assert device.districts == [str(other_district.translation_key)] and device.alerts is False
    assert device.language == "it"  # left out: kept
    assert list(PushEndpoint.objects.values_list("endpoint", flat=True)) == ["https://push.example.net/new"]
    assert device.last_seen_at is not None

    response = send(client, "put", ME, {"push": None, "language": "fr"}, device.key)
    assert response.status_code == 200
    assert response.json()["device"]["push"] is None and not PushEndpoint.objects.exists()
    assert send(client, "put", ME, {"districts": ["x"]}, device.key).status_code == 400


def test_the_same_browser_registered_again_moves_its_endpoint(client, district):
    first = post(client, registration(district)).json()["device"]["token"]
    second = post(client, registration(district)).json()["device"]["token"]
    assert first != second
    assert PushEndpoint.objects.get().follower.key == second


def test_erasing_a_device_removes_its_data_and_keeps_anonymous_deliveries(client, device, event):
    SavedEvent.objects.create(follower=device, translation_key=event.translation_key)
    PushEndpoint.objects.create(
        follower=device, endpoint="https://push.example.net/x", p256dh=P256DH, auth=AUTH
    )
    Delivery.objects.create(follower=device, channel="push", kind="alert", dedupe_key="x")
    response = client.delete(ME, headers=auth(device.key))
    assert response.status_code == 204
    assert (
        not Follower.objects.exists()
        and not SavedEvent.objects.exists()
        and not PushEndpoint.objects.exists()
    )
    assert Delivery.objects.get().follower is None
    assert client.get(ME, headers=auth(device.key)).status_code == 401


def test_saving_listing_and_removing_events(client, device, district, event, django_assert_num_queries):
    initiative = InitiativePageFactory(parent=district, title="Sportello", slug="sportello")
    saved = ME + f"saved/{event.translation_key}/"
    response = client.put(saved, headers=auth(device.key))
    assert response.status_code == 201
    assert response["Cache-Control"] == "no-store"
    assert client.put(saved, headers=auth(device.key)).status_code == 200
    assert (
        client.put(ME + f"saved/{initiative.translation_key}/", headers=auth(device.key)).status_code == 201
    )
    assert SavedEvent.objects.filter(follower=device).count() == 2

    client.get(ME + "saved/", headers=auth(device.key))  # the directory and the guards, cached
    # The device, its rows, the public keys, the pages (events, initiatives), their next dates
    # and changes, and the content version (twice) for the closures' reasons.
    with django_assert_num_queries(9):
        response = client.get(ME + "saved/?locale=en", headers=auth(device.key))
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["translation_key"] for item in items] == [
        str(initiative.translation_key),
        str(event.translation_key),
    ]
    event_item = items[1]
    assert (
        event_item["page"]["title"] == "Cena di quartiere"
        and event_item["page"]["type"] == "initiatives.EventPage"
    )
    assert event_item["next_dates"][0]["start"].startswith(event.start.date().isoformat()[:4])
    assert "private" in response["Cache-Control"]

    assert client.delete(saved, headers=auth(device.key)).status_code == 204
    assert client.delete(saved, headers=auth(device.key)).status_code == 204
    assert list(SavedEvent.objects.values_list("translation_key", flat=True)) == [initiative.translation_key]


def test_get_me_costs_a_few_queries(client, device, django_assert_num_queries):
    device.last_seen_at = timezone.now()
    device.save()
    with django_assert_num_queries(3):
        assert client.get(ME, headers=auth(device.key)).status_code == 200


def test_a_cancelled_date_is_marked_in_the_saved_list(client, device, district):
    start = days_from_now(3, 18)
    event = EventPageFactory(
        parent=district,
        start=start,
        occurrence_changes=[occurrence_change(timezone.localtime(start).date(), reason="Pioggia")],
    )
    SavedEvent.objects.create(follower=device, translation_key=event.translation_key)
    response = client.get(ME + "saved/", headers=auth(device.key))
    [date] = response.json()["items"][0]["next_dates"]
    assert date["cancelled"] is True and date["reason"] == "Pioggia"


def test_only_public_live_events_and_initiatives_can_be_saved(client, device, district, event):
    private = EventPageFactory(parent=district, slug="privato")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    draft = EventPageFactory(parent=district, slug="bozza")
    draft.unpublish()
    for key in (private.translation_key, draft.translation_key, district.translation_key, uuid.uuid4()):
        response = client.put(ME + f"saved/{key}/", headers=auth(device.key))
        assert response.status_code == 404, key
    response = client.put(ME + "saved/not-a-key/", headers=auth(device.key))
    assert response.status_code == 400
    assert not SavedEvent.objects.exists()


def test_a_saved_event_made_private_later_shows_without_its_page(client, device, district, event):
    SavedEvent.objects.create(follower=device, translation_key=event.translation_key)
    PageViewRestriction.objects.create(page=event, restriction_type="password", password="x")
    item = client.get(ME + "saved/", headers=auth(device.key)).json()["items"][0]
    assert item["page"] is None and item["next_dates"] == []


def test_a_device_keeps_at_most_200_saved_events(client, device, event, settings):
    SavedEvent.objects.bulk_create(
        SavedEvent(follower=device, translation_key=uuid.uuid4()) for _ in range(200)
    )
    response = client.put(ME + f"saved/{event.translation_key}/", headers=auth(device.key))
    assert response.status_code == 400
    assert "200" in response.json()["message"]


def test_the_calendar_address_opens_the_saved_events(client, device, event, public_base):
    SavedEvent.objects.create(follower=device, translation_key=event.translation_key)
    response = client.get(ME + "calendar/", headers=auth(device.key))
    assert response.status_code == 200
    url = response.json()["url"]
    assert url.startswith(public_base + "/it/follow/saved/device/") and url.endswith(".ics")
    assert response.json()["webcal_url"].startswith("webcal://")
    calendar = client.get(url[len(public_base) :])
    assert calendar.status_code == 200
    assert b"Cena di quartiere" in calendar.content


def test_with_the_page_cache_on_a_device_answer_is_never_served_to_another(client, district, page_cache):
    one = DeviceFollowerFactory(language="it")
    two = DeviceFollowerFactory(language="fr")
    first = client.get(ME, headers=auth(one.key))
    assert first.json()["device"]["token"] == one.key
    assert "X-Cache" not in first
    second = client.get(ME, headers=auth(two.key))
    assert second.json()["device"]["token"] == two.key
    assert client.get(ME).status_code == 401
    assert client.get(ME, headers=auth(one.key)).json()["device"]["language"] == "it"


def test_cors_preflight_offers_the_writes_and_the_authorization_header(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.org"]
    response = client.options(
        ME + "saved/x/",
        headers={"Origin": "https://app.example.org", "Access-Control-Request-Method": "DELETE"},
    )
    assert response.status_code == 204
    assert "DELETE" in response["Access-Control-Allow-Methods"]
    assert "authorization" in response["Access-Control-Allow-Headers"]


def test_a_category_slug_is_accepted(client, district):
    category = CategoryFactory(slug="laboratori")
    response = post(client, registration(district, categories=[category.slug], push=None))
    assert response.status_code == 201, response.json()
    assert Follower.objects.get().categories == ["laboratori"]


def test_text_no_database_can_store_is_cleaned_or_refused(client, district):
    """Found by the contract's fuzzer on PostgreSQL, which refuses NUL in text: control
    characters are dropped (as from every public form), a lone surrogate is a 400."""
    response = post(client, registration(district, consent="Sì\u0000, \u009avoglio\u0007 gli avvisi"))
    assert response.status_code == 201, response.content
    assert Follower.objects.get().consent_text == "Sì, voglio gli avvisi"
    raw = json.dumps(registration(district, consent="x")).replace('"x"', '"\\ud932 solo"')
    response = client.post(URL, raw, content_type="application/json")
    assert response.status_code == 400 and "not valid Unicode" in response.json()["message"]
    assert Follower.objects.count() == 1
