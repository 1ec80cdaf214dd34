"""The materialised occurrence table: every dated occurrence over a rolling horizon, and how a
page reads its own rows back (its next dates, an initiative's "open now")."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.page_cache import measuring, valid_until


class Occurrence(models.Model):
    """One dated occurrence of an event or of an initiative's opening schedule.

    Rows are written only by initiatives/occurrence_table.py, for one
    representative page per translation key (the source-locale page); readers in other
    locales map `translation_key` to their own page.
    """

    class Kind(models.TextChoices):
        EVENT = "event", _("Event")
        OPENING = "opening", _("Opening hours")

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    translation_key = models.UUIDField(db_index=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.EVENT)
    district_key = models.UUIDField(null=True, db_index=True)
    category_slug = models.SlugField(max_length=80, blank=True, db_index=True)
    is_free = models.BooleanField(default=True)
    step_free = models.BooleanField(default=False)
    start = models.DateTimeField()
    end = models.DateTimeField()
    all_day = models.BooleanField(default=False)
    cancelled = models.BooleanField(default=False)
    moved = models.BooleanField(default=False)
    original_start = models.DateTimeField(null=True, blank=True)
    change_key = models.UUIDField(
        null=True, blank=True, help_text="translation key of the OccurrenceChange, if any"
    )

    class Meta:
        ordering = ["start", "pk"]
        indexes = [
            models.Index(fields=["start", "end"], name="occurrence_range"),
            models.Index(fields=["kind", "start"], name="occurrence_kind_start"),
            models.Index(fields=["district_key", "start"], name="occurrence_district_start"),
            models.Index(fields=["translation_key", "start"], name="occurrence_key_start"),
        ]
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")

    def __str__(self):
        return f"{self.page_id} @ {self.start.isoformat()}"

    @classmethod
    def from_db(cls, db, field_names, values):
        """Every row read while an answer is built limits how long that answer is kept: an
        occurrence changes state when it starts ("open now", "in progress") and when it ends
        (it leaves every "upcoming" listing), so a cached page never outlives either."""
        row = super().from_db(db, field_names, values)
        if measuring():
            valid_until(row.next_change())
        return row

    def next_change(self, now=None):
        """The next instant at which this occurrence starts or ends, None once it has ended."""
        return next_change(self.__dict__.get("start"), self.__dict__.get("end"), now)


class LazyRows:
    """Occurrence rows (or Listed items) read when a template first uses them, for a page whose
    body may be kept rendered ({% fragment %}): kept, it reads nothing.

    Every use limits the answer being built as reading the rows does (`from_db`), so that a
    fragment using rows another fragment of the page read first is not kept past their change.
    """

    def __init__(self, read):
        self._read = read
        self._rows = None

    def _used(self):
        if self._rows is None:
            self._rows = list(self._read())
        elif measuring():
            for row in self._rows:
                valid_until(row.next_change())
        return self._rows

    def __iter__(self):
        return iter(self._used())

    def __len__(self):
        return len(self._used())

    def __bool__(self):
        return bool(self._used())

    def __getitem__(self, index):
        return self._used()[index]


def next_change(start, end, now=None):
    """The next instant at which an occurrence from `start` to `end` starts or ends, None once
    it has ended (either may be None: a row read without it)."""
    now = now or timezone.now()
    if start is not None and start > now:
        return start
    if end is not None and end > now:
        return end
    return None


def next_occurrences(page, limit=10, include_cancelled=True):
    """The next occurrences of one page (any locale), from the table."""
    rows = Occurrence.objects.filter(translation_key=page.translation_key, end__gt=timezone.now())
    if not include_cancelled:
        rows = rows.filter(cancelled=False)
    return list(rows.order_by("start")[:limit])


def opening_state(page, upcoming=None):
    """For an initiative: {"open_now": bool, "current": row|None, "next": row|None}.

    `upcoming`: the page's next occurrences already read (`next_occurrences`), used instead
    of a query when they hold the two next ones that take place.
    """
    now = timezone.now()
    if upcoming is not None:
        taking_place = [row for row in upcoming if not row.cancelled and row.end > now]
        # A full batch with fewer than two rows left may hide later ones: read them then.
        upcoming = taking_place[:2] if len(taking_place) >= 2 or len(upcoming) < 10 else None
    if upcoming is None:
        upcoming = list(
            Occurrence.objects.filter(
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


def cancelled_rows(pages):
    """Read once for `pages`: each page's cancelled, not moved, rows as (start, change key), kept
    on the page as `prepared_cancelled_rows` (ActivityPage.closure_cancellations). One query."""
    pages = [page for page in pages if "prepared_cancelled_rows" not in page.__dict__]
    if not pages:
        return
    by_key = {}
    rows = Occurrence.objects.filter(
        translation_key__in={page.translation_key for page in pages}, cancelled=True, moved=False
    ).order_by("start")
    for key, start, change_key in rows.values_list("translation_key", "start", "change_key"):
        by_key.setdefault(key, []).append((start, change_key))
    for page in pages:
        page.prepared_cancelled_rows = by_key.get(page.translation_key, [])
