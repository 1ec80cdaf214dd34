"""Compile the interface catalogues (locale/*/LC_MESSAGES/*.po) into .mo files with polib.

Django's `compilemessages` needs GNU gettext's `msgfmt`; polib (a wagtail-localize dependency)
writes the same binary catalogues in pure Python, so a fresh machine needs no system package.
The .mo files are committed too: this command only rewrites those whose .po has changed.
"""

import os
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

DOMAINS = ("django", "djangojs")


def catalogue_paths():
    """Every .po file of ours, in LOCALE_PATHS, in a stable order."""
    paths = []
    for base in settings.LOCALE_PATHS:
        for domain in DOMAINS:
            paths.extend(Path(base).glob(f"*/LC_MESSAGES/{domain}.po"))
    return sorted(paths)


def compile_po(po_path):
    """The .mo bytes of one .po file: translated entries only (fuzzy and empty ones are left out)."""
    return polib.pofile(str(po_path)).to_binary()


class Command(BaseCommand):
    help = "Compile the .po catalogues in LOCALE_PATHS into .mo files, without GNU gettext."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; fail if a .mo file is missing or differs from its compiled .po.",
        )

    def handle(self, *args, **options):
        paths = catalogue_paths()
        if not paths:
            raise CommandError(f"No .po catalogues found in {', '.join(map(str, settings.LOCALE_PATHS))}.")
        stale = []
        written = 0
        for po_path in paths:
            mo_path = po_path.with_suffix(".mo")
            compiled = compile_po(po_path)
            if mo_path.exists() and mo_path.read_bytes() == compiled:
                continue
            stale.append(mo_path)
            if options["check"]:
                continue
            # Write next to the target and rename: a reader never sees half a catalogue.
            temporary = mo_path.with_name(mo_path.name + ".tmp")
            temporary.write_bytes(compiled)
            os.replace(temporary, mo_path)
            written += 1
            if options["verbosity"] >= 2:
                self.stdout.write(f"  {mo_path}")
        if options["check"] and stale:
            listed = ", ".join(str(path) for path in stale)
            raise CommandError(f"Out of date: {listed}. Run manage.py compile_catalogues.")
        if options["verbosity"] >= 1:
            self.stdout.write(f"Catalogues: {len(paths)} compiled, {written} rewritten.")
