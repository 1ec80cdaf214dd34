"""The portal's search backend on each database: languages, stemming, the index kept current."""

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from portal.core.search.backend import NormalisingBackendMixin, filtered_language, postgres_config
from portal.core.search.query import search_pages
from tests.factories import CategoryFactory, EventPageFactory, InitiativePageFactory, publish_translation

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")


def test_the_portal_backend_is_in_use():
    assert isinstance(get_search_backend(), NormalisingBackendMixin)


def test_the_searched_locale_is_read_from_the_queryset(site_tree):
    it, en = site_tree.it, site_tree.en
    pages = Page.objects.live()
    assert filtered_language(pages.filter(locale=it)) == "it"
    assert filtered_language(pages.filter(locale_id=en.pk)) == "en"
    assert filtered_language(pages.filter(locale__language_code="en")) == "en"
    assert filtered_language(pages.filter(locale__in=[en])) == "en"
    assert filtered_language(pages.filter(locale=it).filter(depth__gte=2)) == "it"
    assert filtered_language(pages) is None
    assert filtered_language(pages.filter(locale__in=[it, en])) is None
    assert filtered_language(pages.exclude(locale=it)) is None


@on_postgres
def test_postgresql_configurations_by_language():
    assert postgres_config("it") == "italian"
    assert postgres_config("en") == "english"
    assert postgres_config("fr") == "french"
    assert postgres_config("es") == "spanish"
    assert postgres_config("ro") == "romanian"
    assert postgres_config("zh-hans") == "simple"
    assert postgres_config("ar") in ("arabic", "simple")  # arabic since PostgreSQL 12


@on_postgres
def test_each_page_is_stemmed_in_its_own_language(district, site_tree, en_home):
    from wagtail.search.models import IndexEntry

    italian = InitiativePageFactory(parent=district, title="Corsi di cucina", summary="Impariamo a cucinare.")
    english_district = publish_translation(district, site_tree.en)
    english = InitiativePageFactory(
        parent=english_district, title="Cooking classes", summary="Learning to cook.", locale=site_tree.en
    )

    def title_vector(page):
        return str(IndexEntry.objects.get(object_id=str(page.pk), content_type=page.content_type).title)

    assert "'cors'" in title_vector(italian)  # the Italian stemmer
    assert "'class'" in title_vector(english)  # the English one
    # A query is stemmed in the language of the locale it searches.
    assert [page.pk for page in search_pages(Page.objects.live(), "corso", site_tree.it)] == [italian.pk]
    assert [page.pk for page in search_pages(Page.objects.live(), "class", site_tree.en)] == [english.pk]


@on_sqlite
def test_sqlite_finds_the_other_forms_of_a_word(district, site_tree):
    course = InitiativePageFactory(parent=district, title="Corso di cucina")
    assert [page.pk for page in search_pages(Page.objects.live(), "corsi", site_tree.it)] == [course.pk]


def test_the_index_follows_publishing_and_update_index(district, site_tree):
    event = EventPageFactory(parent=district, title="Tombolata di quartiere", publish=False)
    italian = site_tree.it
    assert list(search_pages(Page.objects.live(), "tombolata", italian)) == []
    event.save_revision().publish()
    assert [page.pk for page in search_pages(Page.objects.live(), "tombolata", italian)] == [event.pk]
    event.refresh_from_db()
    event.unpublish()
    assert list(search_pages(Page.objects.live(), "tombolata", italian)) == []
    event.save_revision().publish()
    call_command("update_index", verbosity=0)
    assert [page.pk for page in search_pages(Page.objects.live(), "tombolata", italian)] == [event.pk]


def test_the_category_is_indexed_in_the_pages_language(district, site_tree, en_home):
    from initiatives.models import Category

    courses = CategoryFactory(slug="courses", name="Corsi")
    english_courses = courses.copy_for_translation(site_tree.en)
    english_courses.name = "Courses"
    english_courses.save()
    italian = InitiativePageFactory(parent=district, title="Scacchi", category=courses)
    english_district = publish_translation(district, site_tree.en)
    english = publish_translation(italian, site_tree.en)
    assert english.category_id == courses.pk  # the link still points to the Italian category
    assert english_district.locale == site_tree.en
    found = [page.pk for page in search_pages(Page.objects.live(), "courses", site_tree.en)]
    assert found == [english.pk]
    assert Category.objects.count() == 2


def test_the_admin_search_still_works(admin_client, district):
    InitiativePageFactory(parent=district, title="Sportello di ascolto")
    response = admin_client.get("/admin/pages/search/", {"q": "sportello"})
    assert response.status_code == 200
    assert "Sportello di ascolto" in response.content.decode()


def test_a_locale_with_no_pages_finds_nothing(site_tree, district):
    InitiativePageFactory(parent=district, title="Sportello di ascolto")
    french, _created = Locale.objects.get_or_create(language_code="fr")
    assert list(search_pages(Page.objects.live(), "sportello", french)) == []


def test_renaming_or_translating_a_category_updates_its_pages(district, site_tree, en_home):
    courses = CategoryFactory(slug="courses", name="Corsi")
    italian = InitiativePageFactory(parent=district, title="Scacchi", category=courses)
    publish_translation(district, site_tree.en)
    english = publish_translation(italian, site_tree.en)

    def found(query, locale):
        return [page.pk for page in search_pages(Page.objects.live(), query, locale)]

    assert found("corsi", site_tree.en) == [english.pk]  # no English category yet: its Italian name
    english_courses = courses.copy_for_translation(site_tree.en)
    english_courses.name = "Classes"
    english_courses.save()
    assert found("classes", site_tree.en) == [english.pk]
    assert found("corsi", site_tree.en) == []
    courses.name = "Lezioni"
    courses.save()
    assert found("lezioni", site_tree.it) == [italian.pk]
    assert found("classes", site_tree.en) == [english.pk]
