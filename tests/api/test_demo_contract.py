"""The demo content, which app developers try first, keeps the API's promises everywhere:

- every event's and initiative's `recurrence`, expanded by an RFC 5545 expander that knows
  nothing of the portal and with its `exceptions` applied, gives exactly the dates
  `/api/v2/occurrences/` lists (events) or `next_dates` reads (initiatives), over the next 366
  days (both changes of time), in every language;
- every public page's `meta.html_url`, and its path, opened through `/api/v2/pages/find/`
  answers 302 to that page's detail, and its `meta.translations` lead to pages that list it back;
- every calendar file (the portal's, each district's, each event's; Italian and Arabic) passes
  icalendar's and vobject's strict parsers, and an event's file expands to the dates the API
  lists (a cancelled date an EXDATE, a moved one an override).

The demo is the one `load_demo` builds (every content language), shared with the other modules
on it (tests/support/demo.py), with the clock frozen, for the module, at the moment it was built.
"""

import datetime
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
import recurring_ical_events
from django.utils import timezone

from tests.support.calendars import check_strictly
from tests.support.demo import (  # noqa: F401 (fixtures)
    _demo_media,
    demo_media,
    demo_module,
    shared_demo,
    shared_demo_media,
)
from tests.support.expansion import (
    ROME,
    as_dates,
    describe,
    expected_by_the_app,
    listed_occurrences,
    midnight,
    overlaps,
)

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

LANGUAGES = ("it", "en", "fr", "ar", "ro", "zh-hans", "es")
FEED_LANGUAGES = ("it", "ar")
WINDOW_DAYS = 366
EVENT = "initiatives.EventPage"
INITIATIVE = "initiatives.InitiativePage"
# How many dates `next_dates` lists (initiatives/api.py).
NEXT_DATES = 10


@pytest.fixture(scope="module")
def window(shared_demo, django_db_blocker, demo_media):  # noqa: F811 (the fixture imported above)
    """(first day, last day) of the next 366 days, on the demo `load_demo` builds."""
    with demo_module(shared_demo, django_db_blocker, demo_media) as demo:
        with pytest.MonkeyPatch.context() as patch:
            # One clock for the demo's dates, its occurrence table and every answer of the
            # module: the moment the demo was built at.
            patch.setattr(timezone, "now", lambda: demo.moment)
            today = timezone.localdate(timezone=ROME)
            yield today, today + datetime.timedelta(days=WINDOW_DAYS - 1)


def get_json(client, path, params=None):
    response = client.get(path, params or {})
    assert response.status_code == 200, (path, params, response.content[:300])
    return response.json()


def listed_pages(client, language, **params):
    """Every public page of a language, as the pages listing gives them, page by page."""
    items, offset = [], 0
    while True:
        answer = get_json(
            client, "/api/v2/pages/", {"locale": language, "limit": 100, "offset": offset, **params}
        )
        items.extend(answer["items"])
        offset += len(answer["items"])
        if not answer["items"] or offset >= answer["meta"]["total_count"]:
            return items


def pages_of_type(client, language, page_type):
    return listed_pages(client, language, type=page_type)


def page_fields(client, page_id):
    return get_json(client, f"/api/v2/pages/{page_id}/")


def occurrences_by_event(client, window, language):
    """{event id: its occurrences `/api/v2/occurrences/` lists in the window, in `language`}."""
    listed = defaultdict(list)
    for item in listed_occurrences(client, *window, locale=language):
        listed[item["event_id"]].append(item)
    return listed


def label(page):
    return f"{page['meta']['locale']} #{page['id']} {page['title']!r}"


def mismatch(page, expected, listed):
    missing = [item for item in expected if item not in listed]
    extra = [item for item in listed if item not in expected]
    return (
        f"{label(page)}: expanded but not listed {describe(missing)}; "
        f"listed but not expanded {describe(extra)}"
    )


# --- 1. Expanding the rules --------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_events_rule_expands_to_its_occurrences(client, window, language):
    first_day, last_day = window
    listed = occurrences_by_event(client, window, language)
    events = pages_of_type(client, language, EVENT)
    assert len(events) >= 18, "the demo has its events in every language"
    failures, dated = [], 0
    for event in events:
        fields = page_fields(client, event["id"])
        expected = expected_by_the_app(fields, first_day, last_day)
        found = as_dates(listed.pop(event["id"], []))
        dated += bool(found)
        if expected != found:
            failures.append(mismatch(fields, expected, found))
    assert not listed, f"occurrences of pages not listed as events: {sorted(listed)}"
    assert not failures, "\n".join(failures)
    assert dated >= len(events) - 2, "most events have dates in the coming year"


def next_dates_over(client, language, last_day):
    """{id: every opening `next_dates` reads until `last_day`}, reading on with the clock: each
    step lists the initiatives once, then sets the clock to the earliest end of the last opening
    read among those still open (so no opening of any of them is skipped)."""
    end_of_window = midnight(last_day + datetime.timedelta(days=1))
    moment, seen, open_ids = timezone.now(), defaultdict(list), None
    while open_ids is None or open_ids:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(timezone, "now", lambda moment=moment: moment)
            listing = listed_pages(client, language, type=INITIATIVE, fields="_,id,next_dates")
        if open_ids is None:
            open_ids = {page["id"] for page in listing}
        latest = {}
        for page in listing:
            if page["id"] not in open_ids:
                continue
            dates = as_dates(page["next_dates"])
            seen[page["id"]].extend(item for item in dates if item not in seen[page["id"]])
            if len(dates) == NEXT_DATES and dates[-1]["start"] < end_of_window:
                latest[page["id"]] = dates[-1]["end"]
        open_ids = set(latest)
        if open_ids:
            following = min(latest.values())
            assert following > moment, "the clock moves on"
            moment = following
    return {
        page_id: [item for item in dates if item["start"] < end_of_window] for page_id, dates in seen.items()
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_initiatives_rule_expands_to_its_next_dates(client, window, language):
    first_day, last_day = window
    now = timezone.now()
    initiatives = pages_of_type(client, language, INITIATIVE)
    assert len(initiatives) >= 12, "the demo has its initiatives in every language"
    read = next_dates_over(client, language, last_day)
    failures = []
    for initiative in initiatives:
        fields = page_fields(client, initiative["id"])
        # An initiative's own days off are EXDATEs; its exceptions are the closures of its house.
        assert all(item["status"] == "cancelled" and item["reason"] for item in fields["exceptions"]), (
            "an initiative's exceptions are its house's closures"
        )
        expected = [item for item in expected_by_the_app(fields, first_day, last_day) if item["end"] > now]
        found = read.get(initiative["id"], [])
        if expected != found:
            failures.append(mismatch(fields, expected, found))
        elif fields["recurrence"] is not None:
            assert expected, f"{label(fields)} opens in the coming year"
    assert not failures, "\n".join(failures)


# --- 2. Shared links ---------------------------------------------------------------------------


def found(client, **params):
    response = client.get("/api/v2/pages/find/", params)
    return response.status_code, response.get("Location")


@pytest.fixture
def every_page(client, window):
    """{(language, id): page} of every public page in every language, with its translations."""
    return {
        (language, page["id"]): page
        for language in LANGUAGES
        for page in listed_pages(client, language, fields="translations")
    }


def test_every_pages_address_finds_the_page(client, every_page):
    failures = []
    for (_language, _page_id), page in every_page.items():
        detail = page["meta"]["detail_url"]
        html_url = page["meta"]["html_url"]
        for params in ({"html_url": html_url}, {"html_path": urlsplit(html_url).path}):
            status, location = found(client, **params)
            if (status, location) != (302, detail):
                failures.append(f"{label(page)} {params}: {status} {location}, not 302 {detail}")
    assert not failures, "\n".join(failures)
    assert len(every_page) >= 7 * 40


def test_every_pages_translations_lead_back_to_it(client, every_page):
    by_id = {page_id: page for (_language, page_id), page in every_page.items()}
    failures = []
    for page in every_page.values():
        translations = page["meta"]["translations"]
        if {item["locale"] for item in translations} != set(LANGUAGES) - {page["meta"]["locale"]}:
            failures.append(f"{label(page)}: translations in {sorted(t['locale'] for t in translations)}")
        for translation in translations:
            other = by_id.get(translation["id"])
            if other is None or other["meta"]["locale"] != translation["locale"]:
                failures.append(f"{label(page)}: translation {translation} is not a listed page")
                continue
            if translation["detail_url"] != other["meta"]["detail_url"]:
                failures.append(f"{label(page)}: {translation['detail_url']} is not {label(other)}'s")
            back = {item["id"] for item in other["meta"]["translations"]}
            if page["id"] not in back:
                failures.append(f"{label(other)} does not list {label(page)} among its translations")
    assert not failures, "\n".join(failures)


# --- 3. Calendar files -------------------------------------------------------------------------


def calendar_file(client, html_url):
    path = urlsplit(html_url).path + "calendar.ics"
    response = client.get(path)
    assert response.status_code == 200, (path, response.content[:300])
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return path, check_strictly(response.content)


def local(value):
    """An iCalendar date or date-time as an aware datetime in Rome (a day at its midnight)."""
    if not isinstance(value, datetime.datetime):
        return midnight(value)
    return value.astimezone(ROME)


def feed_dates(calendar, first_day, last_day, status="CONFIRMED"):
    """(start, end) of every date of the file with `status` (a cancelled one is an instance of
    its own, STATUS:CANCELLED) that overlaps the window, by recurring-ical-events."""
    expanded = recurring_ical_events.of(calendar).between(
        first_day - datetime.timedelta(days=60), last_day + datetime.timedelta(days=61)
    )
    dates = []
    for component in expanded:
        if str(component.get("STATUS", "CONFIRMED")) != status:
            continue
        start = local(component["DTSTART"].dt)
        end = local(component["DTEND"].dt) if "DTEND" in component else start + component["DURATION"].dt
        if overlaps({"start": start, "end": end}, first_day, last_day):
            dates.append((start, end))
    return sorted(dates)


@pytest.mark.parametrize("language", FEED_LANGUAGES)
def test_every_calendar_file_is_strict_and_gives_the_listed_dates(client, window, language):
    first_day, last_day = window
    listed = occurrences_by_event(client, window, language)
    home = listed_pages(client, language, type="home.HomePage")
    districts = pages_of_type(client, language, "districts.DistrictPage")
    assert len(home) == 1 and len(districts) == 3
    for page in home + districts:
        path, calendar = calendar_file(client, page["meta"]["html_url"])
        assert calendar.walk("VEVENT"), f"{path} lists events"
    failures = []
    for event in pages_of_type(client, language, EVENT):
        path, calendar = calendar_file(client, event["meta"]["html_url"])
        dates = as_dates(listed[event["id"]])
        kept = sorted((item["start"], item["end"]) for item in dates if not item["cancelled"])
        in_file = feed_dates(calendar, first_day, last_day)
        if in_file != kept:
            failures.append(
                f"{path}: in the file only {sorted(set(in_file) - set(kept))}; "
                f"listed only {sorted(set(kept) - set(in_file))}"
            )
        cancelled = sorted((item["start"], item["end"]) for item in dates if item["cancelled"])
        in_file = feed_dates(calendar, first_day, last_day, status="CANCELLED")
        if in_file != cancelled:
            failures.append(f"{path}: cancelled in the file {in_file}; listed {cancelled}")
    for initiative in pages_of_type(client, language, INITIATIVE):
        path, calendar = calendar_file(client, initiative["meta"]["html_url"])
        fields = page_fields(client, initiative["id"])
        if fields["recurrence"] is None:
            continue
        # Its closures' dates are cancelled instances, the others confirmed, as `exceptions` says.
        closed = {item["date"] for item in fields["exceptions"] if item["status"] == "cancelled"}
        in_file = feed_dates(calendar, first_day, last_day, status="CANCELLED")
        days = {start.date().isoformat() for start, _end in in_file}
        expected = {day for day in closed if first_day.isoformat() <= day <= last_day.isoformat()}
        if days != expected:
            failures.append(
                f"{path}: cancelled in the file {sorted(days)}; in its exceptions {sorted(expected)}"
            )
        confirmed = {start.date().isoformat() for start, _end in feed_dates(calendar, first_day, last_day)}
        if not confirmed or confirmed & closed:
            failures.append(f"{path}: confirmed dates {sorted(confirmed & closed)} are cancelled")
    assert not failures, "\n".join(failures)
