"""Initiatives, events, their taxonomy and the materialised occurrence table."""

from .calendar import CalendarPage
from .occurrence import Occurrence
from .pages import ActivityPage, EventPage, InitiativePage, OccurrenceChange
from .taxonomy import Audience, Category, SpokenLanguage

__all__ = [
    "ActivityPage",
    "Audience",
    "CalendarPage",
    "Category",
    "EventPage",
    "InitiativePage",
    "Occurrence",
    "OccurrenceChange",
    "SpokenLanguage",
]
