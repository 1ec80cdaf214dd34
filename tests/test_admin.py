"""The Wagtail admin: every page type opens for editing; an event is created and published."""

import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from initiatives.models import EventPage, Occurrence
from portal.core.blocks import RICH_TEXT_FEATURES
from tests.factories import (
    AudienceFactory,
    CalendarPageFactory,
    CategoryFactory,
    EventPageFactory,
    InitiativePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    SpokenLanguageFactory,
    days_from_now,
)

pytestmark = pytest.mark.django_db
ROME = ZoneInfo("Europe/Rome")


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("redazione", "redazione@example.org", "password")
    client.force_login(user)
    return client


def test_edit_view_of_every_page_type_opens(admin_client, home, district):
    initiative = InitiativePageFactory(parent=district)
    pages = [
        home,
        district,
        initiative,
        EventPageFactory(parent=district),
        EventPageFactory(parent=initiative),
        CalendarPageFactory(parent=home),
    ]
    news_index = NewsIndexPageFactory(parent=district)
    pages += [news_index, NewsPageFactory(parent=news_index)]
    for page in pages:
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.id]))
        assert response.status_code == 200, type(page).__name__
        assert page.title in response.content.decode()


def test_add_view_of_each_child_type_opens(admin_client, home, district):
    for app, model, parent in [
        ("districts", "districtpage", home),
        ("initiatives", "calendarpage", home),
        ("initiatives", "initiativepage", district),
        ("initiatives", "eventpage", district),
    ]:
        response = admin_client.get(reverse("wagtailadmin_pages:add", args=[app, model, parent.id]))
        assert response.status_code == 200, model


def event_form_data(category, *, start, end, changes=(), **overrides):
    data = {
        "title": "Laboratorio di riparazione biciclette",
        "slug": "ciclofficina",
        "summary": "Portate la vostra bicicletta: la ripariamo insieme.",
        "category": str(category.pk),
        "body": streamfield(
            [
                ("heading", {"text": "Come funziona", "level": "h2"}),
                (
                    "paragraph",
                    rich_text("<p>Attrezzi e <b>consigli</b> gratis.</p>", features=RICH_TEXT_FEATURES),
                ),
            ]
        ),
        "start": start,
        "end": end,
        "recurrence": "RRULE:FREQ=WEEKLY;BYDAY=SA",
        "occurrence_changes": inline_formset(list(changes)),
        "comments": inline_formset([]),
        "is_free": "on",
        "venue_name": "",
        "venue_address": "",
        "booking_info": "",
        "seo_title": "",
        "search_description": "",
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def next_saturday(weeks=1):
    today = datetime.date.today()
    return today + datetime.timedelta(days=(5 - today.weekday()) % 7 + 7 * weeks)


def test_create_and_publish_an_event_through_the_admin(admin_client, district):
    category = CategoryFactory(slug="workshops", name="Laboratori")
    seniors = AudienceFactory(slug="seniors")
    arabic = SpokenLanguageFactory(code="ar", name="العربية")
    saturday = next_saturday()
    cancelled_day = saturday + datetime.timedelta(days=14)
    data = event_form_data(
        category,
        start=f"{saturday:%Y-%m-%d} 10:00",
        end=f"{saturday:%Y-%m-%d} 12:30",
        changes=[{"original_date": f"{cancelled_day:%Y-%m-%d}", "cancelled": "on", "reason": "Festa"}],
    )
    data["audiences"] = [str(seniors.pk)]
    data["languages"] = [str(arabic.pk)]
    url = reverse("wagtailadmin_pages:add", args=["initiatives", "eventpage", district.id])
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response

    event = EventPage.objects.get(slug="ciclofficina")
    assert event.live
    assert event.get_parent().pk == district.pk
    assert [block.block_type for block in event.body] == ["heading", "paragraph"]
    assert "consigli" in str(event.body[1].value)
    assert event.start == datetime.datetime.combine(saturday, datetime.time(10, 0), tzinfo=ROME)
    assert list(event.audiences.all()) == [seniors]
    assert list(event.languages.all()) == [arabic]
    (change,) = event.occurrence_changes.all()
    assert (change.original_date, change.cancelled, change.reason) == (cancelled_day, True, "Festa")

    rows = list(Occurrence.objects.filter(translation_key=event.translation_key).order_by("start"))
    assert len(rows) > 10
    assert rows[0].start == event.start
    assert {row.start.astimezone(ROME).weekday() for row in rows} == {5}
    assert {row.start.astimezone(ROME).time() for row in rows} == {datetime.time(10, 0)}
    assert [row.start.astimezone(ROME).date() for row in rows if row.cancelled] == [cancelled_day]
    assert {row.district_key for row in rows} == {district.translation_key}
    assert {row.category_slug for row in rows} == {"workshops"}


def test_create_and_publish_news_through_the_admin(admin_client, district):
    """A district's news, dated today by default, about an initiative (issue 17)."""
    from districts.models import NewsPage

    category = CategoryFactory(slug="courses", name="Corsi")
    initiative = InitiativePageFactory(parent=district, slug="corso")
    index = NewsIndexPageFactory(parent=district)
    add = reverse("wagtailadmin_pages:add", args=["districts", "newspage", index.id])
    form = admin_client.get(add)
    assert form.status_code == 200
    today = datetime.date.today()
    data = nested_form_data(
        {
            "title": "Iscrizioni al corso",
            "slug": "iscrizioni",
            "date": f"{today:%Y-%m-%d}",
            "category": str(category.pk),
            "summary": "Si apre lunedì.",
            "body": streamfield([("paragraph", rich_text("<p>Venite.</p>", features=RICH_TEXT_FEATURES))]),
            "related_pages": streamfield([("page", initiative.pk)]),
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(add, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    news = NewsPage.objects.get(slug="iscrizioni")
    assert news.live and news.date == today and news.category == category
    assert [block.value.pk for block in news.related_pages] == [initiative.pk]
    # Not under a district itself, nor under the home page.
    for parent in (district, district.get_parent()):
        url = reverse("wagtailadmin_pages:add", args=["districts", "newspage", parent.id])
        assert admin_client.get(url).status_code in (302, 403)  # Wagtail refuses, back to the admin


def test_end_before_start_is_a_form_error_not_a_500(admin_client, district):
    category = CategoryFactory(slug="workshops")
    day = next_saturday()
    data = event_form_data(category, start=f"{day:%Y-%m-%d} 18:00", end=f"{day:%Y-%m-%d} 17:00")
    url = reverse("wagtailadmin_pages:add", args=["initiatives", "eventpage", district.id])
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "end" in response.context["form"].errors
    assert not EventPage.objects.filter(slug="ciclofficina").exists()
    assert not Occurrence.objects.exists()


def test_moved_date_without_new_start_is_a_form_error(admin_client, district):
    category = CategoryFactory(slug="workshops")
    day = next_saturday()
    data = event_form_data(
        category,
        start=f"{day:%Y-%m-%d} 10:00",
        end=f"{day:%Y-%m-%d} 12:00",
        changes=[{"original_date": f"{day + datetime.timedelta(days=7):%Y-%m-%d}", "reason": "Spostato"}],
    )
    url = reverse("wagtailadmin_pages:add", args=["initiatives", "eventpage", district.id])
    response = admin_client.post(url, data)
    assert response.status_code == 200
    changes = response.context["form"].formsets["occurrence_changes"]
    assert "new_start" in changes.errors[0]
    assert not EventPage.objects.filter(slug="ciclofficina").exists()


def test_editing_an_event_in_the_admin_refreshes_its_occurrences(admin_client, district):
    event = EventPageFactory(parent=district, start=days_from_now(5, 18), end=days_from_now(5, 19))
    edit_url = reverse("wagtailadmin_pages:edit", args=[event.id])
    new_start = days_from_now(6, 9).astimezone(ROME)
    data = event_form_data(
        event.category,
        start=f"{new_start:%Y-%m-%d %H:%M}",
        end=f"{new_start:%Y-%m-%d} 11:00",
        recurrence="",
        title=event.title,
        slug=event.slug,
    )
    response = admin_client.post(edit_url, data)
    assert response.status_code == 302
    (row,) = Occurrence.objects.filter(translation_key=event.translation_key)
    assert row.start == new_start


def test_deleting_an_event_in_the_admin(admin_client, district):
    event = EventPageFactory(parent=district)
    assert Occurrence.objects.filter(translation_key=event.translation_key).exists()
    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[event.id]))
    assert response.status_code == 302
    assert not EventPage.objects.filter(pk=event.pk).exists()
    assert not Occurrence.objects.filter(translation_key=event.translation_key).exists()


def test_unpublishing_an_event_in_the_admin(admin_client, district):
    event = EventPageFactory(parent=district)
    response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=[event.id]))
    assert response.status_code == 302
    assert not Occurrence.objects.filter(translation_key=event.translation_key).exists()


def test_the_recurrence_editor_fits_wagtails_admin(admin_client, district):
    """django-recurrence's stylesheet shrinks Wagtail's checkboxes to 2 pixels and floats the
    widget over the next panel; ours, loaded after it, puts them back (see the browser journey)."""
    initiative = InitiativePageFactory(parent=district)
    stylesheet = "initiatives/admin/recurrence-widget.css"
    for url in [
        reverse("wagtailadmin_pages:add", args=["initiatives", "eventpage", district.id]),
        reverse("wagtailadmin_pages:edit", args=[initiative.id]),
    ]:
        html = admin_client.get(url).content.decode()
        assert 'class="recurrence-widget' in html
        assert html.index("recurrence/css/recurrence.css") < html.index(stylesheet)
    css = Path(finders.find(stylesheet)).read_text()
    assert 'div.recurrence-widget input[type="checkbox"]' in css
    assert "float: none" in css


def test_each_audience_is_offered_once_in_the_default_language(admin_client, district, en_home):
    from wagtail.models import Locale

    children = AudienceFactory(slug="children", name="Bambini")
    children_en = children.copy_for_translation(Locale.objects.get(language_code="en"))
    children_en.name = "Children"
    children_en.save()
    url = reverse("wagtailadmin_pages:add", args=["initiatives", "eventpage", district.id])
    choices = admin_client.get(url).context["form"].fields["audiences"].queryset
    assert list(choices) == [children]

    # An audience a page already points to stays offered, so saving keeps it.
    event = EventPageFactory(parent=district)
    event.audiences.set([children_en])
    event.save_revision().publish()
    form = admin_client.get(reverse("wagtailadmin_pages:edit", args=[event.id])).context["form"]
    assert set(form.fields["audiences"].queryset) == {children, children_en}


def test_the_admin_sends_no_e_mail_hashes_to_gravatar(admin_client):
    assert "gravatar" not in admin_client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_dashboard_does_not_call_wagtail_for_updates(admin_client):
    """A superuser's dashboard would ask releases.wagtail.io for new versions from the browser."""
    assert (
        "data-w-upgrade-current-version-value"
        not in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    )
