"""The Procfile's web command, started for real with production settings and two workers.

Runs against a fresh database of the engine the suite uses (SQLite file, or a new PostgreSQL
database next to the test one), so it also proves that nothing assumes a single process:
a publish seen by one worker invalidates the other's cache, and login throttling counts
attempts across workers.
"""

import re
import subprocess
import sys
import urllib.error
import urllib.request
import uuid

import pytest
from django.conf import settings

from tests.support.server import ROOT, free_port, production_env, start_web, stop, wait_for_health

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def database_url(tmp_path_factory):
    """A fresh database of the suite's engine, migrated, with a little content."""
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" in engine:
        import psycopg

        name = f"quartieri_web_{uuid.uuid4().hex[:8]}"
        db = settings.DATABASES["default"]
        host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
        admin_url = f"postgresql://{db['USER']}:{db['PASSWORD']}@{host}:{port}/postgres"
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = admin_url.rsplit("/", 1)[0] + "/" + name
        yield url
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        yield f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.sqlite3'}"


@pytest.fixture(scope="module")
def server(database_url, tmp_path_factory):
    port = free_port()
    env = production_env(
        SECRET_KEY="gunicorn-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        DATABASE_URL=database_url,
        STATIC_ROOT=tmp_path_factory.mktemp("static"),
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        PORT=port,
        WEB_CONCURRENCY="2",
        PAGE_CACHE_SECONDS="300",
        LOGIN_FAILURE_LIMIT="3",
    )
    manage = [sys.executable, "manage.py"]
    for args in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run(manage + args, cwd=ROOT, env=env, check=True, timeout=600)
    seed = (
        "from wagtail.models import Page, Site, Locale;"
        "from home.models import HomePage;"
        "it, _ = Locale.objects.get_or_create(language_code='it');"
        "root = Page.get_first_root_node();"
        "[p.delete() for p in Page.objects.filter(depth=2)];"
        "home = root.add_child(instance=HomePage(title='Quartieri', slug='home', locale=it));"
        "Site.objects.create(hostname='127.0.0.1', port=80, root_page=home, is_default_site=True);"
        "from django.contrib.auth.models import User;"
        "User.objects.create_superuser('admin', 'a@example.org', 'a-long-test-password-1234')"
    )
    subprocess.run(manage + ["shell", "-c", seed], cwd=ROOT, env=env, check=True, timeout=120)
    log_path = tmp_path_factory.mktemp("log") / "gunicorn.log"
    with log_path.open("wb") as log:
        process = start_web(env, log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(base, process, log_path=log_path)
    except Exception:
        stop(process)
        raise
    yield base, env
    stop(process)


def fetch(url, data=None):
    request = urllib.request.Request(url, data=data)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_web_process_serves_health_pages_and_static_files(server):
    base, _env = server
    status, headers, body = fetch(base + "/healthz")
    assert status == 200 and '"status": "ok"' in body.replace('":"', '": "')
    status, headers, body = fetch(base + "/it/")
    assert status == 200
    assert "Quartieri" in body
    assert "Content-Security-Policy" in headers
    assert "Strict-Transport-Security" not in headers or headers["Strict-Transport-Security"]
    css = body.split('href="/static/css/', 1)[1].split('"', 1)[0]
    status, headers, _ = fetch(f"{base}/static/css/{css}")
    assert status == 200 and "." in css  # hashed name from the manifest storage


def test_the_api_reference_and_every_file_it_loads_survive_the_manifest(server):
    """Swagger UI's files come from drf-spectacular-sidecar: collectstatic's manifest storage
    must hash them (their source maps too, which it rewrites) and whitenoise serve them."""
    base, _env = server
    status, headers, body = fetch(base + "/api/v2/docs/")
    assert status == 200 and "script-src 'self'" in headers["Content-Security-Policy"]
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', body)
    assert {"swagger-ui-bundle", "swagger-ui", "api-docs", "favicon"} <= {
        asset.rsplit("/", 1)[1].split(".", 1)[0] for asset in assets
    }, assets
    for asset in assets:
        status, headers, _ = fetch(base + asset)
        assert status == 200, asset
        assert re.search(r"\.[0-9a-f]{12}\.", asset), f"{asset} is not the manifest's hashed name"
        assert "immutable" in headers.get("Cache-Control", ""), asset
    # The stylesheet names its source map, which the manifest rewrote to the map's hashed name.
    stylesheet = next(asset for asset in assets if asset.endswith(".css") and "swagger-ui" in asset)
    source_map = re.search(r"sourceMappingURL=(\S+\.map)", fetch(base + stylesheet)[2]).group(1)
    assert re.search(r"\.[0-9a-f]{12}\.map$", source_map), source_map
    assert fetch(f"{base}{stylesheet.rsplit('/', 1)[0]}/{source_map}")[0] == 200, source_map


def test_a_publish_is_seen_by_every_worker_at_once(server):
    base, env = server
    for _ in range(6):  # warm both workers' caches
        assert "Quartieri" in fetch(base + "/it/")[2]
    rename = (
        "from home.models import HomePage; p = HomePage.objects.get(slug='home'); "
        "p.title = 'Quartieri di Torino'; p.save_revision().publish()"
    )
    subprocess.run([sys.executable, "manage.py", "shell", "-c", rename], cwd=ROOT, env=env, check=True)
    for _ in range(6):
        assert "Quartieri di Torino" in fetch(base + "/it/")[2]


def login_attempt(base, username, password):
    """One real sign-in through the admin form: fetch the CSRF token, then post it back."""
    from urllib.parse import urlencode

    with urllib.request.urlopen(base + "/admin/login/", timeout=10) as response:
        cookie = next(
            value.split(";", 1)[0]
            for name, value in response.headers.items()
            if name.lower() == "set-cookie" and value.startswith("csrftoken=")
        )
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode()).group(1)
    data = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password}).encode()
    request = urllib.request.Request(base + "/admin/login/", data=data, headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_login_throttling_counts_across_workers(server):
    base, _env = server
    # Each attempt opens new connections, which gunicorn hands to either worker.
    statuses = [login_attempt(base, "admin", "wrong") for _ in range(3)]
    assert statuses == [200, 200, 429]  # the form again with its error, then the lockout page
    assert login_attempt(base, "admin", "a-long-test-password-1234") == 429
