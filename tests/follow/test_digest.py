"""The weekly digest as followers' mail clients read it, through a real SMTP server: the coming
week's dates of what each follows (nothing private, unpublished or outside the week), last
week's news, today's notices, in their language (Italian, French, Arabic right-to-left), with
the week's `.ics`; sent once however often the job runs; built once per selection.

The content is built once for the module, in a transaction rolled back at the end.
"""

import datetime

import icalendar
import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from districts.follow.digest import Week, send_digests, send_weekly_digests
from districts.models import Delivery, Follower
from initiatives.occurrences import make_local_aware, zone
from tests.factories import FollowerFactory
from tests.support.queries import CaptureAllQueries

pytestmark = pytest.mark.django_db

BASE = "https://quartieri.example.org"


def at(day, hour):
    return make_local_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


@pytest.fixture(scope="module")
def content(django_db_setup, django_db_blocker):
    """San Salvario (two events next week, a private one, a draft, one the week after, a news
    item), Mirafiori Sud (an event next week, a notice), Barriera di Milano (nothing); Italian,
    French and Arabic trees, one event translated into French."""
    from wagtail.models import PageViewRestriction

    from tests.factories import (
        AudienceFactory,
        CategoryFactory,
        DistrictPageFactory,
        EventPageFactory,
        NewsIndexPageFactory,
        NewsPageFactory,
        NoticeFactory,
        build_site_tree,
        synchronise_locales,
        translate_with_localize,
    )

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            tree = build_site_tree()
            home = tree.home
            week = Week.coming()
            course = CategoryFactory(name="Corso", slug="corso")
            workshop = CategoryFactory(name="Laboratorio", slug="laboratorio")
            seniors = AudienceFactory(name="Anziani", slug="anziani")
            families = AudienceFactory(name="Famiglie", slug="famiglie")
            salvario = DistrictPageFactory(parent=home, title="San Salvario", slug="san-salvario")
            mirafiori = DistrictPageFactory(parent=home, title="Mirafiori Sud", slug="mirafiori-sud")
            barriera = DistrictPageFactory(parent=home, title="Barriera di Milano", slug="barriera")
            tuesday = week.monday + datetime.timedelta(days=1)
            cooking = EventPageFactory(
                parent=salvario,
                title="Corso di cucina",
                slug="corso-di-cucina",
                category=course,
                audiences=[seniors],
                start=at(tuesday, 18),
                end=at(tuesday, 20),
            )
            EventPageFactory(
                parent=salvario,
                title="Laboratorio per bambini",
                slug="laboratorio",
                category=workshop,
                audiences=[families],
                start=at(tuesday + datetime.timedelta(days=1), 10),
                end=at(tuesday + datetime.timedelta(days=1), 12),
            )
            secret = EventPageFactory(
                parent=salvario, title="Riunione riservata", slug="riservata", category=course,
                start=at(tuesday, 9), end=at(tuesday, 10),
            )  # fmt: skip
            PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
            EventPageFactory(
                parent=salvario, title="Evento in bozza", slug="bozza", category=course, publish=False,
                start=at(tuesday, 11), end=at(tuesday, 12),
            )  # fmt: skip
            later = week.monday + datetime.timedelta(days=9)
            EventPageFactory(
                parent=salvario, title="Festa lontana", slug="festa", category=course,
                start=at(later, 18), end=at(later, 20),
            )  # fmt: skip
            thursday = week.monday + datetime.timedelta(days=3)
            EventPageFactory(
                parent=mirafiori, title="Cinema all'aperto", slug="cinema", category=workshop,
                start=at(thursday, 21), end=at(thursday, 23),
            )  # fmt: skip
            index = NewsIndexPageFactory(parent=salvario)
            NewsPageFactory(
                parent=index,
                title="Iscrizioni aperte",
                slug="iscrizioni",
                date=timezone.localdate(timezone=zone()),
            )
            NoticeFactory(
                district=mirafiori,
                title="Casa nel Parco chiusa",
                ends=timezone.now() + datetime.timedelta(days=3),
            )
            locales = synchronise_locales(("it", "fr", "ar"))
            french = translate_with_localize(cooking, locales["fr"], {"Corso di cucina": "Cours de cuisine"})
            yield {
                "week": week,
                "salvario": salvario,
                "mirafiori": mirafiori,
                "barriera": barriera,
                "cooking": cooking,
                "french": french,
            }
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def followers(content, public_base):
    key = {name: str(content[name].translation_key) for name in ("salvario", "mirafiori", "barriera")}
    return {
        "it": FollowerFactory(language="it", districts=[key["salvario"]]),
        "fr": FollowerFactory(language="fr", districts=[key["salvario"]], categories=["corso"]),
        "ar": FollowerFactory(language="ar", districts=[key["mirafiori"]]),
        "empty": FollowerFactory(language="it", districts=[key["barriera"]]),
        "unconfirmed": FollowerFactory(confirmed_at=None),
        "no_digest": FollowerFactory(weekly_digest=False),
    }


def body(message, kind):
    return message.get_body((kind,)).get_content()


def calendar_of(message):
    (part,) = [part for part in message.iter_attachments() if part.get_content_type() == "text/calendar"]
    assert part.get_filename() == f"quartieri-{Week.coming().label}.ics"
    return icalendar.Calendar.from_ical(part.get_content())


def summaries(calendar):
    return sorted(str(event["summary"]) for event in calendar.walk("VEVENT"))


def test_each_follower_reads_their_week_in_their_language(smtp_server, followers, content):
    call_command("send_digests")
    assert len(smtp_server.messages()) == 3
    for name in ("empty", "unconfirmed", "no_digest"):
        assert smtp_server.messages(to=followers[name].email) == []

    italian = smtp_server.only_message(to=followers["it"].email)
    assert str(italian["Subject"]).strip().startswith("Cosa succede a San Salvario, ")
    assert italian.get_content_type() == "multipart/mixed"
    assert italian.get_body(("plain",)) is not None and italian.get_body(("html",)) is not None
    assert italian["Content-Language"] == "it"
    assert italian["List-Unsubscribe"].strip() == f"<{BASE}/it/follow/unsubscribe/{followers['it'].key}/>"
    assert italian["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = body(italian, "html")
    text = body(italian, "plain")
    for words in (
        "Corso di cucina",
        "Laboratorio per bambini",
        "Iscrizioni aperte",
        "Notizie della settimana",
    ):
        assert words in html and words in text
    for hidden in ("Riunione riservata", "Evento in bozza", "Festa lontana", "Cinema", "Casa nel Parco"):
        assert hidden not in html and hidden not in text
    assert f'href="{BASE}/it/san-salvario/corso-di-cucina/"' in html
    assert f"{BASE}/it/follow/manage/{followers['it'].key}/" in html
    assert f"{BASE}/it/follow/manage/{followers['it'].key}/" in text
    assert '<html lang="it" dir="ltr">' in html
    assert "<img" not in html and "<script" not in html
    assert summaries(calendar_of(italian)) == ["Corso di cucina", "Laboratorio per bambini"]

    french = smtp_server.only_message(to=followers["fr"].email)
    assert str(french["Subject"]).strip().startswith("Au programme à San Salvario, ")
    assert french["Content-Language"] == "fr"
    html = body(french, "html")
    assert "Cours de cuisine" in html and f'href="{BASE}/fr/san-salvario/corso-di-cucina/"' in html
    assert "Laboratorio per bambini" not in html  # a workshop: not a category followed
    assert "Actualités de la semaine" in html and "Iscrizioni aperte" in html
    assert f"{BASE}/fr/follow/manage/{followers['fr'].key}/" in html
    assert followers["it"].key not in html
    assert summaries(calendar_of(french)) == ["Cours de cuisine"]

    arabic = smtp_server.only_message(to=followers["ar"].email)
    assert arabic["Content-Language"] == "ar"
    html = body(arabic, "html")
    assert '<html lang="ar" dir="rtl">' in html
    assert "Cinema all&#x27;aperto" in html and "Casa nel Parco chiusa" in html
    assert 'lang="it" dir="ltr"' in html  # an untranslated event, marked as Italian
    assert "إشعارات" in html and "إشعارات" in body(arabic, "plain")
    assert "Corso di cucina" not in html
    assert summaries(calendar_of(arabic)) == ["Cinema all'aperto"]
    events = list(calendar_of(arabic).walk("VEVENT"))
    week = content["week"]
    assert all(week.start <= event.decoded("dtstart") < week.end for event in events)


def test_running_again_sends_nothing_new(smtp_server, followers):
    call_command("send_digests")
    send_weekly_digests.enqueue()
    call_command("send_digests")
    assert len(smtp_server.messages()) == 3
    sent = Delivery.objects.filter(kind="digest", status=Delivery.Status.SENT)
    assert sent.count() == 3
    assert set(sent.values_list("dedupe_key", flat=True)) == {f"digest:{Week.coming().label}"}


def test_the_task_sends_the_digests(smtp_server, followers):
    result = send_weekly_digests.enqueue()
    assert result.return_value == 4  # one batch per selection of the four digest followers
    assert len(smtp_server.messages()) == 3


def test_a_dry_run_counts_and_sends_nothing(smtp_server, followers, capsys):
    call_command("send_digests", "--dry-run", "--week-of", Week.coming().monday.isoformat())
    out = capsys.readouterr().out
    assert "4 followers, 4 digests built, 3 would be sent, 1 with nothing to read" in out
    assert smtp_server.messages() == [] and not Delivery.objects.exists()


def test_a_bad_week_is_a_clear_error(followers):
    with pytest.raises(Exception, match="not a date as YYYY-MM-DD"):
        call_command("send_digests", "--week-of", "next week")


PER_FOLLOWER = ("districts_delivery", "SAVEPOINT", "portal_shared_cache")


def content_queries(captured):
    """The queries that are not one follower's own: its delivery row, with its savepoints, and
    the content version that saving a row of the districts app moves on (portal/core/signals.py)."""
    return [
        query["sql"]
        for query in captured.captured_queries
        if not any(name in query["sql"] for name in PER_FOLLOWER)
    ]


def test_built_once_per_selection_whatever_the_number_of_followers(smtp_server, content, public_base):
    key = str(content["salvario"].translation_key)
    week = Week.coming()
    counts = []
    for many in (1, 3, 12):  # the first warms the caches
        for language in ("it", "fr"):
            FollowerFactory.create_batch(many, language=language, districts=[key])
        with CaptureAllQueries() as captured:
            report = send_digests(week)
        assert (report.builds, report.sent) == (2, 2 * many)
        counts.append(len(content_queries(captured)))
        Delivery.objects.all().delete()
        Follower.objects.all().delete()
    assert counts[1] == counts[2]
