"""Schedules read as natural sentences in every language, each in its own word order."""

import pytest
import recurrence
from django.utils import translation

from tests.factories import EventPageFactory, local_datetime

pytestmark = pytest.mark.django_db


def event(rule_text, start=(2027, 1, 5, 10, 0), end=(2027, 1, 5, 12, 0)):
    return EventPageFactory.build(
        start=local_datetime(*start), end=local_datetime(*end), recurrence=recurrence.deserialize(rule_text)
    )


def describe(page, language):
    with translation.override(language):
        # The page's fields in words (initiatives/describe.py `describe_series`).
        return page.schedule_text


WEEKLY = "RRULE:FREQ=WEEKLY;BYDAY=TU,TH"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("it", "Ogni martedì e giovedì, 10:00–12:00"),
        ("en", "Every Tuesday and Thursday, 10:00–12:00"),
        ("fr", "Chaque mardi et jeudi, 10:00–12:00"),
        ("es", "Cada martes y jueves, 10:00–12:00"),
        ("ro", "În fiecare marți și joi, 10:00–12:00"),
        ("ar", "كل أسبوع يوم الثلاثاء والخميس، 10:00 ص–12:00 م"),
        ("zh-hans", "每星期二和星期四，10:00–12:00"),
    ],
)
def test_every_week(language, expected):
    assert describe(event(WEEKLY), language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("it", "Ogni mese, la prima domenica, 10:00–12:00"),
        ("fr", "Chaque mois, le premier dimanche, 10:00–12:00"),
        ("es", "Cada mes, el primer domingo, 10:00–12:00"),
        ("ro", "În prima duminică a fiecărei luni, 10:00–12:00"),
        ("ar", "الأحد الأول من كل شهر، 10:00 ص–12:00 م"),
        ("zh-hans", "每月第一个星期日，10:00–12:00"),
    ],
)
def test_the_first_sunday_agrees_with_its_weekday(language, expected):
    assert (
        describe(event("RRULE:FREQ=MONTHLY;BYDAY=+1SU", (2027, 1, 3, 10, 0), (2027, 1, 3, 12, 0)), language)
        == expected
    )


def test_italian_says_il_primo_sabato_but_la_prima_domenica():
    saturday = event("RRULE:FREQ=MONTHLY;BYDAY=+1SA", (2027, 1, 2, 10, 0), (2027, 1, 2, 12, 0))
    assert describe(saturday, "it").startswith("Ogni mese, il primo sabato")


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "مرة واحدة"), (2, "مرتين"), (5, "5 مرات"), (12, "12 مرة")],
)
def test_arabic_counts_use_their_plural_forms(count, expected):
    text = describe(event(f"RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT={count}"), "ar")
    assert text.endswith(f"، {expected}")


def test_until_in_every_language_names_the_local_day():
    page = event("RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629T220000Z")
    assert describe(page, "it") == "Ogni martedì, 10:00–12:00, fino al giorno 30 giugno 2027"
    assert describe(page, "fr") == "Chaque mardi, 10:00–12:00, jusqu'au 30 juin 2027"
    assert describe(page, "es") == "Cada martes, 10:00–12:00, hasta el 30 de junio de 2027"
    assert describe(page, "ro") == "În fiecare marți, 10:00–12:00, până pe 30 iunie 2027"
    assert describe(page, "zh-hans") == "每星期二，10:00–12:00，直到2027年6月30日"
