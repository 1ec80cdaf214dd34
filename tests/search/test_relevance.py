"""Relevance on the demo content: what a resident types, and the page that must come first.

The demo is the one `load_demo` builds, shared with the other modules on it
(tests/support/demo.py); what a test writes is rolled back. Runs on SQLite and on PostgreSQL alike.
"""

import pytest
from django.utils import translation

from tests.support.demo import (  # noqa: F401 (fixtures)
    _demo_media,
    demo_media,
    demo_module,
    shared_demo,
    shared_demo_media,
)

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

DEMO_LANGUAGES = ("it", "en", "fr", "es")


@pytest.fixture(scope="module")
def demo(shared_demo, django_db_blocker, demo_media):  # noqa: F811 (the fixture imported above)
    with demo_module(shared_demo, django_db_blocker, demo_media):
        yield


def first_results(client, language, query, **params):
    with translation.override(language):
        response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return response.context["outcome"], [item["page"] for item in response.context["results"]]


# (language, what a resident types, the title that must come first)
FIRST = [
    ("it", "corso di italiano", "Corso di italiano per stranieri"),
    ("it", "Mirafiori", "Mirafiori Sud"),
    ("it", "barriera di milano", "Barriera di Milano"),
    ("it", "sportello di ascolto", "Sportello di ascolto"),
    ("it", "bollette", "Sportello casa e bollette"),
    ("it", "spid", "Sportello digitale: SPID e fascicolo sanitario"),
    ("it", "ciclofficina", "Ciclofficina popolare"),
    ("it", "ceramica", "Laboratorio di ceramica"),
    ("it", "ginnastica", "Ginnastica dolce nel parco"),
    ("it", "orti condivisi", "Orti condivisi"),
    ("it", "pranzo della domenica", "Pranzo della domenica"),
    ("it", "via morgari", "San Salvario"),  # the house's address
    ("it", "casa nel parco", "Caffetteria della Casa nel Parco"),
    # without accents
    ("it", "comunita", "Cucina di comunità"),
    ("it", "repair cafe", "Repair Café: ripara, non buttare"),
    ("it", "CUCINA DI COMUNITA", "Cucina di comunità"),
    # misspelt
    ("it", "corso di italaino", "Corso di italiano per stranieri"),
    ("it", "mirafori sud", "Mirafiori Sud"),
    ("it", "sportelo di ascolot", "Sportello di ascolto"),
    ("it", "ciclofficna", "Ciclofficina popolare"),
    ("it", "ceramcia", "Laboratorio di ceramica"),
    # English
    ("en", "italian course", "Italian course for foreigners"),
    ("en", "the Italian course", "Italian course for foreigners"),
    ("en", "Mirafiori", "Mirafiori Sud"),
    ("en", "advice desk", "Listening and advice desk"),
    ("en", "homework", "Homework together"),
    ("en", "italain course", "Italian course for foreigners"),
    ("en", "seed swap", "Seed swap festival"),
    # French and Spanish, without accents
    ("fr", "cours d'italien", "Cours d'italien pour étrangers"),
    ("fr", "permanence d'ecoute", "Permanence d'écoute"),
    ("fr", "Barriera en fete", "Barriera en fête"),
    ("es", "italiano para madres y ninos", "Italiano para madres y niños"),
]


@pytest.mark.parametrize(("language", "query", "title"), FIRST, ids=[f"{lang}:{q}" for lang, q, _t in FIRST])
def test_the_right_page_comes_first(demo, client, language, query, title):
    _outcome, pages = first_results(client, language, query)
    assert pages, f"nothing found for {query!r}"
    assert pages[0].title == title, [page.title for page in pages[:5]]
    assert pages[0].locale.language_code == language


@pytest.mark.parametrize(("language", "query"), [("it", "sportello"), ("it", "sportelli"), ("en", "desk")])
def test_a_desk_comes_first_for_a_desk(demo, client, language, query):
    _outcome, pages = first_results(client, language, query)
    assert pages[0].specific.category.slug == "counselling", [page.title for page in pages[:5]]


def test_a_misspelling_says_what_was_searched_instead(demo, client):
    outcome, pages = first_results(client, "it", "ciclofficna")
    assert outcome.corrected == "ciclofficina"
    assert pages[0].title == "Ciclofficina popolare"


def test_each_language_finds_its_own_pages(demo, client):
    for language in DEMO_LANGUAGES:
        _outcome, pages = first_results(client, language, "Mirafiori")
        assert pages and {page.locale.language_code for page in pages} == {language}


def test_filters_on_the_demo(demo, client):
    _outcome, events = first_results(client, "it", "festa", type="event", district="mirafiori-sud")
    assert [page.title for page in events][:2] == ["Festa nel Parco", "Festa dello scambio dei semi"]
    _outcome, courses = first_results(client, "it", "italiano", category="courses")
    assert {page.specific.category.slug for page in courses} == {"courses"}


# --- The API answers like the site ----------------------------------------------------------

API_QUERIES = [
    ("it", "sportello"),
    ("it", "corso di italiano"),
    ("it", "comunita"),  # without its accent
    ("en", "italian course"),
    ("fr", "permanence d'ecoute"),
]
# The site corrects a misspelling when nothing is found; so does the API.
API_ONLY_QUERIES = [("it", "ciclofficna")]


@pytest.mark.parametrize(("language", "query"), API_QUERIES)
def test_search_pages_is_what_the_site_searches(demo, client, language, query):
    """`portal.core.search.query.search_pages` (what the API's `?search=` calls) gives the site's
    results."""
    from wagtail.models import Locale, Page

    from portal.core.search.query import search_pages

    locale = Locale.objects.get(language_code=language)
    api_like = Page.objects.live().public()  # the API's base queryset, filtered by ?locale=
    found = [page.pk for page in search_pages(api_like, query, locale)]
    _outcome, pages = first_results(client, language, query)
    assert found[: len(pages)] == [page.pk for page in pages]


@pytest.mark.parametrize(("language", "query"), API_QUERIES + API_ONLY_QUERIES)
def test_the_api_answers_like_the_site(demo, client, language, query):
    """`/api/v2/pages/?search=…&locale=…` lists the site's results, in the same order."""
    response = client.get("/api/v2/pages/", {"search": query, "locale": language, "limit": 10})
    assert response.status_code == 200, response.content
    _outcome, pages = first_results(client, language, query)
    assert [item["id"] for item in response.json()["items"]] == [page.pk for page in pages]
