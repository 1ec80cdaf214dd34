"""Hostile input on every public URL that reads its query or a form: NUL bytes and other control
characters, very long strings, impossible dates and numbers, repeated parameters and bytes that
are not UTF-8. Each answers 200, 302, 400 or 404 with a clear message, never 500, and no
control character a visitor sent is written back into a page."""

import datetime
import json
import re
from types import SimpleNamespace

import pytest
import recurrence
from django.test import Client

from districts.models import Proposal
from tests.factories import (
    CalendarPageFactory,
    CategoryFactory,
    EventPageFactory,
    InitiativePageFactory,
    ProposalFormPageFactory,
    days_from_now,
)

pytestmark = pytest.mark.django_db

# C0 but tab and line breaks, DEL, C1: what must never reach a page.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
HOSTILE_VALUES = [
    "\x00",
    "a\x00b",
    "\x01\x08\x0b\x1b\x7f\x85x",
    "\r\n\tline",
    "x" * 5000,
    "0001-01-01",
    "9999-12-31",
    "-1",
    "99999999999999999999999",
    str(2**63),
    "1e9",
    "[]",
    "<script>alert(1)</script>",
]
# Raw query strings: bytes that are not UTF-8, an overlong encoding, a repeated parameter.
RAW_QUERIES = ["{name}=%ff%fe%00", "{name}=%c0%80", "{name}=1&{name}=2", "{name}[]=1&{name}[]=2"]
ANSWERS = {200, 302, 400, 404}


@pytest.fixture
def public(home, district):
    """A district with a weekly event, an initiative, both calendars and the proposal form."""
    category = CategoryFactory(slug="courses", name="Corsi")
    start = days_from_now(1, 18)
    return SimpleNamespace(
        district=district,
        weekly=EventPageFactory(
            parent=district,
            category=category,
            start=start,
            end=start + datetime.timedelta(hours=2),
            recurrence=recurrence.deserialize("RRULE:FREQ=WEEKLY"),
        ),
        initiative=InitiativePageFactory(parent=district, category=category),
        calendar=CalendarPageFactory(parent=home),
        district_calendar=CalendarPageFactory(parent=district),
        form=ProposalFormPageFactory(parent=district),
    )


# name: (the URL of the `public` fixture's page, the query parameters it reads or might)
URLS = {
    "home": (lambda public: "/it/", ["page"]),
    "calendar": (
        lambda public: public.calendar.url,
        ["when", "date_from", "date_to", "district", "category", "audience", "language", "free", "page"],
    ),
    "district calendar": (
        lambda public: public.district_calendar.url,
        ["when", "date_from", "date_to", "page"],
    ),
    "search": (lambda public: "/it/search/", ["q", "district", "type", "category", "page"]),
    "suggest": (lambda public: "/it/search/suggest/", ["q"]),
    "district": (lambda public: public.district.url, ["page"]),
    "event": (lambda public: public.weekly.url, ["page"]),
    "initiative": (lambda public: public.initiative.url, ["page"]),
    "proposal form": (lambda public: public.form.url, ["sent"]),
    "portal ics": (lambda public: "/it/calendar.ics", ["district"]),
    "district ics": (lambda public: f"{public.district.url}calendar.ics", ["x"]),
    "event ics": (lambda public: f"{public.weekly.url}calendar.ics", ["x"]),
    "rss": (lambda public: "/it/feed.xml", ["category"]),
    "district atom": (lambda public: f"{public.district.url}atom.xml", ["category"]),
    "sitemap": (lambda public: "/sitemap.xml", ["p"]),
    "language choice": (lambda public: "/i18n/choose/en/", ["next"]),
    "pages API": (
        lambda public: "/api/v2/pages/",
        ["offset", "limit", "search", "locale", "type", "child_of"],
    ),
    "images API": (lambda public: "/api/v2/images/", ["offset", "limit", "search"]),
    "documents API": (lambda public: "/api/v2/documents/", ["offset", "limit", "search"]),
    "occurrences API": (
        lambda public: "/api/v2/occurrences/",
        ["offset", "limit", "start", "end", "district"],
    ),
    "openapi": (lambda public: "/api/v2/openapi.json", ["x"]),
}


def problems_of(response, label):
    """What is wrong with one answer, as short strings (empty when it is fine)."""
    if response.status_code not in ANSWERS:
        return [f"{label}: {response.status_code}"]
    if response.streaming or response.status_code == 302:
        return []
    body = response.content.decode("utf-8", errors="replace")
    if response["Content-Type"].startswith("application/json"):
        data = json.loads(body)  # escaped, so control characters cannot break it
        if response.status_code == 400 and not data.get("message"):
            return [f"{label}: a 400 without a message"]
        return []
    if CONTROL.search(body):
        return [f"{label}: a control character in the page"]
    return []


@pytest.mark.parametrize("name", list(URLS))
def test_hostile_query_values_never_make_a_500_nor_reach_the_page(public, name):
    url_of, parameters = URLS[name]
    url = url_of(public)
    visitor = Client(raise_request_exception=False)
    problems = []
    for parameter in parameters:
        for value in HOSTILE_VALUES:
            problems += problems_of(visitor.get(url, {parameter: value}), f"{parameter}={value[:12]!r}")
        for raw in RAW_QUERIES:
            query = raw.format(name=parameter)
            problems += problems_of(visitor.get(f"{url}?{query}"), query)
    assert not problems, problems


@pytest.mark.parametrize("field", ["name", "email", "phone", "proposal", "category", "language"])
def test_hostile_proposal_fields_never_make_a_500_nor_reach_the_page(public, field):
    problems = []
    for number, value in enumerate(HOSTILE_VALUES):
        data = {
            "name": "Amina",
            "proposal": f"Un gruppo di lettura per bambini, il sabato mattina ({number}).",
            "language": "it",
            "consent": "on",
            field: value,
        }
        resident = Client(raise_request_exception=False, REMOTE_ADDR=f"203.0.113.{number + 1}")
        problems += problems_of(resident.post(public.form.url, data), f"{field}={value[:12]!r}")
    assert not problems, problems
    for proposal in Proposal.objects.all():
        for key, stored in proposal.form_data.items():
            assert not CONTROL.search(stored or ""), (key, stored)


def test_a_nul_byte_in_a_search_is_not_written_back(client, public):
    """The issue's example: `?q=a%00b` was echoed raw into the title and the search box."""
    response = client.get("/it/search/", {"q": "Sporte\x00llo\x1b"})
    html = response.content.decode()
    assert response.status_code == 200
    assert not CONTROL.search(html)
    assert 'value="Sportello"' in html
    assert "Sportello" in html[html.index("<title>") : html.index("</title>")]


def test_line_breaks_stay_in_the_proposal_and_nothing_else_does(public, django_capture_on_commit_callbacks):
    text = "Prima riga\r\nseconda riga\tcon un tab\x00 e un NUL\x1b."
    Client().post(
        public.form.url,
        {"name": "Ami\x00na\n", "proposal": text, "language": "it", "consent": "on"},
    )
    stored = Proposal.objects.get().form_data
    assert stored["name"] == "Amina"
    assert stored["proposal"] == "Prima riga\r\nseconda riga\tcon un tab e un NUL."


@pytest.mark.parametrize(
    "query",
    [
        {"date_from": "0001-01-01"},
        {"date_to": "9999-12-31"},
        {"date_from": "0001-01-01", "date_to": "9999-12-31"},
        {"date_from": "1899-12-31", "when": "dates"},
        {"date_from": "3000-01-01"},
    ],
)
def test_calendar_dates_far_outside_any_calendar_are_a_form_error(client, public, query):
    response = client.get(public.calendar.url, query)
    assert response.status_code == 200
    form = response.context["filter_form"]
    assert set(form.errors) == set(query) - {"when"}
    assert 'aria-invalid="true"' in response.content.decode()


def test_a_reversed_range_and_a_huge_page_number_are_answered(client, public):
    response = client.get(public.calendar.url, {"date_from": "2030-01-10", "date_to": "2030-01-01"})
    assert response.status_code == 200
    assert "date_to" in response.context["filter_form"].errors
    response = client.get(public.calendar.url, {"page": "9" * 40})
    assert response.status_code == 200
    assert response.context["page_obj"].number == response.context["paginator"].num_pages
