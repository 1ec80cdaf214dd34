"""Send the weekly digest to every follower who asked for it (districts/follow/digest.py)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from districts.follow.digest import Week, send_digests


def iso_day(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--week-of: {value!r} is not a date as YYYY-MM-DD") from error


class Command(BaseCommand):
    help = (
        "Send the weekly digest (the dates of the coming week, the news of the last one, the "
        "notices of today) to every confirmed follower who asked for it, built once per language "
        "and selection. A follower already sent this week's digest is not sent it again, so the "
        "command may be run twice. Run it weekly, e.g. on Sunday from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--week-of",
            default=None,
            help="A day (YYYY-MM-DD) of the week to send; default: the week after today (Europe/Rome).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Build the digests and print the counts; send nothing."
        )

    def handle(self, *args, week_of=None, dry_run=False, **options):
        week = Week.of(iso_day(week_of)) if week_of else Week.coming()
        report = send_digests(week, dry_run=dry_run)
        verb = "would be sent" if dry_run else "sent"
        self.stdout.write(
            f"{week.label} ({week.monday.isoformat()}–{week.sunday.isoformat()}): "
            f"{report.followers} followers, {report.builds} digests built, {report.sent} {verb}, "
            f"{report.empty} with nothing to read, {report.not_sent} already sent or failed."
        )
