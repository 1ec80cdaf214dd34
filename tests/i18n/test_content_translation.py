"""Content translation with wagtail-localize: facts stay synchronised with the Italian source,
words are translated, aliases become translations, PO files go out and come back, and machine
translation is configured by the environment."""

import datetime
import runpy
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from initiatives.models import EventPage
from portal.settings.base import machine_translator
from tests.factories import NeighbourhoodHouseFactory, translate_with_localize

from .conftest import in_language

pytestmark = pytest.mark.django_db


def sync_translations(instance):
    """What the admin's "Sync translated pages" does: refresh the source, save every target."""
    from django.test import TestCase
    from wagtail_localize.models import TranslationSource

    source = TranslationSource.objects.get_for_instance(instance)
    source.update_from_db()
    with TestCase.captureOnCommitCallbacks(execute=True):
        for translation in source.translations.filter(enabled=True):
            translation.save_target(publish=True)


def test_an_alias_becomes_a_real_translation(tree):
    alias = in_language(tree.event, "en")
    assert alias.alias_of_id == tree.event.pk
    english = translate_with_localize(
        tree.event, tree.locales["en"], {"Cena di quartiere": "Neighbourhood dinner"}
    )
    assert english.pk == alias.pk
    assert english.alias_of_id is None
    assert english.title == "Neighbourhood dinner"
    assert english.live and not english.has_unpublished_changes
    assert english.start == tree.event.start


def test_changing_the_italian_start_changes_it_in_every_language_after_sync(tree):
    english = translate_with_localize(
        tree.event, tree.locales["en"], {"Cena di quartiere": "Neighbourhood dinner"}
    )
    arabic = translate_with_localize(tree.event, tree.locales["ar"], {"Cena di quartiere": "عشاء الحي"})

    italian = EventPage.objects.get(pk=tree.event.pk)
    later = italian.start + datetime.timedelta(days=1, hours=1)
    italian.start = later
    italian.end = later + datetime.timedelta(hours=2)
    italian.save_revision().publish()
    sync_translations(italian)

    for page, title in ((english, "Neighbourhood dinner"), (arabic, "عشاء الحي")):
        page = EventPage.objects.get(pk=page.pk)
        assert page.start == later
        assert page.end == later + datetime.timedelta(hours=2)
        assert page.title == title  # words stay translated


def test_facts_of_a_district_stay_synchronised(tree):
    english = translate_with_localize(tree.district, tree.locales["en"], {"San Salvario": "San Salvario"})
    assert (english.population, english.house_id, english.manager_id) == (
        tree.district.population,
        tree.district.house_id,
        tree.district.manager_id,
    )
    italian = tree.district
    italian.population = 36500
    italian.save_revision().publish()
    sync_translations(italian)
    english.refresh_from_db()
    assert english.population == 36500


def test_a_house_is_translated_and_its_facts_follow_the_italian_one(client, tree):
    house = tree.district.house
    english = translate_with_localize(
        house,
        tree.locales["en"],
        {"Casa del Quartiere di San Salvario": "San Salvario Neighbourhood House"},
    )
    assert english.locale == tree.locales["en"]
    assert (english.latitude, english.phone, english.street_address) == (
        house.latitude,
        house.phone,
        house.street_address,
    )
    assert english.opening_hours.count() == house.opening_hours.count()
    content = client.get(in_language(tree.district, "en").url).content.decode()
    assert "San Salvario Neighbourhood House" in content
    # Another locale without a translation shows the Italian house, marked as Italian.
    french = client.get(in_language(tree.district, "fr").url).content.decode()
    assert '<h2 id="house-heading" lang="it">Casa del Quartiere di San Salvario</h2>' in french


def test_a_new_house_has_no_translation_until_one_is_made(tree):
    house = NeighbourhoodHouseFactory(name="Casa nel Parco")
    assert house.get_translation_or_none(tree.locales["fr"]) is None
    french = translate_with_localize(house, tree.locales["fr"], {"Casa nel Parco": "Casa nel Parco"})
    assert house.get_translation(tree.locales["fr"]) == french


def test_po_files_go_to_translators_and_come_back(admin_client, tree):
    from wagtail_localize.models import StringTranslation, Translation

    english = translate_with_localize(tree.event, tree.locales["en"], {"Cena di quartiere": "Dinner"})
    translation = Translation.objects.get(
        source__object_id=tree.event.translation_key, target_locale__language_code="en"
    )

    response = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/x-gettext-translation")
    po = polib.pofile(response.content.decode())
    entry = next(entry for entry in po if entry.msgid == "Cena di quartiere")
    assert entry.msgstr == "Dinner"

    entry.msgstr = "Neighbourhood dinner"
    upload = Path(settings.MEDIA_ROOT) / "en.po"
    upload.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(upload))
    with upload.open("rb") as handle:
        response = admin_client.post(
            reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
            {"file": handle, "next": english.url},
        )
    assert response.status_code == 302
    assert StringTranslation.objects.filter(locale__language_code="en", data="Neighbourhood dinner").exists()


def test_machine_translation_is_off_unless_configured():
    assert machine_translator({}) is None
    deepl = machine_translator({"MACHINE_TRANSLATOR": "deepl", "DEEPL_API_KEY": "key:fx"})
    assert deepl["CLASS"].endswith("DeepLTranslator") and deepl["OPTIONS"]["AUTH_KEY"] == "key:fx"
    libre = machine_translator(
        {"MACHINE_TRANSLATOR": "LibreTranslate", "LIBRETRANSLATE_URL": "https://lt.example/"}
    )
    assert libre["OPTIONS"]["LIBRETRANSLATE_URL"] == "https://lt.example"
    with pytest.raises(ImproperlyConfigured, match="DEEPL_API_KEY"):
        machine_translator({"MACHINE_TRANSLATOR": "deepl"})
    with pytest.raises(ImproperlyConfigured, match="LIBRETRANSLATE_URL"):
        machine_translator({"MACHINE_TRANSLATOR": "libretranslate"})
    with pytest.raises(ImproperlyConfigured, match="not known"):
        machine_translator({"MACHINE_TRANSLATOR": "babelfish"})


def test_the_tests_use_the_dummy_translator():
    from wagtail_localize.machine_translators import get_machine_translator

    assert type(get_machine_translator()).__name__ == "DummyTranslator"


def production_settings(monkeypatch, translator):
    """Run portal.settings.production as a fresh module, with `translator` configured in base."""
    import portal.settings.base as base

    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("ALLOWED_HOSTS", "quartieri.example")
    monkeypatch.setenv("TRUSTED_PROXY_COUNT", "0")
    monkeypatch.setenv("PORTAL_BASE_URL", "https://quartieri.example")
    monkeypatch.setattr(base, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", translator)
    return runpy.run_module("portal.settings.production")


def test_production_refuses_the_dummy_translator(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="dummy machine translator must not be used in production"):
        production_settings(monkeypatch, machine_translator({"MACHINE_TRANSLATOR": "dummy"}))
    deepl = machine_translator({"MACHINE_TRANSLATOR": "deepl", "DEEPL_API_KEY": "key"})
    assert production_settings(monkeypatch, deepl)["WAGTAILLOCALIZE_MACHINE_TRANSLATOR"] == deepl
    assert production_settings(monkeypatch, None)["WAGTAILLOCALIZE_MACHINE_TRANSLATOR"] is None
