"""The admin home of editors and managers: their districts' next two weeks and translations to update."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from districts.dashboard import TranslationsToUpdatePanel, UpcomingInDistrictsPanel, translations_needing_work
from tests.factories import EventPageFactory, days_from_now
from tests.support.queries import CaptureAllQueries

pytestmark = pytest.mark.django_db


def render(panel_class, user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return panel_class(request).render_html({})


def queries_to_render(panel_class, user):
    render(panel_class, user)  # warm Django's content type cache
    user = type(user).objects.get(pk=user.pk)  # a fresh user, without cached permissions
    with CaptureAllQueries() as context:
        render(panel_class, user)
    return len(context.captured_queries)


def test_the_next_two_weeks_of_the_editors_districts(client, editorial, editor):
    EventPageFactory(
        parent=editorial.ss, title="Merenda in cortile", start=days_from_now(3, 16), end=days_from_now(3, 18)
    )
    EventPageFactory(
        parent=editorial.ss, title="Gita di fine mese", start=days_from_now(20), end=days_from_now(20, 20)
    )
    EventPageFactory(
        parent=editorial.ms, title="Festa al parco", start=days_from_now(2), end=days_from_now(2, 20)
    )
    client.force_login(editor)
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "district-upcoming" in content
    assert "Merenda in cortile" in content
    assert "Gita di fine mese" not in content
    assert "Festa al parco" not in content


def test_the_upcoming_panel_costs_the_same_queries_for_many_events(editorial, editor):
    EventPageFactory(parent=editorial.ss, start=days_from_now(1), end=days_from_now(1, 20))
    few = queries_to_render(UpcomingInDistrictsPanel, editor)
    for day in range(2, 10):
        EventPageFactory(parent=editorial.ss, start=days_from_now(day), end=days_from_now(day, 20))
    assert queries_to_render(UpcomingInDistrictsPanel, editor) == few
    assert few <= 6


def test_no_upcoming_panel_for_someone_without_districts(editorial, django_user_model):
    nobody = django_user_model.objects.create_user("nessuno", password="x-y-z-123456")
    assert render(UpcomingInDistrictsPanel, nobody) == ""


@pytest.fixture
def translated_event(editorial):
    """An event of San Salvario submitted for translation into English with wagtail-localize."""
    from wagtail_localize.operations import TranslationCreator

    event = EventPageFactory(parent=editorial.ss, title="Cena dal mondo")
    TranslationCreator(user=None, target_locales=[editorial.en]).create_translations(event)
    return event


def test_untranslated_texts_are_listed_for_the_districts_people(translated_event, editor, imma):
    (work,) = translations_needing_work(editor)
    assert work.title == "Cena dal mondo"
    assert not work.source_changed
    (locale, missing, _unpublished, page_id) = work.locales[0]
    assert missing > 0
    assert translations_needing_work(imma) == []
    assert "Cena dal mondo" in render(TranslationsToUpdatePanel, editor)


def test_a_source_edited_after_the_last_sync_is_listed(translated_event, editor):
    from wagtail_localize.models import TranslationSource

    translated_event.summary = "Un nuovo riassunto."
    translated_event.save_revision().publish()
    (work,) = translations_needing_work(editor)
    assert work.source_changed
    assert work.sync_url in render(TranslationsToUpdatePanel, editor)

    TranslationSource.objects.get().update_from_db()
    (work,) = translations_needing_work(editor)
    assert not work.source_changed


def test_the_translations_panel_costs_the_same_queries_for_many_pages(editorial, editor):
    from wagtail_localize.operations import TranslationCreator

    creator = TranslationCreator(user=None, target_locales=[editorial.en])
    creator.create_translations(EventPageFactory(parent=editorial.ss))
    few = queries_to_render(TranslationsToUpdatePanel, editor)
    for _number in range(4):
        creator.create_translations(EventPageFactory(parent=editorial.ss))
    assert len(translations_needing_work(editor)) == 5
    assert queries_to_render(TranslationsToUpdatePanel, editor) == few


def test_the_notices_of_the_managers_districts_now_and_soon(client, editorial, sara):
    from districts.dashboard import NoticesPanel
    from tests.factories import NoticeFactory

    NoticeFactory(district=editorial.ss, title="Casa chiusa oggi", level="urgent")
    NoticeFactory(
        district=editorial.ss,
        title="Iscrizioni da lunedì",
        starts=days_from_now(3, 9),
        ends=days_from_now(10),
    )
    NoticeFactory(
        district=editorial.ss, title="Tra un mese", starts=days_from_now(30, 9), ends=days_from_now(40)
    )
    NoticeFactory(district=editorial.ss, title="Bozza per sabato", publish=False)
    NoticeFactory(district=editorial.ms, title="Festa al parco")
    client.force_login(sara)
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "district-notices" in content
    assert (
        "Casa chiusa oggi" in content and "Iscrizioni da lunedì" in content and "Bozza per sabato" in content
    )
    assert "Tra un mese" not in content and "Festa al parco" not in content
    few = queries_to_render(NoticesPanel, sara)
    for number in range(5):
        NoticeFactory(district=editorial.ss, title=f"Altro {number}")
    assert queries_to_render(NoticesPanel, sara) == few
