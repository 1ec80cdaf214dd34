"""Queries and index text as the search sees them: folded, cleaned, capped (no database)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.core.search.config import search_backends
from portal.core.search.text import (
    MAX_QUERY_LENGTH,
    MAX_QUERY_WORDS,
    fold,
    folded_variants,
    loose_stem,
    normalise_query,
    query_terms,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Caffè", "caffe"),
        ("CITTÀ", "citta"),
        ("événement à l'école", "evenement a l'ecole"),
        ("Año niño", "ano nino"),
        ("Ștefan și Țara", "stefan si tara"),
        ("cœur, Straße", "coeur, strasse"),
        ("مَرْحَبًا", "مرحبا"),  # Arabic keeps its letters, loses only the vowel marks
        ("中文", "中文"),
    ],
)
def test_fold_removes_accents_and_case_only(text, folded):
    assert fold(text) == folded


def test_punctuation_that_databases_read_as_operators_never_reaches_them():
    assert normalise_query('"caffè" (città) OR NEAR* -- ; dell\'Ottocento') == (
        "caffe citta or near dell ottocento"
    )
    assert normalise_query("'\";--%_*") == ""
    assert normalise_query("   ") == ""


def test_queries_are_capped_in_words_and_length():
    assert len(normalise_query("parola " * 50).split()) == MAX_QUERY_WORDS
    long_words = " ".join(["abcdefghijklmnopqrstuvwxyz"] * 8)
    assert len(normalise_query(long_words)) <= MAX_QUERY_LENGTH
    assert len(normalise_query("x" * 10_000)) <= MAX_QUERY_LENGTH


def test_small_words_are_dropped_in_the_query_language_unless_nothing_else_is_left():
    assert normalise_query("corso di italiano", "it") == "corso italiano"
    assert normalise_query("Sportello per la casa", "it") == "sportello casa"
    assert normalise_query("the Italian course", "en") == "italian course"
    assert normalise_query("cours de la langue", "fr") == "cours langue"
    assert normalise_query("di", "it") == "di"
    assert normalise_query("corso di italiano") == "corso di italiano"  # no language: all words


def test_chinese_is_searched_by_pairs_of_characters():
    assert query_terms("意大利语课程") == ["意大", "大利", "利语", "语课", "课程"]
    assert query_terms("中 A1") == ["中", "a1"]


def test_index_gets_the_folded_form_of_accented_words_only():
    assert folded_variants("Caffè del Parco", "La città, la CITTÀ") == "caffe citta"
    assert folded_variants("Senza accenti") == ""
    assert "意大" in folded_variants("意大利语课程").split()


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("corsi", ("cors", True)),
        ("sportello", ("sportell", True)),
        ("courses", ("cours", True)),
        ("casa", ("casa", False)),
        ("desk", ("desk", False)),
        ("a1", ("a1", False)),
        ("意大利语", ("意大利语", False)),
    ],
)
def test_loose_stems_for_a_database_without_stemming(term, expected):
    assert loose_stem(term) == expected


# --- Settings from the environment ---------------------------------------------------------


def test_database_search_by_default():
    assert search_backends({}) == {"default": {"BACKEND": "portal.core.search.backend"}}
    assert search_backends({"SEARCH_BACKEND": "database", "SEARCH_CONFIG": "italian"})["default"] == {
        "BACKEND": "portal.core.search.backend",
        "SEARCH_CONFIG": "italian",
    }


def test_elasticsearch_or_opensearch_by_environment():
    backends = search_backends(
        {"SEARCH_BACKEND": "elasticsearch8", "SEARCH_URL": "https://search.example:9200, http://b:9200"}
    )
    default = backends["default"]
    assert default["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert default["URLS"] == ["https://search.example:9200", "http://b:9200"]
    assert default["INDEX_PREFIX"] == "quartieri_"
    assert (
        search_backends({"SEARCH_BACKEND": "opensearch2", "SEARCH_URL": "http://os:9200"})["default"][
            "BACKEND"
        ]
        == "wagtail.search.backends.opensearch2"
    )


@pytest.mark.parametrize(
    "environ",
    [
        {"SEARCH_BACKEND": "solr"},
        {"SEARCH_BACKEND": "elasticsearch8"},
        {"SEARCH_BACKEND": "elasticsearch8", "SEARCH_URL": "ftp://nowhere"},
    ],
)
def test_a_bad_search_setting_stops_start_up_with_a_message(environ):
    with pytest.raises(ImproperlyConfigured, match="SEARCH_"):
        search_backends(environ)
