"""The occurrence engine: the one place that expands schedules into dated occurrences.

Rules are expanded on naive wall-clock times in `settings.EVENTS_TIME_ZONE` and only then
made aware, so a weekly 18:00 event stays at 18:00 across the changes of time.
django-recurrence alone converts to UTC first and shifts such events by an hour
(jazzband/django-recurrence issues 174 and 247) and matches exclusion dates only at exact
instants (issue 94); here EXDATE and RDATE are matched by local calendar date.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil import rrule as du_rrule
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.core.signals import content_changed

from .district_pages import district_pages
from .recurrence_rules import dateutil_options, unsafe_rule_errors

ONE_DAY = datetime.timedelta(days=1)
# Where an initiative's schedule starts when the page names no first day (a Monday).
DEFAULT_SCHEDULE_ANCHOR = datetime.date(2020, 1, 6)
logger = logging.getLogger(__name__)


class UnboundedRule(ValueError):
    """A stored rule that the engine will not expand: it breaks the bounds of
    initiatives/recurrence_rules.py (a page saved before they existed, or written around them)."""


@lru_cache(maxsize=1)
def zone() -> ZoneInfo:
    return ZoneInfo(settings.EVENTS_TIME_ZONE)


def to_local_naive(value: datetime.datetime) -> datetime.datetime:
    """Wall-clock time in the events' zone, without tzinfo."""
    if timezone.is_naive(value):
        return value
    return value.astimezone(zone()).replace(tzinfo=None)


def to_local_date(value) -> datetime.date:
    """The calendar date in the events' zone of a date or (aware or naive) datetime."""
    if isinstance(value, datetime.datetime):
        return to_local_naive(value).date()
    return value


def make_local_aware(value: datetime.datetime) -> datetime.datetime:
    """Attach the events' zone to a wall-clock time; a time skipped in spring moves forward."""
    aware = value.replace(tzinfo=zone())
    # Round-trip through UTC to normalise non-existent wall-clock times (02:30 on the spring change).
    return aware.astimezone(datetime.UTC).astimezone(zone())


@dataclass(frozen=True)
class Change:
    """A cancelled or moved occurrence, keyed by its planned local date."""

    cancelled: bool
    reason: str = ""
    new_start: datetime.datetime | None = None
    new_end: datetime.datetime | None = None
    key: object = None


@dataclass
class Schedule:
    """Everything needed to expand one page's dates, independent of the database."""

    first_start: datetime.datetime  # naive, local wall-clock
    duration: datetime.timedelta
    all_day: bool = False
    recurrence: object = None  # recurrence.Recurrence or None
    include_first: bool = True
    changes: dict = field(default_factory=dict)  # date -> Change


@dataclass(frozen=True)
class Occurrence:
    start: datetime.datetime  # aware, in the events' zone
    end: datetime.datetime
    all_day: bool = False
    cancelled: bool = False
    reason: str = ""
    moved: bool = False
    original_start: datetime.datetime | None = None
    change_key: object = None

    @property
    def last_day(self) -> datetime.date:
        """The last calendar day the occurrence covers (an all-day end is exclusive)."""
        if self.all_day:
            return (self.end - ONE_DAY).date()
        return self.end.date()

    @property
    def is_multi_day(self) -> bool:
        return self.last_day > self.start.date()


def _rule_to_dateutil(rule, dtstart: datetime.datetime):
    """A django-recurrence Rule as a dateutil rrule on naive local times.

    Raises UnboundedRule for a rule that could repeat within a day or that dateutil would
    search for until the year 9999.
    """
    errors = unsafe_rule_errors(rule, dtstart)
    if errors:
        raise UnboundedRule("; ".join(str(error) for error in errors))
    until = None
    if rule.until:
        # UNTIL is inclusive of its whole local day, whatever instant the widget stored.
        until = datetime.datetime.combine(to_local_date(rule.until), datetime.time.max)
    return du_rrule.rrule(
        rule.freq,
        dtstart=dtstart,
        interval=rule.interval or 1,
        wkst=rule.wkst,
        count=rule.count,
        until=until,
        **dateutil_options(rule),
    )


def _rule_moments(rule, first, earliest, latest, max_count):
    """At most `max_count` moments of one rule from `earliest` to `latest` (both included).

    Read lazily: dateutil's `between()` would first list every moment of the window.
    """
    moments = []
    for moment in _rule_to_dateutil(rule, first).xafter(earliest, inc=True):
        if moment > latest or len(moments) >= max_count:
            break
        moments.append(moment)
    return moments


def _rdate_start(rdate, first):
    """The local start of an extra date: its own time if it has one, else the series' time."""
    local = to_local_naive(rdate) if isinstance(rdate, datetime.datetime) else rdate
    if isinstance(local, datetime.datetime) and local.time() != datetime.time(0, 0):
        return local
    day = local.date() if isinstance(local, datetime.datetime) else local
    return datetime.datetime.combine(day, first.time())


def _series_starts(schedule: Schedule, window_start, window_end, max_count):
    """Planned local start times of the series that can touch the window, in order: at most
    `max_count` from each rule and from the extra dates."""
    recurrence = schedule.recurrence
    first = schedule.first_start
    earliest = window_start - schedule.duration
    if not recurrence or not (recurrence.rrules or recurrence.rdates):
        return [first] if schedule.include_first else []

    starts = set()
    if schedule.include_first:
        starts.add(first)
    for rule in recurrence.rrules:
        starts.update(_rule_moments(rule, first, earliest, window_end, max_count))
    extra = (_rdate_start(rdate, first) for rdate in recurrence.rdates)
    starts.update(sorted(start for start in extra if earliest <= start <= window_end)[:max_count])

    excluded_days = {to_local_date(value) for value in recurrence.exdates}
    for rule in recurrence.exrules:
        excluded_days.update(m.date() for m in _rule_moments(rule, first, earliest, window_end, max_count))
    return sorted(s for s in starts if s.date() not in excluded_days)


def _moved_into_window(schedule: Schedule, planned, local_start, local_end, max_count):
    """Planned starts outside the window whose occurrence was moved into it (a postponed date)."""
    planned_days = {start.date() for start in planned}
    extra = []
    for day, change in schedule.changes.items():
        if change.cancelled or change.new_start is None or day in planned_days:
            continue
        new_start = to_local_naive(change.new_start)
        new_end = to_local_naive(change.new_end) if change.new_end else new_start + schedule.duration
        if new_end <= local_start or new_start >= local_end:
            continue
        midnight = datetime.datetime.combine(day, datetime.time(0, 0))
        extra.extend(
            start
            for start in _series_starts(schedule, midnight, midnight + ONE_DAY, max_count)
            if start.date() == day
        )
    return extra


def expand(
    schedule: Schedule,
    window_start: datetime.datetime,
    window_end: datetime.datetime,
    max_count: int | None = None,
) -> list[Occurrence]:
    """Occurrences that overlap [window_start, window_end), cancelled ones included and marked."""
    max_count = max_count or settings.OCCURRENCES_MAX_PER_EVENT
    local_start = to_local_naive(window_start)
    local_end = to_local_naive(window_end)
    result = []
    planned = _series_starts(schedule, local_start, local_end, max_count)
    planned = sorted(planned + _moved_into_window(schedule, planned, local_start, local_end, max_count))
    for start in planned:
        change = schedule.changes.get(start.date())
        if change is not None and not change.cancelled and change.new_start is not None:
            new_start = to_local_naive(change.new_start)
            new_end = to_local_naive(change.new_end) if change.new_end else new_start + schedule.duration
            occurrence = Occurrence(
                start=make_local_aware(new_start),
                end=make_local_aware(new_end),
                all_day=schedule.all_day,
                reason=change.reason,
                moved=True,
                original_start=make_local_aware(start),
                change_key=change.key,
            )
        else:
            occurrence = Occurrence(
                start=make_local_aware(start),
                end=make_local_aware(start + schedule.duration),
                all_day=schedule.all_day,
                cancelled=bool(change and change.cancelled),
                reason=change.reason if change else "",
                change_key=change.key if change else None,
            )
        if occurrence.end > window_start and occurrence.start < window_end:
            result.append(occurrence)
        if len(result) >= max_count:
            break
    result.sort(key=lambda occ: occ.start)
    return result


# --- Schedules of pages --------------------------------------------------------------------


def schedule_for(page) -> Schedule | None:
    """Build the Schedule of an EventPage or an InitiativePage (None if it has no dates)."""
    from initiatives.models import EventPage, InitiativePage

    if isinstance(page, EventPage):
        start = to_local_naive(page.start)
        end = to_local_naive(page.end) if page.end else start
        if page.all_day:
            start = datetime.datetime.combine(start.date(), datetime.time(0, 0))
            end = datetime.datetime.combine(end.date(), datetime.time(0, 0)) + ONE_DAY
        changes = {
            change.original_date: Change(
                cancelled=change.cancelled,
                reason=change.reason,
                new_start=change.new_start,
                new_end=change.new_end,
                key=change.translation_key,
            )
            for change in page.occurrence_changes.all()
        }
        return Schedule(
            first_start=start,
            duration=max(end - start, datetime.timedelta(0)),
            all_day=page.all_day,
            recurrence=page.recurrence or None,
            include_first=True,
            changes=changes,
        )
    if isinstance(page, InitiativePage):
        if not page.is_active or not page.schedule or page.opens_at is None or page.closes_at is None:
            return None
        anchor = page.schedule_starts_on or DEFAULT_SCHEDULE_ANCHOR
        first = datetime.datetime.combine(anchor, page.opens_at)
        duration = datetime.datetime.combine(anchor, page.closes_at) - first
        return Schedule(
            first_start=first,
            duration=duration,
            recurrence=page.schedule,
            include_first=False,
        )
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
    from wagtail.models import Locale

    from initiatives.models import EventPage, InitiativePage

    pages = []
    for model in (EventPage, InitiativePage):
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
    from initiatives.models import EventPage
    from initiatives.models import Occurrence as OccurrenceRow

    schedule = schedule_for(page)
    if schedule is None:
        return []
    window_start, window_end = window or horizon()
    venue = page.get_venue()
    category = page.category
    common = {
        "page_id": page.pk,
        "translation_key": page.translation_key,
        "kind": OccurrenceRow.Kind.EVENT if isinstance(page, EventPage) else OccurrenceRow.Kind.OPENING,
        "district_key": _district_key(page),
        "category_slug": category.slug if category else "",
        "is_free": page.is_free,
        "step_free": bool(venue and venue.step_free),
    }
    return [
        OccurrenceRow(
            start=occ.start,
            end=occ.end,
            all_day=occ.all_day,
            cancelled=occ.cancelled,
            moved=occ.moved,
            original_start=occ.original_start,
            change_key=occ.change_key,
            **common,
        )
        for occ in expand(schedule, window_start, window_end)
    ]


def announce_after_commit(translation_keys):
    """Send `content_changed` once the rows just written are committed."""
    from initiatives.models import Occurrence as OccurrenceRow

    keys = list(translation_keys)
    transaction.on_commit(lambda: content_changed.send(sender=OccurrenceRow, translation_keys=keys))


def rebuild_for_key(translation_key, window=None, announce=True) -> int:
    """Replace the rows of one translation key; returns how many rows it wrote.

    With `announce`, `content_changed` follows the commit of the new rows.
    """
    from initiatives.models import Occurrence as OccurrenceRow

    page = representative_page(translation_key)
    rows = rows_for_page(page, window) if page is not None else []
    with transaction.atomic():
        OccurrenceRow.objects.filter(translation_key=translation_key).delete()
        OccurrenceRow.objects.bulk_create(rows, batch_size=1000)
        if announce:
            announce_after_commit([translation_key])
    return len(rows)


def rebuild_for_page(page) -> int:
    return rebuild_for_key(page.translation_key)


def live_keys():
    """The translation keys of every live event and initiative."""
    from initiatives.models import EventPage, InitiativePage

    keys = set()
    for model in (EventPage, InitiativePage):
        keys.update(model.objects.live().values_list("translation_key", flat=True))
    return keys


def rebuild_all(window=None) -> tuple[int, int]:
    """Rebuild the whole table in one transaction; returns (pages, rows). Idempotent.

    Any page that fails fails it all: for the demo and the tests. The daily command rebuilds
    page by page (`rebuild_page_by_page`).
    """
    from initiatives.models import Occurrence as OccurrenceRow

    window = window or horizon()
    keys = live_keys()
    total = 0
    with transaction.atomic():
        OccurrenceRow.objects.exclude(translation_key__in=keys).delete()
        for key in keys:
            total += rebuild_for_key(key, window, announce=False)
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
    from initiatives.models import Occurrence as OccurrenceRow

    window = window or horizon()
    keys = live_keys()
    report = RebuildReport()
    OccurrenceRow.objects.exclude(translation_key__in=keys).delete()
    for key in sorted(keys, key=str):
        try:
            # A savepoint of its own, so that a database error leaves the connection usable.
            with transaction.atomic():
                report.rows += rebuild_for_key(key, window, announce=False)
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
    from wagtail.models import Page

    try:
        page = Page.objects.filter(translation_key=translation_key).order_by("pk").first()
    except Exception:  # the database may be what failed
        return ""
    return f"no. {page.pk} “{page.title}”" if page is not None else ""


# --- Reading -------------------------------------------------------------------------------


def next_occurrences(page, limit=10, include_cancelled=True):
    """The next occurrences of one page (any locale), from the table."""
    from initiatives.models import Occurrence as OccurrenceRow

    rows = OccurrenceRow.objects.filter(translation_key=page.translation_key, end__gt=timezone.now())
    if not include_cancelled:
        rows = rows.filter(cancelled=False)
    return list(rows.order_by("start")[:limit])


def opening_state(page, upcoming=None):
    """For an initiative: {"open_now": bool, "current": row|None, "next": row|None}.

    `upcoming`: the page's next occurrences already read (`next_occurrences`), used instead
    of a query when they hold the two next ones that take place.
    """
    from initiatives.models import Occurrence as OccurrenceRow

    now = timezone.now()
    if upcoming is not None:
        taking_place = [row for row in upcoming if not row.cancelled and row.end > now]
        # A full batch with fewer than two rows left may hide later ones: read them then.
        upcoming = taking_place[:2] if len(taking_place) >= 2 or len(upcoming) < 10 else None
    if upcoming is None:
        upcoming = list(
            OccurrenceRow.objects.filter(
                translation_key=page.translation_key, end__gt=now, cancelled=False
            ).order_by("start")[:2]
        )
    current = upcoming[0] if upcoming and upcoming[0].start <= now else None
    following = [row for row in upcoming if row.start > now]
    return {
        "open_now": current is not None,
        "current": current,
        "next": following[0] if following else None,
    }


# --- Describing ----------------------------------------------------------------------------


def rrule_lines(page) -> list[str]:
    """RRULE/RDATE/EXDATE lines of a page's recurrence, as RFC 5545 text."""
    import recurrence

    value = getattr(page, "recurrence", None) if hasattr(page, "recurrence") else page.schedule
    if not value:
        return []
    return [line for line in recurrence.serialize(value).splitlines() if line.strip()]


def describe_schedule(page) -> str:
    from initiatives.describe import describe_page_schedule

    return describe_page_schedule(page)
