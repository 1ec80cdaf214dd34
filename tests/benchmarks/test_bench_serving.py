"""Benchmark (`make bench`): the Procfile's server under load, every page type beside a static file.

As a reviewer measures it: the Procfile's web command (gunicorn with gunicorn.conf.py: two sync
workers, the application preloaded) with the production settings on a file SQLite database
holding the demo, and then BENCH_EVENTS (10,000) more events; `wrk -t2 -c8`, a warm-up of
BENCH_WARMUP seconds, then BENCH_SECONDS measured, for each URL, with the page cache on (the
production default) and off (`PAGE_CACHE_SECONDS=0`, the cold path). The static stylesheet,
served by WhiteNoise, is the yardstick of the machine.

wrk comes from Debian (`apt-get install wrk`); without it the benchmark fails and says so.
With BAKERYDEMO_URL (a wagtail/bakerydemo served the same way beside this one, see
docs/PERFORMANCE.md), its comparable pages are measured in the same run.

Asserted: no errors; with the cache on, the static file and every cached page at least
BENCH_MIN_CACHED_RPS (2,000) requests per second; the queries of each uncached URL within the
budget. The figures go to the standard output (docs/PERFORMANCE.md keeps the last run).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from tests.support.server import free_port, production_env, start_web, stop, wait_for_health

pytestmark = pytest.mark.benchmark

ROOT = Path(__file__).resolve().parents[2]
EVENTS = int(os.environ.get("BENCH_EVENTS", "10000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
MIN_CACHED_RPS = float(os.environ.get("BENCH_MIN_CACHED_RPS", "2000"))

ADD_EVENTS = """
import datetime, django, recurrence
django.setup()
from django.utils import timezone
from districts.models import DistrictPage
from initiatives.models import Category, EventPage
from initiatives.occurrence_table import rebuild_all
from initiatives.occurrences import make_local_aware
from wagtail.models import Locale
italian = Locale.objects.get(language_code="it")
districts = list(DistrictPage.objects.filter(locale=italian).order_by("path"))
category = Category.objects.filter(locale=italian).first()
weekly = recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY)])
today = timezone.localdate()
for number in range({count}):
    day = today + datetime.timedelta(days=number % 300)
    start = make_local_aware(datetime.datetime.combine(day, datetime.time(18, 0)))
    districts[number % len(districts)].add_child(instance=EventPage(
        title=f"Evento {{number}}", slug=f"bench-evento-{{number}}", summary="Un evento del quartiere",
        start=start, end=start + datetime.timedelta(hours=2), category=category,
        recurrence=weekly if number % 3 == 0 else None, locale=italian, live=True,
        first_published_at=timezone.now()))
print(rebuild_all())
"""

COUNT_QUERIES = """
import django, sys
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
for url in sys.argv[1:]:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    print(url, status, len(queries))
"""

FIND_EVENT = """
import django
django.setup()
from initiatives.models import EventPage
from districts.models import DistrictPage
district = DistrictPage.objects.filter(locale__language_code="it").order_by("path").first()
print(EventPage.objects.live().child_of(district).order_by("path").first().url)
"""

# The pages the table names, beside bakerydemo's comparable ones (BAKERYDEMO_URL).
PAGES = {
    "home": ("/it/", "/"),
    "district": ("/it/san-salvario/", "/breads/anpan/"),
    "event": (None, "/breads/anpan/"),
    "What's on": ("/it/cosa-succede/", "/blog/"),
    "API pages, EventPage, fields=*": (
        "/api/v2/pages/?type=initiatives.EventPage&fields=*",
        "/api/v2/pages/?type=blog.BlogPage&fields=*",
    ),
    "search": ("/it/search/?q=corso", "/search/?q=bread"),
}
CACHED = ("home", "district", "event")


def wrk(base, path):
    """(requests per second, p99 ms, errors) of `wrk -t2 -cN` on `path` after a warm-up."""
    command = [shutil.which("wrk"), "-t2", f"-c{CONNECTIONS}", "--latency", "-H", "Accept-Encoding: identity"]
    subprocess.run([*command, f"-d{WARMUP}s", base + path], check=True, capture_output=True)  # noqa: S603
    output = subprocess.run(  # noqa: S603
        [*command, f"-d{SECONDS}s", base + path], check=True, capture_output=True, text=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return (
        rps,
        p99_ms,
        int(errors.group(1)) if errors else 0,
        socket_errors.group(1) if socket_errors else "",
    )


def run(args, env, **kwargs):
    # Our own interpreter running manage.py or a script of this file: no untrusted input.
    return subprocess.run(args, env=env, cwd=ROOT, check=True, capture_output=True, text=True, **kwargs)  # noqa: S603


def prepare(workdir, port, events):
    """The production environment with the demo and `events` more events."""
    env = production_env(
        SECRET_KEY="benchmark-only-secret-key-0123456789abcdefghijklmnop",
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        MEDIA_ROOT=workdir / "media",
        STATIC_ROOT=workdir / "static",
        PORT=port,
        DEMO_ADMIN_PASSWORD="benchmark-only-password-123",
        DEMO_USERS_PASSWORD="benchmark-only-password-456",
        LOG_LEVEL="WARNING",
        GUNICORN_LOG_LEVEL="warning",
        PYTHONPATH=ROOT,
    )
    python = sys.executable
    run([python, "manage.py", "migrate", "--noinput", "-v0"], env)
    # The demo app is installed by the development settings only: load with them, same database.
    run([python, "manage.py", "load_demo", "-v0"], {**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"})
    if events:
        run([python, "-c", textwrap.dedent(ADD_EVENTS.format(count=events))], env, timeout=3600)
    run([python, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    return env


def serve(env, workdir, **overrides):
    log_path = workdir / "gunicorn.log"
    with log_path.open("ab") as log:
        server = start_web({**env, **overrides}, log)
    wait_for_health(f"http://127.0.0.1:{env['PORT']}", server, timeout=120, log_path=log_path)
    return server


def table(rows, bakery=None):
    lines = [f"{'page':34} {'cache off r/s (p99 ms)':>24} {'cache on r/s (p99 ms)':>24} {'bakerydemo':>12}"]
    for name, (off, on) in rows.items():
        cell_off = f"{off[0]:.1f} ({off[1]:.0f})" if off else "—"
        cell_on = f"{on[0]:.0f} ({on[1]:.1f})" if on else "—"
        peer = f"{bakery[name][0]:.1f}" if bakery and name in bakery else "—"
        lines.append(f"{name:34} {cell_off:>24} {cell_on:>24} {peer:>12}")
    return "\n".join(lines)


@pytest.mark.parametrize("events", [0, EVENTS], ids=["demo", f"{EVENTS}-events"])
def test_every_page_type_under_load_beside_a_static_file(events):
    if shutil.which("wrk") is None:
        pytest.fail("wrk is not installed: apt-get install wrk (Debian's package)")
    workdir = Path(tempfile.mkdtemp(prefix="quartieri-bench-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    began = time.perf_counter()
    env = prepare(workdir, port, events)
    prepared = time.perf_counter() - began
    stylesheet = next(
        path for path in sorted((workdir / "static").rglob("*.css")) if ".." not in path.name
    ).relative_to(workdir / "static")
    urls = {"static stylesheet": f"/static/{stylesheet.as_posix()}"}
    event = run([sys.executable, "-c", FIND_EVENT], env).stdout.strip()
    for name, (ours, _peer) in PAGES.items():
        urls[name] = ours or event.replace(base, "")

    results = {}
    for cache in ("on", "off"):
        overrides = {} if cache == "on" else {"PAGE_CACHE_SECONDS": "0"}
        server = serve(env, workdir, **overrides)
        try:
            for name, path in urls.items():
                if cache == "off" and name == "static stylesheet":
                    continue
                results[name, cache] = wrk(base, path)
        finally:
            stop(server)
    uncached = {**env, "PAGE_CACHE_SECONDS": "0"}
    queries = run([sys.executable, "-c", COUNT_QUERIES, *list(urls.values())[1:]], uncached)

    bakery = None
    if os.environ.get("BAKERYDEMO_URL"):
        peer_base = os.environ["BAKERYDEMO_URL"].rstrip("/")
        bakery = {name: wrk(peer_base, peer) for name, (_ours, peer) in PAGES.items()}
        stylesheet_path = os.environ.get("BAKERYDEMO_STATIC", "/static/css/main.css")
        bakery["static stylesheet"] = wrk(peer_base, stylesheet_path)

    rows = {name: (results.get((name, "off")), results.get((name, "on"))) for name in urls}
    print(
        f"\n{events} events on top of the demo (prepared in {prepared:.0f} s); the Procfile's gunicorn, "
        f"wrk -t2 -c{CONNECTIONS}, {WARMUP} s warm-up, {SECONDS} s measured\n"
        + table(rows, bakery)
        + "\nuncached queries (url status count):\n"
        + queries.stdout
    )
    for (name, cache), (_rps, _p99, errors, socket_errors) in results.items():
        assert not errors and "timeout" not in socket_errors, (name, cache, errors, socket_errors)
    for line in queries.stdout.strip().splitlines():
        url, status, count = line.rsplit(" ", 2)
        assert status == "200", line
        budget = 10 if url.startswith("/api/") else 12
        assert int(count) <= budget, line
    for name in ("static stylesheet", *CACHED):
        assert results[name, "on"][0] >= MIN_CACHED_RPS, (name, results[name, "on"])
