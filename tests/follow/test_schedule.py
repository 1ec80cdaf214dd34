"""The clock of the periodic jobs (portal/core/schedule.py, `manage.py clock`): slots in
Europe/Rome across the changes of time, each slot queued once whatever the number of clocks, a
missed night caught up once, a missing task reported and skipped, and the task really queued in
the database for the worker."""

import datetime
import io
import logging

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from districts.follow.retention import RETENTION_DAYS, purge_old_deliveries
from districts.models import Delivery
from districts.tasks import purge_proposals
from initiatives.tasks import update_occurrences
from portal.core import schedule
from portal.core.models import ScheduledRun, SyncRecord
from portal.core.tasks import prune_task_results, purge_sync_records
from tests.factories import FollowerFactory

UTC = datetime.UTC
# The production and development queue; Wagtail's own tasks stay immediate as there.
DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

CALLS = []


@task(backend="background")
def ping():
    CALLS.append("ping")
    return "pong"


def at(*args):
    return datetime.datetime(*args, tzinfo=UTC)


@pytest.fixture
def jobs(monkeypatch):
    """An empty schedule of the test's own, the registered one restored after."""
    monkeypatch.setattr(schedule, "JOBS", {})
    CALLS.clear()
    return schedule.JOBS


# --- Slots ---------------------------------------------------------------------------------


def test_a_daily_job_keeps_its_wall_clock_time_across_the_spring_change(jobs):
    # 30 March 2025: Italy goes from CET (UTC+1) to CEST (UTC+2) at 02:00.
    job = schedule.register_job(
        "nightly", "tests.follow.test_schedule.ping", daily_at="03:00", description=""
    )
    assert job.latest_slot(at(2025, 3, 29, 12)) == at(2025, 3, 29, 2)  # 03:00 CET
    assert job.next_slot(at(2025, 3, 29, 12)) == at(2025, 3, 30, 1)  # 03:00 CEST, not 04:00
    assert job.latest_slot(at(2025, 3, 30, 12)) == at(2025, 3, 30, 1)
    assert job.next_slot(at(2025, 3, 30, 12)) == at(2025, 3, 31, 1)
    # Just before 03:00 CEST on the day of the change, the latest slot is the day before's.
    assert job.latest_slot(at(2025, 3, 30, 0, 59)) == at(2025, 3, 29, 2)


def test_a_time_that_does_not_exist_runs_once_an_hour_later_by_the_clock(jobs):
    job = schedule.register_job("night", "tests.follow.test_schedule.ping", daily_at="02:30", description="")
    # 02:30 does not exist on 30 March 2025: the slot is 03:30 CEST, 01:30 UTC.
    assert job.latest_slot(at(2025, 3, 30, 6)) == at(2025, 3, 30, 1, 30)
    assert job.due_slot(at(2025, 3, 30, 6), last_run=at(2025, 3, 29, 1, 30)) == at(2025, 3, 30, 1, 30)


def test_a_time_that_happens_twice_in_autumn_runs_once(jobs):
    # 26 October 2025: 03:00 CEST becomes 02:00 CET; 02:30 happens at 00:30 and 01:30 UTC.
    job = schedule.register_job("night", "tests.follow.test_schedule.ping", daily_at="02:30", description="")
    first = at(2025, 10, 26, 0, 30)
    assert job.latest_slot(at(2025, 10, 26, 0, 45)) == first
    # After the second 02:30 it is still the same slot: nothing more is due.
    assert job.due_slot(at(2025, 10, 26, 1, 45), last_run=first) is None
    assert job.next_slot(at(2025, 10, 26, 1, 45)) == at(2025, 10, 27, 1, 30)  # 02:30 CET


def test_weekly_and_every_slots(jobs):
    digest = schedule.register_job(
        "digest", "tests.follow.test_schedule.ping", weekly_on=(4, "17:00"), description=""
    )
    # Friday 28 March 2025 at 17:00 CET, then Friday 4 April at 17:00 CEST.
    assert digest.latest_slot(at(2025, 4, 2, 9)) == at(2025, 3, 28, 16)
    assert digest.next_slot(at(2025, 3, 28, 16)) == at(2025, 4, 4, 15)
    assert digest.latest_slot(at(2025, 4, 4, 15)) == at(2025, 4, 4, 15)  # due on the minute
    often = schedule.register_job(
        "often", "tests.follow.test_schedule.ping", every=datetime.timedelta(minutes=5), description=""
    )
    assert often.latest_slot(at(2025, 3, 30, 12, 7, 30)) == at(2025, 3, 30, 12, 5)
    assert often.next_slot(at(2025, 3, 30, 12, 7, 30)) == at(2025, 3, 30, 12, 10)
    assert often.when() == "every 5 min"
    assert digest.when() == "weekly on Friday at 17:00 (Europe/Rome)"


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"every": datetime.timedelta(minutes=5), "daily_at": "04:00"},
        {"every": datetime.timedelta(seconds=10)},
        {"daily_at": "25:00"},
        {"weekly_on": (7, "17:00")},
    ],
)
def test_a_schedule_that_makes_no_sense_is_refused_at_registration(jobs, kwargs):
    with pytest.raises(ValueError):
        schedule.register_job("bad", "tests.follow.test_schedule.ping", description="", **kwargs)


# --- Queued once ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_slot_is_queued_once_by_two_passes_and_by_two_clocks(jobs):
    schedule.register_job("nightly", "tests.follow.test_schedule.ping", daily_at="04:00", description="")
    now = at(2025, 6, 10, 3)  # 05:00 CEST
    (outcome,) = schedule.run_due(now)
    assert outcome.status == "queued"
    assert schedule.run_due(now + datetime.timedelta(minutes=1)) == []  # the next pass
    # Two clocks that read the runs before either claimed the slot: one queues, one finds it taken.
    stale = {}
    (first_job, slot), (second_job, same_slot) = schedule.due_jobs(now, stale) * 2
    ScheduledRun.objects.all().delete()
    assert schedule.enqueue_slot(first_job, slot).status == "queued"
    assert schedule.enqueue_slot(second_job, same_slot).status == "taken"
    assert CALLS == ["ping", "ping"]  # the first pass, then the first of the two clocks
    assert ScheduledRun.objects.get().slot == at(2025, 6, 10, 2)


@pytest.mark.django_db
def test_missed_nights_are_caught_up_once(jobs):
    job = schedule.register_job(
        "nightly", "tests.follow.test_schedule.ping", daily_at="04:00", description=""
    )
    ScheduledRun.objects.create(job=job.name, slot=at(2025, 6, 7, 2))  # then the clock stopped
    now = at(2025, 6, 10, 8)  # three nights later
    assert schedule.due_jobs(now, schedule.last_runs()) == [(job, at(2025, 6, 10, 2))]
    schedule.run_due(now)
    assert schedule.run_due(now + datetime.timedelta(hours=1)) == []
    assert CALLS == ["ping"]
    assert list(ScheduledRun.objects.order_by("slot").values_list("slot", flat=True)) == [
        at(2025, 6, 7, 2),
        at(2025, 6, 10, 2),
    ]


@pytest.mark.django_db
def test_a_job_with_a_grace_is_not_caught_up_too_late(jobs):
    schedule.register_job(
        "digest",
        "tests.follow.test_schedule.ping",
        weekly_on=(4, "17:00"),
        grace=datetime.timedelta(hours=6),
        description="",
    )
    assert schedule.run_due(at(2025, 6, 14, 9)) == []  # Saturday morning: too late
    assert [outcome.status for outcome in schedule.run_due(at(2025, 6, 13, 19))] == ["queued"]


@pytest.mark.django_db
def test_old_runs_are_forgotten_but_each_jobs_latest_is_kept(jobs):
    schedule.register_job("nightly", "tests.follow.test_schedule.ping", daily_at="04:00", description="")
    ScheduledRun.objects.create(job="nightly", slot=at(2025, 1, 1, 3))
    ScheduledRun.objects.create(job="removed", slot=at(2025, 1, 1, 3))
    schedule.run_due(at(2025, 6, 10, 8))
    assert sorted(ScheduledRun.objects.values_list("job", "slot")) == [
        ("nightly", at(2025, 6, 10, 2)),
        ("removed", at(2025, 1, 1, 3)),
    ]


# --- A missing task ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_missing_task_is_reported_and_skipped_never_a_crash(jobs, caplog):
    schedule.register_job(
        "ghost", "districts.follow.nowhere.send", every=datetime.timedelta(minutes=5), description=""
    )
    schedule.register_job("plain", "tests.follow.test_schedule.at", daily_at="04:00", description="")
    schedule.register_job("nightly", "tests.follow.test_schedule.ping", daily_at="04:00", description="")
    out, err = io.StringIO(), io.StringIO()
    with caplog.at_level(logging.ERROR, logger="portal.core.schedule"):
        call_command("clock", "--once", stdout=out, stderr=err)
    assert "ghost" in err.getvalue() and "No module named 'districts.follow.nowhere'" in err.getvalue()
    assert "plain" in err.getvalue() and "is not a task" in err.getvalue()
    assert "nightly" in out.getvalue() and "queued" in out.getvalue()
    assert "Scheduled job ghost skipped: its task is missing" in caplog.text
    assert list(ScheduledRun.objects.values_list("job", flat=True)) == ["nightly"]  # ghost not claimed
    assert CALLS == ["ping"]


@pytest.mark.django_db
def test_the_list_shows_every_registered_job_and_what_is_missing():
    ScheduledRun.objects.create(job="update_occurrences", slot=at(2025, 6, 10, 2))
    out = io.StringIO()
    call_command("clock", "--list", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["job", "when", "next", "run", "last", "run", "task"]
    table = {line.split()[0]: line for line in lines[1:] if line and ":" not in line.split()[0]}
    assert set(table) >= {
        "update_occurrences",
        "follow_purge_unconfirmed",
        "follow_delivery_retention",
        "follow_weekly_digest",
        "follow_notice_alerts",
    }
    assert "daily at 04:00 (Europe/Rome)" in table["update_occurrences"]
    assert "2025-06-10 04:00 CEST" in table["update_occurrences"]  # the last run, in Rome's time
    assert "initiatives.tasks.update_occurrences" in table["update_occurrences"]
    assert "never" in table["follow_delivery_retention"]
    assert "weekly on Friday at 17:00 (Europe/Rome)" in table["follow_weekly_digest"]
    assert "every 5 min" in table["follow_notice_alerts"]
    # Each job's description follows the table.
    assert "follow_delivery_retention: Deletes the record of messages sent more than 180 days ago." in lines


def test_the_apps_register_their_jobs_with_the_tasks_they_name():
    paths = {name: job.task_path for name, job in schedule.JOBS.items()}
    assert paths == {
        "purge_sync_records": "portal.core.tasks.purge_sync_records",
        "prune_task_results": "portal.core.tasks.prune_task_results",
        "purge_proposals": "districts.tasks.purge_proposals",
        "update_occurrences": "initiatives.tasks.update_occurrences",
        "follow_purge_unconfirmed": "districts.follow.purge.purge_unconfirmed_task",
        "follow_delivery_retention": "districts.follow.retention.purge_old_deliveries_task",
        "follow_weekly_digest": "districts.follow.digest.send_weekly_digests",
        "follow_notice_alerts": "districts.follow.alerts.send_due_notice_alerts",
    }


# --- The tasks themselves -----------------------------------------------------------------------


@pytest.mark.django_db
def test_old_deliveries_are_deleted_after_the_retention_period():
    follower = FollowerFactory()
    now = at(2025, 6, 10, 3)
    old = Delivery.objects.create(
        follower=follower,
        channel="email",
        kind="digest",
        dedupe_key="old",
        created_at=now - datetime.timedelta(days=RETENTION_DAYS + 1),
    )
    kept = Delivery.objects.create(
        follower=follower,
        channel="email",
        kind="digest",
        dedupe_key="kept",
        created_at=now - datetime.timedelta(days=RETENTION_DAYS - 1),
    )
    assert purge_old_deliveries(now) == 1
    assert list(Delivery.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not Delivery.objects.filter(pk=old.pk).exists()


@pytest.mark.django_db
def test_the_nightly_occurrences_task_rolls_the_table(site_tree):
    result = update_occurrences.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"rows": 0, "pages": 0, "failed": 0}


@pytest.mark.django_db
def test_the_nightly_upkeep_tasks_run(site_tree, settings):
    """The sync records, the proposals and the task results: each task runs its command (the
    worker calls them on the database queue, whose results the last one prunes)."""
    settings.TASKS = DATABASE_QUEUE
    old = SyncRecord.objects.create(
        change=SyncRecord.GONE,
        object_type=SyncRecord.PAGE,
        object_id=999,
        at=timezone.now() - datetime.timedelta(days=400),
    )
    for upkeep in (purge_sync_records, prune_task_results, purge_proposals):
        upkeep.call()
    assert not SyncRecord.objects.filter(pk=old.pk).exists()


# --- On the database queue, for the worker ---------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_clock_queues_in_the_database_and_the_worker_runs_it(jobs, settings):
    settings.TASKS = DATABASE_QUEUE
    schedule.register_job(
        "often", "tests.follow.test_schedule.ping", every=datetime.timedelta(minutes=1), description=""
    )
    call_command("clock", "--once", stdout=io.StringIO())
    call_command("clock", "--once", stdout=io.StringIO())  # the same minute, or the next: at most two
    runs = list(ScheduledRun.objects.all())
    queued = DBTaskResult.objects.filter(task_path="tests.follow.test_schedule.ping")
    assert len(runs) == queued.count() and 1 <= len(runs) <= 2
    assert {run.task_result_id for run in runs} == {str(pk) for pk in queued.values_list("pk", flat=True)}
    assert CALLS == []  # queued, not run: the worker runs it
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="background",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
    ).run()
    assert set(queued.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}


def test_the_operations_guide_lists_the_registered_schedule():
    """docs/FOLLOWING.md's schedule table names every registered job, with its time and task."""
    guide = (settings.BASE_DIR / "docs" / "FOLLOWING.md").read_text()
    rows = {}
    for line in guide.splitlines():
        cells = [cell.strip().strip("`") for cell in line.strip("|").split("|")]
        if line.startswith("| `") and len(cells) == 4:
            rows[cells[0]] = cells[1:3]
    assert rows == {name: [job.when(), job.task_path] for name, job in schedule.JOBS.items()}
