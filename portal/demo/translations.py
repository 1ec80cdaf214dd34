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
from django.db.models.signals import post_save
from django.utils.text import slugify
from wagtail.models import Locale, Page

from districts.models import CommunityManager, NeighbourhoodHouse, Notice
from initiatives.models import Audience, Category

from .news import index_paths
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
    # Every news index and news item (portal/demo/news.py).
    *index_paths(),
]
SNIPPETS = [Category, Audience, NeighbourhoodHouse, CommunityManager, Notice]

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
        from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

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
        # What exists already, read once for every language: the object's Translations and the
        # StringTranslations of its segments (a run interrupted half-way left some).
        translations = {
            translation.target_locale_id: translation
            for translation in Translation.objects.filter(source=source, target_locale__in=todo)
        }
        existing = set(
            StringTranslation.objects.filter(
                translation_of__in={segment.string_id for segment in segments},
                context__in={segment.context_id for segment in segments},
                locale__in=todo,
            ).values_list("translation_of_id", "context_id", "locale_id")
        )
        for locale in todo:
            translation = translations.get(locale.pk)
            if translation is None:
                translation = Translation.objects.create(source=source, target_locale=locale)
            self.translate_into(instance, translation, segments, locale, existing)

    def translate_into(self, instance, translation, segments, locale, existing):
        """The missing StringTranslations of `locale` in one INSERT, then `save_target()`."""
        from wagtail_localize.models import StringTranslation

        missing = []
        new = []
        for segment in segments:
            key = (segment.string_id, segment.context_id, locale.pk)
            if key in existing:
                continue
            text = self.text_for(instance, segment, locale.language_code)
            if text is None:
                missing.append(segment.string.data)
                continue
            existing.add(key)
            new.append(
                StringTranslation(
                    translation_of=segment.string,
                    locale=locale,
                    context=segment.context,
                    data=text,
                    translation_type="manual",
                    tool_name=TOOL_NAME,
                )
            )
        if missing:
            listed = "\n".join(f"  {text!r}" for text in missing)
            raise CommandError(f"No {locale.language_code} demo text for {instance!r}:\n{listed}")
        # One INSERT. bulk_create sends no post_save, so it is sent here for each new row, as
        # get_or_create() did: wagtail-localize's receiver copies a translated page title into
        # the page's draft_title, which the first revision save_target() makes records.
        for string_translation in StringTranslation.objects.bulk_create(new):
            post_save.send(
                sender=StringTranslation,
                instance=string_translation,
                created=True,
                update_fields=None,
                raw=False,
                using=string_translation._state.db,
            )
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
