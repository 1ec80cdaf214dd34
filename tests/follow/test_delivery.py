"""`deliver()`: a message is sent at most once per follower, channel and subject; failures are
recorded and retried, an address gone is recorded and not retried."""

import pytest
from django.core import mail

from districts.follow.delivery import Gone, NotConfigured, deliver
from districts.models import Delivery, Follower
from portal.core.page_cache import read_version
from tests.factories import FollowerFactory

pytestmark = pytest.mark.django_db


def send_to(follower):
    def send():
        mail.EmailMessage("Ciao", "Testo", to=[follower.email]).send()

    return send


def test_a_message_is_sent_once_however_often_the_job_runs(smtp_server):
    follower = FollowerFactory()
    first = deliver(follower, "email", "digest", "digest:2026-W49", send_to(follower))
    again = deliver(follower, "email", "digest", "digest:2026-W49", send_to(follower))
    assert first.sent and not again.sent
    assert len(smtp_server.messages(to=follower.email)) == 1
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_a_failure_is_recorded_and_retried_up_to_the_limit(settings):
    follower = FollowerFactory()
    calls = []

    def failing():
        calls.append(1)
        raise OSError("connection refused")

    for _ in range(settings.FOLLOW_MAX_ATTEMPTS + 2):
        deliver(follower, "email", "alert", "alert:x", failing)
    row = Delivery.objects.get()
    assert len(calls) == settings.FOLLOW_MAX_ATTEMPTS
    assert row.status == Delivery.Status.FAILED and "connection refused" in row.error


def test_an_address_gone_is_not_retried():
    follower = FollowerFactory()
    calls = []

    def gone():
        calls.append(1)
        raise Gone("410 Gone")

    deliver(follower, "push", "alert", "alert:y", gone)
    deliver(follower, "push", "alert", "alert:y", gone)
    assert calls == [1] and Delivery.objects.get().status == Delivery.Status.GONE


def test_a_channel_not_configured_is_skipped_not_failed_nor_retried():
    follower = FollowerFactory()
    calls = []

    def off():
        calls.append(1)
        raise NotConfigured("FCM is not configured")

    first = deliver(follower, "push", "alert", "alert:off", off)
    deliver(follower, "push", "alert", "alert:off", off)
    row = Delivery.objects.get()
    assert not first.sent and calls == [1]
    assert row.status == Delivery.Status.SKIPPED and row.error == "FCM is not configured"
    assert row.sent_at is None


def test_an_erased_follower_leaves_the_count_without_the_address(smtp_server):
    follower = FollowerFactory()
    deliver(follower, "email", "digest", "digest:w", send_to(follower))
    follower.delete()
    row = Delivery.objects.get()
    assert row.follower is None and row.status == Delivery.Status.SENT
    assert not Follower.objects.exists()


def test_followers_of_a_district_include_those_of_every_district():
    everywhere = FollowerFactory(districts=[])
    here = FollowerFactory(districts=["3f0c1b9e-0000-4000-8000-000000000001"])
    FollowerFactory(districts=["3f0c1b9e-0000-4000-8000-000000000002"])
    found = set(Follower.objects.following_district("3f0c1b9e-0000-4000-8000-000000000001"))
    assert found == {everywhere, here}


def test_followers_and_their_messages_leave_the_page_cache_alone():
    """Private records no page shows: a message sent must not empty every cached page."""
    before = read_version()
    follower = FollowerFactory()
    deliver(follower, "push", "alert", "alert:z", lambda: None)
    follower.delete()
    assert read_version() == before
