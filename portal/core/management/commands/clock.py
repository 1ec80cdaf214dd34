"""The clock process (the Procfile's `clock`): queue the registered periodic jobs when they fall
due (portal/core/schedule.py); the worker (`db_worker --backend background`) runs them.

`--once` makes one pass and exits, for cron or a PaaS scheduler instead of a resident process;
`--list` prints the schedule. Stopped by SIGTERM or SIGINT between two passes, never in one.
"""

import signal
import threading

from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.core import schedule


class Command(BaseCommand):
    help = (
        "Queue the portal's periodic jobs (occurrences, purges, digests, alerts) on the background "
        "backend when they fall due, once a minute. --once: one pass and exit (cron); --list: the "
        "schedule with each job's next and last run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Make one pass and exit.")
        parser.add_argument("--list", action="store_true", help="Print the schedule and exit.")

    def handle(self, *args, **options):
        if options["list"]:
            self.list_jobs()
            return
        if options["once"]:
            self.run_pass()
            return
        self.loop()

    def loop(self):
        stop = threading.Event()

        def request_stop(signum, frame):
            stop.set()

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)
        self.stdout.write(f"Clock started: {len(schedule.JOBS)} jobs (manage.py clock --list).")
        while not stop.is_set():
            self.run_pass()
            now = timezone.now()
            # Wake at the start of the next minute (a second late, never early).
            stop.wait(61 - now.second - now.microsecond / 1_000_000)
        self.stdout.write("Clock stopped.")

    def run_pass(self):
        for outcome in schedule.run_due():
            line = f"{outcome.job.name} ({outcome.slot:%Y-%m-%d %H:%M} UTC): {outcome.status}"
            if outcome.status == "error":
                self.stderr.write(self.style.ERROR(f"{line}: {outcome.detail}"))
            else:
                self.stdout.write(line)

    def list_jobs(self):
        now = timezone.now()
        runs = schedule.last_runs()
        tz = schedule.zone()
        rows = [("job", "when", "next run", "last run", "task")]
        for job in schedule.JOBS.values():
            try:
                job.resolve()
                task = job.task_path
            except schedule.TaskNotFound as error:
                task = f"MISSING: {error}"
            last = runs.get(job.name)
            rows.append(
                (
                    job.name,
                    job.when(),
                    f"{job.next_slot(now).astimezone(tz):%Y-%m-%d %H:%M %Z}",
                    f"{last.astimezone(tz):%Y-%m-%d %H:%M %Z}" if last else "never",
                    task,
                )
            )
        widths = [max(len(row[column]) for row in rows) for column in range(4)]
        for row in rows:
            self.stdout.write(
                "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True))
                + "  "
                + row[4]
            )
        self.stdout.write("")
        for job in schedule.JOBS.values():
            self.stdout.write(f"{job.name}: {job.description}")
