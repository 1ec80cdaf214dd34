"""Benchmark (`make bench`): the occurrence table and the calendar at 10,000 events.

Reports figures rather than asserting wall-clock times in the normal suite; the targets of the
events issue are checked here: rebuilding one event under 50 ms, the calendar's first page
under 100 ms end to end on SQLite, and a query count that does not depend on the data.
"""

import datetime
import os
import statistics
import time
import zoneinfo

import pytest
import recurrence
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import add_numbered_event

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db(transaction=False)]

EVENTS = int(os.environ.get("BENCH_EVENTS", "10000"))
ROME = zoneinfo.ZoneInfo("Europe/Rome")


def build_tree(count):
    from wagtail.models import Locale, Page, Site

    from districts.models import DistrictPage
    from home.models import HomePage
    from initiatives.models import CalendarPage, Category

    italian, _ = Locale.objects.get_or_create(language_code="it")
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Quartieri", slug="bench-home", locale=italian))
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    category = Category.objects.create(name="Corsi", slug="courses", locale=italian)
    calendar = home.add_child(
        instance=CalendarPage(title="Cosa succede", slug="cosa-succede", locale=italian)
    )
    districts = [
        home.add_child(instance=DistrictPage(title=name, slug=slug, intro=name, locale=italian))
        for name, slug in [("San Salvario", "ss"), ("Barriera di Milano", "bm"), ("Mirafiori Sud", "ms")]
    ]
    today = timezone.localdate()
    weekly = recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, byday=[recurrence.TU])])
    for number in range(count):
        start = datetime.datetime.combine(
            today + datetime.timedelta(days=number % 300), datetime.time(18, 0), tzinfo=ROME
        )
        add_numbered_event(
            districts[number % 3], number, start, category=category, weekly=weekly, locale=italian
        )
    return home, calendar, districts


def serve_templates_uninstrumented(monkeypatch):
    """Undo the test runner's per-template signal, which production does not pay for."""
    from django.template.base import Template
    from django.test.utils import _TestState

    saved = getattr(getattr(_TestState, "saved_data", None), "template_render", None)
    if saved is not None:
        monkeypatch.setattr(Template, "_render", saved)


def test_occurrence_table_and_calendar_at_scale(client, settings, monkeypatch):
    from initiatives.models import EventPage, Occurrence
    from initiatives.occurrence_table import rebuild_all, rebuild_for_page

    settings.ALLOWED_HOSTS = ["*"]
    serve_templates_uninstrumented(monkeypatch)
    started = time.perf_counter()
    home, calendar, districts = build_tree(EVENTS)
    built = time.perf_counter() - started

    started = time.perf_counter()
    pages, rows = rebuild_all()
    table = time.perf_counter() - started

    one = EventPage.objects.filter(recurrence__isnull=False).exclude(recurrence="").first()
    timings = []
    for _ in range(20):
        started = time.perf_counter()
        rebuild_for_page(one)
        timings.append(time.perf_counter() - started)
    rebuild_one = statistics.median(timings)

    url = calendar.url + "?when=week"  # the first week, across all districts
    client.get(url)  # warm the URL and template caches
    timings = []
    for _ in range(20):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    calendar_first_page = statistics.median(timings)

    print(
        f"\n{EVENTS} events ({EVENTS // 3} weekly) built in {built:.1f} s\n"
        f"occurrence table: {rows} rows for {pages} pages in {table:.2f} s\n"
        f"rebuild one weekly event: median {rebuild_one * 1000:.1f} ms\n"
        f"calendar first page: median {calendar_first_page * 1000:.1f} ms, {len(queries)} queries\n"
        f"occurrence rows in table: {Occurrence.objects.count()}"
    )
    assert rebuild_one < 0.050
    assert calendar_first_page < 0.100
