"""The databases as the settings configure them (portal/database_config.py, portal/databases.py).

SQLite: two writers on one file wait for each other instead of failing with "database is
locked", and the shared cache lives in a file of its own, so a long write on the main database
holds up neither the health probe nor the cache. PostgreSQL (when the suite runs on it): every
connection has a statement timeout and TCP keepalives, and the release phase has no timeout.
"""

import os
import re
import runpy
import shlex
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from unittest import mock

import pytest
from django.db import OperationalError, connection, connections, transaction
from django.db.utils import ConnectionHandler

from portal.core.database_config import SHARED_CACHE_DATABASE
from tests.support.queries import CaptureAllQueries
from tests.support.server import (
    ROOT,
    free_port,
    procfile_command,
    production_env,
    start_web,
    stop,
    wait_for_health,
)

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")


def databases_from_settings(**environ):
    """DATABASES as portal/settings/base.py builds it with these environment variables."""
    with mock.patch.dict(os.environ, environ):
        return runpy.run_path(str(ROOT / "portal" / "settings" / "base.py"))["DATABASES"]


@pytest.fixture
def database(django_db_blocker, monkeypatch):
    """`database(DATABASES)` → the alias of its "default", opened by Django in each thread."""
    # When the browser tests ran earlier in the same session, Playwright's sync API leaves its
    # event loop in this thread, and Django then refuses to open or close a connection here
    # ("SynchronousOnlyOperation"); nothing in these tests is asynchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    added = []

    def register(databases):
        alias = f"settings_{len(added)}"
        # ConnectionHandler fills in Django's defaults, as for the settings' own DATABASES.
        connections.settings[alias] = ConnectionHandler(databases).settings["default"]
        added.append(alias)
        return alias

    with django_db_blocker.unblock():
        yield register
        for alias in added:
            connections[alias].close()
            del connections[alias]
            del connections.settings[alias]


# --- SQLite --------------------------------------------------------------------------------------


def test_two_writers_on_one_sqlite_file_wait_for_each_other(tmp_path, database):
    """A reads then writes slowly; B reads and writes meanwhile. With deferred transactions one
    of them fails at once with "database is locked" (SQLite refuses to wait where waiting could
    deadlock); with the settings' BEGIN IMMEDIATE, B waits for A and both are saved."""
    alias = database(databases_from_settings(DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}"))
    with connections[alias].cursor() as cursor:
        cursor.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
    a_has_read, errors = threading.Event(), []

    def write(name, before_write):
        try:
            with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM note")
                before_write()
                cursor.execute("INSERT INTO note (text) VALUES (%s)", [name])
        except OperationalError as error:
            errors.append(f"{name}: {error}")
        finally:
            a_has_read.set()
            connections[alias].close()

    a = threading.Thread(target=write, args=("A", lambda: (a_has_read.set(), time.sleep(0.5))))
    b = threading.Thread(target=write, args=("B", lambda: None))
    a.start()
    a_has_read.wait(5)
    b.start()
    a.join(30)
    b.join(30)
    assert errors == []
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT text FROM note ORDER BY id")
        assert [row[0] for row in cursor.fetchall()] == ["A", "B"]


def test_sqlite_files_use_a_write_ahead_log_and_a_busy_timeout(tmp_path, database):
    databases = databases_from_settings(DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}")
    assert databases[SHARED_CACHE_DATABASE]["NAME"] == str(tmp_path / "portal.cache.sqlite3")
    for settings_dict, synchronous in ((databases["default"], 2), (databases[SHARED_CACHE_DATABASE], 1)):
        alias = database({"default": settings_dict})
        with connections[alias].cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 20_000
            cursor.execute("PRAGMA synchronous")  # 2: FULL for residents' data, 1: NORMAL for the cache
            assert cursor.fetchone()[0] == synchronous


def test_the_busy_timeout_follows_the_environment(tmp_path, database):
    databases = databases_from_settings(
        DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}", DB_BUSY_TIMEOUT="7.5"
    )
    with connections[database(databases)].cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 7_500


def test_an_in_memory_sqlite_database_keeps_the_cache_inside(database):
    databases = databases_from_settings(DATABASE_URL="sqlite://:memory:")
    assert set(databases) == {"default"}


@pytest.mark.django_db
def test_the_health_probe_writes_to_no_database(client):
    client.get("/healthz")
    with CaptureAllQueries() as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert queries.captured_queries, "the probe asks the database and the shared cache"
    writes = [query["sql"] for query in queries if not query["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []


# --- SQLite under the Procfile's gunicorn -------------------------------------------------------

SEED = """
from tests.factories import *
tree = build_site_tree()
district = DistrictPageFactory(
    parent=tree.home, title="San Salvario", slug="san-salvario",
    house=NeighbourhoodHouseFactory(), manager=CommunityManagerFactory(),
)
print(ProposalFormPageFactory(parent=district, slug="proponi").url)
"""
# An editor's long write (a big publish, the nightly rebuild of the dates): another process holds
# the main database's write lock longer than SQLite's default busy timeout (5 s).
HOLD_SECONDS = 6
HOLD = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=20, isolation_level=None)
db.execute("BEGIN IMMEDIATE")
db.execute("UPDATE wagtailcore_site SET site_name = site_name")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
db.execute("COMMIT")
"""


def tables(path):
    with sqlite3.connect(path) as db:
        names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return names, db.execute("PRAGMA journal_mode").fetchone()[0]


@pytest.fixture(scope="module")
def sqlite_portal(tmp_path_factory):
    """The Procfile's web process (two workers of four threads) on a new SQLite file, with a
    district and its proposal form."""
    folder = tmp_path_factory.mktemp("sqlite-portal")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = production_env(
        SECRET_KEY="sqlite-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        DATABASE_URL=f"sqlite:///{folder / 'portal.sqlite3'}",
        STATIC_ROOT=folder / "static",
        MEDIA_ROOT=folder / "media",
        PORTAL_BASE_URL=url,
        PORT=port,
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="4",
        GUNICORN_ACCESS_LOG="",
        PROPOSALS_RATE_LIMIT="1000",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
    )
    env.pop("REDIS_URL", None)
    manage = [sys.executable, "manage.py"]
    for args in (
        ["migrate", "--noinput", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["shell", "-c", SEED],
    ):
        result = subprocess.run(
            manage + args, cwd=ROOT, env=env, check=True, timeout=600, capture_output=True
        )
    form_path = result.stdout.decode().strip().splitlines()[-1]
    log = folder / "gunicorn.log"
    with log.open("wb") as output:
        process = start_web(env, log=output)
    try:
        wait_for_health(url, process, log_path=log)
        yield {"url": url, "form": url + form_path, "folder": folder, "env": env}
    finally:
        stop(process)


def form_token(form_url):
    """(csrftoken cookie, form token) of a fresh visit to the form: a resident's browser."""
    with urllib.request.urlopen(form_url, timeout=30) as response:  # noqa: S310 (loopback)
        cookie = re.search(r"csrftoken=([^;]+)", response.headers["Set-Cookie"]).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode()).group(1)
    return cookie, token


def send_proposal(form_url, cookie_and_token, number):
    cookie, token = cookie_and_token
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "name": f"Residente {number}",
            "proposal": f"Proposta {number}: un laboratorio di riparazione delle biciclette in cortile.",
            "language": "it",
            "consent": "on",
        }
    ).encode()
    request = urllib.request.Request(form_url, data=data, headers={"Cookie": f"csrftoken={cookie}"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (loopback)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def timed_health(url):
    started = time.monotonic()
    with urllib.request.urlopen(url + "/healthz", timeout=30) as response:  # noqa: S310 (loopback)
        return response.status, time.monotonic() - started


@pytest.mark.slow
def test_proposals_sent_during_a_long_write_wait_and_are_all_saved(sqlite_portal):
    """Eight residents send a proposal at once while another process holds the database's write
    lock for longer than SQLite's default busy timeout: every proposal waits and is saved, none
    meets "database is locked"; the health probe, whose cache lives in the other file, answers
    at once meanwhile."""
    database = sqlite_portal["folder"] / "portal.sqlite3"
    tokens = [form_token(sqlite_portal["form"]) for _ in range(8)]
    hold = subprocess.Popen(  # noqa: S603 (this interpreter, our script)
        [sys.executable, "-c", HOLD, str(database), str(HOLD_SECONDS)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert hold.stdout.readline().strip() == "holding"
        started = time.monotonic()
        health = timed_health(sqlite_portal["url"])
        with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
            answers = list(pool.map(partial(send_proposal, sqlite_portal["form"]), tokens, range(8)))
        waited = time.monotonic() - started
    finally:
        hold.wait(30)
    assert health[0] == 200 and health[1] < 1, health
    for status, html in answers:
        assert status == 200 and 'class="proposal-thanks"' in html, (status, html[-2000:])
    assert waited > HOLD_SECONDS - 1  # they did wait for the lock
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT COUNT(*) FROM districts_proposal").fetchone()[0] == 8


@pytest.mark.slow
def test_the_shared_cache_lives_in_its_own_file(sqlite_portal):
    main_tables, main_journal = tables(sqlite_portal["folder"] / "portal.sqlite3")
    cache_tables, cache_journal = tables(sqlite_portal["folder"] / "portal.cache.sqlite3")
    assert "portal_shared_cache" not in main_tables and "districts_proposal" in main_tables
    assert cache_tables == {"portal_shared_cache"}
    assert (main_journal, cache_journal) == ("wal", "wal")


@pytest.mark.slow
def test_a_deleted_cache_file_comes_back_with_its_table(tmp_path):
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}", PORTAL_BASE_URL="http://127.0.0.1"
    )
    use = "from django.core.cache import caches as c; c['shared'].set('k', 'v'); print(c['shared'].get('k'))"
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", use],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=120,
            capture_output=True,
            text=True,
        )
        assert result.stdout.strip().splitlines()[-1] == "v"
        assert tables(tmp_path / "portal.cache.sqlite3")[0] == {"portal_shared_cache"}
        for leftover in tmp_path.glob("portal.cache.sqlite3*"):
            leftover.unlink()


# --- PostgreSQL ----------------------------------------------------------------------------------


def postgresql_url(name):
    """A URL of the suite's PostgreSQL server and the database `name`."""
    database = connection.settings_dict
    host, port = database["HOST"] or "127.0.0.1", database["PORT"] or 5432
    return f"postgres://{database['USER']}:{database['PASSWORD']}@{host}:{port}/{name}"


def show(cursor, name):
    cursor.execute(f"SHOW {name}")
    return cursor.fetchone()[0]


@on_postgresql
@pytest.mark.django_db
def test_postgresql_connections_have_a_statement_timeout_and_keepalives():
    with connection.cursor() as cursor:
        assert show(cursor, "statement_timeout") == "25s"
    parameters = connection.connection.info.get_parameters()
    assert parameters["keepalives"] == "1"
    assert (parameters["keepalives_idle"], parameters["keepalives_interval"]) == ("60", "10")
    assert parameters["keepalives_count"] == "5"
    assert parameters["connect_timeout"] == "5"


@on_postgresql
def test_a_runaway_query_is_cancelled_by_the_server(database):
    url = postgresql_url(connection.settings_dict["NAME"])
    alias = database(databases_from_settings(DATABASE_URL=url, DB_STATEMENT_TIMEOUT_MS="200"))
    started = time.monotonic()
    with pytest.raises(OperationalError, match="statement timeout"), connections[alias].cursor() as cursor:
        cursor.execute("SELECT pg_sleep(5)")
    assert time.monotonic() - started < 3


@on_postgresql
def test_options_in_the_database_url_are_kept(database):
    url = postgresql_url(connection.settings_dict["NAME"])
    databases = databases_from_settings(DATABASE_URL=f"{url}?currentSchema=public&keepalives_idle=30")
    alias = database(databases)
    with connections[alias].cursor() as cursor:
        assert show(cursor, "search_path") == "public"
        assert show(cursor, "statement_timeout") == "25s"
    assert connections[alias].connection.info.get_parameters()["keepalives_idle"] == "30"


@on_postgresql
def test_the_release_phase_runs_without_a_statement_timeout():
    """A migration on a big table may rightly take minutes; nobody waits on it."""
    release = procfile_command("release")
    prefix = release.split("python manage.py", 1)[0]
    probe = (
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('SHOW statement_timeout'); print(c.fetchone()[0])"
    )
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": postgresql_url("postgres"),
        "PATH": f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    result = subprocess.run(
        ["/bin/sh", "-c", f"{prefix} python manage.py shell -c {shlex.quote(probe)}"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "0"
