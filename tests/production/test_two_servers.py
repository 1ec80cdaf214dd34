"""Two app servers sharing PostgreSQL and Redis (issue 15, point 4): what an editor publishes or
withdraws through one is what the other serves at the next request, from its own cached pages.

Each server is the Procfile's gunicorn with the production settings and its page cache on; both
use one private PostgreSQL cluster and one private Redis (tests/support/services.py). The
editor works in server A's admin (Wagtail's bulk actions, a real sign-in and form token).
"""

import http.cookiejar
import re
import subprocess
import sys
import urllib.parse
import urllib.request

import pytest

from tests.support.server import ROOT, free_port, production_env, start_web, stop, wait_for_health
from tests.support.services import PrivatePostgres, PrivateRedis

pytestmark = pytest.mark.slow

PASSWORD = "two-servers-editor-password-1234"
SEED = """
from django.contrib.auth.models import User
from wagtail.models import Locale, Page, Site
from home.models import HomePage
from tests.factories import DistrictPageFactory, InitiativePageFactory
italian, _ = Locale.objects.get_or_create(language_code="it")
root = Page.get_first_root_node()
for page in Page.objects.filter(depth=2):
    page.delete()
home = root.add_child(instance=HomePage(title="Quartieri", slug="home", locale=italian))
Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, is_default_site=True)
district = DistrictPageFactory(parent=home, title="San Salvario", slug="san-salvario")
desk = InitiativePageFactory(parent=district, title="Sportello", slug="sportello")
desk.title = "Sportello di ascolto"
desk.save_revision()  # a draft, published later through server A's admin
User.objects.create_superuser("editor", "editor@example.org", "{password}")
print(desk.pk)
"""


class Browser:
    """A client with its own cookies, for one server. The production settings mark cookies
    Secure (HTTPS ends at the PaaS's router); here plain HTTP on the loopback stands for it."""

    def __init__(self, base):
        self.base = base
        policy = http.cookiejar.DefaultCookiePolicy(secure_protocols=("https", "wss", "http"))
        cookies = http.cookiejar.CookieJar(policy)
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))

    def get(self, path):
        try:
            with self.opener.open(self.base + path, timeout=30) as response:  # noqa: S310 (loopback)
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def post(self, path, data):
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        with self.opener.open(request, timeout=30) as response:  # noqa: S310 (loopback)
            return response.status, response.read().decode()

    def form_token(self, path):
        _status, _headers, html = self.get(path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    try:
        postgres, redis = PrivatePostgres(), PrivateRedis()
    except Exception as missing:  # noqa: BLE001 (ServiceMissing says what to install)
        pytest.fail(str(missing))
    postgres.start()
    redis.start()
    started = []
    try:
        database_url = postgres.create_database("quartieri_two_servers")
        ports = [free_port(), free_port()]
        common = {
            "SECRET_KEY": "two-servers-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis.url,
            "STATIC_ROOT": tmp_path_factory.mktemp("static"),
            "MEDIA_ROOT": tmp_path_factory.mktemp("media"),
            "WEB_CONCURRENCY": "2",
            "PAGE_CACHE_SECONDS": "300",
            "GUNICORN_ACCESS_LOG": "",
        }
        env = production_env(PORT=ports[0], **common)
        manage = [sys.executable, "manage.py"]
        for args in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
            subprocess.run(manage + args, cwd=ROOT, env=env, check=True, timeout=600)
        seeded = subprocess.run(
            [*manage, "shell", "-c", SEED.format(password=PASSWORD)],
            cwd=ROOT,
            env=env,
            timeout=120,
            capture_output=True,
            text=True,
        )
        assert seeded.returncode == 0, seeded.stderr[-3000:]
        desk_id = int(seeded.stdout.strip().splitlines()[-1])
        bases = []
        for port in ports:
            log_path = tmp_path_factory.mktemp("log") / "gunicorn.log"
            with log_path.open("wb") as log:
                process = start_web(production_env(PORT=port, **common), log)
            started.append(process)
            base = f"http://127.0.0.1:{port}"
            wait_for_health(base, process, log_path=log_path)
            bases.append(base)
        yield bases, desk_id
    finally:
        for process in started:
            stop(process)
        redis.kill()
        redis.remove()
        postgres.stop()
        postgres.remove()


def test_a_publish_through_one_server_is_served_by_the_other_at_once(servers):
    (base_a, base_b), desk_id = servers
    reader_a, reader_b, editor = Browser(base_a), Browser(base_b), Browser(base_a)
    district, desk = "/it/san-salvario/", "/it/san-salvario/sportello/"
    for reader in (reader_a, reader_b):
        for path in (district, desk):
            reader.get(path)
            status, headers, html = reader.get(path)
            assert (status, headers["X-Cache"]) == (200, "HIT"), (reader.base, path)
            assert "Sportello di ascolto" not in html

    token = editor.form_token("/admin/login/")
    editor.post("/admin/login/", {"csrfmiddlewaretoken": token, "username": "editor", "password": PASSWORD})
    action = f"/admin/bulk/wagtailcore/page/publish/?id={desk_id}&next=/admin/"
    editor.post(action, {"csrfmiddlewaretoken": editor.form_token(action)})

    for path in (district, desk):
        status, headers, html = reader_b.get(path)
        assert status == 200 and "Sportello di ascolto" in html, path
        assert headers["X-Cache"] == "MISS"
    status, headers, _html = reader_b.get(desk)
    assert headers["X-Cache"] == "HIT"

    action = f"/admin/bulk/wagtailcore/page/unpublish/?id={desk_id}&next=/admin/"
    editor.post(action, {"csrfmiddlewaretoken": editor.form_token(action)})
    assert reader_b.get(desk)[0] == 404
    assert reader_a.get(desk)[0] == 404
    assert "Sportello" not in reader_b.get(district)[2]
