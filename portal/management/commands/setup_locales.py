"""Create a Wagtail Locale for every language in settings.WAGTAIL_CONTENT_LANGUAGES (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from wagtail.models import Locale


class Command(BaseCommand):
    help = "Create the content locales listed in WAGTAIL_CONTENT_LANGUAGES; existing ones are kept."

    def handle(self, *args, **options):
        created = []
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            _locale, was_created = Locale.objects.get_or_create(language_code=code)
            if was_created:
                created.append(code)
        default = Locale.get_default()
        if options["verbosity"] >= 1:
            if created:
                self.stdout.write(self.style.SUCCESS(f"Created locales: {', '.join(created)}"))
            else:
                self.stdout.write("Locales already set up.")
            self.stdout.write(f"Default locale: {default.language_code}")
