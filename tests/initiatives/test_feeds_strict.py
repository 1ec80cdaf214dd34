"""Every calendar file of the portal, in several languages, passes two strict parsers that
know nothing of each other (icalendar and vobject), and says how often to refresh it in valid
RFC 5545 durations (X-PUBLISHED-TTL and RFC 7986's REFRESH-INTERVAL: PT6H, not "6:00:00")."""

import datetime
import zoneinfo

import pytest
import recurrence

from tests.factories import (
    EventPageFactory,
    days_from_now,
    local_datetime,
    occurrence_change,
    synchronise_locales,
)
from tests.support.calendars import check_strictly

ROME = zoneinfo.ZoneInfo("Europe/Rome")
pytestmark = pytest.mark.django_db
LANGUAGES = ("it", "en", "ar", "zh-hans")


@pytest.fixture
def feeds(district):
    """A weekly timed event with every kind of date, an all-day one, a one-off; every language."""
    start = days_from_now(2, 18)
    EventPageFactory(
        parent=district,
        title="Cineforum",
        slug="cineforum",
        start=start,
        end=start + datetime.timedelta(hours=2),
        recurrence=recurrence.Recurrence(
            rrules=[recurrence.Rule(recurrence.WEEKLY, until=start + datetime.timedelta(days=300))],
            exdates=[start + datetime.timedelta(days=14)],
            rdates=[start + datetime.timedelta(days=3), local_datetime(2027, 3, 28, 2, 30)],
        ),
        occurrence_changes=[
            occurrence_change((start + datetime.timedelta(days=7)).date(), reason="Sala occupata"),
            occurrence_change(
                (start + datetime.timedelta(days=21)).date(),
                cancelled=False,
                new_start=start + datetime.timedelta(days=22),
            ),
        ],
    )
    day = days_from_now(5, 0)
    EventPageFactory(
        parent=district,
        title="Festa di via",
        slug="festa",
        start=day,
        end=day,
        all_day=True,
        recurrence=recurrence.Recurrence(
            rrules=[recurrence.Rule(recurrence.MONTHLY, until=day + datetime.timedelta(days=200))]
        ),
    )
    EventPageFactory(parent=district, title="Concerto", slug="concerto")
    synchronise_locales(LANGUAGES)
    return district


def feed_urls(district):
    events = ["cineforum", "festa", "concerto"]
    return ["", f"{district.slug}/", *(f"{district.slug}/{slug}/" for slug in events)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_calendar_file_passes_two_strict_parsers(client, feeds, language):
    prefix = f"/{language}/"
    for path in feed_urls(feeds):
        response = client.get(prefix + path + "calendar.ics")
        assert response.status_code == 200, (path, response.content[:300])
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = check_strictly(response.content)
        assert calendar.walk("VEVENT"), path


def test_the_expanded_dates_of_the_event_file_keep_the_local_time(client, feeds):
    calendar = check_strictly(client.get("/it/san-salvario/cineforum/calendar.ics").content)
    master = next(event for event in calendar.walk("VEVENT") if "RECURRENCE-ID" not in event)
    rdates = [value.dt for prop in _as_list(master["RDATE"]) for value in prop.dts]
    # An extra date at its own time keeps it (02:30 on the spring change becomes 03:30 CEST).
    assert datetime.datetime(2027, 3, 28, 3, 30, tzinfo=ROME) in rdates


def _as_list(value):
    return value if isinstance(value, list) else [value]
