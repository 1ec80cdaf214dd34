"""Read-side queries over the occurrence table, shared by pages, the calendar, feeds and the API.

Each listing costs a fixed number of queries: the occurrence rows, then one query for the
pages of the reader's locale that those rows belong to. Listings show what the public may see
(home/visibility.py): rows and pages under a view restriction, or an alias or a translation of
a restricted page, are left out by tree path, without a query of their own.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from portal.core.visibility import public_occurrences, without_restricted

from .models import EventPage, InitiativePage, Occurrence


@dataclass
class Listed:
    """An occurrence row with the page to show for it in the reader's locale."""

    row: Occurrence
    page: object

    def __getattr__(self, name):
        return getattr(self.row, name)


def current_locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


def pages_for_keys(keys, locale, model):
    """{translation_key: page of `model`} in `locale`, else in the default (source) locale."""
    keys = set(keys)
    if not keys:
        return {}
    queryset = model.objects.filter(translation_key__in=keys, live=True).select_related("locale", "image")
    default_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)

    def preference(page):
        if page.locale_id == locale.pk:
            return 0
        return 1 if page.locale.language_code == default_code else 2

    pages = {}
    for page in queryset:
        current = pages.get(page.translation_key)
        if current is None or preference(page) < preference(current):
            pages[page.translation_key] = page
    return pages


def attach_pages(rows, locale=None):
    """Pair occurrence rows with their pages in `locale`: two queries whatever the count."""
    rows = list(rows)
    locale = locale or current_locale()
    pages = pages_for_keys({row.translation_key for row in rows}, locale, model=EventPage)
    missing = {row.translation_key for row in rows} - set(pages)
    if missing:
        pages.update(pages_for_keys(missing, locale, model=InitiativePage))
    return [Listed(row=row, page=pages[row.translation_key]) for row in rows if row.translation_key in pages]


def district_scope(root):
    """Restrict occurrences to a district when `root` is one (or lies in one)."""
    from districts.models import DistrictPage

    if isinstance(root, DistrictPage):
        return {"district_key": root.translation_key}
    return {}


def root_locale(root, request=None):
    """`root.locale` without a query when the request's directory is at hand."""
    if request is None:
        return root.locale
    from portal.core.directory import get_directory

    return get_directory(request).locales.get(root.locale_id) or root.locale


def upcoming_occurrences(root, limit=8, kind=Occurrence.Kind.EVENT, request=None):
    """The next not-yet-ended public event occurrences under `root` (home or district)."""
    rows = Occurrence.objects.filter(kind=kind, end__gt=timezone.now(), **district_scope(root))
    rows = public_occurrences(rows, request).order_by("start", "pk")[:limit]
    return attach_pages(rows, root_locale(root, request))


def recent_initiatives(root, limit=6, request=None):
    pages = InitiativePage.objects.descendant_of(root).live().filter(status=InitiativePage.Status.ACTIVE)
    return (
        without_restricted(pages, request)
        .select_related("image", "category")
        .order_by("-first_published_at")[:limit]
    )


def district_initiatives(district, request=None):
    pages = InitiativePage.objects.child_of(district).live()
    return without_restricted(pages, request).select_related("image", "category").order_by("title")
