"""Immediate alerts, through a real SMTP server: a cancelled or moved date of a weekly event goes
once to each follower who saved it or follows its district and category, in their language; a
re-publish, the nightly rebuild or the job run again send nothing more; an urgent notice goes to
the followers of its district when it shows, at once or when its window begins."""

import datetime
import secrets

import pytest
import recurrence
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from django.core.management import call_command
from django.utils import timezone, translation
from py_vapid import b64urlencode

from districts.follow.alerts import event_recipients, send_date_alerts, send_due_notice_alerts
from districts.follow.links import unsubscribe_url
from districts.models import Delivery, Notice, PushEndpoint, SavedEvent
from initiatives.changes import compare
from initiatives.models import Occurrence
from initiatives.occurrences import zone
from portal.core.i18n import local_date
from tests.factories import (
    CategoryFactory,
    DeviceFollowerFactory,
    EventPageFactory,
    FollowerFactory,
    NoticeFactory,
    close_house,
    house_closure,
    local_datetime,
    occurrence_change,
)
from tests.support.smtp import free_port

pytestmark = pytest.mark.django_db


def next_tuesday(weeks=0):
    """A Tuesday at least two days away (plus `weeks`), 18:00 in Turin."""
    today = timezone.localdate(timezone=zone())
    days = (1 - today.weekday()) % 7 or 7
    if days < 2:
        days += 7
    day = today + datetime.timedelta(days=days + 7 * weeks)
    return local_datetime(day.year, day.month, day.day, 18, 0)


@pytest.fixture
def event(district):
    start = next_tuesday()
    return EventPageFactory(
        parent=district,
        title="Cineforum del martedì",
        slug="cineforum",
        category=CategoryFactory(slug="cultura"),
        start=start,
        end=start + datetime.timedelta(hours=2),
        recurrence=recurrence.deserialize("RRULE:FREQ=WEEKLY;COUNT=6"),
    )


@pytest.fixture
def people(event, district, other_district):
    here, elsewhere = [str(district.translation_key)], [str(other_district.translation_key)]
    people = {
        "saved": FollowerFactory(language="it", districts=elsewhere),
        "french": FollowerFactory(language="fr", districts=here),
        "arabic_elsewhere": FollowerFactory(language="ar", districts=elsewhere),
        "other_category": FollowerFactory(language="it", districts=here, categories=["sport"]),
        "both": FollowerFactory(language="it", districts=here, categories=["cultura"]),
        "no_alerts": FollowerFactory(language="it", districts=here, alerts=False),
        "unconfirmed": FollowerFactory(language="it", districts=here, confirmed_at=None),
    }
    for name in ("saved", "both"):
        SavedEvent.objects.create(follower=people[name], translation_key=event.translation_key)
    return people


def change_dates(event, *changes):
    event.occurrence_changes = list(changes)
    event.save_revision().publish()


def in_language(language, value, style="weekday_date"):
    with translation.override(language):
        return local_date(value.astimezone(zone()), style)


def subject(message):
    """The subject as a mail client shows it (a long encoded one is folded after "Subject:")."""
    return str(message["Subject"]).strip()


def body(message, kind="plain"):
    return message.get_body((kind,)).get_content()


def test_a_cancelled_date_alerts_each_follower_once_in_their_language(
    smtp_server, public_base, event, people, django_capture_on_commit_callbacks
):
    tuesday = next_tuesday(weeks=1)
    with django_capture_on_commit_callbacks(execute=True):
        change_dates(event, occurrence_change(tuesday.date(), reason="Sala occupata"))

    italian = smtp_server.only_message(to=people["saved"].email)
    assert subject(italian) == f"Annullato: Cineforum del martedì, {in_language('it', tuesday)} alle 18:00"
    assert "martedì" in subject(italian)
    text = body(italian)
    assert "è annullato" in text and "Sala occupata" in text and "/it/" in text
    assert italian["List-Unsubscribe"].strip() == f"<{unsubscribe_url(people['saved'])}>"
    assert italian["List-Unsubscribe-Post"].strip() == "List-Unsubscribe=One-Click"

    french = smtp_server.only_message(to=people["french"].email)
    assert subject(french).startswith("Annulé : Cineforum del martedì, mardi")
    assert in_language("fr", tuesday) in subject(french) and "18:00" in subject(french)
    html = body(french, "html")
    assert 'lang="fr"' in html and "Sala occupata" in html and "Modifier ce que vous recevez" in html

    smtp_server.only_message(to=people["both"].email)
    for name in ("arabic_elsewhere", "other_category", "no_alerts", "unconfirmed"):
        assert smtp_server.messages(to=people[name].email) == [], name
    assert len(smtp_server.messages()) == 3
    assert Delivery.objects.filter(kind="alert", status="sent").count() == 3

    # Publishing again without a change, the nightly rebuild, or the job run again: nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
        call_command("update_occurrences", verbosity=0)
    again = send_date_alerts.call(
        str(event.translation_key),
        district_key=str(event.get_parent().translation_key),
        cancelled=[{"start": tuesday.isoformat(), "end": "", "change_key": None}],
    )
    assert again == 0
    assert len(smtp_server.messages()) == 3 and Delivery.objects.count() == 3


def test_a_moved_date_alerts_with_the_new_time_in_arabic_right_to_left(
    smtp_server, public_base, event, district, django_capture_on_commit_callbacks
):
    arabic = FollowerFactory(language="ar", districts=[str(district.translation_key)])
    tuesday = next_tuesday(weeks=2)
    thursday = tuesday + datetime.timedelta(days=2, hours=3)
    with django_capture_on_commit_callbacks(execute=True):
        change_dates(
            event,
            occurrence_change(tuesday.date(), cancelled=False, new_start=thursday, reason="Sala occupata"),
        )
    message = smtp_server.only_message(to=arabic.email)
    assert subject(message).startswith("نُقل:")
    assert in_language("ar", thursday) in subject(message)
    html = body(message, "html")
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    # The times as Arabic writes them: 18:00 is "6:00 م", 21:00 "9:00 م".
    assert f"{in_language('ar', tuesday)} الساعة 6:00 م" in body(message) and "9:00 م" in body(message)
    assert Delivery.objects.get().dedupe_key == (
        f"alert:move:{event.translation_key}:{tuesday.isoformat()}:{thursday.isoformat()}"
    )

    # Moved again, to another time: a new alert; the same move published twice: none.
    later = thursday + datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        change_dates(event, occurrence_change(tuesday.date(), cancelled=False, new_start=later))
        event.save_revision().publish()
    assert len(smtp_server.messages(to=arabic.email)) == 2


def test_a_house_closure_that_cancels_a_date_alerts_with_its_reason(
    smtp_server, public_base, event, district, django_capture_on_commit_callbacks
):
    follower = FollowerFactory(language="it", districts=[str(district.translation_key)])
    tuesday = next_tuesday(weeks=3)
    with django_capture_on_commit_callbacks(execute=True):
        close_house(district.house, house_closure(tuesday.date(), reason="Chiuso per lavori"))
    message = smtp_server.only_message(to=follower.email)
    assert subject(message).startswith("Annullato: Cineforum del martedì")
    assert "Chiuso per lavori" in body(message)


def test_unpublishing_an_event_with_dates_to_come_alerts_who_saved_it(
    smtp_server, public_base, event, django_capture_on_commit_callbacks
):
    follower = FollowerFactory(language="en", districts=["00000000-0000-4000-8000-000000000000"])
    SavedEvent.objects.create(follower=follower, translation_key=event.translation_key)
    with django_capture_on_commit_callbacks(execute=True):
        event.unpublish()
    message = smtp_server.only_message(to=follower.email)
    assert subject(message) == "Withdrawn: Cineforum del martedì"


def public_key(private):
    return b64urlencode(private.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint))


def test_a_device_follower_is_sent_a_push(
    smtp_server, public_base, settings, event, district, django_capture_on_commit_callbacks
):
    vapid = ec.generate_private_key(ec.SECP256R1())
    settings.VAPID_PRIVATE_KEY = b64urlencode(
        vapid.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
    )
    settings.VAPID_PUBLIC_KEY = public_key(vapid)
    device = DeviceFollowerFactory(language="ro", districts=[str(district.translation_key)])
    PushEndpoint.objects.create(
        follower=device,
        endpoint=f"http://127.0.0.1:{free_port()}/push/1",  # nobody listens there
        p256dh=public_key(ec.generate_private_key(ec.SECP256R1())),
        auth=b64urlencode(secrets.token_bytes(16)),
    )
    with django_capture_on_commit_callbacks(execute=True):
        change_dates(event, occurrence_change(next_tuesday(weeks=1).date()))
    delivery = Delivery.objects.get(follower=device)
    assert (delivery.channel, delivery.kind, delivery.status, delivery.attempts) == (
        "push",
        "alert",
        "failed",
        1,
    )
    assert "ConnectionError" in delivery.error
    assert delivery.language == "ro" and delivery.subject.startswith("Anulat: Cineforum del martedì")
    assert PushEndpoint.objects.get().failures == 1 and smtp_server.messages() == []


def test_recipients_are_found_in_two_queries_however_many(event, district, people, django_assert_num_queries):
    for _ in range(5):
        FollowerFactory(districts=[str(district.translation_key)])
        DeviceFollowerFactory(districts=[])
    with django_assert_num_queries(2):
        found = event_recipients(event.translation_key, str(district.translation_key), "cultura", [])
    assert people["saved"] in found and people["both"] in found and people["french"] in found
    assert people["other_category"] not in found and people["arabic_elsewhere"] not in found
    assert len(found) == 3 + 10


def test_only_changes_of_future_dates_the_table_held_count(event):
    rows = list(Occurrence.objects.filter(translation_key=event.translation_key).order_by("start"))
    first, second = rows[0], rows[1]
    cancelled = Occurrence(start=second.start, end=second.end, cancelled=True)
    # A date the table did not hold (the horizon rolled): nothing.
    assert compare(rows[:1], [first, cancelled]) == ([], [], None)
    # A date already past: nothing.
    assert compare(rows, [first, cancelled], now=second.start + datetime.timedelta(minutes=1)) == (
        [],
        [],
        None,
    )
    found, moved, withdrawn = compare(rows, [first, cancelled])
    assert [change["start"] for change in found] == [second.start.isoformat()] and not moved
    assert compare(rows, [])[2] == {"start": first.start.isoformat()}


def test_an_urgent_notice_alerts_the_followers_of_its_district_once(
    smtp_server, public_base, district, other_district, django_capture_on_commit_callbacks
):
    here = FollowerFactory(language="fr", districts=[str(district.translation_key)])
    everywhere = FollowerFactory(language="it", districts=[])
    elsewhere = FollowerFactory(language="it", districts=[str(other_district.translation_key)])
    with django_capture_on_commit_callbacks(execute=True):
        notice = NoticeFactory(
            district=district, level=Notice.Level.URGENT, title="Casa chiusa per un guasto"
        )
        NoticeFactory(district=district, level=Notice.Level.IMPORTANT, title="Iscrizioni aperte")
    message = smtp_server.only_message(to=here.email)
    assert subject(message) == "Avis urgent : Casa chiusa per un guasto"
    assert "Lo sportello resta chiuso." in body(message)
    assert (
        subject(smtp_server.only_message(to=everywhere.email)) == "Avviso urgente: Casa chiusa per un guasto"
    )
    assert smtp_server.messages(to=elsewhere.email) == []
    with django_capture_on_commit_callbacks(execute=True):
        notice.save_revision().publish()
    assert send_due_notice_alerts.call() == 0
    assert len(smtp_server.messages()) == 2
    assert set(Delivery.objects.values_list("dedupe_key", flat=True)) == {
        f"alert:notice:{notice.translation_key}"
    }


def test_an_urgent_notice_starting_later_alerts_when_the_scheduled_job_runs(
    smtp_server, public_base, district, clock, django_capture_on_commit_callbacks
):
    follower = FollowerFactory(districts=[str(district.translation_key)])
    now = timezone.now()
    clock.set(now)
    with django_capture_on_commit_callbacks(execute=True):
        NoticeFactory(
            scope=Notice.Scope.PORTAL,
            level=Notice.Level.URGENT,
            title="Sciopero generale",
            starts=now + datetime.timedelta(hours=2),
            ends=now + datetime.timedelta(days=1),
        )
    assert send_due_notice_alerts.call() == 0 and smtp_server.messages() == []
    clock.set(now + datetime.timedelta(hours=3))
    assert send_due_notice_alerts.call() == 1
    assert send_due_notice_alerts.call() == 0
    assert subject(smtp_server.only_message(to=follower.email)) == "Avviso urgente: Sciopero generale"
