"""The page cache's scope of a district (portal/core/scopes.py): a publish below one district
empties that district's pages, in every language, and the city-wide listings, not the pages of
the other districts.

A district page itself is in no scope of its own: every page's navigation shows it, so a change
to it empties everything.
"""

from portal.core import scopes
from portal.core.directory import get_directory

from .models import DistrictPage


def scope_of_page(page):
    """The scope of a page below a district page, or None (registered with the core's signals)."""
    ancestors = [page.path[: depth * page.steplen] for depth in range(1, page.depth)]
    if not ancestors:
        return None
    key = DistrictPage.objects.filter(path__in=ancestors).values_list("translation_key", flat=True).first()
    return scopes.tree(key) if key else None


def declare_district(page, request, serve_args, serve_kwargs):
    """`before_serve_page`: the answer of a district's page (or of a page below it) shows that
    district's content only, besides the site-wide pieces."""
    if not scopes.collecting_now():
        return
    if isinstance(page, DistrictPage):
        district = page
    else:
        district = get_directory(request).districts.above(page)
    if district is not None:
        scopes.depends_on(scopes.tree(district.translation_key))
