"""What residents must hear of at once: the future dates of an event or an initiative newly
cancelled or moved, or the whole activity withdrawn, as `dates_changed` after commit.

initiatives/occurrence_table.py compares a translation key's rows before and after a rebuild
(`compare`) and calls `announce` with the difference; the floors above listen (the districts'
followers' alerts, districts/follow/alerts.py) without this floor knowing them. Only changes of
dates that had not started and that the table already held count: the nightly roll of the
horizon only adds dates (and its rebuild does not compare at all), and a re-publish without a
change finds the same rows, so neither says anything.

The signal's arguments are JSON-ready (strings, lists, dicts), so a receiver may queue them:

- `translation_key`: the activity's translation key (str);
- `district_key`: its district's translation key (str) or None;
- `cancelled`: [{"start", "end", "change_key"}] the dates newly cancelled (ISO 8601 starts and
  ends; `change_key` the OccurrenceChange's or the closure's translation key, or None);
- `moved`: [{"original_start", "start", "end", "change_key"}] the dates newly moved, or moved
  again to another time;
- `withdrawn`: None, or {"start": the next date's start} when the activity left the site
  (unpublished or deleted) with dates still to come.
"""

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

dates_changed = Signal()


def _identity(row):
    """The planned start of a date: a moved date is known by the start it was planned for."""
    return row.original_start if row.moved and row.original_start else row.start


def _key(value):
    return str(value) if value else None


def compare(before, after, now=None):
    """(cancelled, moved, withdrawn) between two lists of a key's rows (objects with `start`,
    `end`, `cancelled`, `moved`, `original_start`, `change_key`): see the module's docstring."""
    now = now or timezone.now()
    upcoming = {_identity(row): row for row in before if _identity(row) > now and row.start > now}
    cancelled, moved = [], []
    if not after:
        next_dates = sorted(row.start for row in upcoming.values() if not row.cancelled)
        withdrawn = {"start": next_dates[0].isoformat()} if next_dates else None
        return cancelled, moved, withdrawn
    for row in sorted(after, key=_identity):
        old = upcoming.get(_identity(row))
        if old is None:
            continue  # a date the table did not hold: the horizon rolled, or a new date
        if row.cancelled and not old.cancelled:
            cancelled.append(
                {
                    "start": row.start.isoformat(),
                    "end": row.end.isoformat(),
                    "change_key": _key(row.change_key),
                }
            )
        elif (
            row.moved
            and not row.cancelled
            and (not old.moved or old.cancelled or (old.start, old.end) != (row.start, row.end))
        ):
            moved.append(
                {
                    "original_start": _identity(row).isoformat(),
                    "start": row.start.isoformat(),
                    "end": row.end.isoformat(),
                    "change_key": _key(row.change_key),
                }
            )
    return cancelled, moved, None


def announce(translation_key, district_key, before, after, now=None):
    """Send `dates_changed` after the commit of the new rows, if anything residents must hear
    of changed. Returns what was found, (cancelled, moved, withdrawn)."""
    cancelled, moved, withdrawn = compare(before, after, now)
    if cancelled or moved or withdrawn:
        arguments = {
            "translation_key": str(translation_key),
            "district_key": _key(district_key),
            "cancelled": cancelled,
            "moved": moved,
            "withdrawn": withdrawn,
        }
        transaction.on_commit(lambda: dates_changed.send(sender=None, **arguments))
    return cancelled, moved, withdrawn
