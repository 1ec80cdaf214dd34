"""FCM and APNs delivery for an app that registers native tokens instead of Web Push: off by
default, on when configured (FOLLOW_FCM_CREDENTIALS; FOLLOW_APNS_KEY with its key id, team id and
topic), through the maintained libraries firebase-admin and aioapns, which are optional
(requirements-native-push.txt) and imported only when their platform is configured.

Our payload (`title`, `body`, `url`, `tag`, `lang`, `dir`, optional `urgency`) is mapped by two
pure functions, `fcm_message()` and `apns_request()`; `send_fcm()` and `send_apns()` send it to one
`PushEndpoint` (its token in `endpoint`). A token the service reports unknown raises `Gone`; a
platform not configured raises `NotConfigured` (the delivery is `skipped`). `districts/checks.py`
reports at start-up a platform configured without its library or with an unreadable file.
"""

import asyncio
import functools
import hashlib
from pathlib import Path

from django.conf import settings

from .delivery import Gone, NotConfigured

# Seconds a push service keeps a notification for a device that is offline (as Web Push).
TIME_TO_LIVE = 24 * 60 * 60
FCM_APP_NAME = "quartieri-follow"
# APNs reasons meaning the token will never work again (Apple's "Handling notification
# responses from APNs"): the endpoint is deleted.
APNS_GONE_REASONS = {"BadDeviceToken", "Unregistered", "ExpiredToken"}
# APNs limits `apns-collapse-id` to 64 bytes.
APNS_COLLAPSE_ID_BYTES = 64


def fcm_configured():
    return bool(settings.FOLLOW_FCM_CREDENTIALS)


def apns_configured():
    return bool(
        settings.FOLLOW_APNS_KEY
        and settings.FOLLOW_APNS_KEY_ID
        and settings.FOLLOW_APNS_TEAM_ID
        and settings.FOLLOW_APNS_TOPIC
    )


def collapse_id(tag: str) -> str:
    """`tag` if APNs accepts it as a collapse id, else a stable digest of it (64 characters)."""
    if len(tag.encode()) <= APNS_COLLAPSE_ID_BYTES:
        return tag
    return hashlib.sha256(tag.encode()).hexdigest()


def _data(payload: dict) -> dict:
    """What the app reads besides the text: where a tap leads, and the language and direction."""
    return {key: str(payload[key]) for key in ("url", "tag", "lang", "dir") if payload.get(key)}


def _urgent(payload: dict) -> bool:
    return payload.get("urgency") == "high"


def fcm_message(token: str, payload: dict) -> dict:
    """The FCM message (HTTP v1 `Message`'s fields) for `payload` to one registration token."""
    tag = payload.get("tag", "")
    android = {"priority": "high" if _urgent(payload) else "normal", "ttl": TIME_TO_LIVE}
    apns_headers = {"apns-priority": "10" if _urgent(payload) else "5"}
    if tag:
        android["collapse_key"] = tag
        android["notification"] = {"tag": tag}
        apns_headers["apns-collapse-id"] = collapse_id(tag)
    return {
        "token": token,
        "notification": {"title": payload.get("title", ""), "body": payload.get("body", "")},
        "data": _data(payload),  # FCM data values are strings
        "android": android,
        "apns": {"headers": apns_headers},
    }


def apns_request(token: str, payload: dict) -> dict:
    """The arguments of aioapns' `NotificationRequest` for `payload` to one device token."""
    tag = payload.get("tag", "")
    request = {
        "device_token": token,
        "message": {
            "aps": {
                "alert": {"title": payload.get("title", ""), "body": payload.get("body", "")},
                "sound": "default",
            },
            **_data(payload),
        },
        "time_to_live": TIME_TO_LIVE,
        "priority": 10 if _urgent(payload) else 5,
        "push_type": "alert",
    }
    if tag:
        request["collapse_key"] = collapse_id(tag)
    return request


@functools.lru_cache(maxsize=2)
def _fcm_app(credentials_path: str):
    """The firebase-admin app for these credentials, created once per worker process."""
    # Optional dependency (requirements-native-push.txt): imported only when FCM is configured.
    import firebase_admin
    from firebase_admin import credentials

    try:
        return firebase_admin.get_app(FCM_APP_NAME)
    except ValueError:  # not initialised yet
        return firebase_admin.initialize_app(credentials.Certificate(credentials_path), name=FCM_APP_NAME)


def _fcm_message_object(messaging, spec: dict):
    """firebase-admin's `Message` from `fcm_message()`'s dict."""
    android = dict(spec["android"])
    if "notification" in android:
        android["notification"] = messaging.AndroidNotification(**android["notification"])
    return messaging.Message(
        token=spec["token"],
        notification=messaging.Notification(**spec["notification"]),
        data=spec["data"],
        android=messaging.AndroidConfig(**android),
        apns=messaging.APNSConfig(**spec["apns"]),
    )


def send_fcm(endpoint, payload: dict):
    """Send `payload` to one FCM token; raises Gone for a token unregistered or of another
    sender, NotConfigured when FCM is off."""
    if not fcm_configured():
        raise NotConfigured("FCM is not configured (FOLLOW_FCM_CREDENTIALS)")
    app = _fcm_app(settings.FOLLOW_FCM_CREDENTIALS)
    # Optional dependency (requirements-native-push.txt): imported only when FCM is configured.
    from firebase_admin import messaging

    try:
        messaging.send(_fcm_message_object(messaging, fcm_message(endpoint.endpoint, payload)), app=app)
    except (messaging.UnregisteredError, messaging.SenderIdMismatchError) as error:
        raise Gone(f"FCM: {type(error).__name__}") from error


class APNsError(Exception):
    """APNs refused a notification for a reason worth retrying."""


@functools.lru_cache(maxsize=2)
def _apns_key(path: str) -> str:
    return Path(path).read_text()


async def _send_apns_async(request: dict):
    # Optional dependency (requirements-native-push.txt): imported only when APNs is configured.
    from aioapns import APNs, NotificationRequest, PushType

    # Made inside the running loop: aioapns' connection pool binds to the current event loop.
    client = APNs(
        key=_apns_key(settings.FOLLOW_APNS_KEY),
        key_id=settings.FOLLOW_APNS_KEY_ID,
        team_id=settings.FOLLOW_APNS_TEAM_ID,
        topic=settings.FOLLOW_APNS_TOPIC,
        use_sandbox=settings.FOLLOW_APNS_SANDBOX,
    )
    try:
        return await client.send_notification(
            NotificationRequest(**{**request, "push_type": PushType(request["push_type"])})
        )
    finally:
        client.pool.close()


def send_apns(endpoint, payload: dict):
    """Send `payload` to one APNs device token (the worker runs one event loop per message);
    raises Gone for a token APNs no longer knows, NotConfigured when APNs is off."""
    if not apns_configured():
        raise NotConfigured("APNs is not configured (FOLLOW_APNS_KEY, _KEY_ID, _TEAM_ID, _TOPIC)")
    result = asyncio.run(_send_apns_async(apns_request(endpoint.endpoint, payload)))
    if result.is_successful:
        return
    if result.description in APNS_GONE_REASONS:
        raise Gone(f"APNs: {result.description}")
    raise APNsError(f"APNs {result.status}: {result.description}")
