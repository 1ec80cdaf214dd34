"""Development only: each district's proposal form with invented proposals, and the demo users
(`sara`, `imma`, one editor per house). Run by `load_demo` after `setup_editorial`.

Like `load_demo`, installed by the development and test settings only (`portal.demo`)."""

import logging

from django.core.management.base import BaseCommand
from django.db import transaction

from portal.demo.editorial import DEMO_USERS, PASSWORD_VARIABLE, EditorialDemo, demo_password
from portal.demo.upkeep import deferred_upkeep


class Command(BaseCommand):
    help = (
        "Add the demo's proposal forms, a few invented proposals and the demo users. Passwords "
        f"come from {PASSWORD_VARIABLE} or are generated and shown once; existing users keep theirs."
    )

    def handle(self, *args, **options):
        password = demo_password()
        # Wagtail logs every page it creates and aliases; keep the output readable.
        wagtail_logger = logging.getLogger("wagtail")
        level = wagtail_logger.level
        if options["verbosity"] < 3:
            wagtail_logger.setLevel(logging.WARNING)
        try:
            # The per-save upkeep (search and reference index, page cache) once, at the end.
            with deferred_upkeep() as upkeep, transaction.atomic():
                demo = EditorialDemo().build(password)
        finally:
            wagtail_logger.setLevel(level)
        upkeep.catch_up()
        if options["verbosity"] < 1:
            return
        if demo.created:
            details = ", ".join(f"{count} {name}" for name, count in sorted(demo.created.items()))
            self.stdout.write(self.style.SUCCESS(f"Editorial demo: created {details}."))
        else:
            self.stdout.write(
                self.style.SUCCESS("Editorial demo already complete: existing users kept their passwords.")
            )
        roles = {user.username: user for user in DEMO_USERS}
        for created in demo.users:
            spec = roles[created.username]
            shown = created.password if created.generated else f"the password in {PASSWORD_VARIABLE}"
            self.stdout.write(
                self.style.WARNING(f"Demo login: {created.username} / {shown}")
                + f"  ({spec.first_name} {spec.last_name}, {spec.role} of {', '.join(spec.districts)})"
            )
        if any(created.generated for created in demo.users):
            self.stdout.write(f"  (shown only once; set {PASSWORD_VARIABLE} to choose the password yourself)")
