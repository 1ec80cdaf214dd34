"""`deliver()`: one message to one follower on one channel, at most once.

The `Delivery` row is claimed before anything is sent: its unique (follower, channel,
dedupe_key) means a job retried after a crash, or run twice by two workers, finds the row and
does not send again. A row left `pending` by a worker that died mid-send is not retried either
(a message twice is worse than a message missed); `failed` rows are retried up to
`FOLLOW_MAX_ATTEMPTS`. Sending is rate-limited per channel (`FOLLOW_RATE_LIMITS`, messages per
second, 0 for none), and every outcome is logged on the row and in the `districts.follow` log.
A channel (or a device's platform) the portal is not configured for is `skipped`, not retried.
"""

import logging
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import Delivery

logger = logging.getLogger("districts.follow")


class Gone(Exception):
    """The address no longer exists (a push service's 404/410, a mailbox refused for good)."""


class NotConfigured(Exception):
    """Nothing could be sent because the portal is not configured for it (no VAPID key, FCM or
    APNs off): recorded as `skipped`, neither a failure to retry nor an address gone."""


@dataclass(frozen=True)
class Outcome:
    delivery: Delivery
    sent: bool  # sent by this call (False: sent before, skipped, failed or gone)


class _RateLimiter:
    """At most `rate` calls a second in this process (a worker sends one message at a time)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.last = {}

    def wait(self, channel):
        rate = settings.FOLLOW_RATE_LIMITS.get(channel, 0)
        if not rate:
            return
        with self.lock:
            now = time.monotonic()
            ready = self.last.get(channel, 0) + 1 / rate
            if ready > now:
                time.sleep(ready - now)
            self.last[channel] = max(now, ready)


rate_limiter = _RateLimiter()


def claim(follower, channel, kind, dedupe_key, *, districts=(), subject=""):
    """The Delivery row for this message, and whether this call may send it."""
    defaults = {
        "kind": kind,
        "language": follower.language if follower else "",
        "districts": [str(key) for key in districts],
        "subject": subject[:300],
    }
    try:
        with transaction.atomic():
            delivery, created = Delivery.objects.get_or_create(
                follower=follower, channel=channel, dedupe_key=dedupe_key, defaults=defaults
            )
    except IntegrityError:  # another worker claimed it between our read and our write
        return Delivery.objects.get(follower=follower, channel=channel, dedupe_key=dedupe_key), False
    if created:
        return delivery, True
    retry = delivery.status == Delivery.Status.FAILED and delivery.attempts < settings.FOLLOW_MAX_ATTEMPTS
    return delivery, retry


def deliver(follower, channel, kind, dedupe_key, send, *, districts=(), subject=""):
    """Send one message by calling `send()` unless it was sent (or is being sent) already.

    `send` raises `Gone` when the address is gone for good, `NotConfigured` when the portal cannot
    send it (skipped), any other exception for a failure worth retrying. Returns an `Outcome`.
    """
    delivery, may_send = claim(follower, channel, kind, dedupe_key, districts=districts, subject=subject)
    if not may_send:
        return Outcome(delivery, False)
    rate_limiter.wait(channel)
    delivery.attempts += 1
    try:
        send()
    except Gone as gone:
        delivery.status, delivery.error = Delivery.Status.GONE, str(gone)[:2000]
        logger.info("delivery %s: %s gone (%s)", delivery.pk, channel, gone)
    except NotConfigured as off:
        delivery.status, delivery.error = Delivery.Status.SKIPPED, str(off)[:2000]
        logger.info("delivery %s: %s skipped (%s)", delivery.pk, channel, off)
    except Exception as error:  # noqa: BLE001 - every failure is recorded and retried, never lost
        delivery.status, delivery.error = Delivery.Status.FAILED, f"{type(error).__name__}: {error}"[:2000]
        logger.warning("delivery %s: %s failed: %s", delivery.pk, channel, delivery.error)
    else:
        delivery.status, delivery.error, delivery.sent_at = Delivery.Status.SENT, "", timezone.now()
        logger.info("delivery %s: %s %s sent", delivery.pk, kind, channel)
    delivery.save(update_fields=["status", "error", "sent_at", "attempts"])
    return Outcome(delivery, delivery.status == Delivery.Status.SENT)
