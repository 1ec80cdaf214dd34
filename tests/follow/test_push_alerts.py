"""A cancelled date reaches the devices that saved the event or follow its district: exactly one
Web Push per device, encrypted for it (the local push service decrypts it with the device's keys),
in the device's language, opening the event's page."""

import datetime

import pytest
import recurrence
from django.utils import timezone

from districts.models import Delivery, PushEndpoint, SavedEvent
from initiatives.occurrences import zone
from tests.factories import (
    CategoryFactory,
    DeviceFollowerFactory,
    EventPageFactory,
    local_datetime,
    occurrence_change,
)
from tests.support.push_service import make_subscription

pytestmark = pytest.mark.django_db


def tuesday_in(weeks):
    today = timezone.localdate(timezone=zone())
    day = today + datetime.timedelta(days=((1 - today.weekday()) % 7 or 7) + 7 * weeks)
    return local_datetime(day.year, day.month, day.day, 18, 0)


def device(push_service, language, **choices):
    follower = DeviceFollowerFactory(language=language, **choices)
    subscription, _key = make_subscription(push_service)
    PushEndpoint.objects.create(
        follower=follower,
        endpoint=subscription["endpoint"],
        p256dh=subscription["keys"]["p256dh"],
        auth=subscription["keys"]["auth"],
    )
    return follower, subscription


def test_cancelling_a_saved_event_pushes_one_alert_per_device_in_its_language(
    push_service, public_base, district, other_district, django_capture_on_commit_callbacks
):
    start = tuesday_in(weeks=1)
    event = EventPageFactory(
        parent=district,
        title="Cineforum del martedì",
        slug="cineforum",
        category=CategoryFactory(slug="cultura"),
        start=start,
        end=start + datetime.timedelta(hours=2),
        recurrence=recurrence.deserialize("RRULE:FREQ=WEEKLY;COUNT=4"),
    )
    here, elsewhere = [str(district.translation_key)], [str(other_district.translation_key)]
    saver, saver_subscription = device(push_service, "fr", districts=elsewhere)
    SavedEvent.objects.create(follower=saver, translation_key=event.translation_key)
    both, both_subscription = device(push_service, "ar", districts=here)
    SavedEvent.objects.create(follower=both, translation_key=event.translation_key)
    _other, other_subscription = device(push_service, "it", districts=elsewhere)

    cancelled = tuesday_in(weeks=2)
    with django_capture_on_commit_callbacks(execute=True):
        event.occurrence_changes = [occurrence_change(cancelled.date(), reason="Sala occupata")]
        event.save_revision().publish()

    [french] = push_service.payloads(saver_subscription)
    assert french["lang"] == "fr" and french["title"].startswith("Annulé")
    assert "Cineforum del martedì" in french["title"] and "Sala occupata" in french["body"]
    # No French tree in this test: the page in the follower's language is the Italian one.
    assert french["url"] == f"{public_base}{event.url}"
    [arabic] = push_service.payloads(both_subscription)
    assert arabic["lang"] == "ar" and arabic["dir"] == "rtl" and arabic["url"] == french["url"]
    assert push_service.payloads(other_subscription) == []
    assert Delivery.objects.filter(channel="push", kind="alert", status="sent").count() == 2

    # The same change published again, or the job retried: no second notification.
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    assert len(push_service.payloads(saver_subscription)) == 1
    assert len(push_service.payloads(both_subscription)) == 1


def test_a_device_the_push_service_forgot_is_cleaned_up(
    push_service, public_base, district, django_capture_on_commit_callbacks
):
    start = tuesday_in(weeks=1)
    event = EventPageFactory(
        parent=district,
        slug="corso",
        start=start,
        end=start + datetime.timedelta(hours=1),
        recurrence=recurrence.deserialize("RRULE:FREQ=WEEKLY;COUNT=3"),
    )
    gone, subscription = device(push_service, "it", districts=[str(district.translation_key)])
    push_service.answer(subscription, 410)
    with django_capture_on_commit_callbacks(execute=True):
        event.occurrence_changes = [occurrence_change(tuesday_in(weeks=2).date())]
        event.save_revision().publish()
    assert not PushEndpoint.objects.filter(follower=gone).exists()
    assert Delivery.objects.get(follower=gone).status == Delivery.Status.GONE
