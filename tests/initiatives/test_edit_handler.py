"""The editors of initiatives and events come from one builder (activity_edit_handler): the same
tabs in the same order, differing only in the "when" tab."""

from django.utils import translation
from wagtail.admin.panels import FieldPanel, InlinePanel

from initiatives.models import EventPage, InitiativePage


def field_names(panel):
    if isinstance(panel, FieldPanel):
        return [panel.field_name]
    if isinstance(panel, InlinePanel):
        return [panel.relation_name]
    return [name for child in getattr(panel, "children", ()) for name in field_names(child)]


def tabs(model):
    with translation.override("en"):
        return [(str(tab.heading), field_names(tab)) for tab in model.get_edit_handler().children]


def test_initiatives_and_events_share_every_tab_but_when():
    initiative, event = tabs(InitiativePage), tabs(EventPage)
    assert [heading for heading, _fields in initiative] == [
        "Content",
        "Schedule",
        "Place",
        "Taking part",
        "Promote",
        "Settings",
    ]
    assert [heading for heading, _fields in event] == [
        "Content",
        "Dates",
        "Place",
        "Taking part",
        "Promote",
        "Settings",
    ]
    assert [tab for index, tab in enumerate(initiative) if index != 1] == [
        tab for index, tab in enumerate(event) if index != 1
    ]
    assert initiative[0][1][:2] == ["title", "summary"]
    assert initiative[2][1] == [
        "house",
        "venue_name",
        "venue_address",
        "venue_latitude",
        "venue_longitude",
        "venue_step_free",
    ]
    assert initiative[1][1] == [
        "status",
        "schedule",
        "schedule_starts_on",
        "opens_at",
        "closes_at",
        "schedule_notes",
    ]
    assert event[1][1] == ["start", "end", "all_day", "recurrence", "occurrence_changes"]
