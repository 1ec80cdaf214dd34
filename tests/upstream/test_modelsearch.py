"""modelsearch's internals the portal's search backend relies on (portal.core.upstream, "modelsearch").

tests/search checks the portal backend's behaviour on each database; these tests fail when an
upgrade of modelsearch moves a part it is built from.
"""

import pytest
from django.db import connection
from modelsearch.backends import database
from wagtail.models import Page

from portal.core import upstream
from tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")


# The portal indexes an Italian page with PostgreSQL's "italian" configuration; modelsearch's own
# backend must search with it too to find the page.
PARAMS = {"SEARCH_CONFIG": "italian"} if connection.vendor == "postgresql" else {}


def modelsearch_backend_class():
    """The class of modelsearch's own backend for this database (not the portal's)."""
    return type(database.SearchBackend({}))


@pytest.fixture
def tombolata(district):
    return EventPageFactory(parent=district, title="Tombolata di quartiere")


def test_the_vendor_of_modelsearchs_database_backend_is_known():
    assert upstream.database_search_vendor(database.SearchBackend({})) == connection.vendor
    assert upstream.database_search_vendor(object()) is None


def test_every_search_and_autocomplete_goes_through_prepare_query(tombolata):
    seen = []

    class Backend(upstream.SearchBackendHooks, modelsearch_backend_class()):
        def prepare_query(self, query, model_or_queryset):
            seen.append((query, model_or_queryset.model))
            return "tombolata"

    backend = Backend(PARAMS)
    assert [page.pk for page in backend.search("anything", Page.objects.live())] == [tombolata.pk]
    assert seen == [("anything", Page)]
    list(backend.autocomplete("tomb", Page.objects.live()))
    assert seen[-1] == ("tomb", Page)


def test_the_ranking_is_built_by_rank_expression(tombolata):
    base = modelsearch_backend_class()
    asked = []

    class Compiler(upstream.RankHooks, base.query_compiler_class):
        def rank_expression(self, vectors, config):
            asked.append(config)
            return super().rank_expression(vectors, config)

    class Backend(base):
        query_compiler_class = Compiler

    assert [page.pk for page in Backend(PARAMS).search("tombolata", Page.objects.live())] == [tombolata.pk]
    assert asked


@on_sqlite
def test_the_rank_expression_is_read_from_the_compiler(tombolata):
    """The portal's SQLite results rank in a query of their own, with the compiler's expression."""
    parts = upstream.modelsearch_sqlite()
    compiler = parts.SQLiteSearchQueryCompiler(Page.objects.live(), "tombolata")
    config = compiler.get_config(database.SearchBackend({}))
    rank = upstream.compiler_rank_expression(compiler, compiler.get_search_vectors(), config)
    search_query = compiler.build_search_query(parts.normalize(compiler.query), config=config)
    match = parts.MatchExpression(compiler.FTS_TABLE_FIELDS, search_query)
    rows = (
        parts.SQLiteFTSIndexEntry.objects.filter(match)
        .annotate(score=rank)
        .values_list("index_entry__object_id", "score")
    )
    ((object_id, score),) = rows
    assert object_id == str(tombolata.pk) and isinstance(score, float)


def test_results_are_fetched_and_counted_through_the_hooks(tombolata):
    base = modelsearch_backend_class()
    calls = []

    class Results(upstream.SearchResultsHooks, base.results_class):
        def fetch_results(self):
            calls.append("fetch")
            return super().fetch_results()

        def count_results(self):
            calls.append("count")
            return super().count_results()

    class Backend(base):
        results_class = Results

    backend = Backend(PARAMS)
    assert backend.search("tombolata", Page.objects.live()).count() == 1
    results = backend.search("tombolata", Page.objects.live()).annotate_score("relevance")
    assert results.score_field == "relevance"
    assert [page.pk for page in results] == [tombolata.pk]
    assert calls == ["count", "fetch"]
    assert backend.search("tombolata", Page.objects.live()).score_field is None


def test_the_postgresql_parts():
    parts = upstream.modelsearch_postgres()
    assert callable(parts.PostgresIndex.add_items)
    compiler = parts.PostgresSearchQueryCompiler
    for name in ("get_config", "build_tsrank", "_build_rank_expression", "LAST_TERM_IS_PREFIX"):
        assert hasattr(compiler, name), name
    assert issubclass(parts.PostgresAutocompleteQueryCompiler, compiler)


@on_postgres
def test_the_postgresql_backend_reads_its_configuration_from_config(tombolata):
    parts = upstream.modelsearch_postgres()
    backend = parts.PostgresSearchBackend({"SEARCH_CONFIG": "simple"})
    assert backend.config == "simple"
    assert isinstance(database.SearchBackend({}), parts.PostgresSearchBackend)


@on_sqlite
def test_the_sqlite_parts(tombolata):
    parts = upstream.modelsearch_sqlite()
    assert isinstance(database.SearchBackend({}), parts.SQLiteSearchBackend)
    compiler_class = parts.SQLiteSearchQueryCompiler
    for name in ("get_config", "build_tsrank", "build_search_query", "build_search_query_content"):
        assert callable(getattr(compiler_class, name)), name
    assert compiler_class.FTS_TABLE_FIELDS == ["title", "body"]
    assert compiler_class.LAST_TERM_IS_PREFIX is False
    assert parts.SQLiteAutocompleteQueryCompiler.LAST_TERM_IS_PREFIX is True
    compiler = compiler_class(Page.objects.live(), "tombolata")
    query = parts.normalize(compiler.query)
    assert compiler.order_by_relevance is True and compiler.fields is None
    assert all(len(vector) == 2 for vector in compiler.get_search_vectors())  # (expression, boost)
    assert type(compiler.build_tsrank(None, query)) is parts.BM25
    assert isinstance(compiler.build_search_query_content(query), parts.SearchQueryExpression)
    # How the portal's compiler builds a stemmed query (SQLite's FTS5 does not stem) and reads
    # the ranked ids itself.
    stems = parts.SearchQueryExpression(parts.Lexeme("tombol", prefix=True) & parts.Lexeme("quartiere"))
    pages = parts.get_descendants_content_types_pks(Page)
    for search_query in (compiler.build_search_query(query), stems):
        rows = parts.SQLiteFTSIndexEntry.objects.filter(
            parts.MatchExpression(compiler.FTS_TABLE_FIELDS, search_query)
        ).filter(index_entry__content_type__in=pages)
        assert rows.values_list("index_entry__object_id", flat=True).get() == str(tombolata.pk)
    assert {"_do_search", "_do_count"} <= set(vars(parts.SQLiteSearchResults))
