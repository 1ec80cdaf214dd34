"""Issue 8 as it is checked: the production settings started as a PaaS starts them (environment
variables only, the Procfile's release command, then its web command), loaded from other
threads and faulted: PostgreSQL stopped mid-load, Redis killed mid-load.

Every answer must be a clear one: 200, or 503 with Retry-After (a translated page, a JSON
message under /api/, /healthz naming the failing check), never a 500, a traceback, a hang or a
crashed worker; and the site must recover by itself when the service returns.

The database is a private PostgreSQL cluster in a temporary directory (stopping the suite's
shared cluster would break the other tests), so these tests run in the SQLite and the
PostgreSQL runs alike; they skip, saying what to install, only where the PostgreSQL server or
redis-server binaries are missing.
"""

import http.client
import json
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

import pytest

from tests.support.server import (
    ROOT,
    free_port,
    production_env,
    run_release,
    start_web,
    stop,
    wait_for_health,
)
from tests.support.services import PrivatePostgres, PrivateRedis, ServiceMissing

pytestmark = pytest.mark.slow

# What a PaaS router adds in front of the process: TLS ends there.
ROUTER_HEADERS = {"X-Forwarded-Proto": "https", "Accept-Encoding": "identity"}
ANSWER_TIMEOUT = 10.0  # seconds: a third of gunicorn's 30 s timeout, far above a normal answer
SEED = """
from django.contrib.auth.models import User
from wagtail.models import Locale, Page, Site
from home.models import HomePage
italian, _ = Locale.objects.get_or_create(language_code="it")
root = Page.get_first_root_node()
for page in Page.objects.filter(depth=2):
    page.delete()
home = root.add_child(instance=HomePage(title="Quartieri", slug="home", locale=italian))
Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
User.objects.create_superuser("admin", "admin@example.org", "a-long-test-password-1234")
"""


def service(factory):
    try:
        return factory()
    except ServiceMissing as missing:
        pytest.skip(str(missing))


@pytest.fixture(scope="module")
def postgres():
    cluster = service(PrivatePostgres)
    cluster.start()
    yield cluster
    cluster.remove()


@pytest.fixture(scope="module")
def redis_server():
    server = service(PrivateRedis)
    server.start()
    yield server
    server.remove()


@pytest.fixture(scope="module")
def paas_env(postgres, tmp_path_factory):
    """Only what a PaaS sets: PORT, DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, WEB_CONCURRENCY.

    No HOST (gunicorn binds 0.0.0.0) and the HTTPS redirect on, as behind a real router.
    The build step collects the static files; the release phase migrates.
    """
    work = tmp_path_factory.mktemp("paas")
    env = production_env(
        DATABASE_URL=postgres.create_database("quartieri"),
        SECRET_KEY="paas-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-0123456789",
        ALLOWED_HOSTS="localhost,127.0.0.1",
        WEB_CONCURRENCY="2",
        STATIC_ROOT=work / "static",
        MEDIA_ROOT=work / "media",
        PAGE_CACHE_SECONDS="600",
        LOG_LEVEL="WARNING",
    )
    for name in ("HOST", "SECURE_SSL_REDIRECT", "REDIS_URL", "PORT", "GUNICORN_TIMEOUT"):
        env.pop(name, None)
    # The build step, then the Procfile's release phase, each by itself as a PaaS runs them.
    manage = [sys.executable, "manage.py"]
    subprocess.run(manage + ["collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True, timeout=300)
    run_release(env)
    subprocess.run(
        manage + ["shell", "-c", SEED], cwd=ROOT, env=env, check=True, timeout=300, capture_output=True
    )
    return env


@dataclass
class Web:
    process: object
    port: int
    log_path: object
    env: dict = field(default_factory=dict)

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def log(self):
        return self.log_path.read_text(errors="replace")


def start(env, tmp_path_factory, name, **overrides):
    port = free_port()
    env = {**env, "PORT": str(port), **overrides}
    log_path = tmp_path_factory.mktemp(name) / "web.log"
    log = log_path.open("wb")
    process = start_web(env, log)
    log.close()
    web = Web(process, port, log_path, env)
    wait_for_health(web.base, process, log_path=log_path)
    # The first worker may answer before the second has forked (a busy machine): every test
    # here counts on all of WEB_CONCURRENCY serving.
    workers = int(env["WEB_CONCURRENCY"])
    wait_until(lambda: web.log().count("Booting worker") >= workers, timeout=60)
    return web


@pytest.fixture(scope="module")
def web(paas_env, tmp_path_factory):
    server = start(paas_env, tmp_path_factory, "web")
    yield server
    stop(server.process)


@pytest.fixture
def redis_web(paas_env, redis_server, tmp_path_factory):
    server = start(paas_env, tmp_path_factory, "web-redis", REDIS_URL=redis_server.url)
    yield server
    stop(server.process)


# --- a load driver ------------------------------------------------------------------------


@dataclass
class Answer:
    kind: str
    path: str
    started: float
    ended: float
    status: int | None = None  # None: no HTTP answer at all (refused, reset, timed out)
    headers: dict = field(default_factory=dict)
    body: str = ""
    error: str = ""

    @property
    def elapsed(self):
        return self.ended - self.started

    def json(self):
        return json.loads(self.body)


def get(port, path, headers=None, timeout=ANSWER_TIMEOUT + 5, kind=""):
    started = time.monotonic()
    answer = Answer(kind, path, started, started)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={**ROUTER_HEADERS, **(headers or {})})
        response = connection.getresponse()
        answer.status = response.status
        answer.headers = {name.lower(): value for name, value in response.getheaders()}
        answer.body = response.read().decode(errors="replace")
    except OSError as error:
        answer.error = f"{error.__class__.__name__}: {error}"
    finally:
        connection.close()
        answer.ended = time.monotonic()
    return answer


class Traffic:
    """`threads` clients sending the `requests` round robin, back to back, recording every answer."""

    def __init__(self, port, requests, threads=4):
        self.port, self.requests, self.threads = port, requests, threads
        self.answers, self._stop, self._lock = [], threading.Event(), threading.Lock()

    def _client(self, number):
        count = number
        while not self._stop.is_set():
            kind, build = self.requests[count % len(self.requests)]
            path, headers = build(count)
            answer = get(self.port, path, headers, kind=kind)
            with self._lock:
                self.answers.append(answer)
            count += self.threads

    def __enter__(self):
        self._workers = [threading.Thread(target=self._client, args=(n,)) for n in range(self.threads)]
        for worker in self._workers:
            worker.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for worker in self._workers:
            worker.join(timeout=60)

    def within(self, start, end, kind=None):
        return [
            answer
            for answer in self.answers
            if start <= answer.started and answer.ended <= end and kind in (None, answer.kind)
        ]


def wait_until(check, timeout=20.0):
    """Seconds until `check()` is true, polling every 50 ms; fails after `timeout`."""
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        if check():
            return time.monotonic() - began
        time.sleep(0.05)
    pytest.fail(f"still not so after {timeout} s")


REQUESTS = [
    # a page every reader gets from the page cache
    ("cached page", lambda n: ("/it/", {})),
    # a page rendered from the database each time (a new value of a parameter in the cache
    # key; a made-up parameter would share /it/'s entry: portal/core/page_cache.py)
    ("page", lambda n: (f"/it/?page={n}", {})),
    # the API, rendered each time: a session cookie keeps it out of the page cache, and its
    # lookup is a database query made by middleware rather than by the view
    ("api", lambda n: ("/api/v2/pages/?fields=title", {"Cookie": f"sessionid=load{n}"})),
    ("healthz", lambda n: ("/healthz", {})),
]


def assert_clear_answers(answers, allowed=(200, 503)):
    nothing = [answer for answer in answers if answer.status is None]
    assert not nothing, [(a.kind, a.error) for a in nothing[:5]]
    unclear = [answer for answer in answers if answer.status not in allowed]
    assert not unclear, [(a.kind, a.path, a.status, a.body[:300]) for a in unclear[:5]]
    slowest = max(answers, key=lambda answer: answer.elapsed)
    assert slowest.elapsed < ANSWER_TIMEOUT, (slowest.kind, slowest.path, slowest.elapsed)
    for answer in answers:
        assert "Traceback" not in answer.body, (answer.kind, answer.body[:300])
        if answer.kind != "healthz":  # the one answer that names the error's class on purpose
            assert "OperationalError" not in answer.body and "ConnectionError" not in answer.body


def assert_unavailable_page(answer):
    assert answer.status == 503, (answer.kind, answer.status)
    assert answer.headers["content-type"].startswith("text/html")
    assert int(answer.headers["retry-after"]) > 0
    assert "no-store" in answer.headers["cache-control"] or "no-cache" in answer.headers["cache-control"]
    assert "temporaneamente non disponibile" in answer.body  # in the reader's language (/it/)
    assert "X-Cache".lower() not in answer.headers


def assert_unavailable_json(answer):
    assert answer.status == 503, (answer.kind, answer.status)
    assert answer.headers["content-type"] == "application/json"
    assert int(answer.headers["retry-after"]) > 0
    assert "no-cache" in answer.headers["cache-control"] or "no-store" in answer.headers["cache-control"]
    assert "unavailable" in answer.json()["message"]


CRASH_SIGNS = ("WORKER TIMEOUT", "exited with code", "was sent SIG", "Worker failed to boot")


def assert_no_worker_crashed(web):
    """Workers may be recycled (gunicorn's max_requests), never time out, die or fail to boot."""
    expected = int(web.env["WEB_CONCURRENCY"])
    deadline = time.monotonic() + 10
    while True:  # a recycled worker's successor may not have logged its boot yet
        log = web.log()
        recycled = log.count("Autorestarting worker after current request.")
        if log.count("Booting worker") >= expected + recycled or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert not [sign for sign in CRASH_SIGNS if sign in log], log[-3000:]
    assert log.count("Booting worker") == expected + recycled, log[-3000:]


# --- the tests ----------------------------------------------------------------------------


def test_paas_start_binds_all_interfaces_on_port_and_redirects_plain_http(web):
    log = web.log()
    assert f"Listening at: http://0.0.0.0:{web.port}" in log
    assert log.count("Booting worker") == 2  # WEB_CONCURRENCY
    assert get(web.port, "/healthz").status == 200  # a platform's plain-HTTP probe is answered
    plain = get(web.port, "/it/", headers={"X-Forwarded-Proto": "http"})
    assert plain.status == 301 and plain.headers["location"].startswith("https://")
    page = get(web.port, "/it/")  # through the router
    assert page.status == 200 and "Quartieri" in page.body
    assert "strict-transport-security" in page.headers
    # The access log goes to the process's output (written just after the answer is sent).
    wait_until(lambda: '"GET /it/ HTTP/1.1" 200' in web.log(), timeout=5)


def test_database_stopped_mid_load_answers_503_and_recovers_by_itself(web, postgres):
    for _ in range(20):  # both workers keep /it/ in their page cache
        assert get(web.port, "/it/").status == 200
    with Traffic(web.port, REQUESTS) as traffic:
        time.sleep(1.0)
        healthy_until = time.monotonic()
        postgres.stop()
        stopped = time.monotonic()
        time.sleep(2.5)
        outage_end = time.monotonic()
        postgres.start()
        restarted = time.monotonic()
        recovery = wait_until(
            lambda: (
                get(web.port, "/healthz").status == 200
                and get(web.port, f"/it/?after={time.monotonic()}").status == 200
            )
        )
        recovered = time.monotonic()
        time.sleep(1.0)
    answers = traffic.answers
    assert_clear_answers(answers)
    assert {a.status for a in traffic.within(0, healthy_until)} == {200}

    during = traffic.within(stopped, outage_end)
    by_kind = {kind: [a for a in during if a.kind == kind] for kind, _ in REQUESTS}
    assert all(by_kind.values()), {kind: len(found) for kind, found in by_kind.items()}
    for answer in by_kind["page"]:
        assert_unavailable_page(answer)
    for answer in by_kind["api"]:
        assert_unavailable_json(answer)
    for answer in by_kind["healthz"]:
        assert answer.status == 503
        assert answer.json()["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    # Pages already in a worker's page cache stay readable; the others are the 503 page.
    stale = [a for a in by_kind["cached page"] if a.status == 200]
    assert stale and all(a.headers["x-cache"] == "STALE" for a in stale)
    for answer in by_kind["cached page"]:
        if answer.status == 503:
            assert_unavailable_page(answer)

    after = traffic.within(recovered, time.monotonic())
    assert after and {a.status for a in after} == {200}, {(a.kind, a.status) for a in after}
    assert recovery < 5.0
    assert_no_worker_crashed(web)
    print(
        f"\ndatabase outage: {len(answers)} answers, {len(during)} while stopped "
        f"({sum(a.status == 503 for a in during)} × 503, {len(stale)} stale pages); "
        f"recovered {recovery:.2f} s after PostgreSQL was back "
        f"(restart took {restarted - outage_end:.2f} s)"
    )


def test_redis_killed_mid_load_keeps_serving_uncached_and_recovers(redis_web, redis_server):
    web = redis_web
    for _ in range(5):
        assert get(web.port, "/it/").status == 200
    assert get(web.port, "/it/").headers.get("x-cache") == "HIT"
    with Traffic(web.port, REQUESTS) as traffic:
        time.sleep(1.0)
        healthy_until = time.monotonic()
        redis_server.kill()
        killed = time.monotonic()
        time.sleep(2.5)
        outage_end = time.monotonic()
        redis_server.start()
        recovery = wait_until(lambda: get(web.port, "/healthz").status == 200)
        recovered = time.monotonic()
        time.sleep(1.0)
    answers = traffic.answers
    assert_clear_answers(answers)
    assert {a.status for a in traffic.within(0, healthy_until)} == {200}
    during = traffic.within(killed, outage_end)
    assert {a.kind for a in during} == {kind for kind, _ in REQUESTS}
    for answer in during:
        if answer.kind == "healthz":
            assert answer.status == 503
            checks = answer.json()["checks"]
            assert checks["database"]["ok"] is True
            assert checks["cache"]["ok"] is False and checks["cache"]["alias"] == "default"
        else:  # served, from the database, without the cache
            assert answer.status == 200, (answer.kind, answer.status, answer.body[:300])
            assert answer.headers.get("x-cache") != "HIT"
    assert {a.status for a in traffic.within(recovered, time.monotonic())} == {200}
    assert recovery < 5.0
    # The cache is used again: a page is stored, then served from it.
    assert wait_until(lambda: get(web.port, "/it/").headers.get("x-cache") == "HIT", timeout=10) < 10
    assert_no_worker_crashed(web)
    print(
        f"\nredis outage: {len(answers)} answers, {len(during)} while killed "
        f"({sum(a.status == 200 for a in during)} × 200); /healthz 200 again {recovery:.2f} s after "
        "Redis was back"
    )


def test_sigterm_stops_gunicorn_gracefully(web):
    began = time.monotonic()
    code = stop(web.process, timeout=30)
    assert code == 0
    assert time.monotonic() - began < 25
    log = web.log()
    assert "Handling signal: term" in log and "Shutting down: Master" in log
