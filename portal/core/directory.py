"""The small, site-wide tables the headless API reads on every request, cached between requests.

Locales, categories, audiences, spoken languages, neighbourhood houses (with opening hours),
Community Managers (with their photo rendition) and the live districts are a few dozen rows
that nearly every API item refers to. Reading them per request would cost eight queries;
the directory keeps them in the default cache under the portal's shared content version
(`portal.core.page_cache`), which every content save, publish, unpublish, move and delete bumps,
so an edit in one worker is seen by every other at once.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Prefetch
from wagtail.coreutils import get_content_languages, get_supported_content_language_variant

from .sites import site_for_request

# What the public may see is decided in home/visibility.py; the page models import the serve-time
# check from here.
from .visibility import CachedViewRestrictionsMixin, without_restricted  # noqa: F401

MANAGER_PHOTO_SPEC = "fill-400x400"
# The district page's portrait (districts/district_page.html): made with the directory too, so
# that the cached manager carries it (a prefetched image looks for no other rendition).
MANAGER_CARD_SPEC = "fill-200x200"
CACHE_SECONDS = 300


@dataclass
class Translated:
    """Rows of one translatable model, by id and by (translation key, locale id)."""

    by_id: dict = field(default_factory=dict)
    by_key: dict = field(default_factory=dict)

    def add(self, item):
        self.by_id[item.pk] = item
        self.by_key[(item.translation_key, item.locale_id)] = item

    def localized(self, pk, locale_id):
        """The item with id `pk` in `locale_id` if translated, else the item itself (or None)."""
        item = self.by_id.get(pk)
        if item is None:
            return None
        return self.by_key.get((item.translation_key, locale_id), item)

    def in_locale(self, translation_key, locale_id, fallback_locale_id):
        return self.by_key.get((translation_key, locale_id)) or self.by_key.get(
            (translation_key, fallback_locale_id)
        )


@dataclass
class Directory:
    locales: dict  # locale id -> Locale
    default_locale_id: int
    categories: Translated
    audiences: Translated
    houses: Translated
    managers: Translated
    languages: dict  # spoken language id -> SpokenLanguage
    districts: list  # live DistrictPage objects, every locale
    guards: object  # portal.core.visibility.Guards: the view restrictions and the subtrees they guard
    sites: list  # (Site with its root page, [tree paths of the root page and its translations])

    @property
    def restricted_paths(self):
        """The tree paths of the subtrees the public may not see (home/visibility.py)."""
        return self.guards.paths

    def public_pages(self, request):
        """Live pages of the request's site (every locale) outside restrictions the request
        has not passed: Wagtail's `get_public_pages_queryset` without its three queries, by
        the portal's rule (home/visibility.py: an alias or a translation of a private page is
        private too)."""
        from django.db.models import Q
        from wagtail.models import Page

        from .visibility import under

        queryset = Page.objects.all().live()
        hidden = self.guards.paths_hidden_from(request)
        if hidden:
            queryset = queryset.exclude(under(hidden))
        site = site_for_request(request, [site for site, _paths in self.sites])
        if site is None:
            return queryset.none()
        paths = next(paths for candidate, paths in self.sites if candidate.pk == site.pk)
        scope = Q()
        for path in paths:
            scope |= Q(path__startswith=path)
        return queryset.filter(scope)

    @cached_property
    def districts_by_path(self):
        return {district.path: district for district in self.districts}

    def district_of(self, page):
        """The live district page above `page` (same locale, as its tree is), or None."""
        by_path = self.districts_by_path
        steplen = page.steplen
        for depth in range(page.depth - 1, 0, -1):
            district = by_path.get(page.path[: depth * steplen])
            if district is not None:
                return district
        return None

    def district_by_key(self, translation_key, locale_id):
        """The district with this translation key in `locale_id`, else in the default locale."""
        fallback = None
        for district in self.districts:
            if district.translation_key != translation_key:
                continue
            if district.locale_id == locale_id:
                return district
            if district.locale_id == self.default_locale_id or fallback is None:
                fallback = district
        return fallback

    def locale_id_for(self, language_code):
        """The Locale id of a content language code; None for an unknown or uncreated one."""
        try:
            code = get_supported_content_language_variant(language_code)
        except LookupError:
            return None
        if code not in dict(get_content_languages()):
            return None
        for locale in self.locales.values():
            if locale.language_code == code:
                return locale.pk
        return None


def build_directory() -> Directory:
    from wagtail.images import get_image_model
    from wagtail.images.shortcuts import get_rendition_or_not_found
    from wagtail.models import Locale, Page, Site

    from districts.models import CommunityManager, DistrictPage, NeighbourhoodHouse
    from initiatives.models import Audience, Category, SpokenLanguage

    from .visibility import get_guards

    locales = list(Locale.objects.all())
    default = Locale.get_default()
    categories, audiences, houses, managers = Translated(), Translated(), Translated(), Translated()
    for category in Category.objects.all():
        categories.add(category)
    for audience in Audience.objects.all():
        audiences.add(audience)
    for house in NeighbourhoodHouse.objects.prefetch_related("opening_hours"):
        houses.add(house)
    photos = get_image_model().objects.prefetch_renditions(MANAGER_PHOTO_SPEC, MANAGER_CARD_SPEC)
    for manager in CommunityManager.objects.prefetch_related(Prefetch("photo", queryset=photos)):
        if manager.photo is not None:
            # Make the renditions now, so that they travel in the cached directory; a missing
            # original file must not stop every page that reads the directory.
            for spec in (MANAGER_PHOTO_SPEC, MANAGER_CARD_SPEC):
                get_rendition_or_not_found(manager.photo, spec)
        managers.add(manager)
    districts = list(
        DistrictPage.objects.live()
        .only(
            "id",
            "title",
            "slug",
            "path",
            "depth",
            "url_path",
            "translation_key",
            "locale",
            "house",
            "manager",
            "live",
        )
        .order_by("path")
    )
    return Directory(
        locales={locale.pk: locale for locale in locales},
        default_locale_id=default.pk,
        categories=categories,
        audiences=audiences,
        houses=houses,
        managers=managers,
        languages={language.pk: language for language in SpokenLanguage.objects.all()},
        districts=districts,
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
    )


def get_directory(request=None) -> Directory:
    """The directory for the current content version: one cache read when nothing changed
    (and no query at all when `request` has already read the version)."""
    from portal.core.page_cache import cached_by_version

    # A cache outage costs the queries of build_directory(), not an error.
    return cached_by_version(request, "api:directory", build_directory, CACHE_SECONDS)
