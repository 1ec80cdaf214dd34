"""The occurrence table, written: every live event's and initiative's dates over a rolling horizon.

The thin side of the occurrence engine. For each translation key it reads the one page whose
schedule stands for all its translations, asks the page for its `Schedule`, expands it with the
pure engine (initiatives/occurrences.py) and replaces that key's `Occurrence` rows. The signals
(initiatives/signals.py) call it when a page is published, unpublished, moved or deleted; the
daily command `update_occurrences` rolls the horizon forward. Pages read their rows back through
initiatives/models/occurrence.py.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from portal.core.signals import content_changed

from .changes import announce as announce_date_changes
from .changes import dates_changed
from .closures import closures_for
from .district_pages import district_pages
from .models import EventPage, InitiativePage, Occurrence
from .occurrences import ONE_DAY, Schedule, expand, make_local_aware, to_local_naive, zone

DATED_MODELS = (EventPage, InitiativePage)
logger = logging.getLogger(__name__)


def schedule_for(page) -> Schedule | None:
    """The Schedule of an EventPage or an InitiativePage (None if it has no dates)."""
    if isinstance(page, DATED_MODELS):
        return page.occurrence_schedule()
    return None


def horizon() -> tuple[datetime.datetime, datetime.datetime]:
    """The rolling window that the occurrence table covers: from yesterday to the horizon."""
    today = timezone.localdate(timezone=zone())
    start = make_local_aware(datetime.datetime.combine(today - ONE_DAY, datetime.time(0, 0)))
    end = make_local_aware(
        datetime.datetime.combine(
            today + datetime.timedelta(days=settings.OCCURRENCES_HORIZON_DAYS), datetime.time(0, 0)
        )
    )
    return start, end


# --- Materialisation -----------------------------------------------------------------------


def representative_page(translation_key):
    """The live page whose schedule stands for all its translations: the source-locale one.

    Pages are read through their specific models, so a page half-way through a cascade delete
    (its event row gone, its wagtailcore_page row not yet) is skipped instead of raising
    DoesNotExist from `.specific` in the post_delete signal.
    """
    pages = []
    for model in DATED_MODELS:
        pages.extend(model.objects.filter(translation_key=translation_key, live=True, alias_of__isnull=True))
    if not pages:
        return None
    pages.sort(key=lambda page: page.pk)
    default = Locale.get_default()
    for page in pages:
        if page.locale_id == default.pk:
            return page
    return pages[0]


def _district_key(page):
    district = district_pages().ancestor_of(page).only("translation_key").first()
    return district.translation_key if district else None


def rows_for_page(page, window=None):
    """Unsaved Occurrence rows for one representative page."""
    schedule = schedule_for(page)
    if schedule is None:
        return []
    window_start, window_end = window or horizon()
    # The closures of its house cancel its dates (initiatives/closures.py).
    schedule.closures = tuple(
        closures_for(page, to_local_naive(window_start) - schedule.duration, to_local_naive(window_end))
    )
    venue = page.get_venue()
    category = page.category
    common = {
        "page_id": page.pk,
        "translation_key": page.translation_key,
        "kind": Occurrence.Kind.EVENT if isinstance(page, EventPage) else Occurrence.Kind.OPENING,
        "district_key": _district_key(page),
        "category_slug": category.slug if category else "",
        "is_free": page.is_free,
        "step_free": bool(venue and venue.step_free),
    }
    return [
        Occurrence(
            start=date.start,
            end=date.end,
            all_day=date.all_day,
            cancelled=date.cancelled,
            moved=date.moved,
            original_start=date.original_start,
            change_key=date.change_key,
            **common,
        )
        for date in expand(schedule, window_start, window_end)
    ]


def announce_after_commit(translation_keys):
    """Send `content_changed` once the rows just written are committed."""
    keys = list(translation_keys)
    transaction.on_commit(lambda: content_changed.send(sender=Occurrence, translation_keys=keys))


CHANGE_FIELDS = ("start", "end", "cancelled", "moved", "original_start", "change_key", "district_key")


def rebuild_for_key(translation_key, window=None, announce=True, notify=True) -> int:
    """Replace the rows of one translation key; returns how many rows it wrote.

    With `announce`, `content_changed` follows the commit of the new rows. With `notify` (not
    for the nightly roll of the horizon nor a whole rebuild), future dates newly cancelled or
    moved, or the activity withdrawn, are announced as `dates_changed` (initiatives/changes.py).
    """
    page = representative_page(translation_key)
    rows = rows_for_page(page, window) if page is not None else []
    with transaction.atomic():
        if notify and dates_changed.has_listeners():
            before = list(
                Occurrence.objects.filter(translation_key=translation_key, start__gt=timezone.now()).only(
                    *CHANGE_FIELDS
                )
            )
            district_key = next((row.district_key for row in rows + before if row.district_key), None)
            announce_date_changes(translation_key, district_key, before, rows)
        Occurrence.objects.filter(translation_key=translation_key).delete()
        Occurrence.objects.bulk_create(rows, batch_size=1000)
        if announce:
            announce_after_commit([translation_key])
    return len(rows)


def rebuild_for_page(page) -> int:
    return rebuild_for_key(page.translation_key)


def live_keys():
    """The translation keys of every live event and initiative."""
    keys = set()
    for model in DATED_MODELS:
        keys.update(model.objects.live().values_list("translation_key", flat=True))
    return keys


def rebuild_all(window=None) -> tuple[int, int]:
    """Rebuild the whole table in one transaction; returns (pages, rows). Idempotent.

    Any page that fails fails it all: for the demo and the tests. The daily command rebuilds
    page by page (`rebuild_page_by_page`).
    """
    window = window or horizon()
    keys = live_keys()
    total = 0
    with transaction.atomic():
        Occurrence.objects.exclude(translation_key__in=keys).delete()
        for key in keys:
            total += rebuild_for_key(key, window, announce=False, notify=False)
        announce_after_commit(keys)
    return len(keys), total


@dataclass(frozen=True)
class RebuildFailure:
    translation_key: object
    page: str  # "no. 12 “Title”", or "" if the page could not be read either
    error: str  # the kind of error and its message


@dataclass
class RebuildReport:
    pages: int = 0
    rows: int = 0
    failures: list = field(default_factory=list)


def rebuild_page_by_page(window=None) -> RebuildReport:
    """Rebuild the table one page (translation key) at a time, each in its own transaction.

    A page whose dates cannot be computed (a rule that raises, a value the database refuses) is
    logged, listed in the report and skipped, keeping its previous rows; the others are rebuilt.
    `content_changed` is sent once, after the last commit.
    """
    window = window or horizon()
    keys = live_keys()
    report = RebuildReport()
    Occurrence.objects.exclude(translation_key__in=keys).delete()
    for key in sorted(keys, key=str):
        try:
            # A savepoint of its own, so that a database error leaves the connection usable.
            with transaction.atomic():
                report.rows += rebuild_for_key(key, window, announce=False, notify=False)
        except Exception as error:  # one page must not stop the others, whatever it raises
            logger.exception("Could not rebuild the dates of the page with translation key %s.", key)
            report.failures.append(
                RebuildFailure(key, _describe_page(key), f"{type(error).__name__}: {error}")
            )
        else:
            report.pages += 1
    announce_after_commit(keys)
    return report


def _describe_page(translation_key):
    try:
        page = Page.objects.filter(translation_key=translation_key).order_by("pk").first()
    except Exception:  # the database may be what failed
        return ""
    return f"no. {page.pk} “{page.title}”" if page is not None else ""
