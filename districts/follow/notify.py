"""The site's "notify me": the service worker at `/sw.js` and the endpoint its page posts a
browser's Web Push subscription to (`follow_push`, `/<lang>/follow/push/`).

A subscription makes a device follower (confirmed at once: the browser's permission prompt is
the opt-in) with one Web Push endpoint, following the district the page named (none: every
district), alerts only. Posting the same endpoint again updates that follower; `unsubscribe`
(or DELETE) drops the district, and the endpoint with the last one.

The endpoint holds no session and reads no cookie, so a forged cross-site request gains nothing;
it still takes JSON only (a cross-site form cannot send it without CORS, which the portal never
grants here) and refuses a foreign `Origin`. Every bad input is a 400 with {"message": …}.
"""

import base64
import binascii
import hmac
import json
import re
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from portal.core.absolute_urls import base_url
from portal.core.public_forms import cleaned_json

from ..models import DistrictPage, Follower, PushEndpoint, SavedEvent
from ..ratelimit import RateLimit
from .push import is_configured
from .saved import MAX_SAVED, parse_key, public_keys

# The words the control shows beside its button, stored as the follower's consent.
CONSENT = gettext_lazy(
    "Get a notification on this device when there is an urgent notice or an event changes in this "
    "district. No account, no e-mail address; turn it off here at any time."
)
SERVICE_WORKER = Path(__file__).resolve().parent.parent / "static" / "districts" / "follow" / "sw.js"
# A subscription with its keys, or up to MAX_SAVED keys of 36 characters (about 8 KB) and more.
MAX_BODY = 16 * 1024
MAX_ENDPOINT = 1000
BASE64URL = re.compile(r"^[A-Za-z0-9_-]+={0,2}$")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
LANGUAGES = {code for code, _name in settings.LANGUAGES}


class BadInput(Exception):
    """What was wrong with the request, in words for whoever wrote the client."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.status = status


@require_GET
@cache_control(max_age=0, no_cache=True)
def service_worker(request):
    """/sw.js from our origin, so that its scope is the whole site."""
    return HttpResponse(SERVICE_WORKER.read_text(encoding="utf-8"), content_type="application/javascript")


def answer(code, **body):
    """A JSON answer that no cache keeps."""
    response = JsonResponse(body, status=code)
    response["Cache-Control"] = "no-store"
    return response


def decoded(value, name, length):
    """The bytes of base64url `value`, which must be `length` long."""
    if not isinstance(value, str) or not BASE64URL.match(value):
        raise BadInput(_("%(name)s must be a base64url string.") % {"name": name})
    try:
        raw = base64.urlsafe_b64decode(value.rstrip("=") + "=" * (-len(value.rstrip("=")) % 4))
    except (binascii.Error, ValueError):
        raise BadInput(_("%(name)s must be a base64url string.") % {"name": name}) from None
    if len(raw) != length:
        raise BadInput(_("%(name)s must be %(count)s bytes long.") % {"name": name, "count": length})
    return raw


def checked_endpoint(value):
    """A push service's URL: HTTPS (plain HTTP to this machine only when allowed, for tests)."""
    if not isinstance(value, str) or not value or len(value) > MAX_ENDPOINT:
        raise BadInput(_("The subscription's endpoint must be a URL."))
    try:
        parts = urlsplit(value)
        hostname = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise BadInput(_("The subscription's endpoint must be a URL.")) from None
    insecure_allowed = settings.DEBUG or getattr(settings, "FOLLOW_PUSH_ALLOW_INSECURE_ENDPOINTS", False)
    if parts.scheme == "https" and hostname:
        return value
    if parts.scheme == "http" and hostname in LOCAL_HOSTS and insecure_allowed:
        return value
    raise BadInput(_("The subscription's endpoint must be an https:// URL."))


def checked_subscription(value):
    """(endpoint, p256dh, auth) of a browser's `PushSubscription.toJSON()`."""
    if not isinstance(value, dict) or not isinstance(value.get("keys"), dict):
        raise BadInput(_("Send the browser's subscription: an endpoint and its keys."))
    endpoint = checked_endpoint(value.get("endpoint"))
    p256dh, auth = value["keys"].get("p256dh"), value["keys"].get("auth")
    point = decoded(p256dh, "p256dh", 65)
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError:
        raise BadInput(_("p256dh is not a P-256 public key.")) from None
    decoded(auth, "auth", 16)
    return endpoint, p256dh.rstrip("="), auth.rstrip("=")


def checked_district(value):
    """The translation key of a live district, or None for every district."""
    if value in (None, ""):
        return None
    try:
        key = uuid.UUID(str(value))
    except ValueError:
        raise BadInput(_("Unknown district.")) from None
    if not DistrictPage.objects.live().public().filter(translation_key=key).exists():
        raise BadInput(_("Unknown district."))
    return str(key)


def checked_language(value):
    if value in (None, ""):
        return translation.get_language() or settings.LANGUAGE_CODE
    if value not in LANGUAGES:
        raise BadInput(_("Unknown language."))
    return value


def checked_saved(value):
    """Of a list of translation keys (at most MAX_SAVED strings), those of a live, public event
    or initiative, each once, in order; other strings are ignored. Two queries at most."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise BadInput(_("Send the saved events as a list of translation keys."))
    if len(value) > MAX_SAVED:
        raise BadInput(_("At most %(count)d saved events.") % {"count": MAX_SAVED})
    keys = list(dict.fromkeys(key for key in map(parse_key, value) if key is not None))
    public = public_keys(keys)
    return [key for key in keys if key in public]


def replace_saved(follower, keys):
    """The follower's saved events become `keys` (those kept keep their date)."""
    follower.saved_events.exclude(translation_key__in=keys).delete()
    kept = set(follower.saved_events.values_list("translation_key", flat=True))
    SavedEvent.objects.bulk_create(
        [SavedEvent(follower=follower, translation_key=key) for key in keys if key not in kept]
    )


def same_secret(stored, sent):
    """Whether two base64url `auth` secrets are the same, in constant time."""
    return hmac.compare_digest(stored.rstrip("=").encode(), sent.rstrip("=").encode())


def read_json(request):
    if not request.content_type == "application/json":
        raise BadInput(_("Send JSON (Content-Type: application/json)."), status=415)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY:
        raise BadInput(_("The request is too large."), status=413)
    try:
        data = cleaned_json(json.loads(request.body or b""))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise BadInput(_("The request is not valid JSON.")) from None
    if not isinstance(data, dict):
        raise BadInput(_("Send a JSON object."))
    return data


def same_origin(request):
    """No `Origin` (not a browser's cross-site call), or ours."""
    origin = request.headers.get("Origin")
    if not origin:
        return True
    return origin.rstrip("/") == base_url() or urlsplit(origin).netloc == request.get_host()


def locked_endpoint(endpoint):
    """The endpoint's row with its follower, locked until the transaction ends; None if unknown."""
    rows = PushEndpoint.objects.select_for_update().select_related("follower")
    return rows.filter(endpoint=endpoint).first()


def subscribe(data):
    endpoint, p256dh, auth = checked_subscription(data.get("subscription"))
    district = checked_district(data.get("district"))
    language = checked_language(data.get("language"))
    saved = checked_saved(data["saved"]) if "saved" in data else None
    extra = {} if saved is None else {"saved": [str(key) for key in saved]}
    with translation.override(language):
        consent = str(CONSENT)
    now = timezone.now()
    with transaction.atomic():
        row = locked_endpoint(endpoint)
        if row is None:
            follower = Follower.objects.create(
                kind=Follower.Kind.DEVICE,
                language=language,
                districts=[district] if district else [],
                weekly_digest=False,
                alerts=True,
                consent_text=consent,
                consent_at=now,
                confirmed_at=now,
            )
            PushEndpoint.objects.create(
                follower=follower,
                platform=PushEndpoint.Platform.WEBPUSH,
                endpoint=endpoint,
                p256dh=p256dh,
                auth=auth,
            )
            if saved is not None:
                replace_saved(follower, saved)
            return answer(201, status="subscribed", districts=follower.districts, language=language, **extra)
        follower = row.follower
        if saved is not None and same_secret(row.auth, auth):
            replace_saved(follower, saved)
        else:
            extra = {}
        if not district:
            follower.districts = []
        elif follower.districts and district not in follower.districts:
            follower.districts = [*follower.districts, district]
        follower.language, follower.alerts = language, True
        follower.consent_text, follower.consent_at = consent, now
        follower.confirmed_at = follower.confirmed_at or now
        follower.save(
            update_fields=["districts", "language", "alerts", "consent_text", "consent_at", "confirmed_at"]
        )
        row.p256dh, row.auth, row.failures = p256dh, auth, 0
        row.save(update_fields=["p256dh", "auth", "failures"])
    return answer(200, status="subscribed", districts=follower.districts, language=language, **extra)


def unsubscribe(data):
    """Drop the district named (none: all of them); the endpoint with the last one, and the
    follower with its last endpoint (its deliveries stay, without it, for the counts)."""
    endpoint = checked_endpoint(data.get("endpoint"))
    district = checked_district(data.get("district"))
    with transaction.atomic():
        row = locked_endpoint(endpoint)
        if row is None:
            return answer(200, status="unsubscribed", districts=[])
        follower = row.follower
        remaining = [key for key in follower.districts if key != district] if district else []
        if remaining:
            follower.districts = remaining
            follower.save(update_fields=["districts"])
            return answer(200, status="subscribed", districts=remaining)
        row.delete()
        if not follower.endpoints.exists():
            follower.delete()
    return answer(200, status="unsubscribed", districts=[])


def status(data):
    """Whether this endpoint is subscribed, and to which districts (empty: all)."""
    endpoint = checked_endpoint(data.get("endpoint"))
    row = PushEndpoint.objects.select_related("follower").filter(endpoint=endpoint).first()
    if row is None:
        return answer(200, status="unsubscribed", districts=[])
    return answer(200, status="subscribed", districts=row.follower.districts)


def save_events(data):
    """Replace the saved events of the device of this endpoint, proven by its `auth` secret."""
    endpoint = checked_endpoint(data.get("endpoint"))
    auth = data.get("auth")
    decoded(auth, "auth", 16)
    keys = checked_saved(data.get("saved"))
    with transaction.atomic():
        row = locked_endpoint(endpoint)
        if row is None:
            raise BadInput(_("Notifications are not on for this browser: turn them on first."), status=404)
        if not same_secret(row.auth, auth):
            raise BadInput(_("This subscription's secret does not match."), status=403)
        replace_saved(row.follower, keys)
    return answer(200, status="subscribed", saved=[str(key) for key in keys])


ACTIONS = {"subscribe", "unsubscribe", "status", "saved"}


@csrf_exempt  # no cookie is read: JSON only and a same-origin check instead (see the docstring)
def follow_push(request):
    """POST {"subscription", "district", "language", "saved"} to subscribe; POST {"action":
    "unsubscribe" or "status", "endpoint", "district"} (or DELETE) to leave or to ask; POST
    {"action": "saved", "endpoint", "auth", "saved"} to replace the device's saved events."""
    if request.method not in ("POST", "DELETE"):
        response = answer(405, message=_("Use POST or DELETE."))
        response["Allow"] = "POST, DELETE"
        return response
    if not is_configured():
        return answer(503, message=_("Notifications are not available on this portal."))
    if not same_origin(request):
        return answer(403, message=_("This request must come from the portal's own pages."))
    limit = RateLimit(
        request,
        "follow-push",
        limit=getattr(settings, "FOLLOW_PUSH_RATE_LIMIT", 30),
        window=getattr(settings, "FOLLOW_PUSH_RATE_WINDOW", 600),
    )
    if limit.exceeded():
        response = answer(429, message=_("Too many requests: try again in a few minutes."))
        response["Retry-After"] = str(limit.retry_after())
        return response
    limit.hit()
    try:
        data = read_json(request)
        action = "unsubscribe" if request.method == "DELETE" else data.get("action", "subscribe")
        if action not in ACTIONS:
            raise BadInput(_("Unknown action."))
        if action == "status":
            return status(data)
        if action == "unsubscribe":
            return unsubscribe(data)
        if action == "saved":
            return save_events(data)
        try:
            return subscribe(data)
        except IntegrityError:  # the same endpoint posted twice at once: the second updates
            return subscribe(data)
    except BadInput as error:
        return answer(error.status, message=str(error))
