"""The pages endpoint: complete fields per type, languages, live and public only, fixed costs."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from initiatives.models import Category
from initiatives.occurrences import zone
from tests.api.conftest import events
from tests.factories import EventPageFactory, days_from_now, publish_translation

pytestmark = pytest.mark.django_db

EVENTS = "/api/v2/pages/?type=initiatives.EventPage&fields=*"


def items(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def by_id(client, url):
    return {item["id"]: item for item in items(client, url)}


def test_an_event_has_dates_with_offset_rules_cancellations_venue_and_next_dates(client, portal):
    event = by_id(client, EVENTS)[portal.weekly.pk]
    assert event["start"] == timezone.localtime(portal.weekly.start, zone()).isoformat()
    assert event["start"].endswith(("+01:00", "+02:00"))
    assert event["all_day"] is False
    assert event["recurrence_rules"] == ["RRULE:FREQ=WEEKLY"]
    cancelled_day = (portal.weekly.start + datetime.timedelta(days=7)).date().isoformat()
    assert event["cancelled_dates"] == [{"date": cancelled_day, "reason": "La sala è chiusa per lavori."}]
    assert event["venue_data"]["name"] == "Casa del Quartiere di San Salvario"
    assert event["venue_data"]["lat"] == pytest.approx(45.0541)
    assert event["category_data"] == {"id": portal.category.pk, "slug": "courses", "name": "Corsi"}
    assert event["audience_data"] == [{"slug": "families", "name": "Famiglie"}]
    assert event["language_codes"] == ["it"]
    assert (event["is_free"], event["cost"]) == (False, "3 €")
    assert len(event["next_dates"]) == 10
    second = event["next_dates"][1]
    assert second["cancelled"] is True and second["reason"] == "La sala è chiusa per lavori."
    assert event["meta"]["locale"] == "it" and event["meta"]["type"] == "initiatives.EventPage"


def test_api_values_are_the_model_values(client, portal):
    """The prepared listing gives exactly what the model properties give on their own."""
    from initiatives.models import EventPage

    event = by_id(client, EVENTS)[portal.weekly.pk]
    page = EventPage.objects.get(pk=portal.weekly.pk)
    for name in [
        "venue_data",
        "category_data",
        "audience_data",
        "language_codes",
        "next_dates",
        "cancelled_dates",
    ]:
        assert event[name] == getattr(page, name), name


def test_images_come_as_fixed_renditions_with_alt_text(client, portal):
    event = by_id(client, EVENTS)[portal.pictured.pk]
    image = event["image"]
    assert image["alt"] == "Bambini che ballano in cortile"
    assert (image["thumbnail"]["width"], image["thumbnail"]["height"]) == (400, 300)
    assert image["large"]["width"] == 1200
    assert image["thumbnail"]["url"].startswith("http://testserver/media/images/")
    block = event["body"][1]["value"]
    assert block["image"]["alt"] == "Il cortile" and block["image"]["thumbnail"]["width"] == 400


def test_rich_text_is_html_with_real_links(client, portal):
    event = by_id(client, EVENTS)[portal.pictured.pk]
    paragraph = event["body"][0]["value"]
    assert "linktype" not in paragraph
    assert '<a href="http://testserver/it/san-salvario/sportello-di-ascolto/">' in paragraph


def test_a_district_has_its_house_manager_and_photo(client, portal):
    district = by_id(client, "/api/v2/pages/?type=districts.DistrictPage&fields=*")[portal.district.pk]
    assert district["population"] == 35000
    house = district["house_data"]
    assert house["name"] == "Casa del Quartiere di San Salvario"
    assert house["opening_hours"][0] == {"weekday": "MO", "opens": "09:00", "closes": "13:00"}
    assert house["phone"] and house["email"]
    manager = district["manager_data"]
    assert manager["name"] == "Sara Medici" and manager["role"] == "Community Manager"
    assert manager["photo"]["url"].endswith(".fill-400x400.jpg")
    assert district["hero_image"]["alt"] == "I tetti di San Salvario al tramonto"


def test_an_initiative_has_its_schedule_in_words_and_as_rrule(client, portal):
    initiative = by_id(client, "/api/v2/pages/?type=initiatives.InitiativePage&fields=*")[
        portal.initiative.pk
    ]
    assert initiative["schedule_rrule"] == ["RRULE:FREQ=WEEKLY;BYDAY=TU"]
    assert "10:00" in initiative["schedule_text"] and initiative["schedule_text"][0].isupper()
    assert initiative["next_dates"] and initiative["status"] == "active"
    assert initiative["category_data"]["slug"] == "courses"


def test_locale_filters_and_translations_link_the_versions(client, portal, english):
    translated = publish_translation(portal.free, english)
    assert [item["id"] for item in items(client, "/api/v2/pages/?type=initiatives.EventPage&locale=en")] == [
        translated.pk
    ]
    italian = by_id(client, "/api/v2/pages/?type=initiatives.EventPage")[portal.free.pk]
    assert italian["meta"]["translations"] == [
        {
            "id": translated.pk,
            "locale": "en",
            "detail_url": f"http://testserver/api/v2/pages/{translated.pk}/",
        }
    ]
    assert by_id(client, "/api/v2/pages/?locale=en")[translated.pk]["meta"]["locale"] == "en"


def test_snippets_and_words_follow_the_page_locale(client, portal, english):
    translated = publish_translation(portal.weekly, english)
    Category.objects.create(
        name="Courses", slug="courses", locale=english, translation_key=portal.category.translation_key
    )
    event = by_id(client, EVENTS + "&locale=en")[translated.pk]
    assert event["category_data"]["name"] == "Courses"
    assert event["meta"]["locale"] == "en"


def test_only_live_and_public_pages_are_listed(client, portal, district):
    draft = EventPageFactory(parent=district, publish=False)
    private = EventPageFactory(parent=district, title="Riunione interna")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="segreto")
    listed = by_id(client, EVENTS)
    assert portal.weekly.pk in listed and draft.pk not in listed and private.pk not in listed
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{private.pk}/").status_code == 404
    occurrences = client.get("/api/v2/occurrences/").json()["items"]
    assert private.pk not in {item["event_id"] for item in occurrences}


def test_detail_of_a_page(client, portal):
    response = client.get(f"/api/v2/pages/{portal.weekly.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["parent"]["id"] == portal.district.pk
    assert data["next_dates"] and data["venue_data"]


def test_images_and_documents_list_only_what_public_content_uses(client, portal, district):
    from tests.factories import make_image

    unused = make_image("Bozza")
    draft_image = make_image("Per una bozza")
    EventPageFactory(parent=district, publish=False, image=draft_image)
    listed = {item["id"] for item in items(client, "/api/v2/images/")}
    assert {portal.image.pk, portal.district.hero_image_id} <= listed
    assert portal.district.manager.photo_id in listed
    assert unused.pk not in listed and draft_image.pk not in listed
    image = client.get(f"/api/v2/images/{portal.image.pk}/").json()
    assert image["alt"] == "Bambini che ballano in cortile" and image["thumbnail"]["width"] == 400
    assert client.get(f"/api/v2/images/{unused.pk}/").status_code == 404
    assert client.get("/api/v2/documents/").json() == {"meta": {"total_count": 0}, "items": []}


@pytest.mark.parametrize("count", [10, 50])
def test_an_event_listing_costs_the_same_queries_for_10_and_50_items(
    client, district, django_assert_max_num_queries, count
):
    events(district, count)
    url = f"{EVENTS}&limit={count}"
    client.get(url)  # the first request builds the cached directory and the renditions
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert len(response.json()["items"]) == count


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?type=districts.DistrictPage&fields=*&limit={count}",
        "/api/v2/pages/?type=initiatives.InitiativePage&fields=*&limit={count}",
        "/api/v2/pages/?fields=*&limit={count}",
        "/api/v2/pages/?type=initiatives.EventPage&fields=*&locale=en&limit={count}",
    ],
)
def test_other_listings_do_not_grow_with_the_items(client, portal, english, url):
    from tests.support.queries import CaptureAllQueries

    for page in events(portal.district, 12):
        publish_translation(page, english)
    counts = []
    for count in (2, 12):
        client.get(url.format(count=count))
        with CaptureAllQueries() as queries:
            assert client.get(url.format(count=count)).status_code == 200
        counts.append(len(queries))
    # The portal fixture has a body with an image and a rich-text page link: a fixed extra cost.
    assert counts[0] == counts[1] <= 14


def test_a_moved_occurrence_keeps_its_reason_in_next_dates(client, district):
    from tests.factories import occurrence_change

    start = days_from_now(2, 10)
    event = EventPageFactory(
        parent=district,
        start=start,
        end=start + datetime.timedelta(hours=1),
        occurrence_changes=[
            occurrence_change(
                start.date(),
                cancelled=False,
                reason="Spostato di un'ora",
                new_start=start + datetime.timedelta(hours=1),
            )
        ],
    )
    item = by_id(client, EVENTS)[event.pk]
    assert item["next_dates"][0]["moved"] is True
    assert item["next_dates"][0]["reason"] == "Spostato di un'ora"


def test_every_locale_of_the_portal_is_accepted(client, portal):
    for code, _name in Locale.objects.values_list("language_code", "id"):
        assert client.get(f"/api/v2/pages/?locale={code}").status_code == 200
    assert client.get("/api/v2/pages/?locale=fr").json()["items"] == []


def queries_of_second_request(client, url, warm_with=None):
    from tests.support.queries import CaptureAllQueries

    # Fills the caches kept by content version (with another URL: all but the page's item).
    assert client.get(warm_with or url).status_code == 200
    with CaptureAllQueries() as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_details_and_images_cost_an_exact_number_of_queries(client, portal, english):
    """Warm, the page's item not kept yet: content version, page, page as its type (with its
    locale and picture), the renditions of every picture, the type's own rows (audiences,
    languages, date changes, next dates, the cancelled dates of `exceptions`), then the
    translations, the parent and the pages linked from rich text together. The pictured
    event's body adds its image (one query for the image rows). Once its item is kept, a page
    costs the content version, the page and the page as its type."""
    expected = {
        f"/api/v2/pages/{portal.district.get_parent().pk}/": 4,
        f"/api/v2/pages/{portal.district.pk}/": 5,
        f"/api/v2/pages/{portal.initiative.pk}/": 8,
        f"/api/v2/pages/{portal.weekly.pk}/": 9,
        f"/api/v2/pages/{portal.pictured.pk}/": 11,
    }
    built = {
        url: queries_of_second_request(client, url, warm_with=f"{url}?fields=-title") for url in expected
    }
    assert built == expected
    assert {url: queries_of_second_request(client, url) for url in expected} == dict.fromkeys(expected, 3)
    files = {
        "/api/v2/images/": 5,
        f"/api/v2/images/{portal.image.pk}/": 3,
        f"/api/v2/images/{portal.district.hero_image_id}/": 3,
    }
    assert {url: queries_of_second_request(client, url) for url in files} == files


def test_rich_text_links_lead_to_the_translation_in_the_page_language(client, portal, english):
    from django.utils import translation
    from wagtail.rich_text import expand_db_html

    initiative = publish_translation(portal.initiative, english)
    event = publish_translation(portal.pictured, english)
    with translation.override("en"):  # Wagtail's own handler, as a page template renders it
        expected = expand_db_html(event.body.raw_data[0]["value"])
    assert f'href="{initiative.url}"' in expected
    detail = client.get(f"/api/v2/pages/{event.pk}/").json()
    listed = by_id(client, EVENTS + "&locale=en")[event.pk]
    for data in (detail, listed):
        assert data["body"][0]["value"] == expected.replace('href="/', 'href="http://testserver/')
    # An Italian page keeps its Italian link.
    italian = client.get(f"/api/v2/pages/{portal.pictured.pk}/").json()["body"][0]["value"]
    assert 'href="http://testserver/it/san-salvario/sportello-di-ascolto/"' in italian
