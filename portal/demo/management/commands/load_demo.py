"""Load the demo content: locales, the Italian page tree, snippets, pictures, aliases in every
locale, the admin account and the occurrence table. Idempotent: a second run changes nothing.

How it stays fast (a fresh database in well under 30 s on two cores, a second run in a few): the
demo goes through Wagtail's and wagtail-localize's real machinery (add_child, revisions and
publishing, LocaleSynchronization's aliases, TranslationSource/Translation/save_target), but
without the work they do after every single save, which cost most of the time:

- held back while the demo is built and done once at the end (`portal.demo.upkeep`): the search
  index (one `add_bulk` per model over everything saved, and the pages that borrow the words of a
  snippet saved), Wagtail's reference index (once per object, not once per save), the page cache
  (one `bump_version`), and the occurrence table (`rebuild_all`, not a rebuild per published
  event); the translations, published when the transaction commits, are inside that block too;
- in bulk: each object's StringTranslations in one INSERT per language (their post_save sent
  for each new row, as `get_or_create` did), what exists read once per object for all languages;
- no repeated work: the trees of new LocaleSynchronizations are synchronised once, by their own
  save; an existing one only when its locale lacks a page (two key sets compared, not
  wagtail-localize's page index rebuilt for each locale).

Only the development and test settings install `portal.demo`, so production has no such command
(`manage.py load_demo` there answers "Unknown command"): nothing here needs to ask which settings
are in use."""

import logging
import os
import time
from collections import Counter
from contextlib import contextmanager

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from districts.models import CommunityManager, DistrictPage, NeighbourhoodHouse
from home.models import HomePage
from initiatives.models import CalendarPage, EventPage, InitiativePage, OccurrenceChange
from initiatives.occurrence_table import rebuild_all
from portal.demo.builder import RESTORED_FILES, DemoBuilder
from portal.demo.upkeep import deferred_upkeep
from portal.demo.users import PASSWORD_VARIABLE, USERNAME, admin_to_create, create_admin

PAGE_TYPES = [HomePage, DistrictPage, CalendarPage, InitiativePage, EventPage]


@contextmanager
def quiet_logger(name, quiet):
    """Silence one INFO line per page (Wagtail logs every create, publish and alias)."""
    logger = logging.getLogger(name)
    level = logger.level
    if quiet:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


class Command(BaseCommand):
    help = (
        "Load the Quartieri demo: three districts of Turin with their houses, Community Managers, "
        "initiatives and events, in every content language, plus an `admin` superuser. Safe to run "
        "again: existing objects are left as they are."
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        started = time.monotonic()

        def log(message):
            if verbosity >= 2:
                self.stdout.write(message)

        admin = admin_to_create(os.environ.get(PASSWORD_VARIABLE))
        call_command("setup_locales", verbosity=max(verbosity - 1, 0))
        builder = DemoBuilder(log=log)
        try:
            # The translations are published when the transaction commits: inside the block too.
            with deferred_upkeep() as upkeep:
                with quiet_logger("wagtail", quiet=verbosity < 3), transaction.atomic():
                    created = builder.build()
                    if admin is not None:
                        create_admin(admin)
        except BaseException:
            # The database rolled back; the picture files written meanwhile go too.
            builder.discard_new_files()
            raise
        upkeep.catch_up()
        pages, rows = rebuild_all()

        if verbosity >= 1:
            # The report is English; model names would otherwise follow LANGUAGE_CODE (Italian).
            with translation.override("en"):
                self._report(created, pages, rows, time.monotonic() - started)
            if admin is None:
                self.stdout.write(f"User “{USERNAME}” already exists; its password was not changed.")
            elif admin.generated:
                self.stdout.write(self.style.WARNING(f"Admin login: {USERNAME} / {admin.password}"))
                self.stdout.write(f"  (shown only once; set {PASSWORD_VARIABLE} to choose it yourself)")
            else:
                self.stdout.write(f"Admin login: {USERNAME} / the password in {PASSWORD_VARIABLE}")

        # The default Site on PORTAL_BASE_URL (127.0.0.1:8000 for `make run`), so Wagtail's own
        # links to the demo pages are right.
        call_command("configure_site", verbosity=verbosity)
        # The districts' groups, workflows and collections; then the proposal forms and demo users.
        call_command("setup_editorial", verbosity=verbosity)
        call_command("load_editorial_demo", verbosity=verbosity)

    def _report(self, created, dated_pages, rows, seconds):
        source = Locale.get_default()
        locales = list(Locale.objects.order_by("pk").values_list("language_code", flat=True))
        created = Counter(created)
        restored = created.pop(RESTORED_FILES, 0)
        if created:
            details = ", ".join(f"{count} {name}" for name, count in sorted(created.items()))
            self.stdout.write(self.style.SUCCESS(f"Created {details}."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo content already complete: nothing created."))
        if restored:
            self.stdout.write(f"Drew again {restored} image file(s) missing from the media folder.")
        per_type = ", ".join(
            f"{model._meta.verbose_name_plural}: {model.objects.filter(locale=source).count()}"
            for model in PAGE_TYPES
        )
        italian = Page.objects.filter(locale=source, depth__gt=1).count()
        aliases = Page.objects.filter(alias_of__isnull=False).count()
        self.stdout.write(f"Italian pages: {italian} ({per_type})")
        self.stdout.write(f"Locales: {', '.join(locales)}; {aliases} alias pages follow the Italian tree")
        self.stdout.write(
            f"Snippets: {NeighbourhoodHouse.objects.count()} houses, "
            f"{CommunityManager.objects.count()} Community Managers, "
            f"{OccurrenceChange.objects.filter(locale=source).count()} changed dates; "
            f"{get_image_model().objects.count()} images"
        )
        self.stdout.write(f"Occurrences: {rows} rows for {dated_pages} dated pages")
        self.stdout.write(f"Done in {seconds:.1f} s.")
