"""The small, site-wide tables that nearly every page and API answer reads, cached between requests.

The core keeps the locales, the sites with their root pages and the view restrictions; the
content apps register the rest from their `AppConfig.ready` with `register_table` (initiatives:
categories, audiences, spoken languages; districts: neighbourhood houses with their opening
hours, Community Managers with their photo renditions, the live district pages). A registered
table reads as an attribute of the directory: `directory.categories`, `directory.districts`.

They are a few dozen rows that nearly every item refers to; reading them per request would cost
a dozen queries. The directory keeps them in the default cache under the portal's shared content
version (`portal.core.page_cache`), which every content save, publish, unpublish, move and
delete bumps, so an edit in one worker is seen by every other at once. Each process also keeps
the last directory it read, with its version: unpickling a few hundred rows from the cache cost
more than the rest of an event page, and a request only compares the version it reads anyway.
Its rows are therefore shared by the requests a process serves until the version moves: nothing
may store on them what depends on the reader or on the clock (the house of a district in the
district's own language, a rendition of a manager's photo, are fine), and no table may change
with the clock by itself (`valid_until`).

Translatable rows are read in a locale by the portal's one rule (`Translated`): a row's
translation in the reader's locale if there is one, else the row itself, as Wagtail's
`.localized` has it. A page's links (its category, house, audiences) point to the source
language's row, so "itself" is the source. A translation key alone (an occurrence row's
district) stands for its group's source: the row in the default locale, else the first stored.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Model, Q
from wagtail.models import Locale, Page, Site

from .i18n import active_locale, content_language
from .page_cache import cached_by_version, request_version
from .sites import site_for_request
from .visibility import get_guards, under

# name -> (load, index): what the content apps registered (`register_table`).
TABLES = {}


# --- The one "localized" lookup ----------------------------------------------------------------


class Translated:
    """Rows of one translatable model (snippets or pages), each read in a locale by the one rule
    of the module's docstring: its translation there, else itself (or, for a translation key,
    the group's source)."""

    def __init__(self, rows=(), default_locale_id=None):
        self.default_locale_id = default_locale_id
        self.by_id = {}
        self.groups = {}  # translation key -> {locale id: row}, the first stored first
        for row in rows:
            self.add(row)

    def add(self, row):
        self.by_id[row.pk] = row
        self.groups.setdefault(row.translation_key, {}).setdefault(row.locale_id, row)

    def __iter__(self):
        return iter(self.by_id.values())

    def __len__(self):
        return len(self.by_id)

    def localized(self, row, locale_id):
        """`row` (or the id of a stored row) in `locale_id`: its translation there, else `row`
        itself; None for None or an unknown id."""
        if not isinstance(row, Model):
            row = self.by_id.get(row)
        if row is None:
            return None
        return self.groups.get(row.translation_key, {}).get(locale_id, row)

    def source(self, translation_key):
        """The row a group was translated from: its row in the default locale, else the first."""
        group = self.groups.get(translation_key)
        if not group:
            return None
        return group.get(self.default_locale_id) or next(iter(group.values()))

    def for_key(self, translation_key, locale_id):
        """The row with this translation key in `locale_id`, else its source; None if unknown."""
        return self.localized(self.source(translation_key), locale_id)

    def in_locale(self, locale_id):
        """What a reader of `locale_id` may choose from: every group written in that locale or in
        the default one, once, in `locale_id` where translated, in the order of those rows."""
        keys = dict.fromkeys(
            row.translation_key for row in self if row.locale_id in (locale_id, self.default_locale_id)
        )
        return [self.for_key(key, locale_id) for key in keys]


class PageTree(Translated):
    """Live pages of one type in tree order, each in a locale by the one rule, and the one above a
    page (`above`)."""

    @cached_property
    def by_path(self):
        return {page.path: page for page in self}

    def above(self, page):
        """The nearest of these pages above `page` (in its own locale, as its tree is), or None."""
        by_path = self.by_path
        for depth in range(page.depth - 1, 0, -1):
            found = by_path.get(page.path[: depth * page.steplen])
            if found is not None:
                return found
        return None


def by_id(rows, default_locale_id=None):
    """{id: row}: the index of a table whose rows are not translated."""
    return {row.pk: row for row in rows}


def register_table(name, load, index=by_id):
    """Keep `load()`'s rows in every directory, read as `directory.<name>`.

    For the content apps' `AppConfig.ready`. `index(rows, default_locale_id)` arranges the rows:
    `Translated` for translatable rows, `PageTree` for live pages of one type in tree order,
    `by_id` ({id: row}, the default) for the others. The rows travel through the cache, so they
    carry everything prefetched with them and must be picklable.
    """
    TABLES[name] = (load, index)


# --- The directory -----------------------------------------------------------------------------


@dataclass
class Directory:
    locales: dict  # locale id -> Locale
    default_locale_id: int
    guards: object  # portal.core.visibility.Guards: the view restrictions and the subtrees they guard
    sites: list  # (Site with its root page, [tree paths of the root page and its translations])
    tables: dict = field(default_factory=dict)  # the registered tables, by name

    def __getattr__(self, name):
        # Only for the registered tables (`directory.categories`); read from __dict__, which is
        # still empty while pickle rebuilds the object.
        tables = self.__dict__.get("tables")
        if tables is not None and name in tables:
            return tables[name]
        raise AttributeError(f"{type(self).__name__!r} has no attribute or registered table {name!r}")

    def active_locale(self):
        """The reader's locale, `Locale.get_active()`, without a query (portal.core.i18n)."""
        return active_locale(self.locales.values())

    def locale_id_for(self, language_code):
        """The Locale id of a content language code; None for an unknown or uncreated one."""
        code = content_language(language_code)
        return next((locale.pk for locale in self.locales.values() if locale.language_code == code), None)

    def public_pages(self, request):
        """Live pages of the request's site (every locale) outside restrictions the request
        has not passed: Wagtail's `get_public_pages_queryset` without its three queries, by
        the portal's rule (portal/core/visibility.py: an alias or a translation of a private
        page is private too)."""
        condition = self.public_condition(request)
        return Page.objects.filter(condition) if condition is not None else Page.objects.none()

    def public_condition(self, request):
        """`public_pages` as a condition, for a query of one page type that tests its own rows
        (no `id IN (every public page)` to count); None when the request's host has no site."""
        site = site_for_request(request, [site for site, _paths in self.sites])
        if site is None:
            return None
        condition = Q(live=True)
        hidden = self.guards.paths_hidden_from(request)
        if hidden:
            condition &= ~under(hidden)
        paths = next(paths for candidate, paths in self.sites if candidate.pk == site.pk)
        scope = Q()
        for path in paths:
            scope |= Q(path__startswith=path)
        return condition & scope


def build_directory() -> Directory:
    default = Locale.get_default()
    return Directory(
        locales={locale.pk: locale for locale in Locale.objects.all()},
        default_locale_id=default.pk,
        guards=get_guards(),
        sites=[
            (
                site,
                [
                    site.root_page.path,
                    *Page.objects.filter(translation_key=site.root_page.translation_key).values_list(
                        "path", flat=True
                    ),
                ],
            )
            for site in Site.objects.select_related("root_page")
        ],
        tables={name: index(load(), default.pk) for name, (load, index) in TABLES.items()},
    )


# (content version, Directory): the last directory this process read (the module's docstring).
_kept = (None, None)


def get_directory(request=None) -> Directory:
    """The directory for the current content version: the one this process kept when nothing
    changed (no query at all when `request` has already read the version), else one cache read.
    A cache outage costs the queries of build_directory(), not an error."""
    global _kept
    try:
        version = request_version(request)
    except Exception:
        return cached_by_version(request, "core:directory", build_directory)
    kept_version, kept = _kept
    if kept_version == version:
        return kept
    directory = cached_by_version(request, "core:directory", build_directory)
    _kept = (version, directory)
    return directory


def reader_locale(request=None):
    """The reader's locale (`Locale.get_active()`) from the cached directory, without a query."""
    return get_directory(request).active_locale()
