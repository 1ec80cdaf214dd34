"""A house's closures cancel the dates held there, with their reason in the reader's language:
on the page, in the calendar, the .ics, the API (occurrences, `exceptions`, `next_dates`) and
JSON-LD; the house card says "closed until …"; saving the closures rebuilds the dates."""

import datetime

import icalendar
import pytest
import recurrence
import recurring_ical_events
from django.utils import timezone, translation
from wagtail.models import Locale

from initiatives.holidays import BY_SLUG, holidays_between, italian_holidays
from initiatives.models import Occurrence
from initiatives.occurrences import zone
from tests.factories import (
    CalendarPageFactory,
    EventPageFactory,
    InitiativePageFactory,
    build_site_tree,
    close_house,
    house_closure,
    synchronise_locales,
    translate_with_localize,
)
from tests.support.calendars import check_strictly

REASON = "Chiuso per un guasto all’impianto idraulico"
REASON_AR = "مغلق بسبب أعمال السباكة"
DAYS = recurrence.MO, recurrence.TU, recurrence.WE, recurrence.TH, recurrence.FR, recurrence.SA, recurrence.SU


def today():
    return timezone.localdate(timezone=zone())


@pytest.fixture(scope="module")
def closed(django_db_setup, django_db_blocker):
    """San Salvario's house closed from day 7 to day 9 from today, translated into Arabic; a desk
    (initiative) and a weekly event held there on the weekday of day 8, and one held elsewhere."""
    from django.db import transaction
    from django.test import TestCase

    from tests.factories import CommunityManagerFactory, DistrictPageFactory, NeighbourhoodHouseFactory

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            tree = build_site_tree()
            house = NeighbourhoodHouseFactory(name="Casa del Quartiere di San Salvario")
            district = DistrictPageFactory(
                parent=tree.home,
                title="San Salvario",
                slug="san-salvario",
                house=house,
                manager=CommunityManagerFactory(),
            )
            CalendarPageFactory(parent=district)
            closed_day = today() + datetime.timedelta(days=8)
            weekday = DAYS[closed_day.weekday()]
            desk = InitiativePageFactory(
                parent=district,
                title="Sportello casa",
                slug="sportello-casa",
                schedule_starts_on=today() - datetime.timedelta(days=14),
                opens_at=datetime.time(9, 0),
                closes_at=datetime.time(12, 0),
                schedule=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, byday=[weekday])]),
            )
            start = timezone.make_aware(
                datetime.datetime.combine(today() + datetime.timedelta(days=1), datetime.time(18)), zone()
            )
            while start.date().weekday() != closed_day.weekday():
                start += datetime.timedelta(days=1)
            event = EventPageFactory(
                parent=district,
                title="Cineforum",
                slug="cineforum",
                start=start,
                end=start + datetime.timedelta(hours=2),
                recurrence=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, count=6)]),
            )
            elsewhere = EventPageFactory(
                parent=district,
                title="Al parco",
                slug="al-parco",
                start=start,
                end=start + datetime.timedelta(hours=2),
                venue_name="Parco del Valentino",
                venue_address="Corso Massimo d'Azeglio",
                recurrence=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, count=6)]),
            )
            close_house(
                house,
                house_closure(
                    today() + datetime.timedelta(days=7), today() + datetime.timedelta(days=9), reason=REASON
                ),
            )
            locales = synchronise_locales(("it", "ar"))
            with TestCase.captureOnCommitCallbacks(execute=True):
                translate_with_localize(house, locales["ar"], {REASON: REASON_AR})
            yield {
                "house": house,
                "district": district,
                "desk": desk,
                "event": event,
                "elsewhere": elsewhere,
                "closed_day": closed_day,
                "ar": Locale.objects.get(language_code="ar"),
            }
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


pytestmark = pytest.mark.django_db


def rows(page):
    return list(Occurrence.objects.filter(translation_key=page.translation_key).order_by("start"))


def local_day(moment):
    return timezone.localtime(moment, zone()).date()


def test_the_dates_in_a_closure_are_cancelled_and_the_others_are_not(closed):
    for name in ("desk", "event"):
        found = rows(closed[name])
        cancelled = {local_day(row.start) for row in found if row.cancelled}
        assert cancelled == {closed["closed_day"]}, name
        assert any(not row.cancelled for row in found)
    assert not any(row.cancelled for row in rows(closed["elsewhere"])), "held elsewhere: not closed"


def test_the_page_shows_the_date_cancelled_with_the_reason_in_italian_and_arabic(client, closed):
    response = client.get("/it/san-salvario/sportello-casa/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Annullato" in html or "Cancelled" in html
    assert REASON in html
    response = client.get("/ar/san-salvario/sportello-casa/")
    assert response.status_code == 200
    assert REASON_AR in response.content.decode()


def test_the_calendar_shows_the_reason(client, closed):
    day = closed["closed_day"].isoformat()
    response = client.get("/it/san-salvario/calendario/", {"start": day, "end": day})
    assert response.status_code == 200, response.content[:200]
    assert REASON in response.content.decode()


def test_the_house_card_says_when_it_is_closed_next(client, closed):
    html = client.get("/it/san-salvario/").content.decode()
    assert REASON in html
    # Search engines read the closure as special opening hours (schema.org JSON-LD).
    first = (closed["closed_day"] - datetime.timedelta(days=1)).isoformat()
    assert f'"validFrom":"{first}"' in html
    with translation.override("ar"):
        html = client.get("/ar/san-salvario/").content.decode()
    assert REASON_AR in html


def test_the_api_lists_the_date_cancelled_with_the_reason(client, closed):
    day = closed["closed_day"].isoformat()
    for locale, reason in (("it", REASON), ("ar", REASON_AR)):
        response = client.get("/api/v2/occurrences/", {"start": day, "end": day, "locale": locale})
        assert response.status_code == 200, response.content[:300]
        items = [item for item in response.json()["items"] if item["title"] == "Cineforum"]
        assert len(items) == 1
        assert items[0]["cancelled"] is True and items[0]["reason"] == reason


def test_the_pages_exceptions_name_the_closure(client, closed):
    for name in ("desk", "event"):
        data = client.get(f"/api/v2/pages/{closed[name].pk}/").json()
        assert {
            "date": closed["closed_day"].isoformat(),
            "status": "cancelled",
            "moved_to": None,
            "reason": REASON,
        } in data["exceptions"]
        assert any(item["cancelled"] and item["reason"] == REASON for item in data["next_dates"])
    data = client.get(f"/api/v2/pages/{closed['event'].pk}/").json()
    assert {"date": closed["closed_day"].isoformat(), "reason": REASON} in data["cancelled_dates"]


def expanded_days(text, closed_day):
    """{local day: (STATUS, DESCRIPTION)} of a calendar file's Cineforum and desk dates around
    the closure, as an independent expander (recurring-ical-events) gives them."""
    calendar = check_strictly(text)
    first = closed_day - datetime.timedelta(days=14)
    last = closed_day + datetime.timedelta(days=14)
    found = {}
    for event in recurring_ical_events.of(calendar).between(first, last):
        day = event["DTSTART"].dt
        day = day.astimezone(zone()).date() if isinstance(day, datetime.datetime) else day
        found.setdefault(str(event["UID"]), {})[day] = (
            str(event["STATUS"]),
            str(event.get("DESCRIPTION", "")),
            str(event["SUMMARY"]),
        )
    return found


@pytest.mark.parametrize("language,reason,mark", [("it", REASON, "Annullato: "), ("ar", REASON_AR, "ملغى: ")])
def test_a_calendar_app_sees_the_date_cancelled_with_the_reason(client, closed, language, reason, mark):
    """The desk's and the event's own calendar files and the district's: the date in the closure is
    an instance of its own, CANCELLED with the reason in the feed's language (not an EXDATE that
    would drop it without a word); the other dates are confirmed."""
    day = closed["closed_day"]
    with translation.override(language):
        for name in ("desk", "event"):
            uid = f"{closed[name].translation_key}@quartieri"
            own = client.get(f"/{language}/san-salvario/{closed[name].slug}/calendar.ics")
            assert own.status_code == 200, name
            district = client.get(f"/{language}/san-salvario/calendar.ics")
            for response in (own, district):
                dates = expanded_days(response.content, day)[uid]
                status, description, summary = dates.pop(day)
                assert status == "CANCELLED" and description == reason, name
                assert summary.startswith(mark), summary
                assert dates and {status for status, _d, _s in dates.values()} == {"CONFIRMED"}, name
            master = next(
                event
                for event in icalendar.Calendar.from_ical(own.content).walk("VEVENT")
                if "RECURRENCE-ID" not in event
            )
            assert "EXDATE" not in master or day not in {
                item.dt.date() for prop in _as_list(master["EXDATE"]) for item in prop.dts
            }


def _as_list(value):
    return value if isinstance(value, list) else [value]


def test_the_desks_calendar_is_linked_from_its_page(client, closed):
    html = client.get("/it/san-salvario/sportello-casa/").content.decode()
    assert 'href="/it/san-salvario/sportello-casa/calendar.ics"' in html
    assert "webcal://" in html


def test_easter_monday_2027_and_san_giovanni_are_holidays():
    days = italian_holidays(2027)
    assert datetime.date(2027, 3, 29) in days  # Easter Monday
    assert datetime.date(2027, 6, 24) in days  # San Giovanni, Turin's patron saint
    assert BY_SLUG["pasquetta"].date_in(2027) == datetime.date(2027, 3, 29)
    assert [
        holiday.slug
        for _day, holiday in holidays_between(datetime.date(2027, 6, 1), datetime.date(2027, 6, 30))
    ] == [
        "repubblica",
        "san-giovanni",
    ]


def test_the_district_answer_lists_the_houses_coming_closures(client, closed):
    data = client.get(f"/api/v2/pages/{closed['district'].pk}/").json()
    (closure,) = data["house_data"]["closures"]
    assert closure["reason"] == REASON
    first = closed["closed_day"] - datetime.timedelta(days=1)
    assert closure["start"].startswith(first.isoformat())
