"""The app's endpoints for following without an account, `/api/v2/devices/`: a device registers
its preferences (and its push subscription), then reads, changes or erases them and keeps its
saved events, authenticated by the token it was given (`Authorization: Device <token>`).

The token is the follower's secret key (districts/models/follow.py), the only credential of a
device. Preferences are read by the site's form (preferences.py: unknown districts, categories,
audiences or languages are field errors), so both agree; a device gets no e-mail, so its
`weekly_digest` is always off, and a device with alerts off still keeps its saved events and
their calendar. Every bad input answers 400 with {"message", "errors": {field: [...]}}, a
missing or unknown token 401 with `WWW-Authenticate`, a key that is no public event 404.

Answers are personal: a GET is `private, no-store` and varies on `Authorization`, and the page
cache never serves a request that carries one (portal/core/page_cache.py); the rest are
`no-store` (portal/core/api/http.py).
"""

import base64
import binascii
import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.urls import path
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet
from wagtail.models import Page

from initiatives.api import NEXT_DATES, prepare_upcoming
from initiatives.models import EventPage
from initiatives.models.pages import ActivityPage
from portal.core.absolute_urls import page_url
from portal.core.api.serializers import detail_url_maker
from portal.core.api.strict import Rejected, StrictAPIMixin, check_locale, read_json_object
from portal.core.directory import get_directory

from ..models import Follower, PushEndpoint, SavedEvent
from .links import device_calendar_url
from .preferences import PreferencesForm
from .saved import MAX_SAVED, parse_key, public_keys, saved_pages, webcal

MAX_BODY_BYTES = 32 * 1024
MAX_CHOICES = 100
MAX_CONSENT = 2000
MAX_ENDPOINT = 1000
TOKEN = re.compile(r"^Device +([A-Za-z0-9_-]{20,64})$")
# FCM registration tokens and APNs device tokens (hex): no spaces, no URL syntax.
NATIVE_TOKEN = re.compile(r"^[A-Za-z0-9:_.-]{8,1000}$")
REALM = 'Device realm="Quartieri API"'
# A device's last call is written at most this often (one write an hour, not one per request).
SEEN_EVERY = datetime.timedelta(hours=1)
PREFERENCES = ("language", "districts", "categories", "audiences", "alerts")
REGISTER_MEMBERS = frozenset([*PREFERENCES, "consent", "push"])
UPDATE_MEMBERS = REGISTER_MEMBERS
PERSONAL = "private, no-store"


class Unauthorized(Exception):
    """No device token, or one no device holds: 401."""


def invalid(errors):
    return Rejected(400, "some values need correcting: " + ", ".join(sorted(errors)), errors)


class DevicePreferencesForm(PreferencesForm):
    """The site's preferences for a device: no e-mail (no digest), and alerts may be off (the
    device then only keeps its saved events)."""

    def clean(self):
        return super(PreferencesForm, self).clean()


def read_body(request):
    """The JSON object of a request; a 400 or 415 for anything else."""
    return read_json_object(request, MAX_BODY_BYTES)


def is_text_list(value):
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def clean_preferences(body, request, follower=None):
    """(cleaned preferences, errors) of the members of `body`; a member left out keeps the
    follower's value (registration: every district, category and audience, alerts on)."""
    errors = {}
    if follower is not None:
        data = PreferencesForm.initial_for(follower)
    else:
        data = {"districts": [], "categories": [], "audiences": [], "alerts": True}
        if "language" not in body:
            errors["language"] = ["Say which language the notifications are in."]
    for name in ("districts", "categories", "audiences"):
        if name in body:
            if not is_text_list(body[name]):
                errors[name] = ["Send a list of texts."]
            elif len(body[name]) > MAX_CHOICES:
                errors[name] = [f"At most {MAX_CHOICES} values."]
            else:
                data[name] = body[name]
    if "language" in body:
        if isinstance(body["language"], str):
            data["language"] = body["language"]
        else:
            errors["language"] = ["Send a language code as text."]
    if "alerts" in body:
        if isinstance(body["alerts"], bool):
            data["alerts"] = body["alerts"]
        else:
            errors["alerts"] = ["Send true or false."]
    data["weekly_digest"] = False  # a device gets no e-mail
    directory = get_directory(request)
    locale_id = directory.locale_id_for(data.get("language") or "") or directory.default_locale_id
    form = DevicePreferencesForm(data, locale_id=locale_id, request=request)
    if not form.is_valid():
        for name, texts in form.errors.items():
            errors.setdefault(name, list(texts))
    return (form.cleaned_data if not errors else None), form, errors


def clean_consent(body, required):
    value = body.get("consent")
    if value is None and not required:
        return None, {}
    if not isinstance(value, str) or not value.strip():
        return None, {"consent": ["Send the words of the consent the app showed."]}
    if len(value) > MAX_CONSENT:
        return None, {"consent": [f"At most {MAX_CONSENT} characters."]}
    return value.strip(), {}


def decoded_key(value):
    """The bytes of a base64url value (padding optional), or None."""
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_-]+={0,2}", value):
        return None
    try:
        return base64.urlsafe_b64decode(value.rstrip("=") + "=" * (-len(value.rstrip("=")) % 4))
    except (binascii.Error, ValueError):
        return None


def clean_push(value):
    """(the push subscription to keep, errors); None clears it."""
    if value is None:
        return None, {}
    if not isinstance(value, dict):
        return None, {"push": ["Send the push subscription as an object, or null."]}
    errors = {}
    unknown = sorted(set(value) - {"platform", "endpoint", "keys"})
    if unknown:
        errors["push"] = ["Unknown members: " + ", ".join(unknown)]
    platform = value.get("platform", PushEndpoint.Platform.WEBPUSH)
    if platform not in PushEndpoint.Platform.values:
        errors["push.platform"] = ["One of: " + ", ".join(PushEndpoint.Platform.values)]
        return None, errors
    endpoint = value.get("endpoint")
    if not isinstance(endpoint, str) or not endpoint or len(endpoint) > MAX_ENDPOINT:
        errors["push.endpoint"] = [f"Send the endpoint as text of at most {MAX_ENDPOINT} characters."]
        return None, errors
    p256dh = auth = ""
    if platform == PushEndpoint.Platform.WEBPUSH:
        try:
            URLValidator(schemes=["https"])(endpoint)
        except ValidationError:
            errors["push.endpoint"] = ["A Web Push endpoint is an https:// address."]
        keys = value.get("keys")
        if not isinstance(keys, dict):
            errors["push.keys"] = ["Send the subscription's keys: p256dh and auth."]
        else:
            public = decoded_key(keys.get("p256dh"))
            if public is None or len(public) != 65 or public[0] != 4:
                errors["push.keys.p256dh"] = ["A P-256 public key: 65 bytes, base64url."]
            secret = decoded_key(keys.get("auth"))
            if secret is None or len(secret) != 16:
                errors["push.keys.auth"] = ["The auth secret: 16 bytes, base64url."]
            if not errors:
                p256dh, auth = keys["p256dh"].rstrip("="), keys["auth"].rstrip("=")
    else:
        if not NATIVE_TOKEN.match(endpoint):
            errors["push.endpoint"] = ["An FCM or APNs token: letters, digits, ':', '_', '-', '.'."]
        if value.get("keys") is not None:
            errors["push.keys"] = ["Only Web Push subscriptions have keys."]
    if errors:
        return None, errors
    return {"platform": platform, "endpoint": endpoint, "p256dh": p256dh, "auth": auth}, {}


def store_push(follower, push):
    """Replace the follower's push endpoint with `push` (None: none). The same endpoint held
    by another follower is the same browser or phone registered again: it moves here."""
    if push is None:
        follower.endpoints.all().delete()
        return
    follower.endpoints.exclude(endpoint=push["endpoint"]).delete()
    PushEndpoint.objects.filter(endpoint=push["endpoint"]).exclude(follower=follower).delete()
    PushEndpoint.objects.update_or_create(
        endpoint=push["endpoint"],
        defaults={
            "follower": follower,
            "platform": push["platform"],
            "p256dh": push["p256dh"],
            "auth": push["auth"],
            "failures": 0,
        },
    )


def iso(moment):
    return timezone.localtime(moment).isoformat() if moment is not None else None


class DevicesAPIViewSet(StrictAPIMixin, GenericViewSet):
    """`/api/v2/devices/`: register a device, then `me/` with its token (module docstring)."""

    name = "devices"
    model = Follower
    known_query_parameters = frozenset(["locale"])

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", cls.as_view({"post": "register"}), name="register"),
            path(
                "me/",
                cls.as_view({"get": "me", "put": "update", "patch": "update", "delete": "erase"}),
                name="me",
            ),
            path("me/saved/", cls.as_view({"get": "saved_list"}), name="saved"),
            path(
                "me/saved/<str:translation_key>/",
                cls.as_view({"put": "save", "delete": "unsave"}),
                name="saved_item",
            ),
            path("me/calendar/", cls.as_view({"get": "calendar"}), name="calendar"),
        ]

    # Around every answer

    def handle_exception(self, exc):
        if isinstance(exc, Rejected):
            return Response(exc.body, status=exc.status)
        if isinstance(exc, Unauthorized):
            response = Response({"message": str(exc)}, status=401)
            response["WWW-Authenticate"] = REALM
            return response
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = PERSONAL if request.method in ("GET", "HEAD") else "no-store"
        patch_vary_headers(response, ("Authorization",))
        return response

    def check_parameters(self, request, allowed=frozenset()):
        unknown = sorted(set(request.GET) - allowed)
        if unknown:
            raise Rejected(
                400, "query parameter is not an operation or a recognised field: " + ", ".join(unknown)
            )

    def device(self, request):
        """The follower whose token the request carries; 401 otherwise. Notes its last call."""
        header = request.META.get("HTTP_AUTHORIZATION")
        if not header:
            raise Unauthorized("send the device's token: Authorization: Device <token>")
        match = TOKEN.match(header)
        follower = Follower.objects.filter(key=match[1], kind=Follower.Kind.DEVICE).first() if match else None
        if follower is None:
            raise Unauthorized("no device has this token: register again")
        now = timezone.now()
        if follower.last_seen_at is None or now - follower.last_seen_at >= SEEN_EVERY:
            Follower.objects.filter(pk=follower.pk).update(last_seen_at=now)
            follower.last_seen_at = now
        return follower

    # The device

    def register(self, request):
        self.check_parameters(request)
        body = read_body(request)
        unknown = sorted(set(body) - REGISTER_MEMBERS)
        errors = {name: ["Unknown member."] for name in unknown}
        _cleaned, form, preference_errors = clean_preferences(body, request)
        consent, consent_errors = clean_consent(body, required=True)
        push, push_errors = clean_push(body.get("push"))
        errors.update(preference_errors | consent_errors | push_errors)
        if errors:
            raise invalid(errors)
        now = timezone.now()
        with transaction.atomic():
            follower = form.apply(
                Follower(
                    kind=Follower.Kind.DEVICE,
                    consent_text=consent,
                    consent_at=now,
                    created_at=now,
                    confirmed_at=now,
                    last_seen_at=now,
                )
            )
            follower.save()
            store_push(follower, push)
        return Response({"device": self.describe(follower)}, status=201)

    def me(self, request):
        self.check_parameters(request)
        return Response({"device": self.describe(self.device(request))})

    def update(self, request):
        self.check_parameters(request)
        follower = self.device(request)
        body = read_body(request)
        unknown = sorted(set(body) - UPDATE_MEMBERS)
        errors = {name: ["Unknown member."] for name in unknown}
        _cleaned, form, preference_errors = clean_preferences(body, request, follower)
        consent, consent_errors = clean_consent(body, required=False)
        push, push_errors = clean_push(body.get("push"))
        errors.update(preference_errors | consent_errors | push_errors)
        if errors:
            raise invalid(errors)
        with transaction.atomic():
            form.apply(follower)
            if consent is not None:
                follower.consent_text, follower.consent_at = consent, timezone.now()
            follower.save()
            if "push" in body:
                store_push(follower, push)
        return Response({"device": self.describe(follower)})

    def erase(self, request):
        self.check_parameters(request)
        follower = self.device(request)
        # Its endpoints and saved events go with it; its deliveries stay, without it.
        follower.delete()
        return Response(status=204)

    def describe(self, follower):
        endpoint = follower.endpoints.order_by("-created_at", "-pk").first()
        url = device_calendar_url(follower)
        return {
            "token": follower.key,
            "language": follower.language,
            "districts": follower.districts,
            "categories": follower.categories,
            "audiences": follower.audiences,
            "alerts": follower.alerts,
            "consent": {"text": follower.consent_text, "given_at": iso(follower.consent_at)},
            "push": {"platform": endpoint.platform, "endpoint": endpoint.endpoint} if endpoint else None,
            "saved_count": follower.saved_events.count(),
            "calendar_url": url,
            "created_at": iso(follower.created_at),
        }

    # Saved events

    def saved_list(self, request):
        self.check_parameters(request, {"locale"})
        follower = self.device(request)
        code = check_locale(request.GET.get("locale", follower.language))
        self._answer_language = code
        directory = get_directory(request)
        locale = directory.locales[directory.locale_id_for(code) or directory.default_locale_id]
        saved = list(follower.saved_events.order_by("-saved_at", "-pk"))
        pages = saved_pages([row.translation_key for row in saved], locale, request)
        listed = list(pages.values())
        if listed:
            prepare_upcoming(listed, NEXT_DATES)
            prefetch_related_objects(
                [page for page in listed if isinstance(page, EventPage)], "occurrence_changes"
            )
        items = [self.saved_item(row, pages.get(row.translation_key)) for row in saved]
        return Response({"meta": {"total_count": len(items)}, "items": items})

    def answer_language(self, response):
        return getattr(self, "_answer_language", None) or super().answer_language(response)

    def saved_item(self, row, page):
        return {
            "translation_key": str(row.translation_key),
            "saved_at": iso(row.saved_at),
            "page": self.page_data(page) if page is not None else None,
            "next_dates": page.next_dates if page is not None else [],
        }

    def page_data(self, page):
        if not hasattr(self, "_detail_url"):
            self._detail_url = detail_url_maker(self.request.wagtailapi_router, self.request, Page)
        return {
            "id": page.pk,
            "type": page._meta.label,
            "title": page.title,
            "locale": page.locale.language_code,
            "html_url": page_url(page, self.request),
            "detail_url": self._detail_url(page.pk),
        }

    def save(self, request, translation_key):
        self.check_parameters(request)
        follower = self.device(request)
        key = parse_key(translation_key)
        if key is None:
            raise Rejected(400, f"'{translation_key[:40]}' is not a translation key (a UUID)")
        if key not in public_keys({key}, request):
            raise Rejected(404, "no published, public event or initiative has this translation key")
        row = follower.saved_events.filter(translation_key=key).first()
        status = 200
        if row is None:
            if follower.saved_events.count() >= MAX_SAVED:
                raise Rejected(400, f"a device keeps at most {MAX_SAVED} saved events: remove some first")
            row, created = SavedEvent.objects.get_or_create(follower=follower, translation_key=key)
            status = 201 if created else 200
        return Response(
            {"translation_key": str(row.translation_key), "saved_at": iso(row.saved_at)}, status=status
        )

    def unsave(self, request, translation_key):
        self.check_parameters(request)
        follower = self.device(request)
        key = parse_key(translation_key)
        if key is None:
            raise Rejected(400, f"'{translation_key[:40]}' is not a translation key (a UUID)")
        follower.saved_events.filter(translation_key=key).delete()
        return Response(status=204)

    def calendar(self, request):
        self.check_parameters(request)
        url = device_calendar_url(self.device(request))
        return Response({"url": url, "webcal_url": webcal(url)})

    # The contract (portal/api/openapi/)

    @classmethod
    def openapi_security_schemes(cls):
        return {
            "Device": {
                "type": "apiKey",
                "in": "header",
                "name": "Authorization",
                "description": "`Authorization: Device <token>`, the `token` that `POST /devices/` "
                "answered. It is the device's only credential: keep it in the app's secure storage.",
            }
        }

    @classmethod
    def openapi_schemas(cls):
        return openapi_schemas()

    @classmethod
    def openapi_paths(cls):
        return openapi_paths()


TEXT_LIST = {"type": "array", "items": {"type": "string"}, "maxItems": MAX_CHOICES}
DATE_TIME = {"type": "string", "format": "date-time"}


def openapi_schemas():
    push_request = {
        "type": "object",
        "nullable": True,
        "description": "Where the device is reached. Web Push (RFC 8030/8291): the subscription of "
        "`PushManager.subscribe()` with the portal's VAPID key. `fcm` and `apns`: the device token "
        "as `endpoint`, no `keys`; kept, and used only where the portal configures FCM or APNs "
        "(off by default). null removes it.",
        "properties": {
            "platform": {"type": "string", "enum": list(PushEndpoint.Platform.values), "default": "webpush"},
            "endpoint": {"type": "string", "maxLength": MAX_ENDPOINT},
            "keys": {
                "type": "object",
                "properties": {
                    "p256dh": {"type": "string", "description": "65 bytes, base64url."},
                    "auth": {"type": "string", "description": "16 bytes, base64url."},
                },
                "required": ["p256dh", "auth"],
                "additionalProperties": False,
            },
        },
        "required": ["endpoint"],
        "additionalProperties": False,
    }
    preferences = {
        "language": {
            "type": "string",
            "enum": [code for code, _name in settings.LANGUAGES],
            "description": "The language of the notifications.",
        },
        "districts": {**TEXT_LIST, "description": "Translation keys of districts; empty: all."},
        "categories": {**TEXT_LIST, "description": "Category slugs; empty: all."},
        "audiences": {**TEXT_LIST, "description": "Audience slugs; empty: all."},
        "alerts": {
            "type": "boolean",
            "description": "Urgent notices, cancellations and moves of what it follows or saved.",
        },
    }
    next_dates = ActivityPage.api_field_schemas["next_dates"]
    return {
        "DeviceRegistration": {
            "type": "object",
            "description": "A device's preferences, the consent it gave and, optionally, its push "
            "subscription.",
            "properties": {
                **preferences,
                "consent": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": MAX_CONSENT,
                    "description": "The words of the consent the app showed, kept with the time.",
                },
                "push": push_request,
            },
            "required": ["language", "consent"],
            "additionalProperties": False,
        },
        "DeviceUpdate": {
            "type": "object",
            "description": "The members to change; those left out keep their value (PUT and PATCH "
            "alike). `push` replaces the subscription (null removes it).",
            "properties": {
                **preferences,
                "consent": {"type": "string", "minLength": 1, "maxLength": MAX_CONSENT},
                "push": push_request,
            },
            "additionalProperties": False,
        },
        "Device": {
            "type": "object",
            "properties": {
                "token": {
                    "type": "string",
                    "description": "Its credential: `Authorization: Device <token>`.",
                },
                **{
                    name: {key: value for key, value in schema.items() if key != "enum"}
                    for name, schema in preferences.items()
                },
                "consent": {
                    "type": "object",
                    "properties": {"text": {"type": "string"}, "given_at": DATE_TIME},
                    "required": ["text", "given_at"],
                    "additionalProperties": False,
                },
                "push": {
                    "type": "object",
                    "nullable": True,
                    "properties": {
                        "platform": {"type": "string", "enum": list(PushEndpoint.Platform.values)},
                        "endpoint": {"type": "string"},
                    },
                    "required": ["platform", "endpoint"],
                    "additionalProperties": False,
                },
                "saved_count": {"type": "integer"},
                "calendar_url": {"type": "string", "description": "Its saved events as an iCalendar file."},
                "created_at": DATE_TIME,
            },
            "required": [
                "token",
                *PREFERENCES,
                "consent",
                "push",
                "saved_count",
                "calendar_url",
                "created_at",
            ],
            "additionalProperties": False,
        },
        "DeviceAnswer": {
            "type": "object",
            "properties": {"device": {"$ref": "#/components/schemas/Device"}},
            "required": ["device"],
            "additionalProperties": False,
        },
        "DeviceErrors": {
            "type": "object",
            "description": "The Error schema with, for values to correct, the messages of each member "
            "(`push.keys.auth` for a nested one).",
            "properties": {
                "message": {"type": "string"},
                "errors": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
            "required": ["message"],
            "additionalProperties": False,
        },
        "SavedEventRef": {
            "type": "object",
            "properties": {"translation_key": {"type": "string", "format": "uuid"}, "saved_at": DATE_TIME},
            "required": ["translation_key", "saved_at"],
            "additionalProperties": False,
        },
        "SavedEvent": {
            "type": "object",
            "description": "A saved event or initiative: its page in the language asked for (else "
            "Italian), null when it is no longer published and public, and its next dates.",
            "properties": {
                "translation_key": {"type": "string", "format": "uuid"},
                "saved_at": DATE_TIME,
                "page": {
                    "type": "object",
                    "nullable": True,
                    "properties": {
                        "id": {"type": "integer"},
                        "type": {
                            "type": "string",
                            "enum": ["initiatives.EventPage", "initiatives.InitiativePage"],
                        },
                        "title": {"type": "string"},
                        "locale": {"type": "string"},
                        "html_url": {"type": "string", "nullable": True},
                        "detail_url": {"type": "string"},
                    },
                    "required": ["id", "type", "title", "locale", "html_url", "detail_url"],
                    "additionalProperties": False,
                },
                "next_dates": next_dates,
            },
            "required": ["translation_key", "saved_at", "page", "next_dates"],
            "additionalProperties": False,
        },
        "SavedEventListing": {
            "type": "object",
            "properties": {
                "meta": {
                    "type": "object",
                    "properties": {"total_count": {"type": "integer"}},
                    "required": ["total_count"],
                    "additionalProperties": False,
                },
                "items": {"type": "array", "items": {"$ref": "#/components/schemas/SavedEvent"}},
            },
            "required": ["meta", "items"],
            "additionalProperties": False,
        },
        "DeviceCalendar": {
            "type": "object",
            "properties": {
                "url": {"type": "string", "description": "The .ics of its saved events."},
                "webcal_url": {"type": "string", "description": "The same, to subscribe (webcal://)."},
            },
            "required": ["url", "webcal_url"],
            "additionalProperties": False,
        },
    }


def openapi_paths():
    def answer(description, schema, example=None):
        content = {"schema": {"$ref": f"#/components/schemas/{schema}"}}
        if example is not None:
            content["example"] = example
        return {"description": description, "content": {"application/json": content}}

    def errors(*statuses):
        described = {
            "400": answer(
                "A bad value (`errors` names each member), an unknown parameter, or a body that is "
                "not a JSON object.",
                "DeviceErrors",
                {"message": "some values need correcting: districts", "errors": {"districts": ["…"]}},
            ),
            "401": {
                **answer(
                    "No token, or one no device holds (erased): register again.",
                    "Error",
                    {"message": "no device has this token: register again"},
                ),
                "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}},
            },
            "404": answer("No published, public event or initiative has this key.", "Error"),
            "415": answer("The body is not JSON in UTF-8.", "Error"),
        }
        return {status: described[status] for status in statuses}

    device = {
        "device": {
            "token": "Xk3vQ0m1kY5nH2bq8rW7cT4sJ9dLp6fA0eGzUoIyNhM",
            "language": "ar",
            "districts": ["c1a4e7d2-5b3f-4a8e-9c61-2f0d8b7e4a13"],
            "categories": [],
            "audiences": ["families"],
            "alerts": True,
            "consent": {"text": "…", "given_at": "2026-12-03T10:15:00+01:00"},
            "push": {"platform": "webpush", "endpoint": "https://push.example.net/send/abc"},
            "saved_count": 1,
            "calendar_url": "https://quartieri.example/ar/follow/saved/device/12:Ab3dE.ics",
            "created_at": "2026-12-03T10:15:00+01:00",
        }
    }
    reference = {
        "translation_key": "8f0c3a52-7e61-4c1e-9d59-0f5d7c4b2a10",
        "saved_at": "2026-12-03T10:20:00+01:00",
    }
    listing = {
        "meta": {"total_count": 1},
        "items": [
            {
                **reference,
                "page": {
                    "id": 142,
                    "type": "initiatives.EventPage",
                    "title": "عشاء الحي",
                    "locale": "ar",
                    "html_url": "https://quartieri.example/ar/san-salvario/cena/",
                    "detail_url": "https://quartieri.example/api/v2/pages/142/",
                },
                "next_dates": [
                    {
                        "start": "2026-12-12T19:00:00+01:00",
                        "end": "2026-12-12T22:00:00+01:00",
                        "all_day": False,
                        "cancelled": False,
                        "moved": False,
                        "reason": "",
                    }
                ],
            }
        ],
    }
    calendar = {
        "url": "https://quartieri.example/ar/follow/saved/device/12:Ab3dE.ics",
        "webcal_url": "webcal://quartieri.example/ar/follow/saved/device/12:Ab3dE.ics",
    }
    secured = [{"Device": []}]
    body = {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DeviceUpdate"}}},
    }
    update = {
        "security": secured,
        "requestBody": body,
        "responses": {"200": answer("Changed.", "DeviceAnswer", device), **errors("400", "401", "415")},
    }
    key_parameter = {
        "name": "translation_key",
        "in": "path",
        "required": True,
        "description": "The translation key of an event or initiative (`meta.translation_key` "
        "of its page, the same in every language).",
        "schema": {"type": "string"},
        "example": "8f0c3a52-7e61-4c1e-9d59-0f5d7c4b2a10",
    }
    return {
        "/devices/": {
            "post": {
                "operationId": "registerDevice",
                "summary": "Register a device: its preferences and, optionally, its push subscription",
                "description": "Answers the device with its `token`, its only credential "
                "(`Authorization: Device <token>`). Devices get no e-mail. See docs/API.md, Devices.",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/DeviceRegistration"}}
                    },
                },
                "responses": {
                    "201": answer("Registered.", "DeviceAnswer", device),
                    **errors("400", "415"),
                },
            }
        },
        "/devices/me/": {
            "get": {
                "operationId": "getDevice",
                "summary": "The device's preferences",
                "security": secured,
                "responses": {
                    "200": answer("Its preferences.", "DeviceAnswer", device),
                    **errors("400", "401"),
                },
            },
            "put": {**update, "operationId": "replaceDevice", "summary": "Change the device's preferences"},
            "patch": {**update, "operationId": "updateDevice", "summary": "Change some of its preferences"},
            "delete": {
                "operationId": "eraseDevice",
                "summary": "Erase the device, its push subscription and its saved events",
                "security": secured,
                "responses": {"204": {"description": "Erased."}, **errors("400", "401")},
            },
        },
        "/devices/me/saved/": {
            "get": {
                "operationId": "listSavedEvents",
                "summary": "The device's saved events, latest first, with their next dates",
                "security": secured,
                "parameters": [
                    {
                        "name": "locale",
                        "in": "query",
                        "required": False,
                        "description": "The language of the pages (else the device's); 400 for one "
                        "the portal has not.",
                        "schema": {"type": "string", "enum": [code for code, _name in settings.LANGUAGES]},
                    }
                ],
                "responses": {
                    "200": answer("Its saved events.", "SavedEventListing", listing),
                    **errors("400", "401"),
                },
            }
        },
        "/devices/me/saved/{translation_key}/": {
            "put": {
                "operationId": "saveEvent",
                "summary": f"Save an event or an initiative (at most {MAX_SAVED})",
                "security": secured,
                "parameters": [key_parameter],
                "responses": {
                    "200": answer("Already saved.", "SavedEventRef", reference),
                    "201": answer("Saved.", "SavedEventRef", reference),
                    **errors("400", "401", "404"),
                },
            },
            "delete": {
                "operationId": "unsaveEvent",
                "summary": "Remove a saved event",
                "security": secured,
                "parameters": [key_parameter],
                "responses": {"204": {"description": "Not saved (any more)."}, **errors("400", "401")},
            },
        },
        "/devices/me/calendar/": {
            "get": {
                "operationId": "getDeviceCalendar",
                "summary": "The address of the device's saved events as a calendar (.ics)",
                "security": secured,
                "responses": {
                    "200": answer("Its calendar's address.", "DeviceCalendar", calendar),
                    **errors("400", "401"),
                },
            }
        },
    }
