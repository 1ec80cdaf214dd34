"""How long the record of messages sent to followers is kept: `Delivery` rows older than
RETENTION_DAYS are deleted nightly (the clock's `follow_delivery_retention` job,
docs/FOLLOWING.md). The managers' report reads the last 30 days; six months answer a resident
who asks what was sent to them, and no more is kept.
"""

import datetime
import logging

from django.utils import timezone
from django_tasks import task

from ..models import Delivery

logger = logging.getLogger(__name__)

RETENTION_DAYS = 180


def purge_old_deliveries(now=None, days=RETENTION_DAYS):
    """Delete the deliveries created more than `days` days before `now`; their number."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    deleted, _by_model = Delivery.objects.filter(created_at__lt=cutoff).delete()
    if deleted:
        logger.info("%s deliveries older than %s days deleted.", deleted, days)
    return deleted


@task(backend="background")
def purge_old_deliveries_task():
    """The nightly job: `purge_old_deliveries()` now."""
    return purge_old_deliveries()
