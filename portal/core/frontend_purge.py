"""The page cache's targeted invalidations, sent on to nginx or a CDN in front of the portal.

When WAGTAILFRONTENDCACHE names a backend (the production settings: FRONTEND_CACHE_PURGE_URL
for nginx or Varnish, CLOUDFLARE_API_TOKEN), every committed invalidation (`invalidate` in
portal/core/page_cache.py) purges there the addresses that list what changed:

- for one district's scope, the pages the content apps list for it (`register_listing_pages`:
  the district page and its calendar, in every language, with their feeds);
- for `all`, which every change reaches, the home page in every language with its feeds, and
  the pages the apps list for the whole portal (the city-wide calendars);
- for `site`, all of these, for every district.

Wagtail itself purges the page that was published or unpublished (its frontend cache's signal
handlers), and `purge_pages` adds the pages above it that list it. Search results and API
answers, whose addresses carry any query string, are left to their `s-maxage`
(PAGE_CACHE_SHARED_SECONDS). The purge requests go out in the background (Wagtail's
`purge_urls_from_cache_task`, through the task queue), never in the editor's request.
"""

from django.conf import settings
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site

from . import scopes

# provider(scope names) -> the pages (any locale) that list the content of those scopes.
LISTING_PROVIDERS = []


def register_listing_pages(provider):
    """For the content apps' `AppConfig.ready`: `provider(names)` gives the pages whose answers
    list the content of the scopes `names` (a set of scope names, `all` among them; with `site`
    among them, the pages of every scope)."""
    LISTING_PROVIDERS.append(provider)


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def home_pages():
    """The root page of every site, in every language."""
    keys = Site.objects.values_list("root_page__translation_key", flat=True)
    return Page.objects.live().filter(translation_key__in=list(keys))


def listing_pages(names):
    """The pages that list the content of the scopes `names`; with `site` among them, those of
    every scope (each provider answers for all of its own)."""
    names = set(names) | {scopes.EVERYTHING}
    pages = list(home_pages())
    for provider in LISTING_PROVIDERS:
        pages.extend(provider(names))
    return pages


def purge_pages(pages):
    """Purge `pages` (their every address, feeds included) from the frontend cache."""
    if not enabled():
        return
    batch = PurgeBatch()
    batch.add_pages(pages)
    batch.purge()


def purge_scopes(sender, changes, **kwargs):
    """Receiver of `scopes.invalidated`: purge the listings of the scopes that changed."""
    if enabled():
        purge_pages(listing_pages(changes))
