"""Read-side queries over the occurrence table, shared by pages, the calendar, feeds and the API.

Each listing costs a fixed number of queries: the occurrence rows, then one query for the
pages of the reader's locale that those rows belong to. Listings show what the public may see
(portal/core/visibility.py): rows and pages under a view restriction, or an alias or a translation of
a restricted page, are left out by tree path, without a query of their own.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from portal.core.directory import Translated, get_directory, reader_locale
from portal.core.i18n import content_language
from portal.core.page_cache import cached_by_version
from portal.core.visibility import public_occurrences, without_restricted

from .closures import closure_reasons
from .district_pages import is_district

# The model modules themselves, not the package: initiatives/calendar.py imports this module while
# `initiatives.models` is being loaded (see there).
from .models.occurrence import Occurrence
from .models.pages import EventPage, InitiativePage, OccurrenceChange


@dataclass
class Listed:
    """An occurrence row with the page to show for it in the reader's locale."""

    row: Occurrence
    page: object
    # The message of its page's own cancellation or move, in the page's language
    # (`attach_change_reasons`); a closure's is read from the directory (`closure_reasons`).
    own_reason: str = ""

    def __getattr__(self, name):
        return getattr(self.row, name)


def pages_for_keys(keys, locale, model):
    """{translation_key: live page of `model`} in `locale`, else its source (the default
    locale's): the portal's one rule (portal/core/directory.py `Translated`). One query.

    Only the pages the rule may choose are read: those in `locale` or in the default locale,
    and every copy of a key that has neither (its source is then the first stored). Reading
    every language's copy made seven times the pages a listing shows, and building them was
    most of a district page's time.
    """
    keys = set(keys)
    if not keys:
        return {}
    default_code = content_language(settings.LANGUAGE_CODE)
    live = model.objects.filter(translation_key__in=keys, live=True)
    near = Q(locale=locale) | Q(locale__language_code=default_code)
    pages = list(
        live.filter(near | ~Q(translation_key__in=live.filter(near).values("translation_key")))
        .select_related("locale", "image")
        .order_by("pk")
    )
    default_id = next((page.locale_id for page in pages if page.locale.language_code == default_code), None)
    translations = Translated(pages, default_id)
    found = (translations.for_key(key, locale.pk) for key in keys)
    return {page.translation_key: page for page in found if page is not None}


def attach_pages(rows, locale=None, request=None):
    """Pair occurrence rows with their pages in `locale`: two queries whatever the count.

    With `request`, the pages are kept by content version (`cached_by_version`) under the
    listed keys: which live page shows a key in a locale changes only with a publish, an
    unpublish, a move or a restriction, each of which moves the version on. Reading and
    building the pages was a third of the calendar's time; a kept set costs no query.
    """
    rows = list(rows)
    locale = locale or reader_locale()
    keys = {row.translation_key for row in rows}
    if request is None:
        pages = listed_pages(keys, locale)
    else:
        # One entry per set of listed keys (a calendar page of dates), named by their digest:
        # the keys come from the occurrence rows read, never from the request.
        listed = "".join(sorted(key.hex for key in keys))
        digest = hashlib.blake2b(listed.encode(), digest_size=16).hexdigest()
        pages = cached_by_version(
            request, "initiatives:listed-pages", lambda: listed_pages(keys, locale), locale.pk, digest
        )
    return [Listed(row=row, page=pages[row.translation_key]) for row in rows if row.translation_key in pages]


def attach_change_reasons(listed, request=None):
    """Give each listed date that its page cancels or moves itself the message of that change
    (`own_reason`), in the shown page's language: one query for the whole listing, none when
    no listed date is changed by its own page (a closure's reasons cost none: the directory).

    With `request`, the messages are kept by content version under the listed changes, as
    `attach_pages` keeps the pages: a message changes only with a publish.
    """
    changed = [item for item in listed if item.change_key and (item.cancelled or item.moved)]
    by_locale = {}
    for item in changed:
        by_locale.setdefault(item.page.locale_id, closure_reasons(item.page.locale_id))
    wanted = [item for item in changed if item.change_key not in by_locale[item.page.locale_id]]
    if not wanted:
        return
    pairs = sorted({(item.page.pk, item.change_key.hex) for item in wanted})

    def read():
        changes = OccurrenceChange.objects.filter(
            event_id__in={page_id for page_id, _key in pairs},
            translation_key__in={key for _page_id, key in pairs},
        ).values_list("event_id", "translation_key", "reason")
        return {(event_id, key.hex): reason for event_id, key, reason in changes}

    if request is None:
        reasons = read()
    else:
        # Named by the digest of the listed (page, change) pairs, which come from the rows read.
        listed_pairs = ";".join(f"{page_id}:{key}" for page_id, key in pairs)
        digest = hashlib.blake2b(listed_pairs.encode(), digest_size=16).hexdigest()
        reasons = cached_by_version(request, "initiatives:change-reasons", read, digest)
    for item in wanted:
        item.own_reason = reasons.get((item.page.pk, item.change_key.hex), "")


def listed_pages(keys, locale):
    """{translation_key: page} for the set of `keys` in `locale`: events first, then initiatives."""
    pages = pages_for_keys(keys, locale, model=EventPage)
    missing = keys - set(pages)
    if missing:
        pages.update(pages_for_keys(missing, locale, model=InitiativePage))
    return pages


def district_scope(root):
    """Restrict occurrences to a district when `root` is one."""
    if is_district(root):
        return {"district_key": root.translation_key}
    return {}


def root_locale(root, request=None):
    """`root.locale` without a query when the request's directory is at hand."""
    if request is None:
        return root.locale
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
