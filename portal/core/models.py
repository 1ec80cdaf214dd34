"""What the headless API remembers for apps that keep content offline (portal/core/sync.py), and
which slots of the periodic jobs the clock has queued (portal/core/schedule.py).

A listing with `?updated_since=` answers what changed; these rows answer what it cannot: what
left the public's view (a tombstone), and what came back into it or changed without a date of
its own (a page made public again, a picture whose file was replaced).

Bookkeeping for the API, shown in no admin view: its labels are not translated.
"""

from django.db import models
from django.utils import timezone


class SyncRecord(models.Model):
    """The last change of one API object that its own fields do not date.

    One row per object (`object_type`, `object_id`): a later change replaces the earlier one, so
    a page unpublished and published again loses its tombstone.
    """

    GONE = "gone"
    CHANGED = "changed"
    CHANGES = [(GONE, "left the public's view"), (CHANGED, "changed or came back")]

    PAGE = "page"
    IMAGE = "image"
    DOCUMENT = "document"
    # The dates of an event or initiative were rebuilt: an app drops those it has and takes
    # the new ones from `/api/v2/occurrences/?updated_since=`.
    OCCURRENCE_SOURCE = "occurrence-source"
    TYPES = [
        (PAGE, "page"),
        (IMAGE, "image"),
        (DOCUMENT, "document"),
        (OCCURRENCE_SOURCE, "source of occurrences"),
    ]

    change = models.CharField("change", max_length=8, choices=CHANGES)
    object_type = models.CharField("object type", max_length=24, choices=TYPES)
    object_id = models.PositiveBigIntegerField("object id")
    translation_key = models.UUIDField("translation key", null=True, blank=True)
    locale = models.CharField("locale", max_length=16, blank=True)
    at = models.DateTimeField("at", db_index=True)

    class Meta:
        verbose_name = "sync record"
        verbose_name_plural = "sync records"
        constraints = [
            models.UniqueConstraint(fields=["object_type", "object_id"], name="core_syncrecord_unique_object")
        ]

    def __str__(self):
        return f"{self.object_type} {self.object_id} {self.change} {self.at:%Y-%m-%d %H:%M}"


class PublicFile(models.Model):
    """An image or document the public API listed at the last change: comparing it with what
    it lists now tells which files came into view and which left it."""

    object_type = models.CharField("object type", max_length=24, choices=SyncRecord.TYPES)
    object_id = models.PositiveBigIntegerField("object id")

    class Meta:
        verbose_name = "public file"
        verbose_name_plural = "public files"
        constraints = [
            models.UniqueConstraint(fields=["object_type", "object_id"], name="core_publicfile_unique_object")
        ]

    def __str__(self):
        return f"{self.object_type} {self.object_id}"


class ScheduledRun(models.Model):
    """One slot of a periodic job that the clock queued (portal/core/schedule.py): unique by job
    and slot, so that two clocks, or a clock restarted, never queue the same slot twice."""

    job = models.CharField("job", max_length=100, help_text="The name the job was registered under.")
    slot = models.DateTimeField("slot", help_text="When the job was due (UTC).")
    enqueued_at = models.DateTimeField("queued at", default=timezone.now)
    task_result_id = models.CharField(
        "task result", max_length=64, blank=True, help_text="The id of the queued task's result."
    )

    class Meta:
        verbose_name = "scheduled run"
        verbose_name_plural = "scheduled runs"
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="core_scheduledrun_once")]

    def __str__(self):
        return f"{self.job} {self.slot:%Y-%m-%d %H:%M}"
