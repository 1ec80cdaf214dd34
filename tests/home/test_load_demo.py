"""The demo command: the three districts of Turin, idempotent, and served by the site."""

import html
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from districts.models import DistrictPage
from initiatives.models import EventPage, InitiativePage, Occurrence

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

DISTRICTS = {
    "San Salvario": ("Sara Medici", "Casa del Quartiere di San Salvario"),
    "Barriera di Milano": ("Sara Medici", "Bagni Pubblici di via Agliè"),
    "Mirafiori Sud": ("Imma di Santo", "Casa nel Parco"),
}


def model_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Run the command twice in one transaction kept for the whole module, then roll back."""
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", verbosity=0)
            first = model_counts()
            call_command("load_demo", verbosity=0)
            second = model_counts()
            yield first, second
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_second_run_changes_no_count(demo):
    first, second = demo
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
