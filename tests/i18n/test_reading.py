"""Reading in one's language: each locale's pages speak it, Arabic reads right to left, dates
follow the locale, and a page no translator has finished says so."""

import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

from initiatives.occurrences import zone
from tests.factories import translate_with_localize

from .conftest import in_language

pytestmark = pytest.mark.django_db

# An interface string of each locale's home page, as our catalogues translate it.
SKIP_LINK = {
    "it": "Vai al contenuto principale",
    "en": "Skip to main content",
    "fr": "Aller au contenu principal",
    "ar": "انتقل إلى المحتوى الرئيسي",
    "ro": "Sari la conținutul principal",
    "zh-hans": "跳到主要内容",
    "es": "Ir al contenido principal",
}
COMING_UP = {
    "it": "Prossimi appuntamenti",
    "en": "Coming up",
    "fr": "Prochains rendez-vous",
    "ar": "المواعيد القادمة",
    "ro": "Urmează",
    "zh-hans": "近期活动",
    "es": "Próximas citas",
}


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("code", list(SKIP_LINK))
def test_each_locale_home_renders_in_its_language(client, tree, code):
    content = page_text(client, f"/{code}/")
    direction = "rtl" if code == "ar" else "ltr"
    assert f'<html lang="{code}" dir="{direction}">' in content
    assert SKIP_LINK[code] in content
    assert COMING_UP[code] in content
    if code != "en":
        assert "Skip to main content" not in content


def test_arabic_pages_read_right_to_left(client, tree):
    content = page_text(client, in_language(tree.event, "ar").url)
    assert '<html lang="ar" dir="rtl">' in content
    # The switcher names every language in itself, each with its own direction.
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', content, re.S).group(0)
    assert 'lang="ar" dir="rtl" aria-current="true">العربية</a>' in switcher
    assert 'lang="it" dir="ltr">Italiano</a>' in switcher
    assert 'lang="zh-hans" dir="ltr">中文</a>' in switcher
    # Untranslated Italian words inside the Arabic page are marked as Italian, left to right.
    assert '<h1 lang="it" dir="ltr">Cena di quartiere</h1>' in content


def test_the_stylesheet_mirrors_by_itself():
    """Only logical properties, so [dir=rtl] mirrors the layout; arrows are flipped explicitly."""
    css = (Path(settings.BASE_DIR) / "portal/static/css/portal.css").read_text()
    without_comments = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    physical = re.findall(
        r"(?:margin|padding|border)-(?:left|right)\b|(?<![-\w])(?:left|right)\s*:|"
        r"text-align:\s*(?:left|right)|float:\s*(?:left|right)",
        without_comments,
    )
    assert not physical, physical
    assert re.search(r'\[dir="rtl"\] \.arrow', css)
    assert re.search(r'\[dir="rtl"\] \.link-arrow::after', css)
    # A system font stack that covers Arabic and Chinese, and no web font.
    assert "Noto Sans Arabic" in css and "PingFang SC" in css
    assert "@font-face" not in css and "@import" not in css


def test_dates_follow_the_locale(client, tree):
    local = tree.event.start.astimezone(zone())
    with translation.override("ar"):
        arabic_month = date_format(local, "F")
    with translation.override("en"):
        english_month = date_format(local, "F")
    arabic = page_text(client, in_language(tree.event, "ar").url)
    assert f"{local.day} {arabic_month} {local.year}" in arabic
    assert english_month not in arabic

    chinese = page_text(client, in_language(tree.event, "zh-hans").url)
    assert f"{local.year}年{local.month}月{local.day}日" in chinese

    italian = page_text(client, tree.event.url)
    with translation.override("it"):
        italian_month = date_format(local, "F")
    assert f"{local.day} {italian_month.lower()} {local.year}" in italian  # "5 gennaio", not "5 Gennaio"


def test_numbers_follow_the_locale(client, tree):
    assert "35.000" in page_text(client, tree.district.url)
    assert "35,000" in page_text(client, in_language(tree.district, "en").url)
    assert "35,000" in page_text(client, in_language(tree.district, "ar").url)


def test_an_alias_page_says_it_is_not_translated_yet(client, tree):
    french = page_text(client, in_language(tree.event, "fr").url)
    assert "Cette page n'a pas encore été traduite en français ; vous lisez le texte italien." in french
    assert '<h1 lang="it">Cena di quartiere</h1>' in french
    english = page_text(client, in_language(tree.event, "en").url)
    assert "This page has not been translated into English yet; you are reading the Italian text." in english


def test_a_translated_page_has_no_notice(client, tree):
    english = translate_with_localize(
        tree.event, tree.locales["en"], {"Cena di quartiere": "Neighbourhood dinner"}
    )
    content = page_text(client, english.url)
    assert "Neighbourhood dinner" in content
    assert "translation-notice" not in content
    assert "<h1>Neighbourhood dinner</h1>" in content
    assert "translation-notice" not in page_text(client, tree.event.url)  # the Italian page itself


def test_a_partly_translated_page_says_so(client, tree):
    from wagtail_localize.models import StringTranslation

    spanish = translate_with_localize(tree.event, tree.locales["es"], {"Cena di quartiere": "Cena de barrio"})
    # A new Italian sentence is waiting for the translator.
    StringTranslation.objects.filter(
        locale=tree.locales["es"], translation_of__data__startswith="Cena di"
    ).delete()
    content = page_text(client, spanish.url)
    assert "Esta página solo está traducida en parte al español" in content
