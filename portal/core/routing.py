"""Page serving in two queries however deep the page: Wagtail's `serve` view, routed by url_path.

Wagtail's `Page.route_for_request` finds the Site (one query), the active Locale (one), the
root page's translation (one) and its specific row (one), then walks down the URL two queries
per level (the child by slug, then its specific row): eight to ten queries for an event four
levels deep, before anything is rendered. Every page keeps its full `url_path` up to date
(Wagtail rewrites the subtree's on a move or a slug change), so the page at a URL is the one
whose `url_path` is the locale root's plus the requested path. Here the sites and the locale
roots come from a cache kept under the content version (`portal.core.page_cache`), the page and
its ancestors up to the locale root come in one query and the page's specific row, with its
images, in a second.

The rest is Wagtail's own `serve` view, given the route this module found: the `before_serve_page`
and `on_serve_page` hooks (view restrictions, allowed methods), then `page.serve()`. The rules
of `Page.route()` hold: the requested page must be live (its ancestors need not be); the root
is the live translation of the site's root page in the active language, else the root itself;
a URL that matches no page is a 404, which wagtail.contrib.redirects may then redirect; the
page's own `route()` gets the last word.

A page type may route sub-paths of its own (`RoutablePageMixin`: the feeds below a page, see
`portal.core.routable`). Wagtail's walk asks every page on the way, from the root down, whether
it takes the rest of the path before looking for a child: so does this one, over the ancestors it
already holds. A routable page (Wagtail's `RoutablePageMixin.route` over `Page.route`) takes the
rest when it is live and one of its routes matches it, which its class's resolver says without a
query; then its own `route()` answers, as in Wagtail. A page type with any other `route()` of its
own is handed the rest of the path whatever it is, and routes it as Wagtail would.
"""

import hashlib
from functools import cache

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from wagtail import views as wagtail_views
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from .i18n import active_language_code
from .page_cache import cached_by_version
from .routable import takes_rest
from .sites import site_for_request
from .upstream import remember_route, route_is_remembered, set_cached_parent

NOT_ROUTED = object()


def load_sites():
    """The sites, each with its root page in every language, and the existing locales' codes.

    {"sites": [(Site with its root page, {language code: url_path of that locale's root})],
    "locales": {language code}}. The root page's own language maps to the root page even if
    it is not live, another language to the root page's live translation there (as
    `Page.localized` has it).
    """
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    sites = list(Site.objects.select_related("root_page"))
    translations = {}
    rows = Page.objects.filter(
        translation_key__in={site.root_page.translation_key for site in sites}, live=True
    ).values_list("translation_key", "locale_id", "url_path")
    for key, locale_id, url_path in rows:
        translations.setdefault(key, {})[codes.get(locale_id)] = url_path
    result = []
    for site in sites:
        root = site.root_page
        roots = {**translations.get(root.translation_key, {}), codes.get(root.locale_id): root.url_path}
        result.append((site, roots))
    return {"sites": result, "locales": set(codes.values())}


def site_data(request):
    return cached_by_version(request, "core:sites", load_sites)


def find_site(request):
    """`Site.find_for_request` from the cached sites; kept on the request as Wagtail does."""
    return site_for_request(request, [site for site, _roots in site_data(request)["sites"]])


def slug_of(url_path):
    return url_path.rstrip("/").rsplit("/", 1)[-1]


def route(request, path):
    """Wagtail's RouteResult for `path` under the request's site, None for a 404, or
    NOT_ROUTED when the request's site is not among the cached ones (Wagtail routes it)."""
    site = find_site(request)
    if site is None:
        return None
    i18n = getattr(settings, "WAGTAIL_I18N_ENABLED", False)
    code = active_language_code(site_data(request)["locales"]) if i18n else None
    located = locate_in(request, site, code, path)
    if located is NOT_ROUTED or located is None:
        return located
    page, rest = located
    try:
        return page.route(request, rest)
    except Http404:
        return None


def locate_in(request, site, code, path):
    """(the specific page at `path` below `site`'s root in language `code`, the rest of the path
    that page answers itself), None if no page is there, or NOT_ROUTED when `site` is not among
    the cached ones. The page may be a draft or restricted: whoever serves or links it checks.

    The root is the live translation of the site's root page in `code`, else the root itself
    (as `Page.localized` has it), so a path names what the site serves at `/<code>/<path>`.
    """
    roots = next((roots for candidate, roots in site_data(request)["sites"] if candidate.pk == site.pk), None)
    if roots is None:
        return NOT_ROUTED
    root_path = roots.get(code) or site.root_page.url_path
    components = [component for component in path.split("/") if component]
    # The page a path names is kept by content version (a publish, a move or a slug change
    # moves the version on): only a live page's own address, never a 404 or a path that a
    # routable page answers, so the entries are bounded by the pages themselves.
    digest = hashlib.blake2b("/".join(components).encode(), digest_size=16).hexdigest()
    return cached_by_version(
        request,
        "core:route",
        lambda: locate(root_path, components),
        site.pk,
        code or "-",
        digest,
        keep=lambda found: found is not None and not found[1] and found[0].live,
    )


def locate(root_path, components):
    """(the specific page at root_path + components, the rest of the path it answers), or None."""
    # The url_path of the root and of every page on the way down to the requested one.
    wanted = [root_path]
    for component in components:
        wanted.append(f"{wanted[-1]}{component}/")
    condition = Q()
    for wanted_path in wanted:
        slug = slug_of(wanted_path)
        condition |= Q(url_path=wanted_path, slug=slug) if slug else Q(url_path=wanted_path)
    found = {page.url_path: page for page in Page.objects.filter(condition).order_by()}
    parent = None
    for depth, url_path in enumerate(wanted):
        page = found.get(url_path)
        if page is None:
            # Page.route() of the page above finds no child with this slug.
            return None
        if parent is not None:
            # As Page.route() does, so that page.get_parent() costs no query.
            set_cached_parent(page, parent)
        rest = components[depth:]
        if not rest or takes_rest(page, rest):
            page = specific(page)
            if parent is not None:
                set_cached_parent(page, parent)
            return page, rest
        parent = page
    return None


@cache
def image_fields(model):
    """The names of `model`'s foreign keys to images (a hero image, an activity's picture)."""
    image_model = get_image_model()
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.many_to_one and field.related_model is image_model
    ]


def specific(page):
    """`page.specific`, its images in the same query: the template shows them at once."""
    model = page.specific_class
    if model is None or isinstance(page, model):
        return page.specific
    return model._default_manager.select_related(*image_fields(model)).get(pk=page.pk)


def serve(request, path):
    """Wagtail's `serve` view with the route found by `route()` (see the module's docstring)."""
    if not route_is_remembered(request):
        found = route(request, path)
        if found is not NOT_ROUTED:
            # Where Page.route_for_request(), called by Wagtail's view, keeps its answer.
            remember_route(request, found)
    return wagtail_views.serve(request, path)
