"""System checks of the followers' native push (districts/follow/native_push.py): FCM or APNs
configured without its optional library (requirements-native-push.txt), with a file the portal
cannot read, or with part of its settings missing stops `manage.py check`, the worker and the
server at start-up with a message naming the setting, rather than failing every push later.
"""

import importlib.util
import json
from pathlib import Path

from django.conf import settings
from django.core.checks import Error

REQUIREMENTS = "requirements-native-push.txt"


def library_missing(module: str) -> bool:
    return importlib.util.find_spec(module) is None


def _read(path: str):
    """The file's text, or the reason it cannot be read."""
    try:
        return Path(path).read_text(encoding="utf-8"), ""
    except (OSError, UnicodeDecodeError) as error:
        return None, f"{type(error).__name__}: {error}"


def fcm_errors():
    path = settings.FOLLOW_FCM_CREDENTIALS
    if not path:
        return []
    errors = []
    if library_missing("firebase_admin"):
        errors.append(
            Error(
                "FOLLOW_FCM_CREDENTIALS is set but firebase-admin is not installed.",
                hint=f"pip install -r {REQUIREMENTS}, or unset FOLLOW_FCM_CREDENTIALS to turn FCM off.",
                id="districts.E101",
            )
        )
    text, reason = _read(path)
    if text is None:
        errors.append(
            Error(
                f"FOLLOW_FCM_CREDENTIALS names a file that cannot be read: {path} ({reason}).",
                hint="Give the path of the Firebase service account's JSON key, readable by the worker.",
                id="districts.E102",
            )
        )
        return errors
    try:
        account = json.loads(text)
    except ValueError:
        account = None
    if not isinstance(account, dict) or account.get("type") != "service_account":
        errors.append(
            Error(
                f"FOLLOW_FCM_CREDENTIALS is not a service account's JSON key: {path}.",
                hint="Firebase console: Project settings, Service accounts, Generate new private key.",
                id="districts.E102",
            )
        )
    return errors


def apns_errors():
    path = settings.FOLLOW_APNS_KEY
    if not path:
        return []
    errors = []
    if library_missing("aioapns"):
        errors.append(
            Error(
                "FOLLOW_APNS_KEY is set but aioapns is not installed.",
                hint=f"pip install -r {REQUIREMENTS}, or unset FOLLOW_APNS_KEY to turn APNs off.",
                id="districts.E103",
            )
        )
    text, reason = _read(path)
    if text is None:
        errors.append(
            Error(
                f"FOLLOW_APNS_KEY names a file that cannot be read: {path} ({reason}).",
                hint="Give the path of the APNs token signing key (.p8), readable by the worker.",
                id="districts.E104",
            )
        )
    elif "-----BEGIN PRIVATE KEY-----" not in text:
        errors.append(
            Error(
                f"FOLLOW_APNS_KEY is not an APNs signing key (.p8, PEM): {path}.",
                hint="Apple Developer: Certificates, Identifiers & Profiles, Keys.",
                id="districts.E104",
            )
        )
    missing = [
        name
        for name in ("FOLLOW_APNS_KEY_ID", "FOLLOW_APNS_TEAM_ID", "FOLLOW_APNS_TOPIC")
        if not getattr(settings, name)
    ]
    if missing:
        verb = "is" if len(missing) == 1 else "are"
        errors.append(
            Error(
                f"FOLLOW_APNS_KEY is set but {', '.join(missing)} {verb} not.",
                hint="APNs needs the key's id, the team id and the app's bundle id (docs/FOLLOWING.md).",
                id="districts.E105",
            )
        )
    return errors


def native_push_settings(app_configs=None, **kwargs):
    """Registered in DistrictsConfig.ready()."""
    return fcm_errors() + apns_errors()
