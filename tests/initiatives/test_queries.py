"""Read-side queries: upcoming occurrences per scope, pages in the reader's locale, fixed costs."""

import datetime

import pytest
import recurrence

from initiatives.models import Occurrence
from initiatives.occurrences import zone
from initiatives.queries import attach_pages, district_initiatives, upcoming_occurrences
from tests.factories import (
    EventPageFactory,
    InitiativePageFactory,
    days_from_now,
    publish_translation,
)
from tests.support.queries import CaptureAllQueries

pytestmark = pytest.mark.django_db


def count_queries(function):
    with CaptureAllQueries() as context:
        result = function()
    return len(context.captured_queries), result


def test_upcoming_occurrences_of_the_home_page_cover_every_district(home, district, other_district):
    here = EventPageFactory(parent=district, start=days_from_now(3, 18), end=days_from_now(3, 20))
    there = EventPageFactory(parent=other_district, start=days_from_now(1, 10), end=days_from_now(1, 12))
    listed = upcoming_occurrences(home)
    assert [item.page.pk for item in listed] == [there.pk, here.pk]
    assert [item.start for item in listed] == sorted(item.start for item in listed)


def test_upcoming_occurrences_of_a_district_stay_in_it(district, other_district):
    initiative = InitiativePageFactory(parent=district)
    own = EventPageFactory(parent=district, start=days_from_now(2), end=days_from_now(2, 20))
    of_initiative = EventPageFactory(parent=initiative, start=days_from_now(4), end=days_from_now(4, 20))
    EventPageFactory(parent=other_district, start=days_from_now(1), end=days_from_now(1, 20))
    listed = upcoming_occurrences(district)
    assert [item.page.pk for item in listed] == [own.pk, of_initiative.pk]
    assert {item.district_key for item in listed} == {district.translation_key}


def test_upcoming_occurrences_leave_out_ended_events_drafts_and_opening_hours(home, district):
    ended = EventPageFactory(parent=district, start=days_from_now(-1, 10), end=days_from_now(-1, 11))
    EventPageFactory(parent=district, publish=False, start=days_from_now(2), end=days_from_now(2, 20))
    InitiativePageFactory(
        parent=district,
        schedule=recurrence.deserialize("RRULE:FREQ=DAILY"),
        opens_at=datetime.time(0, 0),
        closes_at=datetime.time(23, 59),
    )
    upcoming = EventPageFactory(parent=district, start=days_from_now(5), end=days_from_now(5, 20))
    assert Occurrence.objects.filter(kind=Occurrence.Kind.OPENING).exists()
    assert Occurrence.objects.filter(translation_key=ended.translation_key).exists()
    assert [item.page.pk for item in upcoming_occurrences(home)] == [upcoming.pk]


def test_upcoming_occurrences_respect_the_limit_and_include_recurrences(home, district):
    weekly = EventPageFactory(
        parent=district,
        start=days_from_now(1, 18),
        end=days_from_now(1, 19),
        recurrence=recurrence.deserialize("RRULE:FREQ=WEEKLY"),
    )
    listed = upcoming_occurrences(home, limit=5)
    assert len(listed) == 5
    assert {item.page.pk for item in listed} == {weekly.pk}
    local = [item.start.astimezone(zone()) for item in listed]
    assert {(b.date() - a.date()).days for a, b in zip(local, local[1:], strict=False)} == {7}
    assert {start.time() for start in local} == {datetime.time(18, 0)}  # even across a change of time


def test_cancelled_occurrences_are_listed_and_marked(home, district):
    from tests.factories import occurrence_change

    first = days_from_now(3, 18)
    EventPageFactory(
        parent=district,
        start=first,
        end=first + datetime.timedelta(hours=1),
        recurrence=recurrence.deserialize("RRULE:FREQ=WEEKLY"),
        occurrence_changes=[occurrence_change(first.date(), reason="Pioggia")],
    )
    listed = upcoming_occurrences(home, limit=2)
    assert [(item.cancelled, item.row.cancelled) for item in listed] == [(True, True), (False, False)]


# --- attach_pages and locales ---------------------------------------------------------------


@pytest.fixture
def translated_event(site_tree, en_home, district):
    """An event with a published English translation, under an English district."""
    event = EventPageFactory(parent=district, title="Cena di quartiere", start=days_from_now(2))
    publish_translation(district, site_tree.en)
    english = publish_translation(event, site_tree.en)
    english.title = "Neighbourhood dinner"
    english.save_revision().publish()
    return event


def test_attach_pages_returns_the_translation_in_the_requested_locale(site_tree, translated_event, district):
    untranslated = EventPageFactory(parent=district, title="Solo in italiano", start=days_from_now(3))
    rows = Occurrence.objects.order_by("start")
    english = attach_pages(rows, site_tree.en)
    assert [(item.page.title, item.page.locale.language_code) for item in english] == [
        ("Neighbourhood dinner", "en"),
        ("Solo in italiano", "it"),  # no translation yet: the Italian page
    ]
    italian = attach_pages(rows, site_tree.it)
    assert [item.page.pk for item in italian] == [translated_event.pk, untranslated.pk]


def test_attach_pages_ignores_an_unpublished_translation(site_tree, en_home, district):
    event = EventPageFactory(parent=district, title="Laboratorio", start=days_from_now(2))
    publish_translation(district, site_tree.en)
    draft = event.copy_for_translation(site_tree.en)
    draft.title = "Workshop (draft)"
    draft.save_revision()
    assert not type(draft).objects.get(pk=draft.pk).live
    (item,) = attach_pages(Occurrence.objects.all(), site_tree.en)
    assert item.page.pk == event.pk


def test_upcoming_occurrences_of_the_english_home_show_english_pages(translated_event, en_home):
    (item,) = upcoming_occurrences(en_home)
    assert item.page.title == "Neighbourhood dinner"
    assert item.page.locale.language_code == "en"


def test_attach_pages_pairs_opening_rows_with_initiatives(site_tree, district):
    initiative = InitiativePageFactory(
        parent=district,
        schedule=recurrence.deserialize("RRULE:FREQ=DAILY"),
        opens_at=datetime.time(9, 0),
        closes_at=datetime.time(12, 0),
    )
    event = EventPageFactory(parent=district, start=days_from_now(1))
    rows = Occurrence.objects.order_by("kind", "start")[:3]
    listed = attach_pages(rows, site_tree.it)
    assert {type(item.page).__name__ for item in listed} == {"EventPage", "InitiativePage"}
    pages = {item.page.pk for item in listed}
    assert pages == {event.pk, initiative.pk}


# --- Fixed costs ----------------------------------------------------------------------------


def make_events(district, count, offset=0):
    for n in range(count):
        EventPageFactory(parent=district, start=days_from_now(1 + (n + offset) % 20, 8 + n % 10))


def test_attach_pages_costs_the_same_for_2_and_for_20_events(site_tree, district):
    make_events(district, 2)
    small, listed_small = count_queries(lambda: attach_pages(Occurrence.objects.all(), site_tree.it))
    make_events(district, 18, offset=2)
    large, listed_large = count_queries(lambda: attach_pages(Occurrence.objects.all(), site_tree.it))
    assert (len(listed_small), len(listed_large)) == (2, 20)
    assert small == large <= 2


def warm_page_view(home):
    """A request as the home page's view has it: the content version read once (by the page
    cache's middleware), the version-keyed site data (the locales, the view restrictions) kept."""
    from django.test import RequestFactory

    from portal.core.page_cache import request_version

    request = RequestFactory().get("/it/")
    request_version(request)
    upcoming_occurrences(home, limit=50, request=request)
    return request


def test_upcoming_occurrences_cost_the_same_for_2_and_for_20_events(home, district):
    make_events(district, 2)
    home_page = type(home).objects.get(pk=home.pk)
    request = warm_page_view(home_page)
    small, listed_small = count_queries(lambda: upcoming_occurrences(home_page, limit=50, request=request))
    make_events(district, 18, offset=2)
    home_page = type(home).objects.get(pk=home.pk)
    request = warm_page_view(home_page)
    large, listed_large = count_queries(lambda: upcoming_occurrences(home_page, limit=50, request=request))
    assert (len(listed_small), len(listed_large)) == (2, 20)
    assert small == large <= 2  # the rows, then their pages


def test_district_initiatives_are_live_children_sorted_by_title(district):
    InitiativePageFactory(parent=district, title="Sportello casa")
    InitiativePageFactory(parent=district, title="Corso di italiano")
    InitiativePageFactory(parent=district, title="Bozza", publish=False)
    assert [page.title for page in district_initiatives(district)] == ["Corso di italiano", "Sportello casa"]
