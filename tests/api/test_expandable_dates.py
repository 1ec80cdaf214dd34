"""An app that expands a page's `recurrence.lines` itself, and applies its `exceptions`, gets
exactly the dates the portal lists: over a year in which Rome changes its clocks twice (28 March
and 31 October 2027), with excluded and extra dates, a cancelled and a moved date."""

import datetime
import zoneinfo

import pytest
import recurrence

from tests.factories import (
    EventPageFactory,
    InitiativePageFactory,
    local_datetime,
    occurrence_change,
)
from tests.support import expansion

ROME = zoneinfo.ZoneInfo("Europe/Rome")
YEAR = 2027
FIRST_DAY = datetime.date(YEAR, 1, 1)
LAST_DAY = datetime.date(YEAR, 12, 31)
pytestmark = pytest.mark.django_db


@pytest.fixture
def dated_portal(district, clock):
    """The clock on 1 January 2027, so the occurrence table covers the whole year."""
    clock.set(local_datetime(YEAR, 1, 1, 0, 0))
    weekly = EventPageFactory(
        parent=district,
        title="Cineforum del sabato",
        slug="cineforum",
        start=local_datetime(2026, 12, 5, 15, 0),
        end=local_datetime(2026, 12, 5, 17, 0),
        recurrence=recurrence.Recurrence(
            rrules=[
                recurrence.Rule(
                    recurrence.WEEKLY,
                    byday=[recurrence.SA],
                    until=datetime.datetime(2027, 11, 27, tzinfo=ROME),
                )
            ],
            # Stored as the UTC instant of the local midnight, as the rule editor stores them.
            exdates=[
                datetime.datetime(2027, 3, 27, tzinfo=ROME),
                datetime.datetime(2027, 10, 30, tzinfo=ROME),
            ],
            rdates=[datetime.datetime(2027, 4, 1, tzinfo=ROME), local_datetime(2027, 11, 3, 20, 30)],
        ),
        occurrence_changes=[
            occurrence_change(datetime.date(2027, 4, 3), reason="Sala occupata"),
            occurrence_change(
                datetime.date(2027, 10, 23),
                cancelled=False,
                reason="Spostato al cinema Massimo",
                new_start=local_datetime(2027, 11, 1, 21, 0),
                new_end=local_datetime(2027, 11, 1, 23, 0),
            ),
            occurrence_change(
                datetime.date(2027, 3, 20), cancelled=False, new_start=local_datetime(2027, 3, 28, 2, 30)
            ),
        ],
    )
    monthly = EventPageFactory(
        parent=district,
        title="Mercatino del primo sabato",
        slug="mercatino",
        start=local_datetime(2027, 1, 2, 0, 0),
        end=local_datetime(2027, 1, 2, 0, 0),
        all_day=True,
        recurrence=recurrence.Recurrence(
            rrules=[recurrence.Rule(recurrence.MONTHLY, byday=[recurrence.SA(1)])],
            exdates=[datetime.datetime(2027, 8, 7, tzinfo=ROME)],
            rdates=[datetime.datetime(2027, 12, 24, tzinfo=ROME)],
        ),
        occurrence_changes=[occurrence_change(datetime.date(2027, 4, 3), reason="Pioggia")],
    )
    one_off = EventPageFactory(
        parent=district,
        title="Concerto",
        slug="concerto",
        start=local_datetime(2027, 10, 31, 1, 30),
        end=local_datetime(2027, 10, 31, 3, 30),
    )
    initiative = InitiativePageFactory(
        parent=district,
        title="Sportello",
        slug="sportello",
        # Anchored on a Wednesday that is not a date of the schedule.
        schedule_starts_on=datetime.date(2027, 1, 6),
        opens_at=datetime.time(9, 30),
        closes_at=datetime.time(12, 0),
        schedule=recurrence.Recurrence(
            rrules=[recurrence.Rule(recurrence.WEEKLY, interval=2, byday=[recurrence.TU, recurrence.TH])],
            exdates=[datetime.datetime(2027, 3, 30, tzinfo=ROME)],
            rdates=[datetime.datetime(2027, 8, 14, tzinfo=ROME)],
        ),
    )
    return {"weekly": weekly, "monthly": monthly, "one_off": one_off, "initiative": initiative}


def page_fields(client, page, locale="it"):
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200, response.content[:300]
    return response.json()


def expected_by_the_app(fields):
    """What the app builds from `recurrence` and `exceptions` over the year (tests/support)."""
    return expansion.expected_by_the_app(fields, FIRST_DAY, LAST_DAY)


def listed_occurrences(client, event_id):
    """Every row of the occurrences endpoint for one event in the year, page by page."""
    return expansion.event_occurrences(client, event_id, FIRST_DAY, LAST_DAY)


@pytest.mark.parametrize("name", ["weekly", "monthly", "one_off"])
def test_expanding_an_events_lines_and_applying_its_exceptions_gives_the_listed_dates(
    client, dated_portal, name
):
    page = dated_portal[name]
    fields = page_fields(client, page)
    listed = listed_occurrences(client, page.pk)
    assert listed, "the year has dates"
    assert expected_by_the_app(fields) == listed


def test_the_weekly_events_lines_are_local_with_tzid_and_until_in_utc(client, dated_portal):
    fields = page_fields(client, dated_portal["weekly"])
    assert fields["recurrence"] == {
        "timezone": "Europe/Rome",
        "dtstart": "2026-12-05T15:00:00",
        "duration": "PT2H",
        "all_day": False,
        "lines": [
            "DTSTART;TZID=Europe/Rome:20261205T150000",
            # The end of 27 November in Rome, in UTC.
            "RRULE:FREQ=WEEKLY;BYDAY=SA;UNTIL=20271127T225959Z",
            "RDATE;TZID=Europe/Rome:20270401T150000",
            "RDATE;TZID=Europe/Rome:20271103T203000",
            "EXDATE;TZID=Europe/Rome:20270327T150000",
            "EXDATE;TZID=Europe/Rome:20271030T150000",
        ],
    }
    assert fields["recurrence_rules"] == fields["recurrence"]["lines"][1:]
    assert fields["exceptions"] == [
        {
            "date": "2027-03-20",
            "status": "moved",
            # 02:30 does not exist on 28 March: the engine moves it to 03:30 CEST.
            "moved_to": {"start": "2027-03-28T03:30:00+02:00", "end": "2027-03-28T05:30:00+02:00"},
            "reason": "",
        },
        {"date": "2027-04-03", "status": "cancelled", "moved_to": None, "reason": "Sala occupata"},
        {
            "date": "2027-10-23",
            "status": "moved",
            "moved_to": {"start": "2027-11-01T21:00:00+01:00", "end": "2027-11-01T23:00:00+01:00"},
            "reason": "Spostato al cinema Massimo",
        },
    ]


def test_an_all_day_series_is_written_as_dates(client, dated_portal):
    recurrence_field = page_fields(client, dated_portal["monthly"])["recurrence"]
    assert recurrence_field["dtstart"] == "2027-01-02"
    assert recurrence_field["duration"] == "P1D"
    assert recurrence_field["lines"] == [
        "DTSTART;VALUE=DATE:20270102",
        "RRULE:FREQ=MONTHLY;BYDAY=1SA",
        "RDATE;VALUE=DATE:20271224",
        "EXDATE;VALUE=DATE:20270807",
    ]


def test_a_one_off_event_is_its_dtstart(client, dated_portal):
    fields = page_fields(client, dated_portal["one_off"])
    assert fields["recurrence"]["lines"] == [
        "DTSTART;TZID=Europe/Rome:20271031T013000",
        "RDATE;TZID=Europe/Rome:20271031T013000",
    ]
    assert fields["recurrence_rules"] == [] and fields["exceptions"] == []


def initiative_dates(client, page):
    """Every opening of the year as `next_dates` lists them, reading on with the clock."""
    from django.utils import timezone

    seen = []
    moment = local_datetime(YEAR, 1, 1, 0, 0)
    while moment.date() <= LAST_DAY:
        timezone.now = lambda moment=moment: moment  # noqa: B023 (the clock fixture's monkeypatch restores it)
        dates = page_fields(client, page)["next_dates"]
        new = [item for item in dates if item not in seen]
        if not new:
            break
        seen.extend(new)
        moment = datetime.datetime.fromisoformat(dates[-1]["end"])
    return [
        {
            "start": datetime.datetime.fromisoformat(item["start"]),
            "end": datetime.datetime.fromisoformat(item["end"]),
        }
        for item in seen
        if datetime.datetime.fromisoformat(item["start"]).date() <= LAST_DAY
    ]


def test_expanding_an_initiatives_lines_gives_its_openings(client, dated_portal):
    page = dated_portal["initiative"]
    fields = page_fields(client, page)
    assert fields["recurrence"]["lines"][0] == "DTSTART;TZID=Europe/Rome:20270106T093000"
    # The anchor, a Wednesday, only anchors “every other week”: it is not an opening.
    assert "EXDATE;TZID=Europe/Rome:20270106T093000" in fields["recurrence"]["lines"]
    assert fields["schedule_rrule"][0] == "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH"
    expected = [
        {"start": item["start"], "end": item["end"]}
        for item in expected_by_the_app(fields)
        if not item["cancelled"]
    ]
    assert initiative_dates(client, page) == expected
    assert len(expected) > 50
