"""Repeat rules are bounded: no more often than daily, a cap on repetitions, extra dates and
rules, no rule that never happens; clear errors in the admin, the same rule for any other way
a page is saved, and an occurrence engine that never expands more than its cap."""

import datetime

import pytest
import recurrence
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from initiatives.models import EventPage, InitiativePage, Occurrence
from initiatives.occurrence_table import rows_for_page
from initiatives.occurrences import Schedule, UnboundedRule, expand
from initiatives.recurrence_rules import recurrence_errors
from portal.core.blocks import RICH_TEXT_FEATURES
from tests.factories import (
    CategoryFactory,
    EventPageFactory,
    InitiativePageFactory,
    days_from_now,
)

pytestmark = pytest.mark.django_db

DT = datetime.datetime


def many_dates(kind, count, first=datetime.date(2027, 1, 1)):
    """One line per date: django-recurrence reads only the first of comma-separated dates."""
    days = [first + datetime.timedelta(days=n) for n in range(count)]
    return "\n".join(f"{kind}:{day:%Y%m%d}T090000Z" for day in days)


# (what the rule does wrong, the rule as the admin's widget posts it)
UNBOUNDED = {
    "every minute": "RRULE:FREQ=MINUTELY",
    "every hour": "RRULE:FREQ=HOURLY;INTERVAL=2",
    "every second": "RRULE:FREQ=SECONDLY",
    "hours of a day": "RRULE:FREQ=DAILY;BYHOUR=9,10,11,12",
    "minutes of a day": "RRULE:FREQ=WEEKLY;BYDAY=MO;BYMINUTE=0,15,30,45",
    "a count of a million": "RRULE:FREQ=DAILY;COUNT=1000000",
    "thousands of extra dates": "RRULE:FREQ=WEEKLY\n" + many_dates("RDATE", 1001),
    "thousands of excluded dates": "RRULE:FREQ=DAILY\n" + many_dates("EXDATE", 1001),
    "30 February": "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    "31 April every month": "RRULE:FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31",
    "a month day, daily": "RRULE:FREQ=DAILY;BYMONTHDAY=15",
    "the sixth Monday": "RRULE:FREQ=MONTHLY;BYDAY=+6MO",
    "a 54th Monday": "RRULE:FREQ=YEARLY;BYDAY=+1MO,+54MO",
    "the second of one day a month": "RRULE:FREQ=MONTHLY;BYSETPOS=2",
    "month 13": "RRULE:FREQ=YEARLY;BYMONTH=13",
    "a day of the year": "RRULE:FREQ=YEARLY;BYYEARDAY=100",
    "a week number": "RRULE:FREQ=YEARLY;BYWEEKNO=20",
    "a zero interval": "RRULE:FREQ=WEEKLY;INTERVAL=0",
    "eleven rules": "\n".join(f"RRULE:FREQ=WEEKLY;BYDAY={day}" for day in ["MO", "TU", "WE", "TH", "FR"] * 2)
    + "\nEXRULE:FREQ=MONTHLY;BYDAY=+1SA",
}
BOUNDED = [
    "RRULE:FREQ=WEEKLY;BYDAY=SA",
    "RRULE:FREQ=DAILY;COUNT=1000",
    "RRULE:FREQ=MONTHLY;BYDAY=+1SA",
    "RRULE:FREQ=MONTHLY;BYDAY=-1FR",
    "RRULE:FREQ=MONTHLY;BYMONTHDAY=31",
    "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20301231T230000Z\n" + many_dates("RDATE", 1000),
]


@pytest.fixture
def editor_client(client, django_user_model):
    """A superuser who reads the admin in English, so that messages can be read in the test."""
    user = django_user_model.objects.create_superuser("redazione", "redazione@example.org", "password")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


def common_form_data(page, **fields):
    return {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "category": str(page.category_id),
        "body": streamfield(
            [("paragraph", rich_text("<p>Portate la bicicletta.</p>", features=RICH_TEXT_FEATURES))]
        ),
        "comments": inline_formset([]),
        "is_free": "on",
        "venue_name": "",
        "venue_address": "",
        "booking_info": "",
        "seo_title": "",
        "search_description": "",
        "action-publish": "action-publish",
        **fields,
    }


def event_form_data(event, rule):
    start = days_from_now(7, 10).astimezone(datetime.UTC).astimezone(event.start.tzinfo)
    return nested_form_data(
        common_form_data(
            event,
            start=f"{start:%Y-%m-%d} 10:00",
            end=f"{start:%Y-%m-%d} 12:00",
            recurrence=rule,
            occurrence_changes=inline_formset([]),
        )
    )


def initiative_form_data(initiative, rule):
    return nested_form_data(
        common_form_data(
            initiative,
            status="active",
            schedule=rule,
            schedule_starts_on="2026-01-05",
            opens_at="10:00",
            closes_at="12:00",
            schedule_notes="",
        )
    )


@pytest.fixture
def event(district):
    return EventPageFactory(
        parent=district,
        category=CategoryFactory(slug="workshops"),
        start=days_from_now(7, 10),
        end=days_from_now(7, 12),
        recurrence=recurrence.deserialize("RRULE:FREQ=WEEKLY;COUNT=3"),
    )


@pytest.mark.parametrize("rule", list(UNBOUNDED.values()), ids=list(UNBOUNDED))
def test_the_admin_refuses_an_unbounded_rule_with_a_clear_error(editor_client, event, rule):
    before = list(Occurrence.objects.filter(translation_key=event.translation_key))
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[event.id]), event_form_data(event, rule)
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["recurrence"], form.errors
    html = response.content.decode()
    with translation.override("en"):  # the editor's language
        messages = [str(message) for message in form.errors["recurrence"]]
    for message in messages:
        assert message in html.replace("&#x27;", "'").replace("&quot;", '"').replace("&ldquo;", "“")
    assert EventPage.objects.get(pk=event.pk).recurrence == event.recurrence
    assert list(Occurrence.objects.filter(translation_key=event.translation_key)) == before


def test_the_messages_name_the_limit_and_what_to_do_instead(editor_client, event):
    """Shown in the editor's language (English here) next to the rule."""
    url = reverse("wagtailadmin_pages:edit", args=[event.id])
    html = editor_client.post(url, event_form_data(event, UNBOUNDED["every minute"])).content.decode()
    assert (
        "An activity can repeat at most once a day: choose daily, weekly, monthly or yearly, not hourly "
        "or more often."
    ) in html
    html = editor_client.post(url, event_form_data(event, UNBOUNDED["a count of a million"])).content.decode()
    assert "A rule can repeat at most 1000 times." in html
    html = editor_client.post(url, event_form_data(event, UNBOUNDED["30 February"])).content.decode()
    assert "This rule never happens, or less than once in 12 years" in html


@pytest.mark.parametrize("rule", BOUNDED)
def test_the_admin_saves_a_bounded_rule(editor_client, event, rule):
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[event.id]), event_form_data(event, rule)
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Occurrence.objects.filter(translation_key=event.translation_key).exists()


def test_an_initiatives_schedule_is_bounded_the_same_way(editor_client, district):
    initiative = InitiativePageFactory(parent=district)
    url = reverse("wagtailadmin_pages:edit", args=[initiative.id])
    response = editor_client.post(url, initiative_form_data(initiative, "RRULE:FREQ=MINUTELY"))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["schedule"]
    response = editor_client.post(url, initiative_form_data(initiative, "RRULE:FREQ=WEEKLY;BYDAY=TU"))
    assert response.status_code == 302, response.context["form"].errors
    assert InitiativePage.objects.get(pk=initiative.pk).schedule


@pytest.mark.parametrize("rule", list(UNBOUNDED.values())[:8], ids=list(UNBOUNDED)[:8])
def test_saving_a_page_any_other_way_is_refused_too(district, rule):
    """An import, a script or the API's future writers go through Page.save(), which cleans."""
    with pytest.raises(ValidationError) as refused:
        EventPageFactory(parent=district, recurrence=recurrence.deserialize(rule))
    assert "recurrence" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        InitiativePageFactory(
            parent=district,
            schedule=recurrence.deserialize(rule),
            opens_at=datetime.time(10),
            closes_at=datetime.time(12),
        )
    assert "schedule" in refused.value.message_dict
    assert not Occurrence.objects.exists()


def test_an_event_starting_in_the_year_1_is_refused(district):
    with pytest.raises(ValidationError) as refused:
        EventPageFactory(
            parent=district,
            start=DT(1, 1, 2, 10, tzinfo=datetime.UTC),
            end=DT(1, 1, 2, 12, tzinfo=datetime.UTC),
            recurrence=recurrence.deserialize("RRULE:FREQ=DAILY"),
        )
    assert "start" in refused.value.message_dict


# --- The engine's own caps, for rules stored before the bounds (or around them) -------------


FIRST_MONDAY = DT(2027, 1, 4, 10, 0)


def schedule(rule_text):
    return Schedule(
        first_start=FIRST_MONDAY,
        duration=datetime.timedelta(hours=1),
        recurrence=recurrence.deserialize(rule_text),
    )


ROME_YEAR = (
    DT(2027, 1, 1, tzinfo=datetime.UTC),
    DT(2028, 1, 1, tzinfo=datetime.UTC),
)


@pytest.mark.parametrize(
    "rule",
    [
        "RRULE:FREQ=SECONDLY",
        "RRULE:FREQ=MINUTELY",
        "RRULE:FREQ=DAILY;BYHOUR=1,2,3",
        "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "RRULE:FREQ=MONTHLY;BYSETPOS=2",
        "RRULE:FREQ=MONTHLY;BYDAY=+1SA,+54SA",
    ],
)
def test_the_engine_refuses_to_expand_an_unbounded_stored_rule(rule):
    """Not a hang of minutes (a rule every second since 2027, 30 February searched for until
    the year 9999): an error that the daily command reports."""
    with pytest.raises(UnboundedRule):
        expand(schedule(rule), *ROME_YEAR)


def test_every_expansion_stops_at_the_cap(settings):
    settings.OCCURRENCES_MAX_PER_EVENT = 25
    assert len(expand(schedule("RRULE:FREQ=DAILY"), *ROME_YEAR)) == 25
    assert len(expand(schedule("RRULE:FREQ=DAILY;COUNT=300"), *ROME_YEAR)) == 25
    rdates = schedule(many_dates("RDATE", 60, datetime.date(2027, 3, 1)))
    assert len(expand(rdates, *ROME_YEAR)) == 25
    several = schedule("RRULE:FREQ=DAILY;BYDAY=MO\nRRULE:FREQ=DAILY;BYDAY=TU\nRRULE:FREQ=DAILY;BYDAY=WE")
    assert len(expand(several, *ROME_YEAR)) == 25


def test_extra_dates_outside_the_window_cost_nothing(settings):
    """Only the extra dates that can touch the window are kept, so a long list of past dates
    does not crowd out the ones to come."""
    settings.OCCURRENCES_MAX_PER_EVENT = 5
    past = many_dates("RDATE", 300, datetime.date(2020, 1, 1))
    value = schedule(f"{past}\nRDATE:20270301T090000Z\nRDATE:20270302T090000Z")
    assert [occ.start.date() for occ in expand(value, *ROME_YEAR)] == [
        datetime.date(2027, 1, 4),
        datetime.date(2027, 3, 1),
        datetime.date(2027, 3, 2),
    ]


def test_materialised_rows_follow_the_cap(district, settings):
    event = EventPageFactory(
        parent=district,
        start=days_from_now(1, 10),
        end=days_from_now(1, 11),
        recurrence=recurrence.deserialize("RRULE:FREQ=DAILY"),
    )
    settings.OCCURRENCES_MAX_PER_EVENT = 7
    assert len(rows_for_page(EventPage.objects.get(pk=event.pk))) == 7


def test_every_rule_that_passes_expands_without_an_error():
    """A few hundred rules mixing every option the checks look at, valid and not: each is
    refused with a message, or expands (a year, from four different starts) without raising."""
    import random

    chooser = random.Random(13)
    options = {
        "BYMONTH": ["1", "2", "4", "2,11", "0", "13"],
        "BYMONTHDAY": ["1", "15", "29", "30", "31", "-1", "-31", "30,31", "0", "32"],
        "BYDAY": ["MO", "TU,TH", "+1SA", "-1FR", "+5WE", "+6MO", "+53SU", "+54TU", "+1MO,+54MO"],
        "BYSETPOS": ["1", "-1", "2", "5", "0", "367"],
        "INTERVAL": ["2", "3", "0", "101"],
        "COUNT": ["3", "1000", "1001"],
    }
    starts = [DT(2024, 2, 29, 10), DT(2025, 1, 31, 18), FIRST_MONDAY, DT(1990, 6, 15, 9)]
    expanded = refused = 0
    for _number in range(300):
        chosen = [
            f"{name}={chooser.choice(values)}" for name, values in options.items() if chooser.random() < 0.4
        ]
        text = ";".join([f"RRULE:FREQ={chooser.choice(['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY'])}", *chosen])
        value = recurrence.deserialize(text)
        first = chooser.choice(starts)
        if recurrence_errors(value, first):
            refused += 1
            continue
        series = Schedule(first_start=first, duration=datetime.timedelta(hours=1), recurrence=value)
        expand(series, *ROME_YEAR)
        expanded += 1
    assert expanded > 50 and refused > 50
