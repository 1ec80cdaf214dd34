"""Schedules in words, in the reader's language.

Italian assertions check times, dates and weekday names (which come from Django's own
catalogue), not the connecting words, so they stay true once our catalogues are compiled.
"""

import datetime

import pytest
import recurrence
from django.utils import translation

from tests.factories import EventPageFactory, InitiativePageFactory, local_datetime

pytestmark = pytest.mark.django_db


def event(rule_text, start=(2027, 1, 5, 10, 0), end=(2027, 1, 5, 12, 0), **kwargs):
    return EventPageFactory.build(
        start=local_datetime(*start),
        end=local_datetime(*end),
        recurrence=recurrence.deserialize(rule_text) if rule_text else None,
        **kwargs,
    )


def initiative(rule_text, opens=datetime.time(9, 0), closes=datetime.time(13, 0), **kwargs):
    return InitiativePageFactory.build(
        schedule=recurrence.deserialize(rule_text) if rule_text else None,
        opens_at=opens,
        closes_at=closes,
        **kwargs,
    )


def describe(page, language):
    with translation.override(language):
        # The page's fields in words (initiatives/describe.py `describe_series`).
        return page.schedule_text


# UNTIL as the admin widget stores "until 30 June 2027": local midnight in UTC.
WEEKLY_UNTIL = "RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629T220000Z"


def test_weekly_until_in_english():
    assert describe(event(WEEKLY_UNTIL), "en") == "Every Tuesday, 10:00–12:00, until 30 June 2027"


def test_weekly_until_in_italian():
    text = describe(event(WEEKLY_UNTIL), "it")
    assert "10:00–12:00" in text
    assert "30 giugno 2027" in text.lower()
    assert "martedì" in text.lower()
    assert "29" not in text  # the until date is the local day, not the UTC one
    # The times come before the last day, as in “ogni martedì, 10:00–12:00, fino al 30 giugno 2027”.
    assert text.index("10:00") < text.lower().index("giugno")
    assert text[0].isupper()


def test_initiative_schedule_text_in_english_and_italian():
    page = initiative("RRULE:FREQ=WEEKLY;BYDAY=WE,MO")
    assert describe(page, "en") == "Every Monday and Wednesday, 09:00–13:00"
    with translation.override("en"):
        assert page.schedule_text == "Every Monday and Wednesday, 09:00–13:00"
    italian = describe(page, "it").lower()
    assert "09:00–13:00" in italian
    assert italian.index("lunedì") < italian.index("mercoledì")


def test_every_other_week():
    page = event("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", (2027, 1, 5, 18, 30), (2027, 1, 5, 20, 0))
    assert describe(page, "en") == "Every other Tuesday and Thursday, 18:30–20:00"
    italian = describe(page, "it")
    assert "18:30–20:00" in italian
    assert "martedì" in italian.lower() and "giovedì" in italian.lower()


def test_every_three_weeks_with_a_count():
    page = event("RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=TU;COUNT=5")
    assert describe(page, "en") == "Every 3 weeks on Tuesday, 10:00–12:00, 5 times"
    assert "5" in describe(page, "it")


def test_first_saturday_with_excluded_dates():
    page = event(
        "RRULE:FREQ=MONTHLY;BYDAY=+1SA\nEXDATE:20270806T220000Z,20271203T230000Z",
        (2027, 1, 2, 10, 0),
        (2027, 1, 2, 12, 0),
    )
    assert describe(page, "en") == "Every month on the first Saturday, 10:00–12:00 (except 2 dates)"
    italian = describe(page, "it")
    assert "sabato" in italian.lower()
    assert "10:00–12:00" in italian and "2" in italian


def test_last_friday():
    page = event("RRULE:FREQ=MONTHLY;BYDAY=-1FR", (2027, 1, 29, 21, 0), (2027, 1, 29, 23, 0))
    assert describe(page, "en") == "Every month on the last Friday, 21:00–23:00"
    assert "21:00–23:00" in describe(page, "it")


def test_monthly_by_day_of_month():
    page = event("RRULE:FREQ=MONTHLY;BYMONTHDAY=15", (2027, 1, 15, 17, 0), (2027, 1, 15, 19, 0))
    assert describe(page, "en") == "Every month on day 15, 17:00–19:00"
    assert "15" in describe(page, "it")


def test_yearly_names_the_day_and_month():
    page = event("RRULE:FREQ=YEARLY", (2027, 8, 15, 11, 0), (2027, 8, 15, 13, 0))
    assert describe(page, "en") == "Every year on 15 August, 11:00–13:00"
    assert "15 agosto" in describe(page, "it").lower()


def test_all_day_series_has_no_times():
    page = event("RRULE:FREQ=WEEKLY;BYDAY=SU", (2027, 5, 2, 0, 0), (2027, 5, 2, 0, 0), all_day=True)
    assert describe(page, "en") == "Every Sunday"
    assert ":" not in describe(page, "it")


def test_one_off_event_and_initiative_without_rule_have_no_text():
    assert describe(event(None), "en") == ""
    assert describe(initiative(None), "en") == ""


def test_several_rules_keep_their_own_bounds():
    page = event("RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629T220000Z\nRRULE:FREQ=MONTHLY;BYDAY=+1SA;COUNT=3")
    assert describe(page, "en") == (
        "Every Tuesday, until 30 June 2027; every month on the first Saturday, 3 times, 10:00–12:00"
    )
