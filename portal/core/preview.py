"""Previewing a draft as the app will show it: the preview mode "As in the app" and the signed,
short-lived token that lets the API serve that one draft.

An editor previews a draft in Wagtail's admin; the mobile app reads only `/api/v2/`, which
serves live, public pages and never a draft. `AppPreviewMixin` adds a preview mode to every page
type: it renders the JSON the pages endpoint would give for the draft being previewed (built by
the endpoint's own serializer, which the site shell registers here with
`register_app_representation`, since this floor cannot import it), and issues a token the app
opens at the API's preview route.

The token is `django.core.signing` over the page's id, the revision the draft starts from and a
random key; the representation itself is kept under that key in the `shared` cache (the one
every worker and server reads) for `API_PREVIEW_SECONDS`, and the signature's age is checked
against the same limit. So a token names one snapshot of one page, cannot be made up or
altered, and stops working after a few minutes even if the cache keeps the snapshot longer.
Without a valid token the API never shows a draft: the preview route is the only way in.

wagtail-headless-preview was not used: it stores every preview in a database table with a
token valid for a day and removed only by a clean-up command.
"""

import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.utils.encoders import JSONEncoder

APP_MODE = "app"
SALT = "portal.core.preview"
KEY_PREFIX = "portal:preview:"


class PreviewTokenInvalid(Exception):
    """The token was not issued by this portal (malformed, altered, or for another snapshot)."""


class PreviewExpired(Exception):
    """The token was issued here but is older than API_PREVIEW_SECONDS."""


class PreviewGone(Exception):
    """The token is valid but its snapshot is no longer in the cache (evicted, or cleared)."""


@dataclass(frozen=True)
class AppView:
    """What the site shell registers: how the pages endpoint represents a page, and the
    absolute address of its preview route for a token."""

    represent: object  # (page, request) -> dict
    preview_url: object  # (token) -> str


_app_view = None


def register_app_representation(represent, preview_url):
    """Called by the site shell once its API router exists (PortalConfig.ready)."""
    global _app_view
    _app_view = AppView(represent, preview_url)


def preview_seconds():
    return int(settings.API_PREVIEW_SECONDS)


@dataclass(frozen=True)
class IssuedPreview:
    token: str
    expires: datetime
    url: str


def issue_preview(page, representation):
    """Keep `representation` (a JSON string) for API_PREVIEW_SECONDS and sign a token naming it."""
    seconds = preview_seconds()
    key = secrets.token_urlsafe(24)
    revision_id = getattr(page, "latest_revision_id", None)
    caches["shared"].set(
        KEY_PREFIX + key, {"page": page.pk, "revision": revision_id, "json": representation}, seconds
    )
    token = signing.dumps({"page": page.pk, "revision": revision_id, "key": key}, salt=SALT)
    return IssuedPreview(token, timezone.now() + timedelta(seconds=seconds), _app_view.preview_url(token))


def open_preview(token):
    """The representation a token names, as a JSON string; raises PreviewTokenInvalid,
    PreviewExpired or PreviewGone."""
    try:
        claims = signing.loads(token, salt=SALT, max_age=preview_seconds())
    except signing.SignatureExpired as error:
        raise PreviewExpired from error
    except (signing.BadSignature, ValueError, UnicodeError) as error:
        raise PreviewTokenInvalid from error
    if not isinstance(claims, dict) or not isinstance(claims.get("key"), str):
        raise PreviewTokenInvalid
    snapshot = caches["shared"].get(KEY_PREFIX + claims["key"])
    if snapshot is None:
        raise PreviewGone
    if snapshot.get("page") != claims.get("page") or snapshot.get("revision") != claims.get("revision"):
        raise PreviewTokenInvalid
    return snapshot["json"]


class AppPreviewMixin:
    """Every page type's preview offers "As in the app" besides its own modes."""

    @property
    def preview_modes(self):
        return [*super().preview_modes, (APP_MODE, _("As in the app"))]

    def serve_preview(self, request, mode_name):
        if mode_name != APP_MODE:
            return super().serve_preview(request, mode_name)
        return self.serve_app_preview(request)

    def serve_app_preview(self, request):
        """The draft's API answer, its token, the token's expiry and the address the app opens.

        The admin view that calls this has checked that the user may edit or review the page;
        checked again here, since a token lets anyone holding it read the draft. A page not
        saved yet has no id for the API to name: it is asked to be saved first.
        """
        context = {"page": self, "preview": None, "json": None}
        if self.pk is not None:
            user = getattr(request, "user", None)
            permissions = self.permissions_for_user(user) if user is not None else None
            if permissions is None or not (permissions.can_edit() or permissions.can_publish()):
                raise PermissionDenied
            representation = json.dumps(_app_view.represent(self, request), cls=JSONEncoder)
            context["preview"] = issue_preview(self, representation)
            context["json"] = json.dumps(json.loads(representation), indent=2, ensure_ascii=False)
        response = TemplateResponse(request, "core/app_preview.html", context)
        response["Cache-Control"] = "private, no-store"
        return response
