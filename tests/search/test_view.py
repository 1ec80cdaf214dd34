"""The search page: what it finds, its filters, what each result shows, and where an empty or
fruitless search leads. Runs on SQLite and on PostgreSQL alike."""

import html
import re

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import (
    AudienceFactory,
    CalendarPageFactory,
    CategoryFactory,
    EventPageFactory,
    InitiativePageFactory,
    publish_translation,
)
from tests.support.queries import CaptureAllQueries

pytestmark = pytest.mark.django_db

# A <script> that runs code without a src (JSON-LD data blocks do not run).
INLINE_SCRIPT = r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>"


@pytest.fixture
def tree(home, district, other_district):
    """Two districts with a counselling desk, a café, a dinner and a course."""
    counselling = CategoryFactory(slug="counselling", name="Sportelli di ascolto")
    catering = CategoryFactory(slug="catering", name="Ristorazione")
    courses = CategoryFactory(slug="courses", name="Corsi")
    newcomers = AudienceFactory(slug="newcomers", name="Nuovi arrivati")
    CalendarPageFactory(parent=home)
    pages = {
        "desk": InitiativePageFactory(
            parent=district,
            title="Sportello di ascolto",
            summary="Aiuto per casa, lavoro e documenti, senza appuntamento.",
            category=counselling,
            audiences=[newcomers],
        ),
        "course": InitiativePageFactory(
            parent=district,
            title="Corso di italiano per stranieri",
            summary="Lezioni di italiano in piccoli gruppi.",
            category=courses,
        ),
        "dinner": EventPageFactory(
            parent=district,
            title="Cena dal mondo",
            summary="Piatti di tutta la città, caffè e dolci.",
            category=catering,
        ),
        "cafe": InitiativePageFactory(
            parent=other_district,
            title="Caffetteria della Casa nel Parco",
            summary="Colazioni e pranzi semplici affacciati sul parco.",
            category=catering,
        ),
    }
    return pages


def search(client, language="it", **params):
    response = client.get(f"/{language}/search/", params)
    return response


def titles(response):
    return [item["page"].title for item in response.context.get("results") or []]


def text_of(response):
    return html.unescape(response.content.decode())


# --- What is found --------------------------------------------------------------------------


def test_finds_live_public_pages_of_the_readers_language_only(client, tree, district, en_home, site_tree):
    draft = EventPageFactory(parent=district, title="Sportello in bozza", publish=False)
    private = InitiativePageFactory(parent=district, title="Sportello riservato")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")  # noqa: S106
    english_district = publish_translation(district, site_tree.en)
    english_desk = publish_translation(tree["desk"], site_tree.en)

    italian = titles(search(client, q="sportello"))
    assert italian == ["Sportello di ascolto"]
    assert draft.title not in italian and private.title not in italian

    english = search(client, "en", q="sportello")
    assert [item["page"].pk for item in english.context["results"]] == [english_desk.pk]
    assert english.context["results"][0]["district"].pk == english_district.pk


@pytest.mark.parametrize("query", ["caffe", "caffè", "CAFFÈ", "citta", "città", "Citta'"])
def test_accents_do_not_matter(client, tree, query):
    found = titles(search(client, q=query))
    assert "Cena dal mondo" in found


def test_category_names_audiences_and_the_house_are_searchable(client, tree):
    assert sorted(titles(search(client, q="ristorazione"))) == [
        "Caffetteria della Casa nel Parco",
        "Cena dal mondo",
    ]
    assert "Sportello di ascolto" in titles(search(client, q="nuovi arrivati"))
    # The district page carries its house's name and address.
    assert titles(search(client, q="via morgari"))[0] == "San Salvario"


def test_filters_by_district_kind_and_category(client, tree):
    # The district page itself matches "casa" through its house, the Casa nel Parco.
    assert titles(search(client, q="casa", district="mirafiori-sud")) == [
        "Caffetteria della Casa nel Parco",
        "Mirafiori Sud",
    ]
    assert titles(search(client, q="casa", district="mirafiori-sud", type="initiative")) == [
        "Caffetteria della Casa nel Parco"
    ]
    assert titles(search(client, q="mondo", type="event")) == ["Cena dal mondo"]
    assert titles(search(client, q="mondo", type="initiative")) == []
    assert titles(search(client, q="san salvario", type="district")) == ["San Salvario"]
    assert titles(search(client, category="catering")) == [
        "Caffetteria della Casa nel Parco",
        "Cena dal mondo",
    ]
    assert titles(search(client, category="catering", district="san-salvario")) == ["Cena dal mondo"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"district": "atlantide"}, "There is no district “atlantide”"),
        ({"type": "restaurant"}, "“restaurant” is not a kind of page"),
        ({"category": "nope"}, "There is no category “nope”"),
        ({"category": "'\";--%00"}, "There is no category"),
        ({"district": "x\x00y"}, "There is no district"),
    ],
)
def test_a_bad_filter_is_a_clear_form_error_not_a_server_error(client, tree, params, message):
    with translation_english():
        response = search(client, "en", q="sportello", **params)
    assert response.status_code == 400
    content = text_of(response)
    assert message in content
    assert 'role="alert"' in content
    assert "Search without filters" in content


def translation_english():
    from django.utils import translation

    return translation.override("en")


@pytest.mark.parametrize(
    "query", ["'\";--%_*", "(a OR b", "NEAR(", '"', "-", "AND", "日本語", "  ", "x" * 5000, "%00"]
)
def test_odd_queries_are_answered(client, tree, query):
    assert search(client, q=query).status_code == 200


def test_a_long_query_is_cut_not_refused(client, tree):
    response = search(client, q="sportello " + "parola " * 200)
    assert response.status_code == 200
    assert len(response.context["search_query"]) <= 200


# --- What each result shows -----------------------------------------------------------------


def test_each_result_shows_its_kind_district_category_and_next_date(client, tree):
    with translation_english():
        response = search(client, "en", q="cena")  # the English locale has no pages yet
    assert response.context["results"] == []

    response = search(client, q="cena mondo")
    item = response.context["results"][0]
    assert item["page"].title == "Cena dal mondo"
    assert item["district"].title == "San Salvario"
    assert item["category"].name == "Ristorazione"
    assert item["next"] is not None and item["next"].start == tree["dinner"].start
    content = text_of(response)
    assert "· Ristorazione · San Salvario</p>" in content
    assert 'class="result__when"' in content
    assert (
        f'datetime="{tree["dinner"].start.astimezone(item["next"].start.tzinfo).date():%Y-%m-%d}"' in content
    )

    district = search(client, q="san salvario", type="district").context["results"][0]
    assert district["district"] is None  # a district is not "in" itself


def test_queries_do_not_grow_with_the_number_of_results(client, tree, district, other_district):
    def count_queries():
        # The first view of a page of results after a publish, the other caches filled by
        # another (an unknown page number is the first page, kept under its own key).
        assert search(client, q="laboratorio", page="first").status_code == 200
        with CaptureAllQueries() as queries:
            response = search(client, q="laboratorio")
        assert response.status_code == 200
        return len(response.context["results"]), len(queries)

    workshops = CategoryFactory(slug="workshops", name="Laboratori")
    EventPageFactory(parent=district, title="Laboratorio uno", category=workshops)
    InitiativePageFactory(parent=other_district, title="Laboratorio due", category=workshops)
    few, few_queries = count_queries()
    for number in range(8):
        parent = district if number % 2 else other_district
        factory = EventPageFactory if number % 3 else InitiativePageFactory
        factory(parent=parent, title=f"Laboratorio numero {number}", category=workshops)
    many, many_queries = count_queries()
    assert (few, many) == (2, 10)
    assert many_queries == few_queries, (few_queries, many_queries)
    # Asked again, the page of results is kept: the content version only.
    with CaptureAllQueries() as queries:
        assert search(client, q="laboratorio").status_code == 200
    assert len(queries) == 1


def test_results_are_paginated(client, district):
    for number in range(23):
        EventPageFactory(parent=district, title=f"Laboratorio {number}")
    first = search(client, q="laboratorio")
    assert first.context["page_obj"].paginator.num_pages == 3
    assert len(first.context["results"]) == 10
    content = text_of(first)
    assert "?q=laboratorio&page=2" in content.replace("&amp;", "&")
    third = search(client, q="laboratorio", page="3")
    assert len(third.context["results"]) == 3
    assert search(client, q="laboratorio", page="abc").context["page_obj"].number == 1
    assert search(client, q="laboratorio", page="99").context["page_obj"].number == 3
    # Filters stay in the page links.
    filtered = text_of(search(client, q="laboratorio", type="event")).replace("&amp;", "&")
    assert "q=laboratorio&type=event&page=2" in filtered


# --- Where an empty or fruitless search leads -------------------------------------------------


def test_an_empty_search_offers_the_categories_the_calendar_and_the_districts(client, tree):
    response = search(client)
    assert response.status_code == 200
    assert response.context["results"] if "results" in response.context else True
    content = text_of(response)
    assert "/it/search/?category=catering" in content
    assert 'href="/it/calendario/"' in content
    assert 'href="/it/san-salvario/"' in content and 'href="/it/mirafiori-sud/"' in content


def test_a_search_that_finds_nothing_offers_ways_in(client, tree):
    response = search(client, q="astronave", district="mirafiori-sud")
    assert response.status_code == 200
    content = text_of(response)
    assert "Nessun risultato per «astronave»" in content  # the heading, not only the search box
    assert "Che cosa cerchi?" not in content
    assert "/it/search/?category=courses" in content
    assert 'href="/it/calendario/"' in content
    assert "/it/search/?q=astronave" in content  # the same words without the filters


def test_a_misspelt_query_shows_the_results_of_the_corrected_one(client, tree):
    response = search(client, q="sportelo di ascolot")
    outcome = response.context["outcome"]
    assert outcome.corrected == "sportello ascolto"
    assert titles(response) == ["Sportello di ascolto"]
    assert "sportello ascolto" in text_of(response)


def test_the_spelling_vocabulary_follows_what_is_published(client, tree, district):
    assert search(client, q="ceramcia").context["outcome"].count == 0
    EventPageFactory(parent=district, title="Laboratorio di ceramica")
    response = search(client, q="ceramcia")
    assert response.context["outcome"].corrected == "ceramica"
    assert titles(response) == ["Laboratorio di ceramica"]


def test_when_no_page_has_every_word_pages_with_some_of_them_are_shown(client, tree):
    response = search(client, q="sportello astronave")
    outcome = response.context["outcome"]
    assert outcome.any_words
    assert titles(response)[0] == "Sportello di ascolto"


def test_a_district_named_in_another_language_is_understood(client, tree, district, site_tree, en_home):
    english = publish_translation(district, site_tree.en)
    english.slug = "san-salvario-district"
    english.save_revision().publish()
    publish_translation(tree["desk"], site_tree.en)
    response = search(client, "en", q="sportello", district="san-salvario")
    assert response.status_code == 200
    assert titles(response) == ["Sportello di ascolto"]


# --- The search box everywhere, and its suggestions -------------------------------------------


def test_the_search_box_is_in_every_page_and_its_script_is_external(client, tree):
    content = client.get("/it/san-salvario/").content.decode()
    assert 'action="/it/search/"' in content
    assert 'data-suggest-url="/it/search/suggest/"' in content
    assert re.search(r'<script src="/static/js/search-suggest\.js" defer></script>', content)
    # The Content-Security-Policy forbids inline scripts: every <script> has a src.
    assert not re.search(INLINE_SCRIPT, content)
    page = search(client, q="sportello").content.decode()
    assert 'data-suggest-url="/it/search/suggest/"' in page
    assert not re.search(INLINE_SCRIPT, page)
    assert client.get("/static/js/search-suggest.js").status_code == 200


def test_suggestions_are_titles_and_addresses_as_json(client, tree):
    response = client.get("/it/search/suggest/", {"q": "spor"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert [(item["title"], item["url"]) for item in data["results"]] == [
        ("Sportello di ascolto", "/it/san-salvario/sportello-di-ascolto/")
    ]
    assert data["results"][0]["type"]  # "Iniziativa": the kind of page, in the reader's language
    assert data["status"]


@pytest.mark.parametrize("typed", ["caffett", "caffèt", "CAFF"])
def test_suggestions_ignore_accents_and_case(client, tree, typed):
    found = [item["title"] for item in client.get("/it/search/suggest/", {"q": typed}).json()["results"]]
    assert "Caffetteria della Casa nel Parco" in found


def test_suggestions_need_two_letters_and_stay_in_the_language(client, tree, en_home):
    assert client.get("/it/search/suggest/", {"q": "s"}).json()["results"] == []
    assert client.get("/it/search/suggest/", {"q": "'\";--"}).json()["results"] == []
    assert client.get("/en/search/suggest/", {"q": "spor"}).json()["results"] == []


def test_a_kept_page_of_results_loses_a_withdrawn_page_at_once(client, tree):
    """The page of results is kept until the content changes: an unpublished page and a page
    made private leave it on the next search, and a new page joins it."""
    assert titles(search(client, q="cena")) == ["Cena dal mondo"]
    assert titles(search(client, q="cena")) == ["Cena dal mondo"]  # kept
    type(tree["dinner"]).objects.get(pk=tree["dinner"].pk).unpublish()
    assert titles(search(client, q="cena")) == []
    assert titles(search(client, q="sportello")) == ["Sportello di ascolto"]
    PageViewRestriction.objects.create(page=tree["desk"], restriction_type="password", password="cortile")
    assert titles(search(client, q="sportello")) == []
    EventPageFactory(parent=tree["course"].get_parent(), title="Cena sociale")
    assert titles(search(client, q="cena")) == ["Cena sociale"]
