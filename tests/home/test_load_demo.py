"""The demo command: the three districts of Turin, idempotent, and served by the site."""

import html
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from districts.models import Delivery, DistrictPage, Follower
from initiatives.models import EventPage, InitiativePage, Occurrence
from tests.support.demo import (  # noqa: F401 (fixtures)
    _demo_media,
    demo_media,
    demo_module,
    model_counts,
    shared_demo,
    shared_demo_media,
)

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

DISTRICTS = {
    "San Salvario": ("Sara Medici", "Casa del Quartiere di San Salvario"),
    "Barriera di Milano": ("Sara Medici", "Bagni Pubblici di via Agliè"),
    "Mirafiori Sud": ("Imma di Santo", "Casa nel Parco"),
}


@pytest.fixture(scope="module")
def demo(shared_demo, django_db_blocker, demo_media):  # noqa: F811 (the fixture imported above)
    """Run the command twice, then roll back: the first run is the process's shared demo
    (tests/support/demo.py: `load_demo` itself, on the empty database), the second is this
    module's, in a savepoint rolled back at its end.

    Yields the model counts after each run and the page cache's content version before and
    after the first."""
    with demo_module(shared_demo, django_db_blocker, demo_media) as first:
        call_command("load_demo", verbosity=0)
        second = model_counts()
        yield first.counts, second, (first.before, first.after)


def test_second_run_changes_no_count(demo):
    first, second, _versions = demo
    changed = {label: (first[label], second[label]) for label in first if first[label] != second[label]}
    assert not changed, f"counts changed on the second run: {changed}"
    assert first["districts.DistrictPage"] >= 3


def test_the_three_districts_with_their_managers_and_houses(demo):
    for title, (manager, house) in DISTRICTS.items():
        district = DistrictPage.objects.get(title=title, locale__language_code="it")
        assert district.live
        assert district.manager.name == manager, title
        assert district.house.name == house, title


def test_each_district_has_initiatives_and_events(demo):
    for title in DISTRICTS:
        district = DistrictPage.objects.get(title=title, locale__language_code="it")
        initiatives = InitiativePage.objects.descendant_of(district).live().count()
        events = EventPage.objects.descendant_of(district).live().count()
        assert initiatives >= 4, (title, initiatives)
        assert events >= 6, (title, events)
        assert Occurrence.objects.filter(district_key=district.translation_key).exists(), title


def test_each_district_and_the_portal_have_translated_news(demo, client):
    from districts.models import NewsIndexPage, NewsPage
    from home.models import HomePage

    home = HomePage.objects.get(locale__language_code="it")
    portal_index = NewsIndexPage.objects.child_of(home).get()
    assert NewsPage.objects.child_of(portal_index).live().count() >= 2
    for title in DISTRICTS:
        district = DistrictPage.objects.get(title=title, locale__language_code="it")
        news = NewsPage.objects.descendant_of(district).live()
        assert news.count() >= 5, title
        assert any(page.related_pages for page in news), title
        for code in TARGET_LANGUAGES:
            copies = NewsPage.objects.filter(translation_key__in=news.values("translation_key"))
            translated = copies.filter(locale__language_code=code, alias_of__isnull=True)
            assert translated.count() == news.count(), (title, code)
    arabic = client.get("/ar/san-salvario/").content.decode()
    assert "التسجيل في دورة اللغة الإيطالية يبدأ يوم الاثنين" in arabic


def test_the_upkeep_held_back_during_the_build_is_done_at_the_end(demo):
    """portal.demo.upkeep: the search index, the reference index and the page cache are brought
    up to date once, after the build, on the final state of every object."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.images import get_image_model
    from wagtail.models import Page, ReferenceIndex
    from wagtail.search.models import IndexEntry

    from districts.models import CommunityManager, NeighbourhoodHouse
    from initiatives.models import Category

    _first, _second, (before, after) = demo
    assert after > before, "the page cache was not emptied"

    rows = IndexEntry.objects.values_list("content_type", "object_id", "title")
    entries = {(content_type, object_id): title for content_type, object_id, title in rows}
    pages = list(Page.objects.filter(depth__gt=1).select_related("locale"))
    italian = {page.translation_key: page for page in pages if page.locale.language_code == "it"}
    for page in pages:
        key = (page.content_type_id, str(page.pk))
        assert key in entries, f"{page.url_path} ({page.locale.language_code}) is not in the search index"
        # Indexed as it ended: a translated page with its own title, not as the alias it was
        # (the entry's title is the text on SQLite, a tsvector on PostgreSQL).
        source = italian[page.translation_key]
        if page.title != source.title:
            assert entries[key] != entries[(source.content_type_id, str(source.pk))], page.url_path
    for model in (Category, NeighbourhoodHouse, CommunityManager, get_image_model()):
        content_type = ContentType.objects.get_for_model(model)
        for pk in model.objects.values_list("pk", flat=True):
            assert (content_type.pk, str(pk)) in entries, (model.__name__, pk)

    # Every district, in every language, references its picture, its house and its manager.
    for district in DistrictPage.objects.all():
        targets = {
            (reference.to_content_type_id, reference.to_object_id)
            for reference in ReferenceIndex.get_references_for_object(district)
        }
        image = district.hero_image
        assert (ContentType.objects.get_for_model(image).pk, str(image.pk)) in targets, district.url_path
        assert len(targets) >= 3, district.url_path


def test_deferred_upkeep_reconnects_what_it_held_back(db):
    from django.contrib.contenttypes.models import ContentType
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Locale
    from wagtail.search.models import IndexEntry
    from wagtail.signals import page_published

    from initiatives import signals as occurrence_signals
    from initiatives.models import Category
    from portal.demo.upkeep import deferred_upkeep

    def receivers():
        # Django's list of (lookup key, receiver, …): which receivers, and in which order.
        return {name: [entry[0] for entry in signal.receivers] for name, signal in SIGNALS.items()}

    SIGNALS = {"post_save": post_save, "post_delete": post_delete, "page_published": page_published}
    connected = receivers()
    content_type = ContentType.objects.get_for_model(Category)
    with deferred_upkeep() as upkeep:
        category = Category.objects.create(slug="prova", name="Prova", locale=Locale.get_default())
        assert not IndexEntry.objects.filter(content_type=content_type, object_id=str(category.pk)).exists()
    after = receivers()
    assert after["page_published"] == connected["page_published"]
    # The page cache hears of a publication before the occurrence table is rebuilt
    # (portal/core/signals.py), as when the apps connected them.
    uids = [key[0] for key in after["page_published"]]
    assert uids.index("portal-cache-published") < uids.index(id(occurrence_signals.rebuild_on_publish))
    for name in SIGNALS:
        assert sorted(map(str, after[name])) == sorted(map(str, connected[name])), name
    upkeep.catch_up()
    assert IndexEntry.objects.filter(content_type=content_type, object_id=str(category.pk)).exists()

    # A block that fails leaves nothing to catch up on, and reconnects everything too.
    with pytest.raises(RuntimeError), deferred_upkeep() as failed:
        Category.objects.create(slug="prova-2", name="Prova 2", locale=Locale.get_default())
        raise RuntimeError
    assert not failed.pending
    assert sorted(map(str, receivers()["post_save"])) == sorted(map(str, connected["post_save"]))


def test_the_search_index_task_that_the_upkeep_replays_in_bulk():
    """portal.demo.upkeep recognises modelsearch's per-save task by its path and arguments
    (app label, model name, primary key); if that changed, the demo would index one object at a
    time again: right, but slow."""
    import inspect

    from django.utils.module_loading import import_string

    from portal.demo.upkeep import INDEX_TASK

    task = import_string(INDEX_TASK)
    assert task.module_path == INDEX_TASK
    assert list(inspect.signature(task.func).parameters) == ["app_label", "model_name", "pk"]


def test_the_default_site_is_on_the_portal_base_url(demo):
    """load_demo runs configure_site: here PORTAL_BASE_URL is the tests' http://testserver
    (`make run`: the development default, http://127.0.0.1:8000)."""
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("testserver", 80)
    district = DistrictPage.objects.get(title="San Salvario", locale__language_code="it")
    assert district.full_url == "http://testserver/it/san-salvario/"


def test_the_demo_is_served(demo, client):
    response = client.get("/it/san-salvario/")
    assert response.status_code == 200
    assert "Sara Medici" in response.content.decode()
    assert client.get("/").status_code == 302


# --- The demo in every language (portal.demo.translations) ------------------------------------

TARGET_LANGUAGES = ("en", "fr", "ar", "ro", "zh-hans", "es")


def test_the_demo_is_translated_through_wagtail_localize(demo):
    from wagtail.models import Page
    from wagtail_localize.models import StringSegment, StringTranslation, Translation

    from districts.models import CommunityManager, NeighbourhoodHouse
    from home.models import HomePage
    from initiatives.models import Category

    for code in TARGET_LANGUAGES:
        home = HomePage.objects.get(locale__language_code=code)
        assert home.alias_of_id is None, code
        for italian in DistrictPage.objects.filter(locale__language_code="it"):
            district = italian.get_translation(home.locale)
            assert district.alias_of_id is None, (code, italian.title)
            assert district.intro != italian.intro, (code, italian.title)
            for model in (InitiativePage, EventPage):
                translated = [
                    page
                    for page in model.objects.descendant_of(district).filter(alias_of__isnull=True)
                    if page.title != page.get_translation(italian.locale).title
                ]
                assert len(translated) >= 2, (code, italian.title, model.__name__)
        for model in (NeighbourhoodHouse, CommunityManager, Category):
            assert (
                model.objects.filter(locale__language_code=code).count()
                == model.objects.filter(locale__language_code="it").count()
            ), (code, model.__name__)

    # The real flow: a Translation per object and language, every segment translated.
    translations = Translation.objects.select_related("source", "target_locale")
    assert translations.count() >= 6 * (1 + 3 + 12 + 3 + 2 + 6)
    for translation in translations:
        total, done = translation.get_progress()
        assert total == done > 0, translation
    italian_pages = Page.objects.filter(locale__language_code="it", depth__gt=1).count()
    assert Page.objects.filter(locale__language_code="ar", depth__gt=1).count() == italian_pages
    assert StringTranslation.objects.filter(
        translation_of__in=StringSegment.objects.values("string")
    ).exists()


def test_the_translated_demo_is_served(demo, client):
    english = client.get("/en/").content.decode()
    assert "Quartieri tells you what is happening in San Salvario" in english
    arabic = client.get("/ar/barriera-di-milano/").content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic
    assert "حيّ عمّالي تاريخيًا في شمال تورينو" in arabic
    assert "translation-notice" not in arabic
    chinese = client.get("/zh-hans/mirafiori-sud/").content.decode()
    assert "公园之家（Casa nel Parco）" in chinese  # the translated house
    # A page the demo leaves to translators is reached in French and says it is still Italian.
    french = client.get("/fr/san-salvario/laboratorio-di-ceramica/").content.decode()
    assert "Cette page n'a pas encore été traduite en français" in html.unescape(french)


# --- Never in production ----------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "a-long-random-secret-for-the-test-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "quartieri.example",
    "TRUSTED_PROXY_COUNT": "1",
    "PORTAL_BASE_URL": "https://quartieri.example",
}


def run_in_production(*command):
    return subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env={**os.environ, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_do_not_install_the_demo():
    """The demo creates a superuser and invented people: the development and test settings
    install `portal.demo` (and with it `load_demo`), the production settings do not, so there
    is no command to refuse or to force."""
    assert "portal.demo" in settings.INSTALLED_APPS
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SETTINGS_MODULE, 'portal.core' in settings.INSTALLED_APPS, "
        "'portal.demo' in settings.INSTALLED_APPS)"
    )
    result = run_in_production("-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["portal.settings.production", "True", "False"]
    for command in ("load_demo", "load_editorial_demo"):
        result = run_in_production("manage.py", command)
        assert result.returncode != 0
        assert f"Unknown command: '{command}'" in result.stderr


def test_the_demo_has_followers_for_the_managers_report(demo):
    assert Follower.objects.confirmed().count() == 7
    assert Follower.objects.filter(confirmed_at__isnull=True).count() == 1
    assert set(Follower.objects.values_list("language", flat=True)) == {
        code for code, _name in settings.LANGUAGES
    }
    assert Delivery.objects.filter(kind="digest", status="sent").count() == 6
    assert Delivery.objects.filter(status="failed").count() == 1
