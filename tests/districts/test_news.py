"""News: the news pages and indexes as residents read them (Italian, English and an Arabic
alias), pagination and filters, the RSS and Atom feeds, JSON-LD, search, the sitemap, the home
and district sections, and what the public never sees (drafts, restricted news).

The content is built once for the module, in a transaction rolled back at the end.
"""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import transaction
from django.utils import timezone, translation

from portal.core.i18n import local_date

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
PER_PAGE = 4


@pytest.fixture(scope="module")
def news(django_db_setup, django_db_blocker):
    """San Salvario with 7 news items (one restricted, one draft besides), Mirafiori Sud with
    one, two portal-wide ones; an English translation of one item; an Arabic synchronised tree."""
    from wagtail.models import PageViewRestriction

    from tests.factories import (
        CategoryFactory,
        DistrictPageFactory,
        InitiativePageFactory,
        NewsIndexPageFactory,
        NewsPageFactory,
        build_site_tree,
        publish_translation,
        synchronise_locales,
    )

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            tree = build_site_tree()
            home = tree.home
            course = CategoryFactory(name="Corso", slug="corso")
            desk = CategoryFactory(name="Sportello", slug="sportello")
            salvario = DistrictPageFactory(parent=home, title="San Salvario", slug="san-salvario")
            mirafiori = DistrictPageFactory(parent=home, title="Mirafiori Sud", slug="mirafiori-sud")
            portal_index = NewsIndexPageFactory(parent=home, per_page=PER_PAGE)
            salvario_index = NewsIndexPageFactory(parent=salvario, per_page=PER_PAGE)
            mirafiori_index = NewsIndexPageFactory(parent=mirafiori, per_page=PER_PAGE)
            initiative = InitiativePageFactory(parent=salvario, title="Corso di italiano", slug="corso")
            secret = InitiativePageFactory(parent=salvario, title="Riservata", slug="riservata")
            PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
            today = timezone.localdate()
            items = []
            for number in range(7):
                items.append(
                    NewsPageFactory(
                        parent=salvario_index,
                        title=f"Notizia San Salvario {number}",
                        slug=f"notizia-{number}",
                        date=today - datetime.timedelta(days=number),
                        category=course if number % 2 == 0 else desk,
                    )
                )
            enrolment = items[0]
            enrolment.title = "Iscrizioni al corso di italiano"
            enrolment.summary = "Le iscrizioni al corso di italiano aprono lunedì."
            enrolment.related_pages = [("page", initiative), ("page", secret)]
            enrolment.save_revision().publish()
            restricted = NewsPageFactory(parent=salvario_index, title="Notizia riservata", slug="riservata")
            PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="x")
            draft = NewsPageFactory(
                parent=salvario_index, title="Notizia in bozza", slug="bozza", publish=False
            )
            NewsPageFactory(
                parent=mirafiori_index,
                title="Notizia Mirafiori",
                slug="notizia-mirafiori",
                date=today - datetime.timedelta(days=2),
            )
            for number in range(2):
                NewsPageFactory(
                    parent=portal_index,
                    title=f"Notizia del portale {number}",
                    slug=f"portale-{number}",
                    date=today - datetime.timedelta(days=10 + number),
                )
            # English: the home, the district, its index and the first item translated.
            en = {}
            for name, page in (
                ("home", home),
                ("salvario", salvario),
                ("index", salvario_index),
                ("enrolment", enrolment),
            ):
                en[name] = publish_translation(page, tree.en)
            synchronise_locales(("it", "ar"))
            yield {
                "home": home,
                "salvario": salvario,
                "mirafiori": mirafiori,
                "portal_index": portal_index,
                "salvario_index": salvario_index,
                "enrolment": type(enrolment).objects.get(pk=enrolment.pk),
                "restricted": restricted,
                "draft": draft,
                "initiative": initiative,
                "en": en,
            }
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return response


def titles(response):
    return [page.title for page in response.context["news_items"]]


# --- Pages ----------------------------------------------------------------------------------


def test_district_index_lists_its_news_newest_first_paginated(client, news):
    response = get(client, news["salvario_index"].url)
    assert titles(response) == [
        "Iscrizioni al corso di italiano",
        "Notizia San Salvario 1",
        "Notizia San Salvario 2",
        "Notizia San Salvario 3",
    ]
    second = get(client, news["salvario_index"].url, page=2)
    assert titles(second) == ["Notizia San Salvario 4", "Notizia San Salvario 5", "Notizia San Salvario 6"]
    content = second.content.decode()
    assert "Notizia riservata" not in content and "Notizia in bozza" not in content
    assert 'rel="prev"' in content


@pytest.mark.parametrize(("number", "expected"), [("abc", 1), ("0", 2), ("999", 2), ("-1", 2), ("1.5", 1)])
def test_bad_page_numbers_fall_back(client, news, number, expected):
    response = get(client, news["salvario_index"].url, page=number)
    assert response.context["page_obj"].number == expected


def test_portal_index_lists_every_district_and_portal_news_filtered(client, news):
    index = news["portal_index"]
    everything = titles(get(client, index.url, page=1))
    assert everything[0] == "Iscrizioni al corso di italiano"
    listed = get(client, index.url).context["page_obj"].paginator.count
    assert listed == 7 + 1 + 2
    mirafiori = titles(get(client, index.url, district="mirafiori-sud"))
    assert mirafiori == ["Notizia Mirafiori"]
    courses = get(client, index.url, district="san-salvario", category="corso")
    assert titles(courses) == [
        "Iscrizioni al corso di italiano",
        "Notizia San Salvario 2",
        "Notizia San Salvario 4",
        "Notizia San Salvario 6",
    ]
    assert 'name="district"' in courses.content.decode()


def test_unknown_filters_are_form_errors_not_server_errors(client, news):
    response = get(client, news["portal_index"].url, district="atlantide", category="<script>")
    assert response.context["filter_form"].errors.keys() == {"district", "category"}
    assert response.context["page_obj"].paginator.count == 10
    assert "<script>" not in response.content.decode().split("<main", 1)[1]
    # A district's own index offers no district filter.
    district = get(client, news["salvario_index"].url, category="sportello")
    assert 'name="district"' not in district.content.decode()
    assert titles(district) == ["Notizia San Salvario 1", "Notizia San Salvario 3", "Notizia San Salvario 5"]


def test_news_page_renders_date_related_cards_and_json_ld(client, news):
    page = news["enrolment"]
    response = get(client, page.url)
    content = response.content.decode()
    assert '<html lang="it" dir="ltr">' in content
    assert "Le iscrizioni al corso di italiano aprono lunedì." in content
    assert f'datetime="{page.date:%Y-%m-%d}"' in content
    # The public initiative as a card; the restricted one never.
    assert news["initiative"].url in content and "Riservata" not in content
    [data] = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    ]
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == page.title
    assert data["datePublished"].startswith(page.date.isoformat())
    assert data["url"].endswith(page.url)
    assert data["inLanguage"] == "it"


def test_news_in_english_and_arabic(client, news):
    en = news["en"]["enrolment"]
    with translation.override("en"):
        response = get(client, en.url)
    assert '<html lang="en" dir="ltr">' in response.content.decode()
    ar_page = news["enrolment"].get_translation(locale=_locale("ar"))
    assert ar_page.alias_of_id == news["enrolment"].pk
    with translation.override("ar"):
        response = get(client, ar_page.url)
    content = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in content
    assert "Iscrizioni al corso di italiano" in content  # the Italian text, with the notice
    assert 'class="translation-notice"' in content
    assert 'lang="it"' in content
    with translation.override("ar"):
        assert local_date(ar_page.date) in content  # the date in Arabic
    index = news["salvario_index"].get_translation(locale=_locale("ar"))
    with translation.override("ar"):
        listing = get(client, index.url)
    assert len(titles(listing)) == PER_PAGE
    assert all(page.locale.language_code == "ar" for page in listing.context["news_items"])


def _locale(code):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code)


def test_restricted_and_draft_news_are_not_served_or_listed(client, news):
    assert client.get("/it/san-salvario/notizie/bozza/").status_code == 404
    response = client.get(news["restricted"].url)
    assert 'id="news-title"' not in response.content.decode()  # the password form instead
    home = get(client, news["home"].url).content.decode()
    assert "Notizia riservata" not in home and "Notizia in bozza" not in home


# --- Home and district ----------------------------------------------------------------------


def test_home_and_district_show_their_latest_news(client, news):
    home = get(client, news["home"].url)
    latest = [page.title for page in home.context["latest_news"]]
    assert latest == [
        "Iscrizioni al corso di italiano",
        "Notizia San Salvario 1",
        "Notizia Mirafiori",  # the same day as the next, published later
        "Notizia San Salvario 2",
    ]
    content = home.content.decode()
    assert f'href="{news["portal_index"].url}"' in content
    assert f'href="{news["portal_index"].url}feed.xml"' in content
    district = get(client, news["salvario"].url).content.decode()
    assert "Iscrizioni al corso di italiano" in district and "Notizia Mirafiori" not in district
    assert f'href="{news["salvario_index"].url}atom.xml"' in district


# --- Feeds ----------------------------------------------------------------------------------


def test_rss_feed_of_a_district_is_valid_public_newest_first(client, news):
    response = get(client, news["salvario_index"].url + "feed.xml")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert "San Salvario" in channel.findtext("title")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items][:2] == [
        "Iscrizioni al corso di italiano",
        "Notizia San Salvario 1",
    ]
    assert len(items) == 7
    for item in items:
        assert item.findtext("link").startswith("http")
        assert item.findtext("guid").startswith("urn:uuid:")
        assert item.findtext("pubDate")
    assert b"riservata" not in response.content and b"bozza" not in response.content


def test_atom_feed_of_the_portal_lists_every_district(client, news):
    response = get(client, news["portal_index"].url + "atom.xml")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 10
    names = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert names[0] == "Iscrizioni al corso di italiano"
    assert "Notizia Mirafiori" in names and "Notizia del portale 1" == names[-1]
    for entry in entries:
        assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated")


def test_feed_in_arabic(client, news):
    index = news["salvario_index"].get_translation(locale=_locale("ar"))
    with translation.override("ar"):
        response = get(client, index.url + "feed.xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "ar"
    assert all("/ar/" in item.findtext("link") for item in channel.findall("item"))


# --- Search and sitemap ---------------------------------------------------------------------


def test_search_finds_news_and_filters_by_kind(client, news):
    response = get(client, "/it/search/", q="iscrizioni", type="news")
    found = [item["page"].title for item in response.context["results"]]
    assert found == ["Iscrizioni al corso di italiano"]


def test_sitemap_lists_public_news(client, news):
    content = get(client, "/sitemap.xml").content.decode()
    assert news["enrolment"].url in content
    assert "/notizie/riservata/" not in content and "bozza" not in content


# --- API ------------------------------------------------------------------------------------


def test_api_lists_news_of_a_district_with_their_fields(client, news):
    salvario = news["salvario"]
    response = client.get(
        "/api/v2/pages/",
        {"type": "districts.NewsPage", "fields": "*", "descendant_of": salvario.pk, "order": "-date"},
    )
    assert response.status_code == 200, response.content
    items = response.json()["items"]
    assert [item["title"] for item in items][:2] == [
        "Iscrizioni al corso di italiano",
        "Notizia San Salvario 1",
    ]
    assert len(items) == 7  # neither the restricted nor the draft one
    first = items[0]
    assert first["date"] == news["enrolment"].date.isoformat()
    assert first["category_data"]["slug"] == "corso"
    assert first["audience_data"] == []
    [related] = first["related_data"]  # the restricted initiative left out
    assert (related["id"], related["type"]) == (news["initiative"].pk, "initiatives.InitiativePage")
    assert related["title"] == "Corso di italiano"
    assert first["related_data"][0]["html_url"].endswith(news["initiative"].url)


def test_api_news_detail_in_english(client, news):
    en = news["en"]["enrolment"]
    response = client.get(f"/api/v2/pages/{en.pk}/")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["meta"]["type"] == "districts.NewsPage"
    assert data["meta"]["locale"] == "en"
    assert data["summary"] == "Le iscrizioni al corso di italiano aprono lunedì."
    # The linked initiative has no English page: the Italian one.
    assert data["related_data"][0]["id"] == news["initiative"].pk


def test_api_search_finds_news(client, news):
    response = client.get(
        "/api/v2/pages/", {"type": "districts.NewsPage", "search": "iscrizioni", "locale": "it"}
    )
    assert response.status_code == 200, response.content
    assert [item["title"] for item in response.json()["items"]] == ["Iscrizioni al corso di italiano"]
