"""Saved events go with the device when push is on (districts/follow/notify.py, action "saved"):
the browser's list replaces the device's `SavedEvent` rows, proven by the subscription's endpoint
and `auth` secret; a cancelled saved event then reaches that browser as one decrypted push."""

import datetime
import json
import uuid

import pytest
import recurrence
from django.utils import timezone
from wagtail.models import PageViewRestriction

from districts.models import Delivery, Follower, SavedEvent
from initiatives.occurrences import zone
from tests.factories import EventPageFactory, InitiativePageFactory, local_datetime, occurrence_change
from tests.support.push_service import make_subscription

pytestmark = pytest.mark.django_db


def post(client, body, language="it"):
    return client.post(f"/{language}/follow/push/", json.dumps(body), content_type="application/json")


def saved_keys(follower=None):
    rows = SavedEvent.objects.filter(follower=follower) if follower else SavedEvent.objects.all()
    return {str(key) for key in rows.values_list("translation_key", flat=True)}


def sync(client, subscription, keys, language="it", **changes):
    body = {
        "action": "saved",
        "endpoint": subscription["endpoint"],
        "auth": subscription["keys"]["auth"],
        "saved": [str(key) for key in keys],
    }
    return post(client, {**body, **changes}, language=language)


@pytest.fixture
def events(district):
    return [EventPageFactory(parent=district, slug=f"evento-{n}") for n in range(3)]


@pytest.fixture
def subscribed(client, push_service, other_district):
    """A browser subscribed to the other district, and its subscription."""
    subscription, _key = make_subscription(push_service)
    response = post(client, {"subscription": subscription, "district": str(other_district.translation_key)})
    assert response.status_code == 201
    return Follower.objects.get(), subscription


def test_the_saved_action_adds_replaces_and_removes_the_devices_saved_events(
    client, subscribed, events, django_assert_num_queries
):
    follower, subscription = subscribed
    first, second, third = (str(event.translation_key) for event in events)

    response = sync(client, subscription, [first, second])
    assert response.status_code == 200, response.json()
    assert response.json() == {"status": "subscribed", "saved": [first, second]}
    assert response["Cache-Control"] == "no-store"
    assert saved_keys(follower) == {first, second}
    kept_at = SavedEvent.objects.get(translation_key=first).saved_at

    # Whatever the number of keys: the pages, the endpoint, the rows (delete, read, insert).
    with django_assert_num_queries(27):  # most of them: the rate limit in the shared cache
        assert sync(client, subscription, [first, third]).status_code == 200
    assert saved_keys(follower) == {first, third}
    assert SavedEvent.objects.get(translation_key=first).saved_at == kept_at  # kept, not re-made

    assert sync(client, subscription, []).json()["saved"] == []
    assert not SavedEvent.objects.exists()


def test_unknown_private_and_unpublished_keys_are_ignored(client, subscribed, district, events):
    follower, subscription = subscribed
    private = EventPageFactory(parent=district, slug="riservata")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    draft = EventPageFactory(parent=district, slug="bozza")
    draft.unpublish()
    initiative = InitiativePageFactory(parent=district, slug="sportello")
    public = str(events[0].translation_key)
    keys = [
        public,
        public,
        str(uuid.uuid4()),
        "not-a-key",
        str(private.translation_key),
        str(draft.translation_key),
        str(district.translation_key),  # a district is not an event
        str(initiative.translation_key),
    ]
    response = sync(client, subscription, keys)
    assert response.status_code == 200
    assert response.json()["saved"] == [public, str(initiative.translation_key)]
    assert saved_keys(follower) == {public, str(initiative.translation_key)}


def test_the_saved_events_need_the_subscriptions_secret(client, push_service, subscribed, events):
    follower, subscription = subscribed
    SavedEvent.objects.create(follower=follower, translation_key=events[0].translation_key)
    stranger, _key = make_subscription(push_service)

    wrong = sync(client, subscription, [], auth=stranger["keys"]["auth"])
    assert wrong.status_code == 403 and wrong.json()["message"]
    unknown = sync(client, stranger, [])
    assert unknown.status_code == 404 and unknown.json()["message"]
    assert saved_keys(follower) == {str(events[0].translation_key)}


@pytest.mark.parametrize(
    "change, words",
    [
        ({"saved": "not a list"}, "list of translation keys"),
        ({"saved": [1, 2]}, "list of translation keys"),
        ({"saved": None}, "list of translation keys"),
        ({"saved": [str(uuid.uuid4()) for _ in range(201)]}, "At most 200"),
        ({"auth": "AAAA"}, "16 bytes"),
        ({"auth": None}, "base64url"),
        ({"endpoint": "ftp://example.org/x"}, "https://"),
    ],
)
def test_bad_input_gets_a_400_with_a_message(client, subscribed, change, words):
    follower, subscription = subscribed
    response = sync(client, subscription, [], language="en", **change)
    assert response.status_code == 400
    assert words in response.json()["message"]


def test_subscribing_sends_the_saved_events_with_the_subscription(client, push_service, events):
    subscription, _key = make_subscription(push_service)
    first, second = (str(event.translation_key) for event in events[:2])
    response = post(client, {"subscription": subscription, "saved": [first, str(uuid.uuid4())]})
    assert response.status_code == 201
    assert response.json()["saved"] == [first]
    follower = Follower.objects.get()
    assert saved_keys(follower) == {first}

    # Again from the same browser (same secret): the list is replaced.
    again = post(client, {"subscription": subscription, "saved": [second]})
    assert again.status_code == 200 and again.json()["saved"] == [second]
    assert saved_keys(follower) == {second}

    # Renewed keys update the subscription but do not prove the old secret: the list stays.
    renewed, _key = make_subscription(push_service)
    forged = post(client, {"subscription": {**subscription, "keys": renewed["keys"]}, "saved": []})
    assert forged.status_code == 200 and "saved" not in forged.json()
    assert saved_keys(follower) == {second}

    # Without "saved" the saved events are left alone.
    assert post(client, {"subscription": subscription}).status_code == 200
    assert saved_keys(follower) == {second}


def test_the_saved_page_has_the_alerts_lines_only_when_push_is_on(client, home, settings, vapid):
    html = client.get("/it/follow/saved/").content.decode()
    assert 'data-push-endpoint="/it/follow/push/"' in html
    assert 'data-saved-alerts="on" hidden' in html and 'data-saved-alerts="off" hidden' in html
    assert "Gli avvisi sono attivi in questo browser" in html
    arabic = client.get("/ar/follow/saved/").content.decode()
    assert "التنبيهات مفعّلة في هذا المتصفح" in arabic

    settings.VAPID_PRIVATE_KEY = settings.VAPID_PUBLIC_KEY = ""
    html = client.get("/it/follow/saved/").content.decode()
    assert "data-push-endpoint" not in html and "data-saved-alerts" not in html


def tuesday_in(weeks):
    today = timezone.localdate(timezone=zone())
    day = today + datetime.timedelta(days=((1 - today.weekday()) % 7 or 7) + 7 * weeks)
    return local_datetime(day.year, day.month, day.day, 18, 0)


def test_a_browser_that_saved_an_event_gets_one_push_when_a_date_is_cancelled(
    client, push_service, public_base, subscribed, district, django_capture_on_commit_callbacks
):
    follower, subscription = subscribed  # it follows the other district, not this event's
    start = tuesday_in(weeks=1)
    event = EventPageFactory(
        parent=district,
        title="Cineforum del martedì",
        slug="cineforum",
        start=start,
        end=start + datetime.timedelta(hours=2),
        recurrence=recurrence.deserialize("RRULE:FREQ=WEEKLY;COUNT=4"),
    )
    assert sync(client, subscription, [str(event.translation_key)]).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        event.occurrence_changes = [occurrence_change(tuesday_in(weeks=2).date(), reason="Sala occupata")]
        event.save_revision().publish()

    [alert] = push_service.payloads(subscription)
    assert alert["lang"] == "it" and "Cineforum del martedì" in alert["title"]
    assert "Sala occupata" in alert["body"] and alert["url"] == f"{public_base}{event.url}"
    assert Delivery.objects.get(follower=follower, channel="push", kind="alert").status == "sent"
