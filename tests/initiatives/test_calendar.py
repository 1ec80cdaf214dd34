"""The “What's on” calendar: date ranges, filters, and the page through the test client."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import recurrence
from django.utils import translation
from wagtail.models import Page

from initiatives.calendar import CalendarFilterForm, date_range, filtered_occurrences
from initiatives.models import CalendarPage, Occurrence
from tests.factories import (
    AudienceFactory,
    CalendarPageFactory,
    CategoryFactory,
    EventPageFactory,
    InitiativePageFactory,
    NeighbourhoodHouseFactory,
    SpokenLanguageFactory,
    days_from_now,
    occurrence_change,
)
from tests.support.queries import CaptureAllQueries

ROME = ZoneInfo("Europe/Rome")
D = datetime.date


def rome(*args):
    return datetime.datetime(*args, tzinfo=ROME)


# --- Date ranges ----------------------------------------------------------------------------

# Wednesday 24 March 2027, 15:00 in Turin: the clocks go forward on Sunday 28 March.
WEDNESDAY = rome(2027, 3, 24, 15, 0)


def test_today_runs_from_now_to_midnight():
    assert date_range("today", now=WEDNESDAY) == (WEDNESDAY, rome(2027, 3, 25))


def test_week_runs_to_next_monday():
    start, end = date_range("week", now=WEDNESDAY)
    assert start == WEDNESDAY
    assert end == rome(2027, 3, 29)
    assert end.utcoffset() == datetime.timedelta(hours=2)  # after the change of time


def test_weekend_from_a_weekday_starts_on_saturday():
    assert date_range("weekend", now=WEDNESDAY) == (rome(2027, 3, 27), rome(2027, 3, 29))


@pytest.mark.parametrize("now", [rome(2027, 3, 27, 11, 0), rome(2027, 3, 28, 16, 0)], ids=["sat", "sun"])
def test_weekend_during_the_weekend_starts_now(now):
    assert date_range("weekend", now=now) == (now, rome(2027, 3, 29))


def test_month_runs_to_the_first_of_next_month():
    assert date_range("month", now=WEDNESDAY) == (WEDNESDAY, rome(2027, 4, 1))
    december = rome(2027, 12, 31, 9, 0)
    assert date_range("month", now=december) == (december, rome(2028, 1, 1))


def test_chosen_dates_include_the_last_day():
    assert date_range("dates", D(2027, 4, 10), D(2027, 4, 12), now=WEDNESDAY) == (
        rome(2027, 4, 10),
        rome(2027, 4, 13),
    )
    assert date_range("dates", D(2027, 4, 10), None, now=WEDNESDAY) == (rome(2027, 4, 10), None)
    assert date_range("dates", None, D(2027, 4, 12), now=WEDNESDAY) == (WEDNESDAY, rome(2027, 4, 13))


def test_no_choice_means_from_now_on():
    assert date_range("", now=WEDNESDAY) == (WEDNESDAY, None)
    assert date_range(None, now=WEDNESDAY) == (WEDNESDAY, None)


def test_a_fixed_today_sets_the_end_of_the_range():
    # A Sunday: the week ends the next day, the weekend started the day before.
    sunday = D(2027, 10, 31)
    assert date_range("week", today=sunday)[1] == rome(2027, 11, 1)
    assert date_range("today", today=sunday)[1] == rome(2027, 11, 1)
    assert date_range("month", today=sunday)[1] == rome(2027, 11, 1)
    assert date_range("weekend", today=D(2027, 10, 29))[1] == rome(2027, 11, 1)


def test_default_range_starts_now():
    before = datetime.datetime.now(datetime.UTC)
    start, end = date_range("week")
    assert before <= start <= datetime.datetime.now(datetime.UTC)
    assert end.astimezone(ROME).weekday() == 0
    assert end.astimezone(ROME).time() == datetime.time(0, 0)
    assert datetime.timedelta(0) < end - start <= datetime.timedelta(days=7, hours=1)


# --- Filters --------------------------------------------------------------------------------


@pytest.fixture
def programme(home, district, other_district):
    """Events in two districts with different categories, prices, places, audiences, languages."""
    courses = CategoryFactory(slug="courses", name="Corsi")
    culture = CategoryFactory(slug="culture", name="Cultura")
    seniors = AudienceFactory(slug="seniors", name="Anziani")
    arabic = SpokenLanguageFactory(code="ar", name="العربية")
    up_the_stairs = NeighbourhoodHouseFactory(name="Primo piano", step_free=False)
    events = {
        "italian_course": EventPageFactory(
            parent=district,
            title="Corso di italiano",
            category=courses,
            languages=[arabic],
            start=days_from_now(1, 10),
        ),
        "concert": EventPageFactory(
            parent=district,
            title="Concerto",
            category=culture,
            is_free=False,
            cost="5 €",
            start=days_from_now(2, 21),
        ),
        "gym": EventPageFactory(
            parent=other_district,
            title="Ginnastica dolce",
            category=courses,
            audiences=[seniors],
            house=up_the_stairs,
            start=days_from_now(3, 9),
        ),
        "far_away": EventPageFactory(
            parent=other_district, title="Festa d'estate", category=culture, start=days_from_now(60, 18)
        ),
    }
    # Opening hours of an initiative are never calendar entries.
    InitiativePageFactory(
        parent=district,
        category=courses,
        schedule=recurrence.deserialize("RRULE:FREQ=DAILY"),
        opens_at=datetime.time(0, 0),
        closes_at=datetime.time(23, 59),
    )
    return events


def titles(rows):
    keys = [row.translation_key for row in rows]
    pages = dict(Page.objects.filter(translation_key__in=keys).values_list("translation_key", "title"))
    return [pages[row.translation_key] for row in rows]


@pytest.mark.django_db
def test_no_filter_lists_every_upcoming_event_in_order(programme):
    rows = filtered_occurrences({})
    assert titles(rows) == ["Corso di italiano", "Concerto", "Ginnastica dolce", "Festa d'estate"]
    assert Occurrence.objects.filter(kind=Occurrence.Kind.OPENING).exists()


@pytest.mark.django_db
def test_filter_by_district(programme, district, other_district):
    districts = {district.slug: district, other_district.slug: other_district}
    rows = filtered_occurrences({"district": "mirafiori-sud"}, districts=districts)
    assert titles(rows) == ["Ginnastica dolce", "Festa d'estate"]
    # A district's own calendar passes its key and ignores the district filter.
    scoped = filtered_occurrences(
        {"district": "mirafiori-sud"}, district_key=district.translation_key, districts=districts
    )
    assert titles(scoped) == ["Corso di italiano", "Concerto"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("cleaned", "expected"),
    [
        ({"category": "courses"}, ["Corso di italiano", "Ginnastica dolce"]),
        ({"category": "culture"}, ["Concerto", "Festa d'estate"]),
        ({"free": True}, ["Corso di italiano", "Ginnastica dolce", "Festa d'estate"]),
        ({"step_free": True}, ["Corso di italiano", "Concerto", "Festa d'estate"]),
        ({"audience": "seniors"}, ["Ginnastica dolce"]),
        ({"language": "ar"}, ["Corso di italiano"]),
        ({"category": "courses", "free": True, "step_free": True}, ["Corso di italiano"]),
        ({"when": "dates", "date_to": datetime.date.today() + datetime.timedelta(days=30)}, None),
    ],
    ids=["courses", "culture", "free", "step-free", "audience", "language", "combined", "dates"],
)
def test_filters(programme, cleaned, expected):
    if expected is None:  # every event but the one in two months
        expected = ["Corso di italiano", "Concerto", "Ginnastica dolce"]
    assert titles(filtered_occurrences(cleaned)) == expected


@pytest.mark.django_db
def test_filter_form_validates_choices_and_dates(site_tree, programme, district, other_district):
    districts = [district, other_district]
    form = CalendarFilterForm(
        {"category": "courses", "district": "san-salvario", "audience": "seniors", "language": "ar"},
        districts=districts,
        locale=site_tree.it,
    )
    assert form.is_valid(), form.errors
    unknown = CalendarFilterForm({"category": "nope"}, districts=districts, locale=site_tree.it)
    assert not unknown.is_valid() and "category" in unknown.errors
    backwards = CalendarFilterForm(
        {"date_from": "2027-04-12", "date_to": "2027-04-10"}, districts=districts, locale=site_tree.it
    )
    assert not backwards.is_valid() and "date_to" in backwards.errors
    chosen = CalendarFilterForm({"date_from": "2027-04-10"}, districts=districts, locale=site_tree.it)
    assert chosen.is_valid() and chosen.cleaned_data["when"] == "dates"


# --- The page through the test client -------------------------------------------------------


@pytest.fixture
def calendar_page(home):
    return CalendarPageFactory(parent=home)


def get(client, url):
    with CaptureAllQueries() as context:
        response = client.get(url)
    return response, len(context.captured_queries)


@pytest.mark.django_db
def test_calendar_page_filters_this_week_by_category(client, calendar_page, district):
    courses = CategoryFactory(slug="courses", name="Corsi")
    # Running now, so “this week” always includes it whatever the day of the test run.
    EventPageFactory(
        parent=district,
        title="Corso di cucito",
        category=courses,
        start=days_from_now(0, 0) - datetime.timedelta(days=1),
        end=days_from_now(1, 23, 59),
    )
    EventPageFactory(parent=district, title="Cineforum", category=CategoryFactory(slug="culture"))
    assert calendar_page.url == "/it/calendario/"
    response = client.get(calendar_page.url + "?when=week&category=courses")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Corso di cucito" in content
    assert "Cineforum" not in content


@pytest.mark.django_db
def test_district_calendar_shows_only_its_district(client, district, other_district):
    calendar_page = CalendarPageFactory(parent=district)
    EventPageFactory(parent=district, title="Merenda in cortile")
    EventPageFactory(parent=other_district, title="Orto condiviso")
    response = client.get(calendar_page.url)
    assert response.status_code == 200
    assert "Merenda in cortile" in response.content.decode()
    assert "Orto condiviso" not in response.content.decode()


@pytest.mark.django_db
def test_calendar_page_with_invalid_filters_still_answers(client, calendar_page, district):
    EventPageFactory(parent=district, title="Tombolata")
    for query in ["?category=nope", "?date_from=yesterday", "?page=999", "?page=abc", "?date_to=2020-01-01"]:
        response = client.get(calendar_page.url + query)
        assert response.status_code == 200, query


@pytest.mark.django_db
def test_calendar_page_costs_the_same_for_3_and_for_30_events(
    client, calendar_page, district, other_district
):
    courses = CategoryFactory(slug="courses", name="Corsi")
    seniors = AudienceFactory(slug="seniors")

    def add(count, offset):
        for n in range(count):
            EventPageFactory(
                parent=district if n % 2 else other_district,
                title=f"Lezione {n + offset}",
                category=courses,
                audiences=[seniors],
                start=days_from_now(1 + (n + offset) % 25, 8 + n % 12),
            )

    url = calendar_page.url + "?category=courses"
    add(3, 0)
    client.get(url)  # warm the caches that are filled once per process
    small, small_count = get(client, url)
    add(27, 3)
    client.get(url)
    large, large_count = get(client, url)
    assert small.status_code == large.status_code == 200
    assert small.content.decode().count("Lezione ") >= 3
    assert large.content.decode().count("Lezione ") >= 30
    assert small_count == large_count


@pytest.mark.django_db
def test_english_calendar_filters_by_categories_not_translated_yet(client, site_tree, en_home, district):
    """Snippets not yet translated still filter, under their Italian names."""
    from tests.factories import publish_translation

    courses = CategoryFactory(slug="courses", name="Corsi")
    seniors = AudienceFactory(slug="seniors", name="Anziani")
    EventPageFactory(parent=district, title="Corso di cucina", category=courses, audiences=[seniors])
    EventPageFactory(parent=district, title="Concerto", category=CategoryFactory(slug="culture"))
    calendar_page = publish_translation(CalendarPageFactory(parent=site_tree.home), site_tree.en)
    assert calendar_page.url == "/en/calendario/"
    for query in ["?category=courses", "?audience=seniors"]:
        content = client.get(calendar_page.url + query).content.decode()
        assert "Corso di cucina" in content, query
        assert "Concerto" not in content, query
    content = client.get(calendar_page.url).content.decode()
    assert "Corsi" in content  # the Italian name is offered until a translator names it


@pytest.mark.django_db
def test_filter_choices_prefer_the_readers_translation(site_tree):
    from tests.factories import CategoryFactory as Factory

    italian = Factory(slug="courses", name="Corsi")
    english = italian.copy_for_translation(site_tree.en)
    english.name = "Courses"
    english.save()
    Factory(slug="culture", name="Cultura")
    form = CalendarFilterForm(None, districts=[], locale=site_tree.en)
    assert form.fields["category"].choices[1:] == [("courses", "Courses"), ("culture", "Cultura")]
    form = CalendarFilterForm(None, districts=[], locale=site_tree.it)
    assert form.fields["category"].choices[1:] == [("courses", "Corsi"), ("culture", "Cultura")]


@pytest.mark.django_db
def test_long_listings_count_up_to_a_cap_and_still_page(client, calendar_page, district, monkeypatch):
    """Counting stops at COUNT_CAP rows so the first page costs the same at any scale."""
    from initiatives import calendar

    monkeypatch.setattr(calendar, "COUNT_CAP", 4)
    for n in range(6):
        EventPageFactory(parent=district, title=f"Serata {n}", start=days_from_now(1 + n, 20))
    CalendarPage.objects.filter(pk=calendar_page.pk).update(per_page=2)
    content = client.get(calendar_page.url).content.decode()
    with translation.override("it"):
        more = translation.gettext(
            "More than %(counter)s dates: choose dates or filters to narrow them down."
        ) % {"counter": 4}
    assert more in content
    assert "Serata 0" in content and "Serata 2" not in content
    second = client.get(calendar_page.url + "?page=2").content.decode()
    assert "Serata 2" in second and "Serata 0" not in second


@pytest.mark.django_db
def test_the_kept_count_follows_the_clock_and_every_publish(client, calendar_page, district, clock):
    """The number of dates is kept until the content changes, the first listed date ends or
    the dates asked for are over: never a count of dates that are gone."""
    first = EventPageFactory(
        parent=district, title="Merenda", start=days_from_now(1, 16), end=days_from_now(1, 18)
    )
    EventPageFactory(parent=district, title="Concerto", start=days_from_now(3, 21))

    def counted(url=calendar_page.url):
        text = client.get(url).content.decode()
        return int(re.search(r'calendar-results__count">(\d+)', text).group(1))

    assert counted() == counted() == 2
    EventPageFactory(parent=district, title="Cena", start=days_from_now(5, 20))
    assert counted() == 3
    clock.set(first.end + datetime.timedelta(seconds=1))
    assert counted() == 2


@pytest.mark.django_db
def test_calendar_shows_the_reason_of_a_pages_own_changed_dates(client, calendar_page, district):
    """A page's own cancelled or moved date shows its message, as a closure's does; read for the
    whole listing at once: more changed events cost no more queries."""

    def add(n):
        start = days_from_now(2 + n, 18)
        weekly = recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, count=3)])
        in_a_week = (start + datetime.timedelta(days=7)).astimezone(ROME)
        EventPageFactory(
            parent=district,
            title=f"Cineforum {n}",
            start=start,
            end=start + datetime.timedelta(hours=2),
            recurrence=weekly,
            occurrence_changes=[
                occurrence_change(in_a_week.date(), reason=f"Sala occupata {n}"),
                occurrence_change(
                    (in_a_week + datetime.timedelta(days=7)).date(),
                    cancelled=False,
                    new_start=in_a_week + datetime.timedelta(days=8),
                    new_end=in_a_week + datetime.timedelta(days=8, hours=2),
                    reason=f"In cortile {n}",
                ),
            ],
        )

    add(0)
    client.get(calendar_page.url)  # warm the caches that are filled once per process
    small, small_count = get(client, calendar_page.url)
    html = small.content.decode()
    assert "Sala occupata 0" in html and "In cortile 0" in html
    for n in range(1, 4):
        add(n)
    client.get(calendar_page.url)
    large, large_count = get(client, calendar_page.url)
    html = large.content.decode()
    assert all(f"Sala occupata {n}" in html and f"In cortile {n}" in html for n in range(4))
    assert small_count == large_count
