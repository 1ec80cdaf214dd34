"""Background work of the initiatives: the nightly refresh of the occurrence table.

Queued by the clock (portal/core/schedule.py, registered in initiatives/registry.py) and run by
the worker; `manage.py update_occurrences` does the same by hand and in the release phase.
"""

import logging

from django_tasks import task

from .occurrence_table import horizon, rebuild_page_by_page

logger = logging.getLogger(__name__)


@task(backend="background")
def update_occurrences():
    """Roll the occurrence table's horizon forward, page by page; a page that fails is logged
    and keeps its previous dates. Returns the figures, kept with the task's result."""
    window_start, window_end = horizon()
    report = rebuild_page_by_page((window_start, window_end))
    for failure in report.failures:
        logger.error(
            "Occurrences of page %s (translation key %s) not rebuilt: %s",
            failure.page or "?",
            failure.translation_key,
            failure.error,
        )
    if report.failures and not report.pages:
        raise RuntimeError(f"No page could be rebuilt ({len(report.failures)} failed).")
    return {"rows": report.rows, "pages": report.pages, "failed": len(report.failures)}
