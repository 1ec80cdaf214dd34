"""Push notifications to followers' devices: Web Push (RFC 8030, payload encrypted per RFC 8291
with `aes128gcm`, signed with the portal's VAPID key, RFC 8292) through pywebpush; FCM and APNs
for an app that registers such tokens, only when configured (native_push.py;
FOLLOW_FCM_CREDENTIALS, FOLLOW_APNS_KEY; docs/FOLLOWING.md), otherwise those endpoints are skipped.

`send_to_follower(follower, payload)` sends one notification to every endpoint of a follower;
the payload is a dict (`title`, `body`, `url`, `tag`, `lang`, `dir`) that the service worker
(districts/static/districts/follow/sw.js) shows in the reader's language and opens on a click.
Each endpoint goes to its platform's sender (`SENDERS`). An endpoint the push service reports
gone (404 or 410, an unregistered token) is deleted at once; when none is left the delivery is
`Gone`; when nothing could be sent because no platform of the follower's endpoints is configured,
it is `NotConfigured` (the delivery is `skipped`). The browsers' subscriptions arrive through
the site's "notify me" control (notify.py: the endpoint and `/sw.js`).
"""

import functools
import json
import logging

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone
from py_vapid import Vapid
from pywebpush import WebPushException, webpush

from portal.core.absolute_urls import absolute_url

from ..models import PushEndpoint
from . import native_push
from .delivery import Gone, NotConfigured

logger = logging.getLogger("districts.follow")

# Seconds a push service keeps a notification for a device that is offline.
TIME_TO_LIVE = 24 * 60 * 60
TIMEOUT = 10
GONE_STATUSES = {404, 410}


class PushNotConfigured(NotConfigured):
    """No VAPID key: the portal cannot sign Web Push requests."""


def is_configured():
    return bool(settings.VAPID_PRIVATE_KEY and settings.VAPID_PUBLIC_KEY)


@functools.lru_cache(maxsize=4)
def vapid_key(private_key: str) -> Vapid:
    """The VAPID signing key from its setting: PEM (as `openssl` writes it) or base64url DER or
    raw (as `manage.py vapid_keys` prints it). pywebpush reads only the latter from a string."""
    if private_key.lstrip().startswith("-----BEGIN"):
        return Vapid.from_pem(private_key.strip().encode())
    return Vapid.from_string(private_key.strip())


def notification_icon():
    """The portal's icon, absolute: the service worker shows it beside every notification."""
    return absolute_url(static("img/favicon.svg"))


def send_webpush(endpoint: PushEndpoint, payload: dict):
    """Encrypt and post `payload` to one Web Push subscription; raises Gone for 404/410."""
    if not is_configured():
        raise PushNotConfigured("VAPID_PRIVATE_KEY and VAPID_PUBLIC_KEY are not set")
    try:
        webpush(
            subscription_info={
                "endpoint": endpoint.endpoint,
                "keys": {"p256dh": endpoint.p256dh, "auth": endpoint.auth},
            },
            data=json.dumps({"icon": notification_icon(), **payload}, ensure_ascii=False),
            vapid_private_key=vapid_key(settings.VAPID_PRIVATE_KEY),
            vapid_claims={"sub": settings.VAPID_SUBJECT},
            ttl=TIME_TO_LIVE,
            timeout=TIMEOUT,
            headers={"Urgency": payload.get("urgency", "normal")},
        )
    except WebPushException as error:
        status = getattr(error.response, "status_code", None)
        if status in GONE_STATUSES:
            raise Gone(f"push endpoint answered {status}") from error
        raise


# One sender per platform: each sends `payload` to one endpoint, raises Gone for an address gone
# and NotConfigured when the portal is not configured for that platform.
SENDERS = {
    PushEndpoint.Platform.WEBPUSH: send_webpush,
    PushEndpoint.Platform.FCM: native_push.send_fcm,
    PushEndpoint.Platform.APNS: native_push.send_apns,
}


def send_to_follower(follower, payload: dict):
    """Send `payload` to each of `follower`'s endpoints; delete those gone. Raises Gone when the
    follower has no endpoint left, the last failure when none succeeded, NotConfigured when the
    endpoints left are all of platforms the portal is not configured for."""
    endpoints = list(follower.endpoints.all())
    sent, failure, skipped = 0, None, None
    for endpoint in endpoints:
        try:
            SENDERS[endpoint.platform](endpoint, payload)
        except NotConfigured as off:
            skipped = off  # left alone: it works again once the platform is configured
            continue
        except Gone:
            logger.info("push endpoint %s gone: deleted", endpoint.pk)
            endpoint.delete()
            continue
        except Exception as error:  # noqa: BLE001 - counted on the endpoint, raised below
            endpoint.failures += 1
            endpoint.save(update_fields=["failures"])
            failure = error
            continue
        endpoint.last_success_at, endpoint.failures = timezone.now(), 0
        endpoint.save(update_fields=["last_success_at", "failures"])
        sent += 1
    if sent:
        return sent
    if failure is not None:
        raise failure
    if skipped is not None:
        raise skipped
    raise Gone("no push endpoint left")
