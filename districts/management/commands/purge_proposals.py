"""Anonymise (or delete) residents' proposals older than the retention period."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from districts.models import Proposal


def months_ago(months, now=None):
    """The same day and time `months` calendar months before `now` (the month's last day if shorter)."""
    now = now or timezone.now()
    year, month = divmod(now.year * 12 + now.month - 1 - months, 12)
    month += 1
    day = now.day
    while True:
        try:
            return now.replace(year=year, month=month, day=day)
        except ValueError:
            day -= 1


class Command(BaseCommand):
    help = (
        "Forget residents' proposals older than PROPOSALS_RETENTION_MONTHS (or --months): by "
        "default their name, contacts and text are erased and only the subject, the language, the "
        "status and the initiative they became are kept; with --delete they are deleted. Run it "
        "daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help=f"Keep this many months (default: PROPOSALS_RETENTION_MONTHS, now "
            f"{getattr(settings, 'PROPOSALS_RETENTION_MONTHS', 24)}).",
        )
        parser.add_argument("--delete", action="store_true", help="Delete old proposals instead.")
        parser.add_argument("--dry-run", action="store_true", help="Only say how many would go.")

    def handle(self, *args, **options):
        months = options["months"]
        if months is None:
            months = getattr(settings, "PROPOSALS_RETENTION_MONTHS", 24)
        if months < 1:
            raise CommandError("--months must be at least 1.")
        cutoff = months_ago(months)
        old = Proposal.objects.filter(submit_time__lt=cutoff)
        if not options["delete"]:
            old = old.filter(anonymised_at__isnull=True)
        count = old.count()
        verb = "deleted" if options["delete"] else "anonymised"
        if options["dry_run"]:
            self.stdout.write(f"{count} proposal(s) older than {cutoff:%Y-%m-%d} would be {verb}.")
            return
        with transaction.atomic():
            if options["delete"]:
                old.delete()
            else:
                for proposal in old.iterator():
                    proposal.anonymise()
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"{count} proposal(s) older than {cutoff:%Y-%m-%d} {verb}."))
