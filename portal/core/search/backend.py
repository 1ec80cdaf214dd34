"""The portal's database search backend: modelsearch's, taught that pages have languages.

`WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "portal.core.search.backend"}}` picks, like
`modelsearch.backends.database`, the backend of the default database, and adds:

- Every query is normalised by `portal.core.search.text.normalise_query` before it reaches the database:
  accents folded (the index holds the folded forms, see `portal.core.search.indexing`), punctuation that
  FTS5 or tsquery would read as an operator dropped, length capped, and the small words of the
  query's language ("di", "the", "les") dropped when other words remain, so that SQLite, which
  has no stop-word list, asks for the same words as PostgreSQL.
- PostgreSQL: modelsearch stems every document and every query with one text-search
  configuration (its SEARCH_CONFIG option). Here each object is indexed with the configuration
  of its own locale ("italian", "french"…, "simple" where PostgreSQL has none, as for Chinese),
  and each query with that of the locale the searched queryset is filtered on, which both the
  site's search and `/api/v2/pages/?search=…&locale=…` do. A query over several locales uses
  SEARCH_CONFIG, else the configuration of LANGUAGE_CODE.
- SQLite: FTS5 does not stem, so longer words ending in a vowel are looked up by their stem
  ("corsi" finds "corso", as PostgreSQL's Italian stemmer would have it).
- Ranking, on both: pages whose title holds the query's words come first, the title they
  cover best leading ("Mirafiori Sud" before "Cosa succede a Mirafiori Sud"), then the
  database's own score. FTS5's bm25 normalises by the length of the whole row, so a district,
  whose long body mentions everything, lost to any short page that named it whatever the
  column weights; and modelsearch multiplies that score by the title's length norm, so a page
  with a short title came first whatever matched.

Any other database gets modelsearch's backend unchanged.
"""

import copy
from collections import defaultdict
from functools import cache, lru_cache

from django.conf import settings
from django.db import connection, connections
from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Cast, Greatest
from modelsearch.backends import database

from portal.core import upstream

from .text import MAX_QUERY_WORDS, loose_stem, normalise_query

# PostgreSQL's text-search configurations for the languages the portal offers (and a few more).
POSTGRES_CONFIGS = {
    "ar": "arabic",
    "ca": "catalan",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "it": "italian",
    "nl": "dutch",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "tr": "turkish",
}
# SQLite's ranking (lower is better): FTS5's bm25 with these weights of the columns
# autocomplete, body and title (modelsearch's table order), less SQLITE_TITLE_HIT for each word
# of the title that matches and SQLITE_TITLE_COVERAGE times the share of the title they cover.
SQLITE_COLUMN_WEIGHTS = (0.0, 1.0, 2.0)
SQLITE_TITLE_HIT = 1000
SQLITE_TITLE_COVERAGE = 100
# PostgreSQL's ranking (higher is better): ts_rank, plus the same bonuses for the title.
TITLE_HIT = 1000
TITLE_COVERAGE = 100


def locale_languages():
    """{locale id: language code} of every locale (a handful of rows), kept until the content
    changes."""
    from wagtail.models import Locale

    from portal.core.page_cache import cached_by_version

    return cached_by_version(
        None, "core:locale-languages", lambda: dict(Locale.objects.values_list("pk", "language_code"))
    )


def filtered_language(queryset, languages=None):
    """The language code of the one locale `queryset` is filtered on, else None.

    `languages`: {locale id: language code}, or a callable returning it (read only if needed).

    Reads the filter clause: `locale=…`, `locale_id=…`, `locale__in=[one]` or
    `locale__language_code=…`, at the top level of the WHERE (joined by AND, not negated).
    """
    from wagtail.models import Locale

    found = set()
    for target, values in upstream.top_level_lookups(queryset):
        if target.model is Locale and target.attname == "language_code":
            found.update(("code", value) for value in values)
        elif target.attname == "locale_id" or (target.model is Locale and target.attname == "id"):
            found.update(("id", value) for value in values)
    if len(found) != 1:
        return None
    kind, value = found.pop()
    if kind == "code":
        return value
    languages = locale_languages() if languages is None else languages
    if callable(languages):
        languages = languages()
    try:
        return languages.get(int(value))
    except (TypeError, ValueError):
        return None


class NormalisingBackendMixin(upstream.SearchBackendHooks):
    """Normalise string queries in the language of the searched locale (see the module doc)."""

    _languages = None

    def languages(self):
        """{locale id: language code}, read once per backend instance (that is, per search)."""
        if self._languages is None:
            self._languages = locale_languages()
        return self._languages

    def prepare_query(self, query, model_or_queryset):
        if isinstance(query, str):
            queryset = model_or_queryset
            if not hasattr(queryset, "query"):
                queryset = model_or_queryset._default_manager.all()
            query = normalise_query(query, filtered_language(queryset, self.languages))
        return query


# --- PostgreSQL -------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def available_configs(alias):
    """The text-search configurations this PostgreSQL server has (e.g. "arabic" since 12)."""
    from django.db import connections

    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_catalog.pg_ts_config")
        return frozenset(row[0] for row in cursor.fetchall())


def postgres_config(language_code, fallback="simple"):
    if not language_code:
        return fallback
    config = POSTGRES_CONFIGS.get(language_code.split("-")[0].lower())
    if config is None or config not in available_configs(connection.alias):
        return "simple"
    return config


@cache
def postgres_backend_class():
    from django.contrib.postgres.search import SearchQuery
    from modelsearch.query import PlainText

    postgres = upstream.modelsearch_postgres()

    class LocalisedPostgresIndex(postgres.PostgresIndex):
        def add_items(self, model, objs):
            groups = defaultdict(list)
            for obj in objs:
                groups[self.backend.config_for_locale_id(getattr(obj, "locale_id", None))].append(obj)
            for config, group in groups.items():
                # modelsearch's indexer reads the configuration from the backend it is given.
                backend = copy.copy(self.backend)
                backend.config = config
                index = copy.copy(self)
                index.backend = backend
                super(LocalisedPostgresIndex, index).add_items(model, group)

    class LocalisedPostgresQueryCompiler(upstream.RankHooks, postgres.PostgresSearchQueryCompiler):
        def get_config(self, backend):
            return backend.config_for_queryset(self.queryset)

        def rank_expression(self, vectors, config):
            # As on SQLite: first the pages whose title holds the most query words, then those
            # whose title they cover best, then ts_rank.
            rank = super().rank_expression(vectors, config)
            if self.fields is not None or not isinstance(self.query, PlainText):
                return rank
            title = F("index_entries__title")
            hits = [
                Case(
                    When(
                        Q(index_entries__title=SearchQuery(term, search_type="plain", config=config)), then=1
                    ),
                    default=0,
                    output_field=IntegerField(),
                )
                for term in self.query.query_string.split()[:MAX_QUERY_WORDS]
            ]
            if not hits:
                return rank
            hit_count = sum(hits[1:], hits[0])
            lexemes = Greatest(Func(title, function="length", output_field=IntegerField()), Value(1))
            coverage = Cast(hit_count, FloatField()) / Cast(lexemes, FloatField())
            return rank + TITLE_HIT * hit_count + TITLE_COVERAGE * coverage

    class LocalisedPostgresSearchBackend(NormalisingBackendMixin, postgres.PostgresSearchBackend):
        index_class = LocalisedPostgresIndex
        query_compiler_class = LocalisedPostgresQueryCompiler
        autocomplete_query_compiler_class = postgres.PostgresAutocompleteQueryCompiler

        def __init__(self, params):
            super().__init__(params)
            self.default_config = params.get("SEARCH_CONFIG") or postgres_config(settings.LANGUAGE_CODE)
            self.config = self.default_config

        def config_for_locale_id(self, locale_id):
            if locale_id is None:
                return self.default_config
            return postgres_config(self.languages().get(locale_id), fallback=self.default_config)

        def config_for_queryset(self, queryset):
            language = filtered_language(queryset, self.languages)
            return (
                postgres_config(language, fallback=self.default_config) if language else self.default_config
            )

    return LocalisedPostgresSearchBackend


# --- SQLite -----------------------------------------------------------------------------------


@cache
def sqlite_backend_class():
    from modelsearch.query import MatchAll, Not, PlainText

    sqlite = upstream.modelsearch_sqlite()

    class RelevanceRank(sqlite.BM25):
        """bm25, but first the pages whose title holds the most query words, then those whose
        title the words cover best ("Mirafiori Sud" before "Cosa succede a Mirafiori Sud").

        `title_match`: an FTS5 query that the title of a row matches if and only if it holds a
        word of the search. Given, only those rows compute the title's bonus (highlight() reads
        the title again, several times: most of the cost of ranking 10,000 matches); the others'
        bonus is 0, so their rank is bm25's alone, the same number."""

        def __init__(self, title_match=None):
            super().__init__()
            self.title_match = title_match

        def as_sql(self, compiler, connection, function=None, template=None):
            table = sqlite.SQLiteFTSIndexEntry._meta.db_table
            weights = ", ".join(str(weight) for weight in SQLITE_COLUMN_WEIGHTS)
            sql, params = self.full_sql(table, weights)
            if self.title_match is None:
                return sql, params
            # The table's name is the model's; the query is a parameter.
            titled = f"SELECT rowid FROM {table} WHERE {table} MATCH %s"  # noqa: S608
            return (
                f"(CASE WHEN {table}.rowid IN ({titled}) THEN {sql} ELSE bm25({table}, {weights}) END)",
                [self.title_match, *params],
            )

        def full_sql(self, table, weights):
            marked = f"highlight({table}, 2, char(1), '')"
            hits = f"(length({marked}) - length(replace({marked}, char(1), '')))"
            # The FTS table is aliased inside modelsearch's subquery: read the title through
            # highlight() too, which takes the table's name like bm25().
            title = f"trim(highlight({table}, 2, '', ''))"
            words = f"max(length({title}) - length(replace({title}, ' ', '')) + 1, 1)"
            return (
                f"(bm25({table}, {weights}) - {SQLITE_TITLE_HIT} * {hits}"
                f" - {SQLITE_TITLE_COVERAGE} * {hits} * 1.0 / {words})",
                [],
            )

    class WeightedSQLiteQueryCompiler(sqlite.SQLiteSearchQueryCompiler):
        def get_search_vectors(self):
            # bm25() scores the whole row, so modelsearch's second term (the same score times
            # the title's length norm) favoured pages with short titles whatever matched.
            return [(F("index_entry__title"), 1.0)]

        def build_tsrank(self, vector, query, config=None, boost=1.0):
            rank = super().build_tsrank(vector, query, config=config, boost=boost)
            if type(rank) is not sqlite.BM25:
                return rank
            return RelevanceRank(getattr(self, "title_match_query", None))

        def build_search_query_content(self, query, config=None):
            # FTS5 does not stem: a word of five letters or more that ends in a vowel is looked
            # up by its stem, as PostgreSQL's stemmers would ("corsi" finds "corso").
            if not isinstance(query, PlainText):
                return super().build_search_query_content(query, config=config)
            terms = query.query_string.split()
            lexemes = None
            for position, term in enumerate(terms):
                stem, loose = loose_stem(term)
                last = position == len(terms) - 1
                lexeme = sqlite.Lexeme(stem, prefix=loose or (last and self.LAST_TERM_IS_PREFIX))
                if lexemes is None:
                    lexemes = lexeme
                elif query.operator.upper() == "AND":
                    lexemes &= lexeme
                else:
                    lexemes |= lexeme
            return sqlite.SearchQueryExpression(lexemes, config=config) if lexemes is not None else None

        def title_match(self, query):
            """The FTS5 query a row's title matches if and only if it holds one of the words
            `query` looks for (as highlight() marks them), or None if `query` is not plain text
            over the default columns."""
            if not isinstance(query, PlainText) or self.fields is not None:
                return None
            terms = query.query_string.split()
            words = []
            for position, term in enumerate(terms):
                stem, loose = loose_stem(term)
                last = position == len(terms) - 1
                lexeme = sqlite.Lexeme(stem, prefix=loose or (last and self.LAST_TERM_IS_PREFIX))
                template, params = lexeme.as_sql(None, None)
                words.append(template % tuple(params))
            return "{title} : (" + " OR ".join(words) + ")" if words else None

    def ranked_ids(compiler, backend, stop=None):
        """([(score, pk)] of the objects of the compiler's queryset that match, best first, the
        first `stop` of them; how many match in all), or None when modelsearch's own way applies
        (no relevance order, match-all, negation).

        With integer keys the database ranks and cuts (bm25 and the title's bonus of 10,000 rows
        cost less there than their transfer), else Python sorts them all."""
        query = sqlite.normalize(compiler.query)
        if not compiler.order_by_relevance or isinstance(query, MatchAll | Not):
            return None
        config = compiler.get_config(backend)
        search_query = compiler.build_search_query(query, config=config)
        title_match = getattr(compiler, "title_match", None)  # not on the autocomplete's
        compiler.title_match_query = title_match(query) if title_match else None
        try:
            rank = upstream.compiler_rank_expression(compiler, compiler.get_search_vectors(), config)
        finally:
            del compiler.title_match_query
        pk_field = compiler.queryset.model._meta.pk
        integer_keys = isinstance(pk_field, IntegerField)
        if integer_keys:
            # A lookup of each match's key, cheaper than the set of every key of the queryset.
            key = Cast(OuterRef("index_entry__object_id"), IntegerField())
            wanted = Exists(compiler.queryset.order_by().filter(pk=key))
        else:
            keys = compiler.queryset.order_by().annotate(_search_id=Cast("pk", CharField()))
            wanted = Q(index_entry__object_id__in=keys.values("_search_id"))
        columns = compiler.fields or compiler.FTS_TABLE_FIELDS
        rows = (
            sqlite.SQLiteFTSIndexEntry.objects.filter(sqlite.MatchExpression(columns, search_query))
            .filter(
                index_entry__content_type__in=sqlite.get_descendants_content_types_pks(
                    compiler.queryset.model
                )
            )
            .filter(wanted)
            .annotate(score=rank)
        )
        # modelsearch's order: score, then the newest first.
        if integer_keys:
            # The count is a window over a subquery: FTS5's functions (bm25) may not be used
            # where SQLite computes a window. `inner` is Django's SQL, its values parameters.
            inner, params = rows.values_list("index_entry__object_id", "score").query.sql_with_params()
            sql = (
                'SELECT "index_entry__object_id", "score", count(*) OVER ()'  # noqa: S608
                f' FROM ({inner}) ORDER BY "score", CAST("index_entry__object_id" AS integer) DESC'
            )
            if stop is not None:
                sql, params = f"{sql} LIMIT %s", (*params, stop)
            with connections[compiler.queryset.db].cursor() as cursor:
                cursor.execute(sql, params)
                found = cursor.fetchall()
            total = found[0][2] if found else 0
            return [(score, int(object_id)) for object_id, score, _total in found], total
        ranked = [
            (score, pk_field.to_python(object_id))
            for object_id, score in rows.values_list("index_entry__object_id", "score")
        ]
        ranked.sort(key=lambda item: (item[0], -item[1]) if isinstance(item[1], int) else (item[0],))
        return ranked, len(ranked)

    class RankedSQLiteSearchResults(upstream.SearchResultsHooks, sqlite.SQLiteSearchResults):
        """modelsearch orders SQLite results by a correlated subquery that runs the full-text
        match again for every candidate row: 17 s for a word found in 10,000 pages. Here one
        query reads the (id, score) of the best matches within the searched queryset up to the
        end of the slice, and how many match, and a second query loads the slice asked for.
        A count asked first reads the first COUNTED_AHEAD too, which the page then shows."""

        COUNTED_AHEAD = 100

        def _ranked(self, stop):
            """([(score, pk)] of the first `stop` matches or more (all if None), their total), or
            None; read once per search unless a longer slice is asked for later."""
            compiler = self.query_compiler
            known = getattr(compiler, "_ranked_ids", None)
            if known is not None:
                known_stop, answer = known
                complete = answer is None or known_stop is None or len(answer[0]) < known_stop
                if complete or (stop is not None and stop <= known_stop):
                    return answer
            answer = ranked_ids(compiler, self.backend, stop)
            compiler._ranked_ids = (stop, answer)
            return answer

        def fetch_results(self):
            answer = self._ranked(self.stop)
            if answer is None:
                return super().fetch_results()
            chosen = answer[0][self.start : self.stop]
            objects = self.query_compiler.queryset.filter(pk__in=[pk for _score, pk in chosen])
            by_pk = {obj.pk: obj for obj in objects}
            results = []
            for score, pk in chosen:
                obj = by_pk.get(pk)
                if obj is None:
                    continue
                if self.score_field:
                    setattr(obj, self.score_field, score)
                results.append(obj)
            return results

        def count_results(self):
            answer = self._ranked(max(self.stop or 0, self.COUNTED_AHEAD))
            return super().count_results() if answer is None else answer[1]

    class NormalisingSQLiteSearchBackend(NormalisingBackendMixin, sqlite.SQLiteSearchBackend):
        query_compiler_class = WeightedSQLiteQueryCompiler
        autocomplete_query_compiler_class = sqlite.SQLiteAutocompleteQueryCompiler
        results_class = RankedSQLiteSearchResults

    return NormalisingSQLiteSearchBackend


def SearchBackend(params):  # noqa: N802 (modelsearch looks the backend up by this name)
    backend = database.SearchBackend(params)
    vendor = upstream.database_search_vendor(backend)
    if vendor == "postgresql":
        return postgres_backend_class()(params)
    if vendor == "sqlite":
        return sqlite_backend_class()(params)
    return backend
