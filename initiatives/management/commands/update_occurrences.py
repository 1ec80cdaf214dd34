"""Refresh the materialised occurrence table: run daily to roll the horizon forward."""

import time

from django.core.management.base import BaseCommand

from initiatives.occurrences import horizon, rebuild_all


class Command(BaseCommand):
    help = (
        "Rebuild the occurrence table of every live event and initiative over the rolling "
        "horizon (yesterday to OCCURRENCES_HORIZON_DAYS ahead). Idempotent; run it daily."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        window_start, window_end = horizon()
        pages, rows = rebuild_all((window_start, window_end))
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Occurrences from {window_start:%Y-%m-%d} to {window_end:%Y-%m-%d}: "
            f"{rows} rows for {pages} pages in {elapsed:.2f} s."
        )
