"""One configured base URL (PORTAL_BASE_URL) for every absolute URL, whatever Host a request
names; the release phase points the default Wagtail Site at it (`configure_site`)."""

import io
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import Site

from tests.api import conftest as api_fixtures
from tests.factories import ProposalFormPageFactory
from tests.support.base_url import BASE

pytestmark = pytest.mark.django_db

# The API tests' small portal: a district with pictures, an initiative, events, English.
portal = api_fixtures.portal
english = api_fixtures.english

# Any URL built from the request's Host or from the Site as the tests create it says localhost.
FORBIDDEN_HOSTS = ("localhost", "127.0.0.1", "testserver")


@pytest.fixture
def other_host():
    """A client that names another allowed host than the one configured."""
    return Client(HTTP_HOST="localhost")


def absolute_urls(text):
    return re.findall(r"(?:https?|webcal)://[^\s\"'<>\\]+", text)


def assert_only_base(text, where):
    """Every absolute URL in `text` that is the portal's is on BASE; none names the Host."""
    assert BASE.split("://")[1] in text, f"{where}: no absolute URL on the base"
    for host in FORBIDDEN_HOSTS:
        assert host not in text, f"{where}: {host} in {absolute_urls(text)}"


def test_pages_name_the_base_in_hreflang_json_ld_and_webcal_links(public_base, other_host, portal, english):
    event = portal.weekly
    html = other_host.get(event.url).content.decode()
    assert f'<link rel="alternate" hreflang="it" href="{BASE}{event.url}">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{BASE}{event.url}">' in html
    assert f'"url":"{BASE}{event.url}"' in html  # JSON-LD
    assert f'href="webcal://quartieri.example.org{event.url}calendar.ics"' in html
    assert_only_base(html, "event page")

    district_html = other_host.get(portal.district.url).content.decode()
    english_district = portal.district.get_translation(english)
    assert f'hreflang="en" href="{BASE}{english_district.url}"' in district_html
    assert f'href="webcal://quartieri.example.org{portal.district.url}calendar.ics"' in district_html
    assert_only_base(district_html, "district page")


def test_calendars_feeds_sitemap_and_robots_name_the_base(public_base, other_host, portal):
    event, district = portal.weekly, portal.district
    event_ics = other_host.get(event.url + "calendar.ics").content.decode()
    assert f"URL:{BASE}{event.url}" in event_ics.replace("\r\n ", "")
    for url in (district.url + "calendar.ics", "/it/calendar.ics"):
        calendar = other_host.get(url)
        assert calendar.status_code == 200, url
        assert_only_base(calendar.content.decode().replace("\r\n ", ""), url)

    for url in (district.url + "feed.xml", district.url + "atom.xml", "/it/feed.xml"):
        response = other_host.get(url)
        assert response.status_code == 200, url
        feed = response.content.decode()
        assert f"{BASE}{event.url}" in feed, url
        assert_only_base(feed, url)
    atom = other_host.get(district.url + "atom.xml").content.decode()
    assert f'href="{BASE}{district.url}atom.xml" rel="self"' in atom

    sitemap = other_host.get("/sitemap.xml").content.decode()
    assert f"<loc>{BASE}{event.url}</loc>" in sitemap
    assert_only_base(
        sitemap.replace("http://www.sitemaps.org", "").replace("http://www.w3.org", ""), "sitemap"
    )

    robots = other_host.get("/robots.txt").content.decode()
    assert f"Sitemap: {BASE}/sitemap.xml" in robots
    assert_only_base(robots, "robots.txt")


def test_the_api_names_the_base_in_every_url(public_base, other_host, portal):
    event = portal.pictured
    detail = other_host.get(f"/api/v2/pages/{event.pk}/").json()
    assert detail["meta"]["html_url"] == f"{BASE}{event.url}"
    assert detail["meta"]["detail_url"] == f"{BASE}/api/v2/pages/{event.pk}/"
    assert detail["meta"]["parent"]["meta"]["html_url"] == f"{BASE}{portal.initiative.url}"
    assert detail["image"]["thumbnail"]["url"].startswith(f"{BASE}/media/images/")

    answers = {
        "page": detail,
        "listing": other_host.get("/api/v2/pages/?type=initiatives.EventPage&fields=*").json(),
        "images": other_host.get("/api/v2/images/?fields=*").json(),
        "occurrences": other_host.get("/api/v2/occurrences/?limit=5").json(),
    }
    listed = answers["listing"]["items"]
    assert {item["meta"]["html_url"] for item in listed} >= {
        f"{BASE}{event.url}",
        f"{BASE}{portal.weekly.url}",
    }
    assert answers["occurrences"]["items"][0]["html_url"].startswith(f"{BASE}/it/")
    for name, answer in answers.items():
        assert_only_base(str(answer), name)


def test_the_proposal_e_mail_links_to_the_admin_on_the_base(public_base, other_host, district):
    form_page = ProposalFormPageFactory(parent=district, to_address="casa@example.org")
    data = {
        "name": "Amina",
        "email": "amina@example.org",
        "phone": "",
        "proposal": "Un corso di bicicletta per adulti, il sabato mattina nel cortile della casa.",
        "category": "",
        "language": "it",
        "consent": "on",
        "website": "",
    }
    assert other_host.post(form_page.url, data).status_code == 302
    (message,) = mail.outbox
    assert f"{BASE}/admin/proposals/edit/" in message.body
    assert_only_base(message.body, "e-mail")


# --- The release phase: `configure_site` ---------------------------------------------------


def run(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("configure_site", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_configure_site_points_the_default_site_at_the_base_and_keeps_its_root(settings, home, district):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("localhost", 80)
    assert district.full_url == "http://localhost/it/san-salvario/"  # Wagtail's own links, before

    settings.PORTAL_BASE_URL = BASE
    out, err = run()
    assert "now serves quartieri.example.org:443 (was localhost:80)" in out
    assert not err
    site.refresh_from_db()
    assert (site.hostname, site.port, site.root_page_id) == ("quartieri.example.org", 443, home.pk)
    assert type(district).objects.get(pk=district.pk).full_url == f"{BASE}/it/san-salvario/"

    out, err = run()  # idempotent
    assert "already serves quartieri.example.org:443" in out
    assert Site.objects.count() == 1


def test_configure_site_takes_a_port_and_the_development_default(settings, home):
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8000"
    run(verbosity=0)
    assert Site.objects.filter(is_default_site=True, hostname="127.0.0.1", port=8000).exists()
    assert Site.objects.get().root_url == "http://127.0.0.1:8000"


def test_configure_site_says_what_a_site_cannot_express(settings, home):
    settings.PORTAL_BASE_URL = "https://quartieri.example.org:8443"
    out, err = run()
    assert Site.objects.filter(hostname="quartieri.example.org", port=8443).exists()
    assert "Wagtail's own links will read http://quartieri.example.org:8443" in err


@pytest.mark.parametrize(
    "base",
    [
        "quartieri.example.org",
        "ftp://quartieri.example.org",
        "https://quartieri.example.org/it/",
        "https://x:99999",
    ],
)
def test_configure_site_refuses_a_base_that_is_not_scheme_and_host(settings, home, base):
    settings.PORTAL_BASE_URL = base
    with pytest.raises(CommandError, match="PORTAL_BASE_URL must look like https://quartieri.example.org"):
        run()
    assert Site.objects.get().hostname == "localhost"


def test_configure_site_refuses_to_take_another_sites_address(settings, home):
    Site.objects.create(hostname="quartieri.example.org", port=443, root_page=home, site_name="Vecchio")
    settings.PORTAL_BASE_URL = BASE
    with pytest.raises(CommandError, match="Another Site .* already uses quartieri.example.org:443"):
        run()
