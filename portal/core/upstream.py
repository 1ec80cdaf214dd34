"""The one door to what the portal's libraries do not promise: their private and internal parts.

Wagtail 8.0 loses its security support in February 2027, and upgrading it brings new releases of
wagtail-localize, modelsearch, django-recurrence and Django. Their documented API is kept across
releases or deprecated first; their underscore names, internal modules and the way their views
work inside are not, and a change there breaks the portal without an error: a permission check
skipped, a cache never read, a query run ten thousand times. So every such touchpoint lives
here, as a small named function or class whose docstring names the upstream code it relies on,
and tests/upstream/ holds a test per touchpoint that exercises the real upstream object: after an
upgrade, `pytest tests/upstream` fails loudly in one place and says which reliance broke.

A touchpoint is: an underscore name of upstream code (an attribute read or written, a method
called or overridden), an import from an upstream module that is not its documented API, a
replacement of an upstream module's attribute, or copied upstream behaviour that must stay in
step. The rest of the project obtains these from here only.

Touchpoints (door name → upstream code it relies on → why; who uses it):

Django
- `file_is_committed` → `django.db.models.fields.files.FieldFile._committed` → a new upload is
  not yet in the storage; portal.core.image_metadata.
- `request_hostname` → `HttpRequest._get_raw_host()`, `django.http.request.split_domain_port` →
  the host as Wagtail's `Site._find_for_request` reads it, without ALLOWED_HOSTS' DisallowedHost;
  portal.core.sites (for the routing and the directory).
- `is_database_cache`, `DATABASE_CACHE_APP_LABEL` → `django.core.cache.backends.db.BaseDatabaseCache`
  and its `CacheEntry` routing model (app label "django_cache", documented for routers; its table
  is the cache's LOCATION) → the shared cache's own database; portal.core.databases, portal.health.
- `queued_on_commit` → `BaseDatabaseWrapper.run_on_commit`, the (savepoint ids, callback,
  robust) entries `transaction.on_commit` queues → one callback per transaction however many
  changes ask for it; portal.core.page_cache (pending bumps).
- `redis_cache_servers` → `RedisCache._servers` → the Redis locations, for the circuit breaker's
  key and its log lines; portal.core.cache.
- `top_level_lookups` → `Query.where` (`django.db.models.sql.where.WhereNode`: `children`,
  `connector`, `negated`; lookups' `lhs.target` and `rhs`) → the locale a searched queryset is
  filtered on; portal.core.search.backend.

Third-party bits of the request cycle
- `exempt_from_csp` → django-csp's `response._csp_exempt` (what its `@csp_exempt` sets, what
  `CSPMiddleware.process_response` reads) → signed-in editors keep Wagtail's inline scripts;
  portal.security.
- `replace_query_params` → Django REST framework's `Request._request` (`query_params` and the
  proxied `GET` read it) → Wagtail's SearchFilter searches the cleaned words; portal.core.api.strict.

Wagtail
- `api_endpoints` → `WagtailAPIRouter._endpoints`, the registered {name: viewset} → every
  endpoint the OpenAPI document must describe; portal.api.openapi.document.
- `remembered_site` → `request._wagtail_site`, the cache of `Site.find_for_request` → one site
  lookup per request, shared with Wagtail's own; portal.core.sites (for the routing and the
  directory).
- `remember_route`, `route_is_remembered` → `request._wagtail_route_for_request`, the cache of
  `Page.route_for_request`, which `wagtail.views.serve` calls → the portal's two-query routing
  hands its answer to Wagtail's serve view; portal.core.routing.
- `set_cached_parent` → django-treebeard's `MP_Node._cached_parent_obj`, read by `get_parent()`
  and set the same way by `Page.route()` → no query for the parent; portal.core.routing.
- `stream_raw_items`, `unconverted_stream_items`, `set_stream_child` → `StreamValue._raw_data`,
  `StreamValue._bound_blocks`, `StreamValue.StreamChild` (wagtail/blocks/stream_block.py; what
  `StreamValue._prefetch_blocks` does for one stream) → the API converts the streams of a whole
  listing with one `bulk_to_python` per block type, Wagtail only stream by stream;
  portal.core.api.serializers, portal.api.pages.
- `keep_child_of_mark` → `queryset._filtered_by_child_of`, set by the API's `ChildOfFilter` and
  read by `DescendantOfFilter` (wagtail/api/v2/filters.py), carried over as `LocaleFilter` does →
  `?child_of=` with `?locale=` keeps Wagtail's checks; portal.core.api.strict.
- `rich_text_link_attrs` → `wagtail.rich_text.rewriters.FIND_A_TAG`, `extract_attrs` → the page
  ids linked from rich text, read as Wagtail's link rewriter reads them; portal.core.api.links.
- `file_hash` → `wagtail.utils.file.hash_filelike`, as `AbstractImage._set_file_hash` computes
  `file_hash` (duplicate detection) → a cleaned or generated image keeps a correct hash;
  portal.core.image_metadata, portal.demo.images.
- Copied behaviour, no private name: `portal.core.sites.match_site` ranks sites as
  `wagtail.models.sites.get_site_for_hostname` does; tests/test_sites.py compares the two.

wagtail-localize
- `localize_user_can_edit_instance`, `replace_localize_user_can_edit_instance` →
  `wagtail_localize.views.edit_translation.user_can_edit_instance`, looked up in its module by
  every translation-editor endpoint → the portal's per-record scope replaces it (wagtail-localize
  checks only the snippet *type*); districts.localize_scope.
- `wagtail_localize_views` → `wagtail_localize.views.submit_translations.SubmitPageTranslationView`,
  `SubmitSnippetTranslationView`, `views.update_translations.UpdateTranslationsView`,
  `UpdateTranslationsForm` (its `publish_translations` field) → subclassed to check the object
  and to withhold "Publish immediately"; districts.localize_scope.
- `localize_admin_routes` → `wagtail_localize.wagtail_hooks.register_admin_urls` and its URL
  names → the scoped views are served at wagtail-localize's own paths; districts.localize_scope.
- `synchronize_tree`, `create_aliases_for_new_page` → `wagtail_localize.synctree` → the demo's
  other locales follow the Italian tree; portal.demo.

modelsearch (the backend under `wagtail.search`)
- `modelsearch_postgres`, `modelsearch_sqlite` → `modelsearch.backends.database.postgres.postgres`,
  `.sqlite.query`, `.sqlite.sqlite`, `modelsearch.utils.get_descendants_content_types_pks`, and the
  public-named methods of their classes that the portal overrides or calls (`add_items`,
  `get_config`, `build_tsrank`, `build_search_query`, `build_search_query_content`,
  `get_search_vectors`, `LAST_TERM_IS_PREFIX`, `FTS_TABLE_FIELDS`, the backend's `config`) → the
  per-language PostgreSQL configurations, SQLite stemming and ranking; portal.core.search.backend.
- `database_search_vendor` → the class names of modelsearch's database backends, the choice of
  `modelsearch.backends.database.SearchBackend`; portal.core.search.backend.
- `SearchBackendHooks` → `BaseSearchBackend._search` → every query normalised before it runs.
- `RankHooks`, `compiler_rank_expression` → the compilers' `_build_rank_expression` → titles
  first in the ranking, and the same ranking read by the SQLite results below.
- `SearchResultsHooks` → `BaseSearchResults._do_search`, `_do_count`, `_score_field` → SQLite
  results ranked in one query instead of one subquery per row (the approach of
  wagtail/django-modelsearch#85: minutes for a common word on a large index).

django-recurrence
- `recurrence_by_params` → `recurrence.Rule.byparams`, the names of a rule's BYxxx attributes →
  the rule's options as dateutil takes them; initiatives.recurrence_rules.
- No private name: initiatives/widgets.py and its stylesheet counter two rules of
  `recurrence/css/recurrence.css` (`float: left` on the widget, `width: auto` on its inputs);
  tests/upstream watches that they are still there.

Public, used where they are (no door): Django's `Model._meta`, `Model._default_manager` and
`Model._state` (documented Model API); Wagtail's hooks, viewsets and their view classes,
`get_*` methods and `run_before_hook` (BeforeAfterHookMixin's override point), the API v2
viewsets, filters and serializer fields, `PageLinkHandler.expand_db_attributes_many`;
wagtail-localize's models and fields; django-recurrence's `Recurrence`, `Rule`, `serialize`,
`RecurrenceField`, `RecurrenceWidget`; `modelsearch.backends.database` and `modelsearch.query`.

Ours, not upstream (left where they are): underscore attributes the portal keeps on its own
objects (the API views' `self._directory`, the sitemap's `self._page_list`…) or puts on objects
of others under its own names (`request._content_version`, `request._valid_until` in
portal.core.page_cache, the compiler's `_ranked_ids` in portal.core.search.backend).
"""

from types import SimpleNamespace

from django.core.cache.backends.db import BaseDatabaseCache
from django.db.models.lookups import Exact, In
from django.db.models.sql.where import WhereNode
from django.http.request import split_domain_port
from wagtail.blocks import StreamValue
from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs
from wagtail.utils.file import hash_filelike

# --- Django ------------------------------------------------------------------------------------


def file_is_committed(file):
    """Whether `file` (a FieldFile) is already in its storage: Django's `FieldFile._committed`,
    False from the moment a new file is assigned until `FieldFile.save()` writes it."""
    return file._committed


def request_hostname(request):
    """The request's host name without its port, as Wagtail's `Site._find_for_request` reads it:
    `split_domain_port(request._get_raw_host())`, which skips the ALLOWED_HOSTS check that
    `request.get_host()` makes (the check answers elsewhere; routing must not raise)."""
    return split_domain_port(request._get_raw_host())[0]


# Django's DatabaseCache routes its table as a model of this app label (documented for database
# routers: "a model named CacheEntry, in an application named django_cache").
DATABASE_CACHE_APP_LABEL = "django_cache"


def is_database_cache(cache):
    """Whether the cache object keeps its entries in a database table (its LOCATION):
    `django.core.cache.backends.db.BaseDatabaseCache`, the undocumented base of DatabaseCache."""
    return isinstance(cache, BaseDatabaseCache)


def queued_on_commit(connection):
    """The callbacks queued by `transaction.on_commit` in `connection`'s open transaction."""
    return [entry[1] for entry in connection.run_on_commit]


def redis_cache_servers(cache):
    """The server locations of a `django.core.cache.backends.redis.RedisCache`: its private
    `_servers`, the LOCATION split at commas and semicolons."""
    return list(cache._servers)


def top_level_lookups(queryset):
    """[(field, values)] of the `field=value` and `field__in=[…]` conditions every row of
    `queryset` meets: the Exact and In lookups at the top of its WHERE clause (nested AND groups
    included, nothing negated or joined by OR), with plain int or str values only.

    Reads Django's query internals: `queryset.query.where` (a WhereNode with `children`,
    `connector` and `negated`) and each lookup's `lhs.target` (the field) and `rhs`.
    """
    found = []

    def walk(node):
        if node.negated or node.connector != "AND":
            return
        for child in node.children:
            if isinstance(child, WhereNode):
                walk(child)
                continue
            if not isinstance(child, Exact | In):
                continue
            target = getattr(child.lhs, "target", None)
            if target is None:
                continue
            if isinstance(child, In):
                if not isinstance(child.rhs, list | tuple | set | frozenset):
                    continue
                values = list(child.rhs)
            else:
                values = [child.rhs]
            if not values or not all(isinstance(value, int | str) for value in values):
                continue
            found.append((target, values))

    walk(queryset.query.where)
    return found


# --- Third-party bits of the request cycle -----------------------------------------------------


def exempt_from_csp(response):
    """Mark `response` as django-csp's `@csp_exempt` does: its private `_csp_exempt` flag, read by
    `csp.middleware.CSPMiddleware.process_response`, which then adds no policy header."""
    response._csp_exempt = True


def replace_query_params(request, params):
    """Give a Django REST framework Request the query parameters `params` (a QueryDict): DRF
    keeps the Django request in its private `_request`, whose `GET` both `request.query_params`
    and the proxied `request.GET` (what Wagtail's API filters read) return."""
    request._request.GET = params


# --- Wagtail -----------------------------------------------------------------------------------


def api_endpoints(router):
    """{name: viewset} of the endpoints registered on a WagtailAPIRouter, in their order (the
    router keeps them in `_endpoints` and has no public accessor)."""
    return dict(router._endpoints)


def remembered_site(request, find):
    """The Site serving `request`: the one Wagtail's `Site.find_for_request` keeps on the request
    (`request._wagtail_site`), else `find()`'s answer, kept there for Wagtail and the portal."""
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = find()
    return request._wagtail_site


def route_is_remembered(request):
    """Whether `Page.route_for_request` already keeps a route on `request`."""
    return hasattr(request, "_wagtail_route_for_request")


def remember_route(request, route):
    """Keep `route` (a RouteResult, or None for a 404) where `Page.route_for_request` keeps its
    answer (`request._wagtail_route_for_request`): Wagtail's `serve` view then uses it."""
    request._wagtail_route_for_request = route


def set_cached_parent(page, parent):
    """Let `page.get_parent()` answer `parent` without a query: django-treebeard's
    `MP_Node._cached_parent_obj`, which Wagtail's `Page.route()` sets the same way."""
    page._cached_parent_obj = parent


def stream_raw_items(stream):
    """The raw items of a StreamValue as loaded from the database (`StreamValue._raw_data`: one
    {"type", "value", "id"} dict per block, None for a block built in Python)."""
    return list(stream._raw_data)


def unconverted_stream_items(stream):
    """[(index, raw item)] of the blocks of a StreamValue not yet converted to Python values
    (`StreamValue._bound_blocks[index] is None`), as `StreamValue._prefetch_blocks` finds them."""
    raw = stream._raw_data
    return [(index, raw[index]) for index, bound in enumerate(stream._bound_blocks) if bound is None]


def set_stream_child(stream, index, block, value):
    """Store the converted `value` of block `index` in a StreamValue, as
    `StreamValue._prefetch_blocks` does: a `StreamValue.StreamChild` in `_bound_blocks`, with
    the raw item's id."""
    stream._bound_blocks[index] = StreamValue.StreamChild(block, value, id=stream._raw_data[index].get("id"))


def keep_child_of_mark(before, after):
    """`after`, a queryset filtered from `before`, marked with the parent page Wagtail's API
    `ChildOfFilter` left on `before` (`_filtered_by_child_of`, which `DescendantOfFilter` and the
    admin API read), as Wagtail's own `LocaleFilter` carries it over."""
    parent = getattr(before, "_filtered_by_child_of", None)
    if parent is not None:
        after._filtered_by_child_of = parent
    return after


def rich_text_link_attrs(html):
    """The attributes of every `<a>` tag of stored rich text, as dicts of unescaped strings, read
    the way Wagtail's link rewriter reads them (`wagtail.rich_text.rewriters.FIND_A_TAG` and
    `extract_attrs`)."""
    return [extract_attrs(match.group(1)) for match in FIND_A_TAG.finditer(html)]


def file_hash(filelike):
    """The hash Wagtail stores in an image's or document's `file_hash`:
    `wagtail.utils.file.hash_filelike`, as `AbstractImage._set_file_hash` computes it."""
    return hash_filelike(filelike)


# --- wagtail-localize --------------------------------------------------------------------------


def localize_user_can_edit_instance():
    """wagtail-localize's `views.edit_translation.user_can_edit_instance(user, instance)`, as it
    stands now (read it before `replace_localize_user_can_edit_instance`)."""
    # Imported when asked: wagtail-localize's views import its models and Wagtail's admin, which
    # Django allows only once the app registry is ready (this module is imported while models load).
    from wagtail_localize.views import edit_translation

    return edit_translation.user_can_edit_instance


def replace_localize_user_can_edit_instance(check):
    """Make every translation-editor endpoint of wagtail-localize ask `check(user, instance)`:
    they call `user_can_edit_instance` through their module's globals, so replacing the module's
    attribute replaces their check."""
    # Imported when asked: see `localize_user_can_edit_instance`.
    from wagtail_localize.views import edit_translation

    edit_translation.user_can_edit_instance = check


def wagtail_localize_views():
    """wagtail-localize's admin views the portal subclasses (not part of its documented API):
    SubmitPageTranslationView, SubmitSnippetTranslationView (views/submit_translations.py),
    UpdateTranslationsView and UpdateTranslationsForm, whose `publish_translations` field is
    "Publish immediately" (views/update_translations.py)."""
    # Imported when asked: see `localize_user_can_edit_instance`.
    from wagtail_localize.views import submit_translations, update_translations

    return SimpleNamespace(
        SubmitPageTranslationView=submit_translations.SubmitPageTranslationView,
        SubmitSnippetTranslationView=submit_translations.SubmitSnippetTranslationView,
        UpdateTranslationsView=update_translations.UpdateTranslationsView,
        UpdateTranslationsForm=update_translations.UpdateTranslationsForm,
    )


def localize_admin_routes():
    """(prefix, {URL name: route}) of wagtail-localize's admin URLs, from the function its
    `register_admin_urls` hook registers (wagtail_localize/wagtail_hooks.py): one `include` of
    named paths."""
    # Imported when asked: see `localize_user_can_edit_instance`.
    from wagtail_localize.wagtail_hooks import register_admin_urls

    (localize,) = register_admin_urls()
    return str(localize.pattern), {pattern.name: str(pattern.pattern) for pattern in localize.url_patterns}


def synchronize_tree(source_locale, target_locale):
    """Give `target_locale` an alias of every page of `source_locale` it lacks:
    `wagtail_localize.synctree.synchronize_tree`, what saving a LocaleSynchronization runs."""
    # Imported when asked: see `localize_user_can_edit_instance`.
    from wagtail_localize import synctree

    synctree.synchronize_tree(source_locale, target_locale)


def create_aliases_for_new_page(page):
    """Alias a page created outside the admin into every synchronised locale:
    `wagtail_localize.synctree.create_aliases_for_new_page`, what its `after_create_page` hook runs
    for a page created in the admin."""
    # Imported when asked: see `localize_user_can_edit_instance`.
    from wagtail_localize import synctree

    synctree.create_aliases_for_new_page(page)


# --- modelsearch -------------------------------------------------------------------------------


def modelsearch_postgres():
    """modelsearch's PostgreSQL backend classes (modelsearch/backends/database/postgres/postgres.py,
    not its documented API): PostgresIndex, PostgresSearchBackend, PostgresSearchQueryCompiler,
    PostgresAutocompleteQueryCompiler."""
    # Imported when asked: the module needs psycopg and reads modelsearch's models, which Django
    # allows only once the app registry is ready.
    from modelsearch.backends.database.postgres import postgres

    return SimpleNamespace(
        PostgresIndex=postgres.PostgresIndex,
        PostgresSearchBackend=postgres.PostgresSearchBackend,
        PostgresSearchQueryCompiler=postgres.PostgresSearchQueryCompiler,
        PostgresAutocompleteQueryCompiler=postgres.PostgresAutocompleteQueryCompiler,
    )


def modelsearch_sqlite():
    """modelsearch's SQLite FTS5 backend parts (modelsearch/backends/database/sqlite/query.py and
    sqlite.py, not its documented API): the BM25 expression, Lexeme, MatchExpression,
    SearchQueryExpression, the FTS table's model SQLiteFTSIndexEntry, `normalize` (the query tree
    simplified), the backend, its compilers and results, and `get_descendants_content_types_pks`
    (modelsearch/utils.py)."""
    # Imported when asked: modelsearch's SQLite query module looks its FTS model up when
    # imported, which Django allows only once the app registry is ready.
    from modelsearch.backends.database.sqlite import query, sqlite
    from modelsearch.utils import get_descendants_content_types_pks

    return SimpleNamespace(
        BM25=query.BM25,
        Lexeme=query.Lexeme,
        MatchExpression=query.MatchExpression,
        SearchQueryExpression=query.SearchQueryExpression,
        SQLiteFTSIndexEntry=query.SQLiteFTSIndexEntry,
        normalize=query.normalize,
        SQLiteSearchBackend=sqlite.SQLiteSearchBackend,
        SQLiteSearchQueryCompiler=sqlite.SQLiteSearchQueryCompiler,
        SQLiteAutocompleteQueryCompiler=sqlite.SQLiteAutocompleteQueryCompiler,
        SQLiteSearchResults=sqlite.SQLiteSearchResults,
        get_descendants_content_types_pks=get_descendants_content_types_pks,
    )


def database_search_vendor(backend):
    """ "postgresql" or "sqlite" for the backend `modelsearch.backends.database.SearchBackend`
    chose, None for another (MySQL, or the fallback without full-text search). By class name:
    importing the PostgreSQL classes to compare would need psycopg on every database."""
    vendors = {"PostgresSearchBackend": "postgresql", "SQLiteSearchBackend": "sqlite"}
    return vendors.get(type(backend).__name__)


class SearchBackendHooks:
    """Mixin for a modelsearch backend: `prepare_query(query, model_or_queryset)` rewrites every
    query before it runs. modelsearch's `search()` and `autocomplete()` both go through the
    private `BaseSearchBackend._search(query_compiler_class, query, model_or_queryset, **kwargs)`."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        query = self.prepare_query(query, model_or_queryset)
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)

    def prepare_query(self, query, model_or_queryset):
        return query


class RankHooks:
    """Mixin for a modelsearch query compiler: `rank_expression(vectors, config)` is the relevance
    expression results are ordered by; `super().rank_expression(…)` gives modelsearch's own. The
    PostgreSQL and SQLite compilers build it in their private `_build_rank_expression`."""

    def _build_rank_expression(self, vectors, config):
        return self.rank_expression(vectors, config)

    def rank_expression(self, vectors, config):
        return super()._build_rank_expression(vectors, config)


def compiler_rank_expression(compiler, vectors, config):
    """The relevance expression a modelsearch query compiler orders its results by, from its
    search vectors: its private `_build_rank_expression(vectors, config)`."""
    return compiler._build_rank_expression(vectors, config)


class SearchResultsHooks:
    """Mixin for modelsearch search results: `fetch_results()` returns the objects of the slice
    asked for and `count_results()` their total; `super()` gives modelsearch's own. modelsearch
    calls the private `BaseSearchResults._do_search()` and `_do_count()`, and keeps the name of
    the score annotation (`annotate_score()`) in `_score_field`."""

    def _do_search(self):
        return self.fetch_results()

    def _do_count(self):
        return self.count_results()

    def fetch_results(self):
        return super()._do_search()

    def count_results(self):
        return super()._do_count()

    @property
    def score_field(self):
        """The attribute `annotate_score(name)` asked each result's score under, or None."""
        return self._score_field


# --- django-recurrence -------------------------------------------------------------------------


def recurrence_by_params(rule):
    """The names of a django-recurrence Rule's BYxxx attributes ("bymonth", "byday"…):
    `recurrence.Rule.byparams`, undocumented, which django-recurrence itself iterates."""
    return rule.byparams
