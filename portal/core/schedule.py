"""The portal's periodic jobs, in one place: the content apps register them (`register_job`) from
their `AppConfig.ready`, the `clock` process queues each one's task when its time comes.

django-tasks has no scheduler, so this is one. A job runs every so often (`every`, counted from
midnight UTC: every 5 minutes is at :00, :05, ...), daily at a wall-clock time or weekly on a
day at a wall-clock time, both in the events' time zone (settings.EVENTS_TIME_ZONE,
Europe/Rome). A wall-clock time that does not exist on the night the clocks go forward runs an
hour later by the clock (the same instant as before the change); one that happens twice when
they go back runs once, the first time.

Each time a job is due is a *slot*. The clock claims a slot by writing its `ScheduledRun` (unique
by job and slot) in the same transaction as the task it queues, so two clock processes, or a
clock restarted in the middle of a minute, never queue one slot twice. A clock that was stopped
catches up the latest slot it missed, once, not every one of them: a nightly job missed three
nights runs once in the morning. A job can refuse to catch up a slot older than its `grace` (the
weekly digest is news, not history).

The tasks are named by dotted path and imported only when queued (`import_string`), so a floor
may name a task of a floor above it, and a task not written yet is reported (`clock --list`)
and skipped with an error in the log, never a crash of the clock.
"""

import datetime
import logging
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import Task

from .models import ScheduledRun

logger = logging.getLogger(__name__)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# The backend every scheduled task is queued on (the worker's: `db_worker --backend background`).
BACKEND = "background"
# How long a ScheduledRun row is kept once a later slot of its job has been claimed.
KEEP_RUNS = datetime.timedelta(days=30)
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)

# name -> Job: what the apps registered, in the order they did.
JOBS = {}


class TaskNotFound(Exception):
    """A job's task path names nothing importable, or something that is not a task."""


def parse_time(text):
    """ "HH:MM" -> datetime.time; ValueError for anything else."""
    hours, _colon, minutes = text.partition(":")
    return datetime.time(int(hours), int(minutes))


def zone():
    return zoneinfo.ZoneInfo(settings.EVENTS_TIME_ZONE)


def wall_clock(day, at, tz):
    """`day` at wall-clock time `at` in `tz`, in UTC. fold=0: a time that does not exist (the
    spring change) is read with the offset before the change, i.e. an hour later by the clock;
    a time that happens twice (the autumn change) is its first occurrence."""
    local = datetime.datetime.combine(day, at, tzinfo=tz)
    return local.astimezone(datetime.UTC)


@dataclass(frozen=True)
class Job:
    name: str
    task: object  # a dotted path, or a django_tasks Task
    description: str
    every: datetime.timedelta | None = None
    daily_at: datetime.time | None = None
    weekly_on: tuple | None = None  # (weekday, 0 = Monday, datetime.time)
    grace: datetime.timedelta | None = None  # None: any missed slot is caught up

    @property
    def task_path(self):
        if isinstance(self.task, str):
            return self.task
        return self.task.module_path

    def resolve(self):
        """The job's Task, on the background backend; TaskNotFound if there is none (yet)."""
        found = self.task
        if isinstance(found, str):
            try:
                found = import_string(found)
            except ImportError as error:
                raise TaskNotFound(f"{self.task}: {error}") from error
        if not isinstance(found, Task):
            raise TaskNotFound(f"{self.task_path} is not a task (decorate it with @task)")
        return found.using(backend=BACKEND)

    def when(self):
        """The schedule in words, for `clock --list` and the docs."""
        if self.every is not None:
            minutes = int(self.every.total_seconds() // 60)
            if minutes % 60 == 0:
                return f"every {minutes // 60} h"
            return f"every {minutes} min"
        if self.daily_at is not None:
            return f"daily at {self.daily_at:%H:%M} ({settings.EVENTS_TIME_ZONE})"
        weekday, at = self.weekly_on
        return f"weekly on {WEEKDAYS[weekday]} at {at:%H:%M} ({settings.EVENTS_TIME_ZONE})"

    def latest_slot(self, now):
        """The last slot at or before `now` (aware), in UTC."""
        now = now.astimezone(datetime.UTC)
        if self.every is not None:
            return EPOCH + ((now - EPOCH) // self.every) * self.every
        tz = zone()
        today = now.astimezone(tz).date()
        if self.daily_at is not None:
            slot = wall_clock(today, self.daily_at, tz)
            if slot > now:
                slot = wall_clock(today - datetime.timedelta(days=1), self.daily_at, tz)
            return slot
        weekday, at = self.weekly_on
        day = today - datetime.timedelta(days=(today.weekday() - weekday) % 7)
        slot = wall_clock(day, at, tz)
        if slot > now:
            slot = wall_clock(day - datetime.timedelta(days=7), at, tz)
        return slot

    def next_slot(self, now):
        """The first slot after `now`, in UTC."""
        now = now.astimezone(datetime.UTC)
        if self.every is not None:
            return self.latest_slot(now) + self.every
        tz = zone()
        step = datetime.timedelta(days=1 if self.daily_at is not None else 7)
        at = self.daily_at if self.daily_at is not None else self.weekly_on[1]
        # The latest slot's local date plus a day (or a week), at the wall-clock time again:
        # adding 24 hours in UTC would drift by an hour across a change of time.
        local_day = self.latest_slot(now).astimezone(tz).date()
        return wall_clock(local_day + step, at, tz)

    def due_slot(self, now, last_run):
        """The slot to queue now, or None: the latest slot, unless it already ran or is older
        than the job's grace."""
        slot = self.latest_slot(now)
        if last_run is not None and last_run >= slot:
            return None
        if self.grace is not None and now - slot > self.grace:
            return None
        return slot


def register_job(name, task, *, description, every=None, daily_at=None, weekly_on=None, grace=None):
    """Run `task` (a django_tasks Task or its dotted path) periodically on the background backend.

    Exactly one of: `every` (a timedelta, at least a minute), `daily_at` ("HH:MM" in
    settings.EVENTS_TIME_ZONE), `weekly_on` ((weekday, "HH:MM"), 0 = Monday). `grace`: how late a
    missed slot may still be caught up (default: always, once). `description` says what the job
    does, for `clock --list`. Registering a name again replaces the job.
    """
    given = [value for value in (every, daily_at, weekly_on) if value is not None]
    if len(given) != 1:
        raise ValueError(f"Job {name!r}: give exactly one of every, daily_at, weekly_on.")
    if every is not None and every < datetime.timedelta(minutes=1):
        raise ValueError(f"Job {name!r}: the clock wakes once a minute; `every` must be a minute or more.")
    if weekly_on is not None:
        weekday, at = weekly_on
        if weekday not in range(7):
            raise ValueError(f"Job {name!r}: the weekday is 0 (Monday) to 6 (Sunday).")
        weekly_on = (weekday, parse_time(at))
    JOBS[name] = Job(
        name=name,
        task=task,
        description=description,
        every=every,
        daily_at=parse_time(daily_at) if daily_at is not None else None,
        weekly_on=weekly_on,
        grace=grace,
    )
    return JOBS[name]


def last_runs():
    """{job name: its latest claimed slot}."""
    return dict(ScheduledRun.objects.values("job").annotate(last=Max("slot")).values_list("job", "last"))


def due_jobs(now, runs):
    """[(job, slot)] to queue at `now`, given `runs` ({job name: latest claimed slot})."""
    due = []
    for job in JOBS.values():
        slot = job.due_slot(now, runs.get(job.name))
        if slot is not None:
            due.append((job, slot))
    return due


@dataclass
class Outcome:
    job: Job
    slot: datetime.datetime
    status: str  # "queued", "taken" (another clock claimed it), "error"
    detail: str = ""


def enqueue_slot(job, slot):
    """Claim `slot` of `job` and queue its task, together or not at all."""
    try:
        task = job.resolve()
    except TaskNotFound as error:
        logger.error("Scheduled job %s skipped: its task is missing (%s).", job.name, error)
        return Outcome(job, slot, "error", str(error))
    try:
        with transaction.atomic():
            run = ScheduledRun.objects.create(job=job.name, slot=slot)
            result = task.enqueue()
            run.task_result_id = str(result.id)
            run.save(update_fields=["task_result_id"])
    except IntegrityError:
        return Outcome(job, slot, "taken")
    except Exception as error:  # the queue refused: nothing was claimed, the next pass retries
        logger.exception("Scheduled job %s could not be queued.", job.name)
        return Outcome(job, slot, "error", f"{type(error).__name__}: {error}")
    logger.info("Scheduled job %s queued for %s (task result %s).", job.name, slot, run.task_result_id)
    return Outcome(job, slot, "queued", run.task_result_id)


def run_due(now=None):
    """One pass of the clock: queue every due job's task; forget runs older than KEEP_RUNS."""
    now = now or timezone.now()
    outcomes = [enqueue_slot(job, slot) for job, slot in due_jobs(now, last_runs())]
    cutoff = now - KEEP_RUNS
    forgotten = Q(pk__in=[])
    for job, last in last_runs().items():
        forgotten |= Q(job=job, slot__lt=min(last, cutoff))
    ScheduledRun.objects.filter(forgotten).delete()
    return outcomes
