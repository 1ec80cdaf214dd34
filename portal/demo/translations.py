"""The demo in every language, through wagtail-localize's own machinery, as a translator would.

For each object below: its `TranslationSource` (the frozen Italian content and its segments), a
`Translation` into each locale, a `StringTranslation` for every string segment (the words come
from `translated_texts.MEMORY`, keyed by the Italian string), then `Translation.save_target()`,
which turns the locale's alias page into a real translation (or creates the snippet there) and
publishes it. An object that already has a real translation in a locale is left alone, so a
second run changes nothing, and neither is anything an editor translated by hand.
"""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.text import slugify
from wagtail.models import Locale, Page

from districts.models import CommunityManager, NeighbourhoodHouse
from initiatives.models import Audience, Category

from .translated_texts import LANGUAGES, MEMORY

# Pages translated in the demo, by their path below the home page ("" is the home page itself);
# parents come before their children. The other pages stay aliases of the Italian ones and show
# the "not translated yet" notice, as a real site does while its translators are at work.
PAGES = [
    "",
    "cosa-succede",
    "san-salvario",
    "san-salvario/cosa-succede",
    "san-salvario/sportello-di-ascolto",
    "san-salvario/corso-di-italiano-per-stranieri",
    "san-salvario/corso-di-italiano-per-stranieri/open-day-del-corso-di-italiano",
    "san-salvario/lingue-in-circolo",
    "barriera-di-milano",
    "barriera-di-milano/cosa-succede",
    "barriera-di-milano/sportello-lavoro-e-documenti",
    "barriera-di-milano/italiano-per-mamme-e-bambini",
    "barriera-di-milano/compiti-insieme",
    "barriera-di-milano/barriera-in-festa",
    "mirafiori-sud",
    "mirafiori-sud/cosa-succede",
    "mirafiori-sud/sportello-casa-e-bollette",
    "mirafiori-sud/orti-condivisi",
    "mirafiori-sud/orti-condivisi/festa-dello-scambio-dei-semi",
    "mirafiori-sud/gruppo-di-cammino",
]
SNIPPETS = [Category, Audience, NeighbourhoodHouse, CommunityManager]

# Languages whose page addresses are the slug of the translated title; Arabic and Chinese keep
# the Italian slug, which stays readable on a phone and in a shared link.
LATIN_SLUG_LANGUAGES = {"en", "fr", "es", "ro"}
TOOL_NAME = "Quartieri demo"


class DemoTranslator:
    def __init__(self, source_locale, home, created, log=None):
        self.source = source_locale
        self.home = home
        self.created = created
        self.log = log or (lambda message: None)

    def objects(self):
        for model in SNIPPETS:
            yield from model.objects.filter(locale=self.source).order_by("pk")
        for path in PAGES:
            url_path = f"{self.home.url_path}{path}/" if path else self.home.url_path
            page = Page.objects.filter(locale=self.source, url_path=url_path).first()
            if page is None:
                raise CommandError(f"The demo translates {url_path}, which does not exist.")
            yield page.specific

    def translate_all(self):
        locales = [
            locale
            for code in LANGUAGES
            if (locale := Locale.objects.filter(language_code=code).first()) is not None
        ]
        for instance in self.objects():
            self.translate(instance, locales)

    def translate(self, instance, locales):
        """Translate one Italian object into each of `locales` where it is not translated yet."""
        from wagtail_localize.models import StringSegment, TranslationSource

        translated = {
            page.locale_id
            for page in type(instance).objects.filter(translation_key=instance.translation_key)
            if not getattr(page, "alias_of_id", None)
        }
        todo = [locale for locale in locales if locale.pk not in translated]
        if not todo:
            return
        source, _created = TranslationSource.update_or_create_from_instance(instance)
        segments = list(StringSegment.objects.filter(source=source).select_related("string", "context"))
        for locale in todo:
            self.translate_into(instance, source, segments, locale)

    def translate_into(self, instance, source, segments, locale):
        from wagtail_localize.models import StringTranslation, Translation

        translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
        missing = []
        for segment in segments:
            text = self.text_for(instance, segment, locale.language_code)
            if text is None:
                missing.append(segment.string.data)
                continue
            StringTranslation.objects.get_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": "manual", "tool_name": TOOL_NAME},
            )
        if missing:
            listed = "\n".join(f"  {text!r}" for text in missing)
            raise CommandError(f"No {locale.language_code} demo text for {instance!r}:\n{listed}")
        translation.save_target(user=None, publish=True)
        self.created["translation"] += 1
        self.log(f"  {locale.language_code}: {instance}")

    @staticmethod
    def text_for(instance, segment, language):
        data = segment.string.data
        if segment.context.path == "slug":
            title = MEMORY.get(getattr(instance, "title", ""), {}).get(language)
            if language not in LATIN_SLUG_LANGUAGES or not title or title == instance.title:
                return data
            return slugify(title) or data
        return MEMORY.get(data, {}).get(language)
