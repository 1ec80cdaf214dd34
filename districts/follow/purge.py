"""Unconfirmed e-mail subscriptions erased after FOLLOW_UNCONFIRMED_DAYS: an address nobody
confirmed is not kept (the `purge_followers` command, or the `purge_unconfirmed_task` task)."""

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from ..models import Follower


def purge_unconfirmed(now=None):
    """Delete e-mail followers never confirmed and created over FOLLOW_UNCONFIRMED_DAYS ago;
    returns how many."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.FOLLOW_UNCONFIRMED_DAYS)
    stale = Follower.objects.filter(
        kind=Follower.Kind.EMAIL, confirmed_at__isnull=True, created_at__lt=cutoff
    )
    count = stale.count()
    stale.delete()
    return count


@task(backend="background")
def purge_unconfirmed_task():
    return purge_unconfirmed()
