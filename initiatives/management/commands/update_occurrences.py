"""Refresh the materialised occurrence table: run daily to roll the horizon forward, and in the
release phase after migrations.

Pages are rebuilt one at a time. A page whose dates cannot be computed is logged, listed at the
end of the output and skipped (it keeps its previous dates): one bad page never stops the
nightly run or a release. The command fails (exit status 1) only when there were pages to
rebuild and not one of them could be, which points at the database or the code rather than at
one page's data. The content version of the page cache is bumped once the new rows are
committed (`content_changed`), never before.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from initiatives.occurrence_table import horizon, rebuild_page_by_page


class Command(BaseCommand):
    help = (
        "Rebuild the occurrence table of every live event and initiative over the rolling "
        "horizon (yesterday to OCCURRENCES_HORIZON_DAYS ahead), page by page. Idempotent; run "
        "it daily. A page that cannot be rebuilt is reported and skipped; the command fails only "
        "if every page failed."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        window_start, window_end = horizon()
        report = rebuild_page_by_page((window_start, window_end))
        elapsed = time.perf_counter() - started
        failed = len(report.failures)
        self.stdout.write(
            f"Occurrences from {window_start:%Y-%m-%d} to {window_end:%Y-%m-%d}: "
            f"{report.rows} rows for {report.pages} pages in {elapsed:.2f} s; {failed} pages failed."
        )
        if not failed:
            return
        for failure in report.failures:
            self.stderr.write(
                f"  page {failure.page or '?'} (translation key {failure.translation_key}): {failure.error}"
            )
        if not report.pages:
            raise CommandError(f"No page could be rebuilt ({failed} failed); see the errors above.")
        self.stderr.write(
            self.style.WARNING(
                f"Warning: {failed} pages could not be rebuilt and keep their previous dates; "
                "correct them in the admin (see the errors above)."
            )
        )
