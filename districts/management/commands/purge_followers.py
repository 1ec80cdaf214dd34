"""Erase e-mail subscriptions nobody confirmed within FOLLOW_UNCONFIRMED_DAYS."""

from django.core.management.base import BaseCommand

from districts.follow.purge import purge_unconfirmed


class Command(BaseCommand):
    help = (
        "Erase e-mail subscriptions not confirmed within FOLLOW_UNCONFIRMED_DAYS days of being "
        "made, and print how many. Run it daily, e.g. from cron."
    )

    def handle(self, *args, **options):
        count = purge_unconfirmed()
        self.stdout.write(f"{count} unconfirmed subscription(s) erased.")
