"""The interface catalogues: complete in every language, compiled, and used by Django."""

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from portal.management.commands.compile_catalogues import compile_po

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["it", "en", "fr", "ar", "ro", "zh_Hans", "es"]
NPLURALS = {"it": 2, "en": 2, "fr": 2, "ar": 6, "ro": 3, "zh_Hans": 1, "es": 2}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


def catalogue(code):
    return polib.pofile(str(LOCALE_DIR / code / "LC_MESSAGES" / "django.po"))


def placeholders(text):
    return {name for pair in PLACEHOLDER.findall(text) for name in pair if name}


def entry_name(entry):
    return f"{entry.msgctxt} | {entry.msgid}" if entry.msgctxt else entry.msgid


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(code):
    po = catalogue(code)
    assert len(po) > 100
    assert not po.metadata_is_fuzzy
    untranslated = [entry_name(entry) for entry in po.untranslated_entries()]
    fuzzy = [entry_name(entry) for entry in po.fuzzy_entries()]
    assert not untranslated, f"{code}: untranslated {untranslated}"
    assert not fuzzy, f"{code}: fuzzy {fuzzy}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_plural_forms_and_placeholders(code):
    po = catalogue(code)
    assert f"nplurals={NPLURALS[code]};" in po.metadata["Plural-Forms"].replace(" ", "")
    for entry in po.translated_entries():
        expected = placeholders(entry.msgid) | placeholders(entry.msgid_plural or "")
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            assert sorted(forms) == list(range(NPLURALS[code])), entry_name(entry)
            # A form may say the number in words ("مرتين", "once"), but never invent a name.
            for form in forms.values():
                assert placeholders(form) <= expected, (code, entry_name(entry), form)
            assert placeholders(forms[NPLURALS[code] - 1]) == expected, (code, entry_name(entry))
        else:
            assert placeholders(entry.msgstr) == expected, (code, entry_name(entry), entry.msgstr)


def test_english_catalogue_follows_the_source_strings():
    """The source strings are English: `en` says them as they are, but names the language."""
    po = catalogue("en")
    for entry in po.translated_entries():
        if "this language" in entry.msgid:
            assert "English" in entry.msgstr
        elif not entry.msgid_plural:
            assert entry.msgstr == entry.msgid


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_committed_mo_matches_its_po(code):
    """Compile the .po in memory and compare what the catalogues say, not their bytes."""
    po_path = LOCALE_DIR / code / "LC_MESSAGES" / "django.po"
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run manage.py compile_catalogues"

    def contents(catalogue):
        result = {}
        for entry in catalogue:
            value = tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr
            result[(entry.msgctxt, entry.msgid, entry.msgid_plural)] = value
        return result

    compiled = polib.mofile(compile_po(po_path))
    committed = polib.mofile(str(mo_path))
    assert contents(committed) == contents(compiled), f"{mo_path} is stale: run manage.py compile_catalogues"
    assert committed.metadata.get("Plural-Forms") == compiled.metadata.get("Plural-Forms")


def test_compile_catalogues_without_gettext(tmp_path, settings):
    shutil.copytree(LOCALE_DIR, tmp_path / "locale")
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    call_command("compile_catalogues", "--check", verbosity=0)

    po_path = tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(po_path))
    po.find("Coming up").msgstr = "Bientôt"
    po.save()
    with pytest.raises(CommandError, match="compile_catalogues"):
        call_command("compile_catalogues", "--check", verbosity=0)
    call_command("compile_catalogues", verbosity=0)
    call_command("compile_catalogues", "--check", verbosity=0)
    assert polib.mofile(str(po_path.with_suffix(".mo"))).find("Coming up").msgstr == "Bientôt"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("it", "Prossimi appuntamenti"),
        ("fr", "Prochains rendez-vous"),
        ("ar", "المواعيد القادمة"),
        ("ro", "Urmează"),
        ("zh-hans", "近期活动"),
        ("es", "Próximas citas"),
        ("en", "Coming up"),
    ],
)
def test_django_reads_our_catalogues(code, expected):
    with translation.override(code):
        assert translation.gettext("Coming up") == expected


def test_arabic_plurals_have_six_forms():
    with translation.override("ar"):
        words = [
            translation.ngettext("%(counter)s date", "%(counter)s dates", n) % {"counter": n}
            for n in (0, 1, 2, 3, 11, 100)
        ]
    assert words == ["لا توجد مواعيد", "موعد واحد", "موعدان", "3 مواعيد", "11 موعدًا", "100 موعد"]
