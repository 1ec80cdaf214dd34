"""Closures of the place an activity is held at, as the occurrence engine sees them.

A house closed for August, a strike or a burst pipe cancels the dates of every initiative and
event held there, with the closure's reason, as a cancelled date of the page's own
(`OccurrenceChange`) does. The houses and their closures belong to the districts app, a floor
above this one (docs/ARCHITECTURE.md): it registers a provider here from its
`AppConfig.ready()` (districts/closures.py), as it registers the district page
(initiatives/district_pages.py). Without a provider, nothing is ever closed.

A closure is a period of local wall-clock time; the occurrence rows of the dates it cancels
carry its `key` as their `change_key`, so that every reader can name the reason in its own
language (`closure_reasons`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Closure:
    """A period in which a place is closed: naive local times, `end` excluded."""

    start: datetime.datetime
    end: datetime.datetime
    key: object  # a UUID: the closure's translation key, or a holiday's key
    reason: str = ""

    def overlaps(self, start: datetime.datetime, end: datetime.datetime) -> bool:
        """Whether a date from `start` to `end` (naive local) falls in the closure, even in part;
        a date of no length falls in it when it starts in it."""
        if end <= start:
            return self.start <= start < self.end
        return self.start < end and start < self.end


class ClosuresProvider:
    """What the floor above says about closures; this default says "never closed"."""

    def closures_for(self, page, window_start, window_end) -> list[Closure]:
        """The closures of the place `page` is held at that touch the window (naive local)."""
        return []

    def reasons(self, locale_id) -> dict:
        """{closure key: reason in the language of `locale_id`, else in the source's}."""
        return {}


_provider = ClosuresProvider()


def register_closures_provider(provider: ClosuresProvider):
    """Called once by the districts app."""
    global _provider
    _provider = provider


def closures_for(page, window_start, window_end) -> list[Closure]:
    return _provider.closures_for(page, window_start, window_end)


def closure_reasons(locale_id) -> dict:
    return _provider.reasons(locale_id)


def closing(closures, start, end):
    """The first of `closures` that a date from `start` to `end` falls in, or None."""
    return next((closure for closure in closures if closure.overlaps(start, end)), None)
