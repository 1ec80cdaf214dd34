"""Links an app can open: `find` reads any public address of the site, with its language prefix,
as that translation; every absolute URL the API, the calendars and JSON-LD give is the public one
(PORTAL_BASE_URL) whatever Host was asked; `Content-Language` is the language of the content."""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from tests.api import conftest as api_fixtures
from tests.factories import ALL_LANGUAGES, EventPageFactory, days_from_now, synchronise_locales
from tests.support.base_url import BASE

pytestmark = pytest.mark.django_db

portal = api_fixtures.portal
FIND = "/api/v2/pages/find/"


@pytest.fixture
def languages(portal):
    """Every content language, each with the whole Italian tree (aliases, as wagtail-localize
    keeps them): {language code: Locale}."""
    return synchronise_locales(ALL_LANGUAGES)


def translation(page, locale):
    return type(page).objects.get(translation_key=page.translation_key, locale=locale)


def found(client, query, **headers):
    """The page `find` redirects to: (its detail, the redirect's query parameters)."""
    response = client.get(FIND, query, **headers)
    assert response.status_code == 302, (query, response.content)
    location = urlsplit(response["Location"])
    detail = client.get(location.path)
    assert detail.status_code == 200
    return detail.json(), parse_qs(location.query)


def refused(client, query, status, language="en"):
    """The JSON error `find` answers, its message in the reader's `language`."""
    response = client.get(FIND, query, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == status, (query, response.content)
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"message"}
    return response.json()["message"]


# --- find: every language, every way of naming the page -------------------------------------


def test_a_prefixed_path_finds_that_languages_translation(client, portal, languages):
    district = portal.district
    for code, locale in languages.items():
        detail, _query = found(client, {"html_path": f"/{code}/san-salvario/"})
        assert detail["id"] == translation(district, locale).pk, code
        assert (detail["meta"]["locale"], detail["meta"]["html_url"]) == (
            code,
            f"http://testserver/{code}/san-salvario/",
        )
    event_path = urlsplit(portal.pictured.url).path.removeprefix("/it")
    detail, _query = found(client, {"html_path": f"/zh-hans{event_path}"})
    assert detail["id"] == translation(portal.pictured, languages["zh-hans"]).pk
    home, _query = found(client, {"html_path": "/ar/"})
    assert (home["meta"]["type"], home["meta"]["locale"]) == ("home.HomePage", "ar")


def test_a_path_without_prefix_is_read_in_the_locale_asked_else_in_italian(client, portal, languages):
    district = portal.district
    detail, query = found(client, {"html_path": "/san-salvario/", "locale": "ar"})
    assert detail["id"] == translation(district, languages["ar"]).pk
    assert query == {}  # `locale` found the page: the detail is not asked for it
    detail, _query = found(client, {"html_path": "san-salvario"})
    assert (detail["id"], detail["meta"]["locale"]) == (district.pk, "it")
    # The same language twice is no contradiction.
    detail, _query = found(client, {"html_path": "/fr/san-salvario/", "locale": "fr"})
    assert detail["meta"]["locale"] == "fr"


def test_a_locale_that_contradicts_the_prefix_is_a_400(client, portal, languages):
    message = refused(client, {"html_path": "/it/san-salvario/", "locale": "ar"}, 400)
    assert message == "locale 'ar' does not match the language of the address ('it')."
    assert "unknown locale 'xx'" in refused(client, {"html_path": "/it/san-salvario/", "locale": "xx"}, 400)
    # In the reader's language, as every message of the portal.
    assert refused(client, {"html_path": "/it/san-salvario/", "locale": "fr"}, 400, language="it") == (
        "locale 'fr' non corrisponde alla lingua dell'indirizzo ('it')."
    )
    assert refused(client, {}, 400, language="ar") == "حدِّد واحدًا فقط من html_path وhtml_url وid."


def test_a_whole_address_is_read_on_the_portals_host(public_base, client, portal, languages):
    detail, _query = found(client, {"html_url": f"{BASE}/ro/san-salvario/?utm_source=app#orari"})
    assert detail["id"] == translation(portal.district, languages["ro"]).pk
    # The Site's own host name is the portal's too (before `configure_site` has run).
    detail, _query = found(client, {"html_url": "http://localhost/es/san-salvario/"})
    assert detail["meta"]["locale"] == "es"
    for url in (
        "https://elsewhere.example/it/san-salvario/",
        "ftp://quartieri.example.org/it/san-salvario/",
        "/it/san-salvario/",
        "https://quartieri.example.org:99999/it/",
        "https://user:secret@quartieri.example.org/it/",
        "http://[::1/it/",
    ):
        assert refused(client, {"html_url": url}, 400) == (
            "html_url must be an http or https address of this portal."
        ), url


def test_a_pages_own_sub_address_finds_the_page(client, portal, languages):
    detail, _query = found(client, {"html_path": "/en/san-salvario/calendar.ics"})
    assert detail["id"] == translation(portal.district, languages["en"]).pk
    detail, _query = found(client, {"html_path": portal.weekly.url + "calendar.ics"})
    assert detail["id"] == portal.weekly.pk
    refused(client, {"html_path": "/it/san-salvario/orari.pdf"}, 404)


def test_the_redirect_keeps_the_other_parameters_as_wagtail_does(public_base, client, portal):
    response = client.get(FIND, {"html_path": "/it/san-salvario/", "fields": "title", "locale": "it"})
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == (
        f"{BASE}/api/v2/pages/{portal.district.pk}/"
    )
    assert parse_qs(location.query) == {"fields": ["title"]}
    detail, _query = found(client, {"id": str(portal.district.pk), "locale": "it"})
    assert detail["id"] == portal.district.pk


def test_without_other_parameters_the_redirect_is_the_pages_detail_url(client, portal, languages):
    """Wagtail wrote a bare `?` after it, so `Location` differed from `meta.detail_url`."""
    detail = client.get(f"/api/v2/pages/{portal.district.pk}/").json()
    for query in ({"html_path": "/it/san-salvario/"}, {"html_url": detail["meta"]["html_url"]}):
        response = client.get(FIND, query)
        assert response.status_code == 302
        assert response["Location"] == detail["meta"]["detail_url"]
    french = client.get(f"/api/v2/pages/{translation(portal.weekly, languages['fr']).pk}/").json()
    response = client.get(FIND, {"id": str(portal.weekly.pk), "locale": "fr"})
    assert response["Location"] == french["meta"]["detail_url"]


def test_an_id_with_a_locale_finds_that_translation(client, portal, languages):
    detail, _query = found(client, {"id": str(portal.weekly.pk), "locale": "fr"})
    assert detail["id"] == translation(portal.weekly, languages["fr"]).pk
    refused(client, {"id": "999999"}, 404)
    assert refused(client, {"id": "nove"}, 400) == "id must be a positive integer."
    refused(client, {"id": "99999999999999999999999"}, 400)


def test_only_what_the_public_may_see_is_found(client, portal, languages):
    draft = EventPageFactory(
        parent=portal.district, title="Bozza", start=days_from_now(4), end=days_from_now(4, 20), publish=False
    )
    PageViewRestriction.objects.create(
        page=portal.initiative, restriction_type=PageViewRestriction.PASSWORD, password="segreto"
    )
    initiative_path = urlsplit(portal.initiative.url).path.removeprefix("/it")
    event_path = urlsplit(portal.pictured.url).path.removeprefix("/it")
    for path in (
        f"/it{initiative_path}",  # under a password
        f"/ar{initiative_path}",  # a translation of it
        f"/it{event_path}",  # below it
        f"/it{event_path}calendar.ics",
        f"/it/san-salvario/{draft.slug}/",  # never published
        "/it/san-salvario/nessuna-pagina/",
        "/xx/san-salvario/",
    ):
        assert refused(client, {"html_path": path}, 404) == "not found", path
    # Still found: the district, and its other pages.
    detail, _query = found(client, {"html_path": "/it/san-salvario/"})
    assert detail["id"] == portal.district.pk


@pytest.mark.parametrize(
    "query, status",
    [
        ({}, 400),
        ({"html_path": "/it/", "html_url": "http://testserver/it/"}, 400),
        ({"html_path": "/it/", "id": "3"}, 400),
        ({"html_path": "/it/" + "a/" * 100}, 404),
        ({"html_path": "/it/" + "a" * 3000}, 400),
        ({"html_path": "/it/\x00/"}, 400),
        ({"html_path": "/it/%ZZ/../../"}, 404),
        ({"html_path": "/it/san-salvario/", "type": "nessuno.Tipo"}, 400),
        ({"html_url": ""}, 400),
        ({"html_path": ""}, 302),
    ],
)
def test_bad_input_is_a_400_or_a_404_never_a_500(client, portal, query, status):
    response = client.get(FIND, query)
    assert response.status_code == status, response.content
    if status != 302:
        assert set(response.json()) == {"message"}


def test_repeated_parameters_are_refused(client, portal):
    response = client.get(FIND + "?html_path=/it/&html_path=/en/")
    assert response.status_code == 400
    assert response.json() == {"message": "query parameter given more than once: html_path"}


# --- Every absolute URL is the public one ----------------------------------------------------

URL = re.compile(r"(?:https?|webcal)://[^\s\"'<>\\]+")
# Not the portal's: the vocabularies JSON-LD and feeds name.
OTHERS = ("https://schema.org", "http://schema.org", "http://www.w3.org", "http://www.sitemaps.org")


def assert_public_urls(text, where, at_least=1):
    urls = [url for url in URL.findall(text) if not url.startswith(OTHERS)]
    assert len(urls) >= at_least, f"{where}: {urls}"
    for url in urls:
        assert url.startswith(BASE + "/") or url.startswith("webcal://quartieri.example.org/"), (where, url)


def test_every_url_of_every_answer_is_on_the_base_whatever_the_host(public_base, portal, languages):
    other_host = Client(HTTP_HOST="localhost")
    event = portal.pictured
    detail = other_host.get(f"/api/v2/pages/{event.pk}/").json()
    linked = re.search(r'href="([^"]+)"', detail["body"][0]["value"]).group(1)
    assert linked == f"{BASE}{portal.initiative.url}"  # a page link in rich text
    answers = {
        "detail": detail,
        "district": other_host.get(f"/api/v2/pages/{portal.district.pk}/").json(),
        "listing": other_host.get("/api/v2/pages/?type=initiatives.EventPage&fields=*&locale=it").json(),
        "every language": other_host.get("/api/v2/pages/?limit=100").json(),
        "occurrences": other_host.get("/api/v2/occurrences/?locale=ar&limit=10").json(),
        "images": other_host.get("/api/v2/images/?fields=*").json(),
        "image": other_host.get(f"/api/v2/images/{portal.image.pk}/").json(),
    }
    for name, answer in answers.items():
        assert_public_urls(json.dumps(answer), name, at_least=2)
    assert answers["occurrences"]["items"][0]["html_url"].startswith(f"{BASE}/ar/")
    find = other_host.get(FIND, {"html_path": "/ar/san-salvario/"})
    assert_public_urls(find["Location"], "find")

    event_html = other_host.get(event.url).content.decode()
    (json_ld,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', event_html, re.S)
    assert json.loads(json_ld)["url"] == f"{BASE}{event.url}"
    assert_public_urls(json_ld, "JSON-LD")
    ics = other_host.get(event.url + "calendar.ics").content.decode().replace("\r\n ", "")
    assert f"URL:{BASE}{event.url}" in ics
    assert_public_urls(ics, "calendar.ics")


# --- Content-Language: the language of the content, cached or not ---------------------------


def test_content_language_is_the_answers_not_the_first_readers(client, page_cache, portal, languages):
    arabic_district = translation(portal.district, languages["ar"])
    cases = [
        (f"/api/v2/pages/{arabic_district.pk}/", "ar"),
        (f"/api/v2/pages/{portal.district.pk}/", "it"),
        ("/api/v2/pages/?locale=zh-hans", "zh-hans"),
        ("/api/v2/pages/?locale=en&type=districts.DistrictPage", "en"),
        ("/api/v2/pages/?translation_of=" + str(portal.district.pk), "en, fr, ar, ro, zh-hans, es"),
        ("/api/v2/occurrences/?locale=fr", "fr"),
        ("/api/v2/occurrences/", "it"),
        ("/api/v2/images/", "it"),
    ]
    for url, language in cases:
        for reader in ("en", "ar", "en"):
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=reader)
            assert response.status_code == 200, url
            assert response["Content-Language"] == language, (url, reader, response.get("X-Cache"))
        assert response["X-Cache"] == "HIT", url
    # Two languages asked in a row from one reader: each answer says its own.
    for code in ("ro", "it", "ro"):
        response = client.get(f"/api/v2/pages/?locale={code}", HTTP_ACCEPT_LANGUAGE="en")
        assert response["Content-Language"] == code
        assert {item["meta"]["locale"] for item in response.json()["items"]} == {code}
