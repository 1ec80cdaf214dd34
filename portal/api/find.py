"""`/api/v2/pages/find/`: the page a public address of the site shows, in the language it names.

Wagtail's `find` routes `html_path` from the site's root page (the Italian home page) and ignores
`locale`, so a link shared from the site (`/it/san-salvario/`, `/ar/san-salvario/`) answers 404,
and `/san-salvario/?locale=ar` the Italian page. Here an address is read as the site reads it:

- its first part, when it is a content language (`/it/`, `/ar/`, `/zh-hans/`…), names the tree
  the rest is looked up in, as LocaleMiddleware and the page routing do; `locale=` may repeat
  that language and must not contradict it;
- an address without that prefix is read in `locale`'s tree, else in the site's root language
  (Wagtail's reading, and what the site shows under `/<language>/<address>`);
- the rest of an address that a routable page answers itself (its `calendar.ics`, `feed.xml`)
  finds that page;
- `html_url` (an absolute address, which Wagtail's `find` does not take) is read the same way,
  on the portal's own host (PORTAL_BASE_URL) or the host of one of its Sites.

The page found is then held to the API's rule of what the public may see (the endpoint's
queryset): a draft, a page under a restriction or an address that names nothing is a 404, and
an address that cannot be read a 400. The lookup is the page routing's own
(`portal.core.routing.locate_in`), so `find` and the site never disagree.
"""

import re
from urllib.parse import unquote, urlsplit

from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.api.v2.utils import BadRequestError

from portal.core.absolute_urls import base_url
from portal.core.api.strict import MAX_ID, check_locale, content_language_codes
from portal.core.routing import NOT_ROUTED, find_site, locate_in, site_data
from portal.core.sites import match_site

# The ways to name the page, and the parameters `find` reads (Wagtail's redirect drops them).
FINDERS = ("html_path", "html_url", "id")
FIND_PARAMETERS = frozenset({*FINDERS, "locale"})
# No page of the portal is nearly this deep; a longer address is read no further (the routing
# looks every level up in one query, and SQLite bounds how many conditions a query may have).
MAX_PATH_LENGTH = 2048
MAX_DEPTH = 64
DEFAULT_PORTS = {"http": 80, "https": 443}


def find_page(request, queryset):
    """The page of `queryset` (the pages the public may see) that the request's `html_path`,
    `html_url` or `id` names, in its `locale`; None if there is none; BadRequestError (a 400)
    for a request that cannot be read."""
    params = request.GET
    given = [name for name in FINDERS if name in params]
    if len(given) != 1:
        raise BadRequestError(_("Give exactly one of html_path, html_url and id."))
    locale = check_locale(params["locale"]) if "locale" in params else None
    if given == ["id"]:
        return by_id(queryset, params["id"], locale)
    if given == ["html_url"]:
        site, path = site_and_path(request, params["html_url"])
    else:
        # A path as copied from an address bar: its query and fragment dropped, %-escapes read.
        site, path = find_site(request), unquote(re.split("[?#]", params["html_path"], maxsplit=1)[0])
    if len(path) > MAX_PATH_LENGTH:
        raise BadRequestError(_("The address is too long."))
    components = [component for component in path.split("/") if component]
    if components and components[0] in content_language_codes():
        language, components = components[0], components[1:]
        if locale is not None and locale != language:
            raise BadRequestError(
                _("locale '%(locale)s' does not match the language of the address ('%(language)s').")
                % {"locale": locale, "language": language}
            )
    else:
        language = locale
    if site is None or len(components) > MAX_DEPTH:
        return None
    if language is None:
        language = site.root_page.locale.language_code
    located = locate_in(request, site, language, "/".join(components))
    if located is None or located is NOT_ROUTED:
        return None
    page, rest = located
    if not page.live:
        return None
    if rest:
        # A routable page's own sub-address (a feed): the page, if its route takes it.
        try:
            page.route(request, rest)
        except Http404:
            return None
    return page if queryset.filter(pk=page.pk).exists() else None


def by_id(queryset, value, locale):
    """Wagtail's `?id=`, strict (digits only), with `locale=` naming that page's translation."""
    if not value.isascii() or not value.isdigit() or int(value) > MAX_ID:
        raise BadRequestError(_("id must be a positive integer."))
    page = queryset.filter(pk=int(value)).select_related("locale").first()
    if page is None or locale is None or page.locale.language_code == locale:
        return page
    return queryset.filter(translation_key=page.translation_key, locale__language_code=locale).first()


def site_and_path(request, url):
    """(the Site serving the absolute address `url`, its path); a 400 if `url` is not an http or
    https address on the portal's host (PORTAL_BASE_URL) or one of its Sites' hosts."""
    error = BadRequestError(_("html_url must be an http or https address of this portal."))
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # an unclosed IPv6 bracket, a port that is not a number or out of range
        raise error from None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or parts.username or parts.password:
        raise error
    sites = [site for site, _roots in site_data(request)["sites"]]
    base = urlsplit(base_url())
    if parts.hostname == base.hostname:
        # The public address, whatever the Site's own host name (a demo not yet configured).
        site = match_site(sites, base.hostname, base.port or DEFAULT_PORTS.get(base.scheme))
    elif any(site.hostname == parts.hostname for site in sites):
        site = match_site(sites, parts.hostname, port or DEFAULT_PORTS[parts.scheme])
    else:
        raise error
    return site, unquote(parts.path)


def openapi_operation():
    """The OpenAPI 3.0 operation of `GET /pages/find/` (read by the contract's generator)."""
    languages = content_language_codes()
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}

    def parameter(name, description, schema):
        return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}

    return {
        "operationId": "findPage",
        "summary": "The page at an address of the site",
        "description": (
            "Redirects to the API detail of the page that an address of the public site shows, "
            "in the language the address names: `/it/san-salvario/`, `/ar/san-salvario/` and "
            "`/zh-hans/san-salvario/` each find their own translation. Give exactly one of "
            "`html_path`, `html_url` and `id`. An address without a language prefix is read in "
            "`locale`'s tree, else in the site's root language (Italian). A page's own "
            "sub-address (`…/calendar.ics`, `…/feed.xml`) finds the page. The redirect keeps "
            "every other query parameter (`fields`, `rich_text_format`…). A draft, a page under "
            "a password, login or group restriction, or an address that names no page is a 404."
        ),
        "parameters": [
            parameter(
                "html_path",
                "The path of an address of the site, with or without its language prefix: "
                "`/it/san-salvario/`. A query string or fragment is ignored.",
                {"type": "string", "maxLength": MAX_PATH_LENGTH, "example": "/it/san-salvario/"},
            ),
            parameter(
                "html_url",
                "A whole address of the site (http or https, on the portal's host): "
                "`https://quartieri.example/ar/san-salvario/`.",
                {"type": "string", "format": "uri", "example": "https://quartieri.example/ar/san-salvario/"},
            ),
            parameter(
                "id",
                "A page id; with `locale`, that page's translation in that language.",
                {"type": "integer", "minimum": 1},
            ),
            parameter(
                "locale",
                "The language to read an address without a language prefix in; with a prefixed "
                "address it must be the prefix's language (else 400).",
                {"type": "string", "enum": languages},
            ),
        ],
        "responses": {
            "302": {
                "description": "Found: the page's API detail is at `Location`.",
                "headers": {
                    "Location": {
                        "description": "The absolute URL of the page's detail, `/api/v2/pages/<id>/`, "
                        "with the request's other query parameters.",
                        "schema": {"type": "string", "format": "uri"},
                    }
                },
            },
            "400": {
                "description": "No address or id, more than one, an `html_url` not of this portal, "
                "a `locale` that is not a content language or contradicts the address's prefix.",
                "content": error,
            },
            "404": {"description": "No public page at that address.", "content": error},
        },
    }
