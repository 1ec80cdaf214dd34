"""Benchmark (`make bench`): queries and median render time of every page type and API endpoint.

The demo content (`load_demo`: seven languages, pictures, translations and aliases) is measured,
then BENCH_EVENTS (10,000) more events, half of them below initiatives and a third weekly, are
added and everything is measured again. Each URL is requested once to fill the caches kept
under the content version (as a warm gunicorn worker has them), once more to count its queries,
then BENCH_RUNS times for the median, uncached (the page cache is off in the test settings),
through Django's test client on the database of the run: `make bench` measures SQLite,
`DATABASE_URL=postgres://… make bench` PostgreSQL. The table goes to the standard output.

Asserted: every public page in at most 12 queries at both scales, and the same number with
10,000 more events as with the demo (search results excepted: they read one table per kind of
page they show). Times are reported, not asserted.
"""

import datetime
import os
import statistics
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.benchmarks.test_bench_search import index_in_bulk_afterwards, serve_templates_uninstrumented
from tests.factories import add_numbered_event

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db(transaction=False)]

EVENTS = int(os.environ.get("BENCH_EVENTS", "10000"))
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
PAGE_BUDGET = 12
LANGUAGES = ("it", "en", "ar")
CONTENT_DEPENDENT = ("search",)  # a results page reads one table per kind of page it shows


def page_urls():
    """[(name, URL)] of every public page type in Italian, English and Arabic."""
    from wagtail.models import Locale

    from districts.models import DistrictPage, ProposalFormPage
    from home.models import HomePage
    from initiatives.models import CalendarPage, EventPage, InitiativePage

    home = HomePage.objects.get(locale__language_code="it")
    district = DistrictPage.objects.child_of(home).order_by("path").first()
    initiative = InitiativePage.objects.child_of(district).filter(numchild__gt=0).order_by("path").first()
    pages = [
        ("home", home),
        ("district", district),
        ("calendar", CalendarPage.objects.child_of(home).get()),
        ("district calendar", CalendarPage.objects.child_of(district).get()),
        ("initiative", initiative),
        ("event", EventPage.objects.child_of(district).order_by("path").first()),
        ("event below initiative", EventPage.objects.child_of(initiative).order_by("path").first()),
        ("proposal form", ProposalFormPage.objects.child_of(district).get()),
    ]
    urls = []
    for language in LANGUAGES:
        locale = Locale.objects.get(language_code=language)
        here = {name: page.get_translation(locale) for name, page in pages}
        for name, page in here.items():
            urls.append((f"{name} ({language})", page.url))
        urls.append((f"calendar, this week ({language})", f"{here['calendar'].url}?when=week"))
        urls.append((f"search ({language})", f"/{language}/search/?q=corso"))
        urls.append((f"404 ({language})", f"{here['event below initiative'].url}nessuna-pagina/"))
    return urls


def api_urls():
    """[(name, URL)] of the headless API's endpoints, listings with their filters and details."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from districts.models import DistrictPage
    from initiatives.models import EventPage

    district = DistrictPage.objects.filter(locale__language_code="it").order_by("path").first()
    event = EventPage.objects.filter(locale__language_code="it", depth=5).order_by("path").first()
    image = get_image_model().objects.order_by("pk").first()
    today = timezone.localdate()
    urls = [
        ("api pages", "/api/v2/pages/"),
        ("api pages, events fields=*", "/api/v2/pages/?type=initiatives.EventPage&fields=*"),
        (
            "api pages, initiatives en fields=*",
            "/api/v2/pages/?type=initiatives.InitiativePage&fields=*&locale=en",
        ),
        ("api pages, child_of a district", f"/api/v2/pages/?child_of={district.pk}"),
        ("api pages, descendant_of, limit 100", f"/api/v2/pages/?descendant_of={district.pk}&limit=100"),
        ("api pages, translation_of", f"/api/v2/pages/?translation_of={district.pk}"),
        ("api pages, search", "/api/v2/pages/?search=corso&locale=it"),
        ("api page detail, district", f"/api/v2/pages/{district.pk}/"),
        ("api page detail, event", f"/api/v2/pages/{event.pk}/"),
        ("api occurrences", "/api/v2/occurrences/"),
        ("api occurrences, limit 100", "/api/v2/occurrences/?limit=100"),
        (
            "api occurrences, a year, filtered",
            f"/api/v2/occurrences/?start={today}&end={today + datetime.timedelta(days=365)}"
            f"&district={district.slug}&free=true&locale=ar",
        ),
        ("api images", "/api/v2/images/"),
        ("api image detail", f"/api/v2/images/{image.pk}/"),
        ("api documents", "/api/v2/documents/"),
    ]
    document = get_document_model().objects.order_by("pk").first()
    if document is not None:
        urls.append(("api document detail", f"/api/v2/documents/{document.pk}/"))
    return urls


def measure(client, urls, runs=RUNS):
    """{name: (status, queries, median ms)}: warm, count, then time `runs` requests."""
    results = {}
    for name, url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        # Read now: the next request empties the connection's query log.
        count = len(queries)
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        results[name] = (status, count, statistics.median(timings))
    return results


def add_events(count):
    """`count` Italian events, half below initiatives, a third weekly, indexed in bulk after."""
    import recurrence
    from wagtail.models import Locale

    from districts.models import DistrictPage
    from initiatives.models import Category, InitiativePage
    from initiatives.occurrence_table import rebuild_all
    from initiatives.occurrences import make_local_aware
    from portal.core.page_cache import bump_version

    italian = Locale.objects.get(language_code="it")
    districts = list(DistrictPage.objects.filter(locale=italian).order_by("path"))
    initiatives = list(InitiativePage.objects.filter(locale=italian).order_by("path"))
    categories = list(Category.objects.filter(locale=italian).order_by("pk"))
    weekly = recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY)])
    today = timezone.localdate()
    with index_in_bulk_afterwards():
        for number in range(count):
            start = make_local_aware(
                datetime.datetime.combine(today + datetime.timedelta(days=number % 300), datetime.time(18))
            )
            parent = (
                initiatives[number % len(initiatives)] if number % 2 else districts[number % len(districts)]
            )
            add_numbered_event(
                parent,
                number,
                start,
                category=categories[number % len(categories)],
                weekly=weekly,
                locale=italian,
                slug_prefix="bench-evento",
            )
    call_command("update_index", verbosity=0)
    pages, rows = rebuild_all()
    bump_version()
    if connection.vendor == "postgresql":
        # As autovacuum would have done by now (see test_bench_search).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return rows


def table(demo, scaled, events, rows, demo_rows):
    lines = [
        f"\nuncached requests on {connection.vendor}, in-process test client, second view counted, "
        f"median of {RUNS}",
        f"{'':44} {'demo (' + str(demo_rows) + ' occurrences)':>26}   "
        f"{'+' + format(events, ',') + ' events (' + str(rows) + ' occ.)':>30}",
        f"{'page or endpoint':44} {'status':>6} {'queries':>8} {'median ms':>10}   "
        f"{'status':>6} {'queries':>8} {'median ms':>10}",
    ]
    for name, (status, queries, median) in demo.items():
        status_scaled, queries_scaled, median_scaled = scaled[name]
        lines.append(
            f"{name:44} {status:>6} {queries:>8} {median:>10.1f}   "
            f"{status_scaled:>6} {queries_scaled:>8} {median_scaled:>10.1f}"
        )
    return "\n".join(lines)


def test_queries_and_render_time_of_every_page_and_endpoint(client, settings, monkeypatch):
    from initiatives.models import Occurrence

    settings.ALLOWED_HOSTS = ["*"]
    started = time.perf_counter()
    # The test's transaction never commits: run wagtail-localize's deferred publishing now.
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo", verbosity=0)
    loaded = time.perf_counter() - started
    serve_templates_uninstrumented(monkeypatch)
    urls = page_urls() + api_urls()
    demo_rows = Occurrence.objects.count()
    demo = measure(client, urls)

    started = time.perf_counter()
    rows = add_events(EVENTS)
    added = time.perf_counter() - started
    scaled = measure(client, urls)

    print(table(demo, scaled, EVENTS, rows, demo_rows))
    print(f"demo loaded in {loaded:.0f} s; {EVENTS} events added, indexed and expanded in {added:.0f} s")

    for results in (demo, scaled):
        for name, (status, queries, _median) in results.items():
            assert status == (404 if name.startswith("404") else 200), (name, status)
            if not name.startswith("api"):
                assert queries <= PAGE_BUDGET, (name, queries)
    for name, (_status, queries, _median) in demo.items():
        if not name.startswith(("api", *CONTENT_DEPENDENT)):
            assert scaled[name][1] == queries, (name, queries, scaled[name][1])
