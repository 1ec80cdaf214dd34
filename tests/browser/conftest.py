"""A real Chromium against the portal as it runs in production, with the demo content.

Once per test session: a fresh database of the suite's engine (an SQLite file, or a new
PostgreSQL database next to the test one), migrated and filled by `load_demo`, served by
gunicorn with the production settings (two workers) over plain HTTP on 127.0.0.1. Playwright
drives Debian's Chromium (`CHROMIUM_PATH`, or `chromium` on the PATH); Playwright's own browser
download is never used. axe-core comes from the npm registry through `npm ci` in this folder.

Without Chromium the browser tests are skipped with the reason, unless
`QUARTIERI_REQUIRE_BROWSER=1` (set by `.ci/run`), which turns the skip into a failure.
Screenshots of failed tests, and those the tests take on purpose, go to test-artifacts/browser/.
"""

import os
import re
import shutil
import subprocess
import sys
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Error

from districts.management.commands.vapid_keys import new_key_pair
from tests.support.server import free_port, production_env, start_web, stop, wait_for_health

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
ARTIFACTS = ROOT / "test-artifacts" / "browser"
AXE_SCRIPT = HERE / "node_modules" / "axe-core" / "axe.min.js"

# The demo accounts' passwords for this run only (load_demo reads them from the environment).
USERS_PASSWORD = f"Browser-{uuid.uuid4().hex[:12]}-Quartieri"
ADMIN_PASSWORD = f"Admin-{uuid.uuid4().hex[:12]}-Quartieri"

# Flags for a root user on a machine without a display or an open network.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def chromium_executable():
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if path and Path(path).exists():
        return path
    reason = "Chromium not found: install Debian's package `chromium` or set CHROMIUM_PATH"
    if os.environ.get("QUARTIERI_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@dataclass
class Portal:
    url: str
    env: dict
    log: Path
    users_password: str = USERS_PASSWORD
    admin_password: str = ADMIN_PASSWORD

    def manage(self, *args, timeout=300, settings=None):
        """Run a management command against the served database; return its output."""
        env = self.env if settings is None else {**self.env, "DJANGO_SETTINGS_MODULE": settings}
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """A new, empty database of the engine the suite runs on."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if "postgresql" not in db["ENGINE"]:
        yield f"sqlite:///{tmp_path_factory.mktemp('portal-db') / 'portal.sqlite3'}"
        return
    import psycopg

    name = f"quartieri_browser_{uuid.uuid4().hex[:8]}"
    server = f"postgresql://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def portal(chromium_executable, database_url, tmp_path_factory):
    """The portal with the demo content, served by gunicorn with the production settings.

    `BROWSER_PORTAL_URL` points the tests at a portal already running with the demo content
    and `DEMO_USERS_PASSWORD` (a developer's loop: build once, run the tests many times).
    """
    if os.environ.get("BROWSER_PORTAL_URL"):
        yield Portal(
            url=os.environ["BROWSER_PORTAL_URL"].rstrip("/"),
            env=dict(os.environ),
            log=Path(os.devnull),
            users_password=os.environ.get("DEMO_USERS_PASSWORD", ""),
        )
        return
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    vapid_private_key, vapid_public_key = new_key_pair()  # Web Push on: the "notify me" control
    env = production_env(
        SECRET_KEY=f"browser-tests-{uuid.uuid4().hex}{uuid.uuid4().hex}",
        DATABASE_URL=database_url,
        STATIC_ROOT=tmp_path_factory.mktemp("static"),
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        SECURE_HSTS_SECONDS=0,
        PORTAL_BASE_URL=url,
        PORT=port,
        WEB_CONCURRENCY=2,
        GUNICORN_THREADS=4,
        GUNICORN_ACCESS_LOG="",
        DEMO_USERS_PASSWORD=USERS_PASSWORD,
        DEMO_ADMIN_PASSWORD=ADMIN_PASSWORD,
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        # Every test sends from 127.0.0.1; the limit itself is tested in tests/proposals.
        PROPOSALS_RATE_LIMIT=100,
        VAPID_PRIVATE_KEY=vapid_private_key,
        VAPID_PUBLIC_KEY=vapid_public_key,
        LOG_LEVEL="WARNING",
    )
    env.pop("REDIS_URL", None)
    log = tmp_path_factory.mktemp("portal-log") / "gunicorn.log"
    server = Portal(url=url, env=env, log=log)
    server.manage("migrate", "--noinput", "-v0", timeout=600)
    server.manage("collectstatic", "--noinput", "-v0", timeout=600)
    # The demo app is installed by the development settings only: load with them, same database.
    server.manage("load_demo", "-v0", timeout=900, settings="portal.settings.dev")
    # The Procfile's gunicorn, with the media folder served too (tests/browser/wsgi.py).
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        "gunicorn.conf.py",
        "tests.browser.wsgi:application",
    ]
    with log.open("wb") as output:
        process = start_web(env, log=output, command=command)
    try:
        wait_for_health(url, process, log_path=log)
        yield server
    finally:
        stop(process)


# One Chromium per test file, not per session: Playwright's synchronous API keeps an event loop
# running in this thread while it is open, and Django refuses database work (a test database
# being created, a connection closed) from a thread with a running loop. With the suite spread
# over workers by file, the next file on this worker may be the first to need the database.
@pytest.fixture(scope="module")
def browser(chromium_executable):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


# Wagtail's autosave posts the editor's whole form with `Accept: application/json` (a normal
# submit asks for HTML) and is answered 400 with one of these JSON error codes by design: a form
# still half-filled (`validation_error`), or an autosave overtaken by the editor's own submit
# (`invalid_revision`). wagtail/admin/views/generic/mixins.py, `expects_json_response`.
EXPECTED_AUTOSAVE_ERRORS = {"validation_error", "invalid_revision"}
# What Chromium writes on the console for any answer of 400, the expected ones too.
RESOURCE_400 = re.compile(r"Failed to load resource: the server responded with a status of 400\b")


def is_expected_autosave_answer(response):
    """An autosave's by-design 400, told by what the request sent and what the answer says."""
    request = response.request
    if response.status != 400 or request.method != "POST":
        return False
    if request.headers.get("accept") != "application/json":
        return False
    try:
        answer = response.json()
    except Error:  # the editor moved on (a submit) before the body was read: the browser dropped it
        return True
    return answer.get("success") is False and answer.get("error_code") in EXPECTED_AUTOSAVE_ERRORS


class PageProblems:
    """What went wrong while a page was open: answers of 400 and more, script errors, CSP
    refusals (Chromium reports those on the console).

    Wagtail's expected autosave answers (is_expected_autosave_answer) are counted in
    `autosaves` instead, with the console line Chromium writes for each; any other answer to an
    autosave (a 500, a locked page, an answer that is not Wagtail's JSON) is a problem.
    """

    def __init__(self):
        self.messages = []
        self.autosaves = []
        # Chromium's console line for an answer may come before or after the answer itself.
        self._console_400 = defaultdict(list)
        self._excused_400 = Counter()

    def watch(self, page):
        page.on("response", self._response)
        page.on("pageerror", lambda error: self.messages.append(f"page error: {error}"))
        page.on("console", self._console)

    def _response(self, response):
        if response.status < 400:
            return
        if not is_expected_autosave_answer(response):
            self.messages.append(f"HTTP {response.status}: {response.url}")
            return
        self.autosaves.append(response.url)
        if self._console_400[response.url]:
            line = self._console_400[response.url].pop(0)
            if line in self.messages:
                self.messages.remove(line)
        else:
            self._excused_400[response.url] += 1

    def _console(self, message):
        if message.type != "error":
            return
        url = message.location.get("url", "")
        if RESOURCE_400.match(message.text):
            if self._excused_400[url]:
                self._excused_400[url] -= 1
                return
            self._console_400[url].append(f"console error: {message.text} ({url})")
            self.messages.append(self._console_400[url][-1])
            return
        self.messages.append(f"console {message.type}: {message.text}")


@pytest.fixture
def open_page(browser, portal, request):
    """`open_page(locale="it-IT", width=1280, javascript=True)` → a new Playwright page.

    Each call gets its own browser context (cookies, language), so two people can act in one
    test. Contexts close at the end; a failed test leaves a screenshot of every open page.
    """
    contexts = []
    problems = PageProblems()

    def make(locale="it-IT", width=1280, height=900, javascript=True):
        context = browser.new_context(
            base_url=portal.url,
            locale=locale,
            viewport={"width": width, "height": height},
            java_script_enabled=javascript,
            accept_downloads=True,
        )
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        problems.watch(page)
        return page

    make.problems = problems
    yield make
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("::", 1)[-1])
        for number, context in enumerate(contexts):
            for index, page in enumerate(context.pages):
                try:
                    page.screenshot(path=ARTIFACTS / f"FAILED-{name}-{number}-{index}.png", full_page=True)
                except Exception:  # noqa: BLE001, S112 (a page that cannot be captured)
                    continue
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def axe_script():
    """axe-core's source, installed from the npm registry at the version package-lock.json pins."""
    if not AXE_SCRIPT.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is needed to install axe-core for the accessibility tests")
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True, timeout=600
        )
    return AXE_SCRIPT.read_text()


SERIOUS = ("serious", "critical")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page, axe_script, impacts=SERIOUS):
    """Run axe-core in the page (evaluated through the DevTools protocol, so the page's CSP
    stays on) and return the violations of the given impacts, one readable line each."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_script)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    lines = []
    for violation in result["violations"]:
        if violation["impact"] in impacts:
            targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            lines.append(f"{violation['impact']} {violation['id']}: {violation['help']} — {targets}")
    return lines
