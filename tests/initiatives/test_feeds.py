"""iCalendar, RSS/Atom feeds and schema.org JSON-LD, read by independent parsers."""

import datetime
import json
import re
import xml.etree.ElementTree as ET
import zoneinfo

import icalendar
import pytest
import recurrence
import recurring_ical_events
from wagtail.models import PageViewRestriction

from initiatives.models import Occurrence
from initiatives.occurrence_table import rebuild_all, schedule_for
from initiatives.occurrences import expand
from tests.factories import EventPageFactory, InitiativePageFactory, local_datetime, occurrence_change
from tests.restrictions.conftest import restrict
from tests.support.queries import CaptureAllQueries

ROME = zoneinfo.ZoneInfo("Europe/Rome")
pytestmark = pytest.mark.django_db


def weekly_tuesday(**kwargs):
    return recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, byday=[recurrence.TU], **kwargs)])


def parse(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


@pytest.fixture
def weekly_event(district):
    """Tuesdays 18:00–20:00 from 2 Feb 2027 until 30 Nov 2027, across both changes of time."""
    start = local_datetime(2027, 2, 2, 18, 0)
    rule = weekly_tuesday(until=datetime.datetime(2027, 11, 30, tzinfo=ROME))
    rule.exdates = [datetime.datetime(2027, 4, 6, tzinfo=ROME)]
    return EventPageFactory(
        parent=district,
        title="Cineforum del martedì",
        slug="cineforum",
        start=start,
        end=start + datetime.timedelta(hours=2),
        recurrence=rule,
        occurrence_changes=[
            occurrence_change(datetime.date(2027, 5, 4), reason="Sala occupata"),
            occurrence_change(
                datetime.date(2027, 6, 8),
                cancelled=False,
                new_start=local_datetime(2027, 6, 10, 21, 0),
                new_end=local_datetime(2027, 6, 10, 23, 0),
            ),
        ],
    )


def test_event_ics_is_rfc5545_with_timezone_and_rules(client, weekly_event):
    response = client.get(weekly_event.url + "calendar.ics".lstrip("/"))
    cal = parse(response)
    assert str(cal["X-WR-CALNAME"]) == "Cineforum del martedì"
    assert "REFRESH-INTERVAL" in cal and "X-PUBLISHED-TTL" in cal
    [tz] = cal.walk("VTIMEZONE")
    assert str(tz["TZID"]) == "Europe/Rome"
    events = cal.walk("VEVENT")
    master = next(e for e in events if "RECURRENCE-ID" not in e)
    assert master["UID"] == f"{weekly_event.translation_key}@quartieri"
    assert master["DTSTART"].dt == datetime.datetime(2027, 2, 2, 18, 0, tzinfo=ROME)
    assert master["DTSTART"].params["TZID"] == "Europe/Rome"
    assert master["RRULE"]["FREQ"] == ["WEEKLY"]
    assert master["RRULE"]["BYDAY"] == ["TU"]
    exdate_props = master["EXDATE"] if isinstance(master["EXDATE"], list) else [master["EXDATE"]]
    exdates = {d.dt.date() for prop in exdate_props for d in prop.dts}
    # The editor's excluded date stays an EXDATE; the cancelled one is an override of its own.
    assert exdates == {datetime.date(2027, 4, 6)}
    assert "Via Morgari 14" in str(master["LOCATION"])
    assert master["URL"].endswith("/it/san-salvario/cineforum/")
    assert str(master["STATUS"]) == "CONFIRMED"
    cancelled = next(e for e in events if str(e.get("STATUS")) == "CANCELLED")
    assert cancelled["UID"] == master["UID"]
    assert cancelled["RECURRENCE-ID"].dt == datetime.datetime(2027, 5, 4, 18, 0, tzinfo=ROME)
    assert cancelled["DTSTART"].dt == datetime.datetime(2027, 5, 4, 18, 0, tzinfo=ROME)
    assert str(cancelled["SUMMARY"]) == "Annullato: Cineforum del martedì"
    assert str(cancelled["DESCRIPTION"]) == "Sala occupata"
    override = next(e for e in events if "RECURRENCE-ID" in e and str(e.get("STATUS")) != "CANCELLED")
    assert override["RECURRENCE-ID"].dt == datetime.datetime(2027, 6, 8, 18, 0, tzinfo=ROME)
    assert override["DTSTART"].dt == datetime.datetime(2027, 6, 10, 21, 0, tzinfo=ROME)
    assert "DTSTAMP" in master and "SEQUENCE" in master


def test_independent_expander_agrees_with_the_engine(client, weekly_event):
    """recurring-ical-events over a year gives exactly the engine's occurrences, the cancelled
    one marked CANCELLED (an override of its own, not an EXDATE) and the others confirmed."""
    cal = parse(client.get(weekly_event.url + "calendar.ics"))
    window = (datetime.datetime(2027, 1, 1, tzinfo=ROME), datetime.datetime(2028, 1, 1, tzinfo=ROME))
    expanded = recurring_ical_events.of(cal).between(*window)
    theirs = sorted(e["DTSTART"].dt for e in expanded if str(e["STATUS"]) == "CONFIRMED")
    engine = list(expand(schedule_for(weekly_event), *window))
    ours = sorted(o.start for o in engine if not o.cancelled)
    assert theirs == ours
    cancelled = [
        (e["DTSTART"].dt, str(e["DESCRIPTION"])) for e in expanded if str(e["STATUS"]) == "CANCELLED"
    ]
    assert cancelled == [(o.start, o.reason) for o in engine if o.cancelled]
    # 18:00 local on both sides of the changes of time; the UTC instant moves by an hour.
    assert {o.hour for o in ours} - {21} == {18}
    utc_hours = {o.astimezone(datetime.UTC).hour for o in ours if o.month in (2, 12)}
    assert utc_hours == {17}
    assert {o.astimezone(datetime.UTC).hour for o in ours if o.month == 7} == {16}


def test_uid_is_stable_and_sequence_grows_on_republish(client, weekly_event):
    first = parse(client.get(weekly_event.url + "calendar.ics"))
    again = parse(client.get(weekly_event.url + "calendar.ics"))
    assert [str(e["UID"]) for e in first.walk("VEVENT")] == [str(e["UID"]) for e in again.walk("VEVENT")]
    before = int(first.walk("VEVENT")[0]["SEQUENCE"])

    page = type(weekly_event).objects.get(pk=weekly_event.pk)
    page.title = "Cineforum"
    page.save_revision().publish()
    # An editor changes the event again an hour later.
    type(page).objects.filter(pk=page.pk).update(
        last_published_at=page.last_published_at + datetime.timedelta(hours=1)
    )
    after = parse(client.get(weekly_event.url + "calendar.ics"))
    assert int(after.walk("VEVENT")[0]["SEQUENCE"]) > before
    assert str(after.walk("VEVENT")[0]["UID"]) == str(first.walk("VEVENT")[0]["UID"])


def test_district_and_portal_feeds_list_their_events(client, district, other_district):
    near = EventPageFactory(parent=district, title="Festa di via", slug="festa")
    far = EventPageFactory(parent=other_district, title="Orto in comune", slug="orto")
    rebuild_all()
    district_cal = parse(client.get(district.url + "calendar.ics"))
    titles = {str(e["SUMMARY"]) for e in district_cal.walk("VEVENT")}
    assert titles == {near.title}
    assert "San Salvario" in str(district_cal["X-WR-CALNAME"])
    portal_cal = parse(client.get("/it/calendar.ics"))
    assert {str(e["SUMMARY"]) for e in portal_cal.walk("VEVENT")} == {near.title, far.title}
    assert Occurrence.objects.filter(translation_key=far.translation_key).exists()


def test_all_day_and_unknown_feed(client, district):
    start = local_datetime(2027, 9, 18, 0, 0)
    event = EventPageFactory(
        parent=district, slug="festa-lunga", all_day=True, start=start, end=start + datetime.timedelta(days=1)
    )
    [vevent] = parse(client.get(event.url + "calendar.ics")).walk("VEVENT")
    assert vevent["DTSTART"].dt == datetime.date(2027, 9, 18)
    assert vevent["DTEND"].dt == datetime.date(2027, 9, 20)  # exclusive: two whole days
    assert client.get("/it/does-not-exist/calendar.ics").status_code == 404


@pytest.mark.parametrize(
    "kind,root_tag", [("feed.xml", "rss"), ("atom.xml", "{http://www.w3.org/2005/Atom}feed")]
)
def test_rss_and_atom_list_new_pages(client, district, other_district, kind, root_tag):
    EventPageFactory(parent=district, title="Festa di via", slug="festa")
    EventPageFactory(parent=other_district, title="Orto in comune", slug="orto")
    response = client.get(district.url + kind)
    assert response.status_code == 200
    tree = ET.fromstring(response.content)
    assert tree.tag == root_tag
    text = response.content.decode()
    assert "Festa di via" in text and "Orto in comune" not in text
    portal = client.get("/it/" + kind).content.decode()
    assert "Festa di via" in portal and "Orto in comune" in portal


def json_ld(response):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return [json.loads(block) for block in blocks]


def test_event_page_carries_schema_org_event(client, weekly_event):
    rebuild_all()
    response = client.get(weekly_event.url)
    [data] = [d for d in json_ld(response) if d["@type"] == "Event"]
    assert data["name"] == "Cineforum del martedì"
    assert re.match(r"2027-\d\d-\d\dT18:00:00\+0[12]:00", data["startDate"])
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"]["@type"] == "PostalAddress"
    assert data["eventStatus"] in {
        "https://schema.org/EventScheduled",
        "https://schema.org/EventCancelled",
        "https://schema.org/EventRescheduled",
    }
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["isAccessibleForFree"] is True
    assert data["inLanguage"] == "it"
    assert data["eventSchedule"][0]["byDay"] == ["https://schema.org/Tuesday"]
    assert 'href="' + weekly_event.url + 'calendar.ics"' in response.content.decode()


def test_district_page_carries_the_house_as_civic_structure(client, district):
    [data] = json_ld(client.get(district.url))
    assert data["@type"] == "CivicStructure"
    assert data["name"] == "Casa del Quartiere di San Salvario"
    assert data["openingHoursSpecification"][0]["dayOfWeek"] == "https://schema.org/Monday"


def test_the_calendar_files_cost_the_same_for_2_and_for_8_pages(client, district):
    """Events and initiatives are read for the whole feed at once: no query per page."""

    def add(n):
        EventPageFactory(parent=district, title=f"Festa {n}", slug=f"festa-{n}")
        InitiativePageFactory(
            parent=district,
            title=f"Sportello {n}",
            slug=f"sportello-{n}",
            opens_at=datetime.time(9, 0),
            closes_at=datetime.time(12, 0),
            schedule=weekly_tuesday(),
        )

    def counted(url):
        client.get(url)  # warm the caches that are filled once per process
        with CaptureAllQueries() as context:
            cal = parse(client.get(url))
        return len(cal.walk("VEVENT")), len(context.captured_queries)

    urls = (district.url + "calendar.ics", "/it/calendar.ics")
    add(0)
    small = [counted(url) for url in urls]
    for n in range(1, 4):
        add(n)
    large = [counted(url) for url in urls]
    assert [events for events, _queries in small] == [2, 2]
    assert [events for events, _queries in large] == [8, 8]
    assert [queries for _events, queries in small] == [queries for _events, queries in large]


def test_a_private_initiatives_dates_stay_out_of_every_calendar_file(client, district):
    """An initiative under a password: its own calendar file asks for the password as its page
    does, and the district's and the portal's do not list its openings (portal/core/visibility.py)."""
    desk = InitiativePageFactory(
        parent=district,
        title="Sportello riservato",
        slug="riservato",
        opens_at=datetime.time(9, 0),
        closes_at=datetime.time(12, 0),
        schedule=weekly_tuesday(),
    )
    assert "Sportello riservato" in client.get(desk.url + "calendar.ics").content.decode()
    restrict(desk, PageViewRestriction.PASSWORD)
    response = client.get(desk.url + "calendar.ics")
    assert 'name="password"' in response.content.decode()
    assert "BEGIN:VCALENDAR" not in response.content.decode()
    for url in (district.url + "calendar.ics", "/it/calendar.ics"):
        assert "Sportello riservato" not in client.get(url).content.decode(), url
