"""Benchmark (`make bench`): public pages and the headless API under load beside a static file.

A file SQLite database gets the demo content and then BENCH_EVENTS (10,000) more events;
static files are collected for whitenoise; gunicorn serves on 127.0.0.1 at a free port; a
Python load driver (threads, one connection per request as gunicorn's sync workers close them)
sends a bounded number of requests for a bounded time to each URL and reports requests per
second, p50/p99 latency, errors and the queries one request costs.
"""

import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

import pytest

from tests.support.server import ServerFailed, free_port, start_web, stop, wait_for_health

pytestmark = pytest.mark.benchmark

ROOT = Path(__file__).resolve().parents[2]
EVENTS = int(os.environ.get("BENCH_EVENTS", "10000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "1500"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "15"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))

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
import statistics, time
for url in sys.argv[1:]:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    # Count now: every request starts by clearing the connection's query log (reset_queries).
    count = len(queries)
    timings = []
    for _ in range(10):
        began = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - began) * 1000)
    print(url, status, count, f"{statistics.median(timings):.1f}")
"""


def run(args, env, **kwargs):
    # Our own interpreter running manage.py or a script of this file: no untrusted input.
    return subprocess.run(args, env=env, cwd=ROOT, check=True, capture_output=True, text=True, **kwargs)  # noqa: S603


def load(port, path, requests=REQUESTS, seconds=SECONDS, clients=CLIENTS):
    """(requests per second, p50 ms, p99 ms, errors, sent) for GET `path`."""
    latencies, errors, lock = [], [], threading.Lock()
    deadline = time.monotonic() + seconds
    remaining = [requests]

    def worker():
        while time.monotonic() < deadline:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                connection.request("GET", path, headers={"Accept-Encoding": "identity"})
                response = connection.getresponse()
                response.read()
                connection.close()
                ok = response.status == 200
            except OSError as error:
                ok, response = False, error
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors.append(getattr(response, "status", response))

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / wall, statistics.median(latencies) * 1000, p99 * 1000, errors, len(latencies)


def prepare(workdir, port, events):
    """A production-settings environment with the demo and `events` more events."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "benchmark-only-secret-key-0123456789abcdefghijklmnop",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TRUSTED_PROXY_COUNT": "0",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "PORTAL_BASE_URL": f"http://127.0.0.1:{port}",
        "DEMO_ADMIN_PASSWORD": "benchmark-only-password-123",
        "DEMO_USERS_PASSWORD": "benchmark-only-password-456",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    python = sys.executable
    run([python, "manage.py", "migrate", "--noinput", "-v0"], env)
    # The demo app is installed by the development settings only: load with them, same database.
    run([python, "manage.py", "load_demo", "-v0"], {**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"})
    if events:
        run([python, "-c", textwrap.dedent(ADD_EVENTS.format(count=events))], env, timeout=3600)
    run([python, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    return env


def serve(env, port, workdir, **overrides):
    log_path = workdir / "gunicorn.log"
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    command += ["--error-logfile", "-", "--log-level", "warning", "portal.wsgi:application"]
    with log_path.open("ab") as log:
        server = start_web({**env, **overrides}, log, command=command)
    try:
        wait_for_health(f"http://127.0.0.1:{port}", server, timeout=60, log_path=log_path)
    except ServerFailed as failure:
        stop(server)
        pytest.fail(f"gunicorn did not start: {failure}")
    return server


def measure(env, port, workdir, urls, **overrides):
    server = serve(env, port, workdir, **overrides)
    try:
        results = {}
        for name, path in urls.items():
            load(port, path, requests=40, seconds=5)  # warm both workers
            results[name] = load(port, path)
        return results
    finally:
        server.terminate()
        server.wait(timeout=20)


PAGE_URLS = {
    "home": "/it/",
    "district": "/it/san-salvario/",
    "initiative": "/it/san-salvario/sportello-di-ascolto/",
    "event": "/it/san-salvario/repair-cafe/",
    "calendar": "/it/cosa-succede/",
    "district (en)": "/en/san-salvario/",
}
API_URLS = {
    "api pages EventPage fields=*": "/api/v2/pages/?type=initiatives.EventPage&fields=*",
    "api occurrences, a month": "/api/v2/occurrences/",
    "api occurrences, 100": "/api/v2/occurrences/?limit=100",
}


@pytest.mark.parametrize("events", [0, EVENTS], ids=["demo", f"{EVENTS}-events"])
def test_pages_and_api_under_load_beside_a_static_file(events):
    workdir = Path(tempfile.mkdtemp(prefix="quartieri-bench-"))
    port = free_port()
    started = time.perf_counter()
    env = prepare(workdir, port, events)
    prepared = time.perf_counter() - started
    static_file = next(
        path for path in sorted((workdir / "static").rglob("*.css")) if ".." not in path.name
    ).relative_to(workdir / "static")
    urls = {"static file": f"/static/{static_file.as_posix()}", **PAGE_URLS, **API_URLS}
    uncached_env = {**env, "PAGE_CACHE_SECONDS": "0"}
    queries = run([sys.executable, "-c", COUNT_QUERIES, *list(urls.values())[1:]], uncached_env).stdout

    cached = measure(env, port, workdir, urls)
    uncached = measure(env, port, workdir, urls, PAGE_CACHE_SECONDS="0")

    static_rps = cached["static file"][0]
    lines = [
        f"\n{events} events on top of the demo, prepared in {prepared:.0f} s; "
        f"gunicorn 2 sync workers, {CLIENTS} clients"
    ]
    for label, results in (("page cache on (production default)", cached), ("page cache off", uncached)):
        lines.append(f"-- {label}")
        for name, (rps, p50, p99, errors, sent) in results.items():
            lines.append(
                f"{name:30} {rps:8.1f} req/s  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  "
                f"{sent} requests, {len(errors)} errors  ({rps / static_rps:.2f} of static)"
            )
    lines.append("uncached: url status queries median-ms\n" + queries)
    print("\n".join(lines))
    for results in (cached, uncached):
        for name, (_rps, _p50, _p99, errors, _sent) in results.items():
            assert not errors, (name, errors[:5])
    for line in queries.strip().splitlines():
        url, status, count, _ms = line.rsplit(" ", 3)
        limit = 10 if url.startswith("/api/") else 12
        assert status == "200" and int(count) <= limit, line
    for name in PAGE_URLS:
        assert cached[name][0] >= static_rps / 2, name
    for name in API_URLS:
        assert cached[name][0] >= static_rps / 10, name
