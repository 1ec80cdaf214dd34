"""Forget sync records (tombstones included) older than API_TOMBSTONE_DAYS, and compare the
public files with those noted at the last change (the first run after installing notes them
all); run daily, beside `update_occurrences`. An app whose last sync is older than the records
kept is told to sync in full (410)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.core.models import SyncRecord
from portal.core.sync import refresh_public_files, tombstone_days


class Command(BaseCommand):
    help = "Delete the offline-sync records (tombstones) older than API_TOMBSTONE_DAYS; run daily."

    def handle(self, *args, **options):
        cutoff = timezone.now() - datetime.timedelta(days=tombstone_days())
        deleted, _by_model = SyncRecord.objects.filter(at__lt=cutoff).delete()
        refresh_public_files()
        self.stdout.write(f"{deleted} sync records older than {tombstone_days()} days deleted")
