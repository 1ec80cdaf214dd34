"""What a follower may know and erase: the JSON export of everything held, the erasure, and
the purge of subscriptions nobody confirmed."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from districts.follow.purge import purge_unconfirmed, purge_unconfirmed_task
from districts.models import Delivery, Follower, PushEndpoint, SavedEvent
from tests.factories import CategoryFactory, DeviceFollowerFactory, EventPageFactory, FollowerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def follower(district):
    CategoryFactory(slug="corsi", name="Corsi")
    event = EventPageFactory(parent=district, title="Festa di via", slug="festa")
    person = FollowerFactory(
        email="anna@example.org", districts=[str(district.translation_key)], categories=["corsi"]
    )
    PushEndpoint.objects.create(
        follower=person, endpoint="https://push.example.net/send/abc123", p256dh="k", auth="a"
    )
    SavedEvent.objects.create(follower=person, translation_key=event.translation_key)
    Delivery.objects.create(
        follower=person,
        channel="email",
        kind="digest",
        dedupe_key="digest:w1",
        status="sent",
        subject="Settimana",
    )
    return person


def test_export_is_a_json_download_of_everything_held(
    client, follower, district, django_assert_max_num_queries
):
    url = f"/it/follow/export/{follower.key}/"
    client.get(url)
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    data = json.loads(response.content)
    assert data["email"] == "anna@example.org" and data["language"] == "it"
    assert data["consent"]["text"] == follower.consent_text and data["consent"]["given_at"]
    assert data["districts"] == [{"translation_key": str(district.translation_key), "name": "San Salvario"}]
    assert data["categories"] == [{"slug": "corsi", "name": "Corsi"}]
    assert data["channels"] == {"weekly_digest": True, "alerts": True}
    assert data["push_endpoints"][0]["host"] == "push.example.net"
    assert "abc123" not in response.content.decode()
    assert data["saved_events"][0]["title"] == "Festa di via"
    assert data["deliveries"] == [
        {
            "kind": "digest",
            "channel": "email",
            "status": "sent",
            "created_at": data["deliveries"][0]["created_at"],
            "sent_at": None,
            "subject": "Settimana",
        }
    ]


def test_erase_asks_first_then_removes_everything_attached(client, follower):
    url = f"/it/follow/erase/{follower.key}/"
    page = client.get(url)
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    assert Follower.objects.exists()
    done = client.post(url)
    assert done.status_code == 200
    assert not Follower.objects.exists()
    assert not PushEndpoint.objects.exists() and not SavedEvent.objects.exists()
    assert Delivery.objects.get().follower is None  # the count stays, the address does not
    assert client.get(url).status_code == 404


def test_purge_removes_only_old_unconfirmed_addresses(settings):
    now = timezone.now()
    old = now - datetime.timedelta(days=settings.FOLLOW_UNCONFIRMED_DAYS, hours=1)
    recent = now - datetime.timedelta(days=settings.FOLLOW_UNCONFIRMED_DAYS - 1)
    gone = FollowerFactory(confirmed_at=None, created_at=old)
    kept = [
        FollowerFactory(confirmed_at=None, created_at=recent),
        FollowerFactory(created_at=old),
        DeviceFollowerFactory(confirmed_at=None, created_at=old),
    ]
    assert purge_unconfirmed(now=now) == 1
    assert not Follower.objects.filter(pk=gone.pk).exists()
    assert set(Follower.objects.values_list("pk", flat=True)) == {row.pk for row in kept}


def test_the_command_and_the_task_purge_too(capsys):
    FollowerFactory(confirmed_at=None, created_at=timezone.now() - datetime.timedelta(days=30))
    call_command("purge_followers")
    assert "1" in capsys.readouterr().out
    FollowerFactory(confirmed_at=None, created_at=timezone.now() - datetime.timedelta(days=30))
    assert purge_unconfirmed_task.enqueue().return_value == 1
    assert not Follower.objects.exists()
