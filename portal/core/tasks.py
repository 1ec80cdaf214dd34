"""The base's own periodic upkeep, queued by the clock (portal/core/schedule.py) and run by the
worker: the offline-sync records past API_TOMBSTONE_DAYS, and the task queue's finished results.
Each is also a management command, for a run by hand."""

from django.core.management import call_command
from django_tasks import task

from .schedule import register_job


@task(backend="background")
def purge_sync_records():
    call_command("purge_sync_records", verbosity=0)


@task(backend="background")
def prune_task_results():
    """Finished tasks' results older than two weeks (failed ones a month), on the queue the
    worker reads."""
    # As command-line options: given as keywords, argparse would still check the default backend
    # ("default", immediate) and refuse it.
    call_command(
        "prune_db_task_results",
        "--backend=background",
        "--min-age-days=14",
        "--failed-min-age-days=30",
        verbosity=0,
    )


def register():
    register_job(
        "purge_sync_records",
        purge_sync_records,
        daily_at="03:30",
        description="Forgets the API's offline-sync records older than API_TOMBSTONE_DAYS.",
    )
    register_job(
        "prune_task_results",
        prune_task_results,
        daily_at="03:45",
        description="Deletes the background queue's task results older than 14 days (failed: 30).",
    )
