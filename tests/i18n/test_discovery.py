"""Discovery: hreflang alternates, the sitemap, the language switcher and the remembered choice."""

import html
import re
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
from django.conf import settings
from wagtail.models import Page

from tests.factories import ALL_LANGUAGES, EventPageFactory, synchronise_locales
from tests.support.queries import CaptureAllQueries

from .conftest import in_language

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def alternates_of(content):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', content))


def test_every_page_names_all_its_translations_and_x_default(client, tree):
    french = in_language(tree.event, "fr")
    content = client.get(french.url).content.decode()
    alternates = alternates_of(content)
    assert set(alternates) == set(ALL_LANGUAGES) | {"x-default"}
    for code in ALL_LANGUAGES:
        assert alternates[code] == "http://testserver" + in_language(tree.event, code).url
    assert alternates["x-default"] == "http://testserver" + tree.event.url


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own sitemap)
    entries = {}
    for url in root.findall(f"{SITEMAP}url"):
        links = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        entries[url.find(f"{SITEMAP}loc").text] = links
    return entries


def test_the_sitemap_lists_every_page_in_every_locale_with_its_alternates(client, tree):
    entries = sitemap_entries(client)
    pages = Page.objects.filter(depth__gt=1).live()
    assert len(entries) == pages.count() == 3 * len(ALL_LANGUAGES)
    for page in pages:
        location = "http://testserver" + page.url
        assert location in entries, location
        links = entries[location]
        assert set(links) == set(ALL_LANGUAGES) | {"x-default"}
        assert links[page.locale.language_code] == location
        assert links["x-default"] == "http://testserver" + page.get_translation(tree.home.locale).url


def test_the_sitemap_costs_the_same_queries_for_more_pages(client, tree):
    client.get("/sitemap.xml")  # site root paths are cached after the first request
    with CaptureAllQueries() as few:
        client.get("/sitemap.xml")
    for number in range(4):
        EventPageFactory(parent=tree.district, title=f"Laboratorio {number}")
    synchronise_locales()
    client.get("/sitemap.xml")
    with CaptureAllQueries() as many:
        entries = sitemap_entries(client)
    assert len(entries) == 7 * len(ALL_LANGUAGES)
    assert len(many) == len(few)


def switcher_links(content):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', content, re.S).group(0)
    return {
        code: html.unescape(href) for href, code in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav)
    }


def test_the_switcher_lands_on_the_same_page_and_remembers_the_language(client, tree):
    french = in_language(tree.event, "fr")
    links = switcher_links(client.get(french.url).content.decode())
    assert set(links) == set(ALL_LANGUAGES)
    english = in_language(tree.event, "en")
    assert parse_qs(urlsplit(links["en"]).query)["next"] == [english.url]

    response = client.get(links["en"])
    assert response.status_code == 302
    assert response["Location"] == english.url
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    landed = client.get(response["Location"])
    assert landed.status_code == 200
    assert landed.context["page"].translation_key == tree.event.translation_key
    assert '<html lang="en"' in landed.content.decode()

    # Later visits to / open in the chosen language, whatever the browser prefers.
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert home.status_code == 302
    assert home["Location"] == "/en/"


def test_without_a_choice_the_browser_language_decides(client, tree):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5")["Location"] == "/ar/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")["Location"] == "/zh-hans/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de")["Location"] == "/it/"


def test_the_switcher_keeps_the_calendar_filters(client, tree):
    from tests.factories import CalendarPageFactory

    calendar = CalendarPageFactory(parent=tree.home)
    synchronise_locales()
    links = switcher_links(client.get(f"{calendar.url}?when=week&free=on").content.decode())
    target = parse_qs(urlsplit(links["ro"]).query)["next"][0]
    assert target == f"{in_language(calendar, 'ro').url}?when=week&free=on"


def test_choosing_a_language_never_leaves_the_site(client, tree):
    response = client.get("/i18n/choose/ar/?next=https://example.com/")
    assert response["Location"] == "/ar/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    response = client.get("/i18n/choose/klingon/?next=/en/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == settings.LANGUAGE_CODE
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_search_pages_switch_to_the_same_search(client, tree):
    links = switcher_links(client.get("/fr/search/?q=cena").content.decode())
    assert parse_qs(urlsplit(links["es"]).query)["next"] == ["/es/search/?q=cena"]


def test_robots_keep_crawlers_out_of_the_switcher(client, tree):
    assert "Disallow: /i18n/" in client.get("/robots.txt").content.decode()
