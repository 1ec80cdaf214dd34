"""Create the districts' editor and Community Manager groups, their permissions, moderation
workflows and collections, and the Translators group. Idempotent and safe in production."""

from django.core.management.base import BaseCommand

from districts.editorial import setup_editorial


class Command(BaseCommand):
    help = (
        "Give each district its editors' and Community Managers' groups, page and collection "
        "permissions and a Community Manager approval workflow; create the Translators group. "
        "Only adds what is missing: run it again after adding a district or a locale."
    )

    def handle(self, *args, **options):
        report = setup_editorial()
        verbosity = options["verbosity"]
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(warning))
        if verbosity < 1:
            return
        if not report.districts:
            self.stdout.write(
                self.style.WARNING("No district pages yet: only the Translators group was set up.")
            )
        else:
            self.stdout.write(f"Districts: {', '.join(report.districts)}")
        if report.created:
            details = ", ".join(f"{count} {name}" for name, count in sorted(report.created.items()))
            self.stdout.write(self.style.SUCCESS(f"Editorial setup: created {details}."))
        else:
            self.stdout.write(self.style.SUCCESS("Editorial setup already complete: nothing created."))
        if report.withdrawn:
            details = ", ".join(f"{count} {name}" for name, count in sorted(report.withdrawn.items()))
            self.stdout.write(
                self.style.WARNING(f"Editorial setup: withdrew {details} granted by earlier versions.")
            )
