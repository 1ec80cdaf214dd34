"""Every page type renders through the test client with its data visible; language redirects; 404."""

import datetime
import html

import pytest
import recurrence
from django.utils import translation
from wagtail.test.utils import WagtailPageTestCase

from initiatives.occurrences import zone
from tests.factories import (
    CalendarPageFactory,
    EventPageFactory,
    InitiativePageFactory,
    build_site_tree,
    days_from_now,
    occurrence_change,
    publish_translation,
)

pytestmark = pytest.mark.django_db


def text_of(response):
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def test_home_page_lists_districts_and_upcoming_events(client, home, district, other_district):
    EventPageFactory(parent=district, title="Merenda in cortile", start=days_from_now(2, 16))
    assert home.url == "/it/"
    content = text_of(client.get("/it/"))
    assert home.title in content
    assert "San Salvario" in content and "Mirafiori Sud" in content
    assert "Merenda in cortile" in content
    assert 'lang="it"' in content


def test_district_page_shows_manager_house_and_opening_hours(client, district):
    InitiativePageFactory(parent=district, title="Sportello lavoro")
    EventPageFactory(parent=district, title="Cena di quartiere", start=days_from_now(3, 20))
    assert district.url == "/it/san-salvario/"
    content = text_of(client.get(district.url))
    assert "Sara Medici" in content
    assert "Casa del Quartiere di San Salvario" in content
    assert "Via Morgari 14" in content and "10125" in content
    # Monday morning and afternoon, Wednesday evening, as the house's opening slots say.
    for hours in ["09:00–13:00", "14:30–19:00", "10:00–22:00"]:
        assert hours in content
    assert "Sportello lavoro" in content
    assert "Cena di quartiere" in content


def test_event_page_shows_its_date_and_time(client, district):
    start = days_from_now(9, 18, 30)
    event = EventPageFactory(parent=district, title="Concerto in cortile", start=start)
    content = text_of(client.get(event.url))
    assert "Concerto in cortile" in content
    assert f'datetime="{start.astimezone(zone()):%Y-%m-%d}"' in content
    with translation.override("it"):
        from django.utils.formats import date_format

        # Italian writes month names in lower case ("4 dicembre"); Django's catalogue capitalises them.
        assert date_format(start.astimezone(zone()).date(), "j F Y").lower() in content
    assert "18:30" in content and "20:30" in content


def test_recurring_event_page_lists_cancelled_dates_with_the_reason(client, district):
    first = days_from_now(2, 18)
    event = EventPageFactory(
        parent=district,
        title="Coro di quartiere",
        start=first,
        end=first + datetime.timedelta(hours=2),
        recurrence=recurrence.deserialize("RRULE:FREQ=WEEKLY"),
        occurrence_changes=[
            occurrence_change(first.date() + datetime.timedelta(days=7), reason="Sala occupata")
        ],
    )
    content = text_of(client.get(event.url))
    assert "Sala occupata" in content
    assert "18:00–20:00" in content


def test_initiative_page_shows_its_schedule_text(client, district):
    initiative = InitiativePageFactory(
        parent=district,
        title="Sportello di ascolto",
        schedule=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU,TH"),
        opens_at=datetime.time(10, 0),
        closes_at=datetime.time(12, 0),
        schedule_notes="Chiuso ad agosto",
    )
    content = text_of(client.get(initiative.url))
    with translation.override("it"):
        schedule_text = initiative.schedule_text
    assert "10:00–12:00" in schedule_text
    assert schedule_text in content
    assert "Chiuso ad agosto" in content


def test_event_of_an_initiative_renders(client, district):
    initiative = InitiativePageFactory(parent=district, title="Corso di sartoria")
    event = EventPageFactory(parent=initiative, title="Sfilata finale")
    assert event.url == "/it/san-salvario/corso-di-sartoria/sfilata-finale/"
    content = text_of(client.get(event.url))
    assert "Sfilata finale" in content and "Corso di sartoria" in content


def test_calendar_page_renders_with_its_events(client, home, district):
    calendar_page = CalendarPageFactory(parent=home)
    EventPageFactory(parent=district, title="Tombolata")
    content = text_of(client.get(calendar_page.url))
    assert "Tombolata" in content and calendar_page.title in content


def test_english_pages_render_in_english(client, site_tree, en_home, district):
    event = EventPageFactory(parent=district, title="Cena", start=days_from_now(4, 19))
    publish_translation(district, site_tree.en)
    english_event = publish_translation(event, site_tree.en)
    assert english_event.url == "/en/san-salvario/cena/"
    content = text_of(client.get(english_event.url))
    assert 'lang="en"' in content
    assert "19:00" in content  # English dates with the 24-hour clock used in Italy
    assert "Cena" in content


# --- Language redirects and errors ----------------------------------------------------------


def test_root_redirects_to_italian_by_default(client, home):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/it/"


def test_root_redirects_to_english_for_english_readers(client, en_home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert text_of(client.get("/en/")).count('lang="en"') >= 1


def test_root_redirects_to_italian_for_unsupported_languages(client, home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de")
    assert response["Location"] == "/it/"


def test_unknown_address_answers_our_404(client, home):
    response = client.get("/it/questa-pagina-non-esiste/")
    assert response.status_code == 404
    content = html.unescape(response.content.decode())
    assert 'id="error-search-q"' in content  # our template offers the search form…
    assert 'href="/"' in content  # …and the way home
    assert "<h1>Not Found</h1>" not in content  # not Django's bare page


def test_draft_page_is_not_served(client, district):
    draft = EventPageFactory(parent=district, title="Bozza", publish=False)
    assert client.get(f"/it/san-salvario/{draft.slug}/").status_code == 404


# --- Wagtail's own assertions ---------------------------------------------------------------


class RenderableTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        from tests.factories import DistrictPageFactory

        cls.tree = build_site_tree()
        cls.district = DistrictPageFactory(parent=cls.tree.home, title="Barriera di Milano")
        cls.initiative = InitiativePageFactory(parent=cls.district)
        cls.event = EventPageFactory(parent=cls.district)
        cls.calendar = CalendarPageFactory(parent=cls.tree.home)

    def test_every_page_type_is_renderable(self):
        for page in [self.tree.home, self.district, self.initiative, self.event, self.calendar]:
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRenderable(page)


# --- Query counts do not grow with the content ----------------------------------------------


def count_queries(client, url):
    from tests.support.queries import CaptureAllQueries

    client.get(url)  # fill the per-process caches first
    with CaptureAllQueries() as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("where", ["home", "district"])
def test_listing_pages_cost_the_same_for_3_and_for_8_events(client, home, district, other_district, where):
    url = home.url if where == "home" else district.url

    def add(count, offset):
        for n in range(count):
            EventPageFactory(
                parent=district if n % 2 == 0 or where == "district" else other_district,
                title=f"Incontro {n + offset}",
                start=days_from_now(1 + n + offset, 17),
            )
        InitiativePageFactory(parent=district, title=f"Sportello {offset}")

    add(3, 0)
    small = count_queries(client, url)
    add(5, 3)
    large = count_queries(client, url)
    content = client.get(url).content.decode()
    assert all(f"Incontro {n}" in content for n in range(8))  # the home and district list 8
    assert small == large


def test_event_page_costs_the_same_with_2_and_with_10_dates(client, district):
    def make(count):
        return EventPageFactory(
            parent=district,
            start=days_from_now(1, 18),
            end=days_from_now(1, 19),
            recurrence=recurrence.deserialize(f"RRULE:FREQ=WEEKLY;COUNT={count}"),
            occurrence_changes=[occurrence_change(days_from_now(8).date(), reason="Chiuso")],
        )

    few = count_queries(client, make(2).url)
    many = count_queries(client, make(10).url)
    assert few == many


def test_favicon_ico_leads_to_the_site_icon_instead_of_a_404(client, home):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert response["Location"].endswith(".svg") and b"<svg" in b"".join(icon.streaming_content)
