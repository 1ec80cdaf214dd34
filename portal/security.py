"""Response headers Django 5.2 does not set itself, and brute-force protection of the admin login."""

import hashlib

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import caches
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

PUBLIC_EXEMPT_PREFIXES = ("/admin/", "/django-admin/")


class SecurityHeadersMiddleware:
    """Permissions-Policy everywhere; a strict Content-Security-Policy on the public site.

    The admin keeps Wagtail's own inline scripts, so it is exempt; so are signed-in editors,
    whose pages carry Wagtail's user bar.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if settings.CONTENT_SECURITY_POLICY and not request.path.startswith(PUBLIC_EXEMPT_PREFIXES):
            user = getattr(request, "user", None)
            if not (user is not None and user.is_authenticated):
                response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


# --- Login throttling ----------------------------------------------------------------------


def _client_address(request):
    return request.META.get("REMOTE_ADDR", "")


def _keys(request, username):
    digest = hashlib.sha256((username or "").lower().encode()).hexdigest()[:16]
    return [f"portal:login-fail:ip:{_client_address(request)}", f"portal:login-fail:user:{digest}"]


def _failures(request, username):
    values = caches["shared"].get_many(_keys(request, username))
    return max(values.values(), default=0)


def record_failure(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    cache = caches["shared"]
    for key in _keys(request, credentials.get("username")):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, settings.LOGIN_FAILURE_WINDOW)


def clear_failures(sender, request, user, **kwargs):
    if request is not None:
        caches["shared"].delete_many(_keys(request, user.get_username()))


user_login_failed.connect(record_failure, dispatch_uid="portal-login-failed")
user_logged_in.connect(clear_failures, dispatch_uid="portal-logged-in")


class LoginThrottleMiddleware:
    """After LOGIN_FAILURE_LIMIT failed attempts from one address or for one user name, the
    admin login refuses further attempts for LOGIN_FAILURE_WINDOW seconds (HTTP 429)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.login_path = None

    def __call__(self, request):
        if self.login_path is None:
            self.login_path = reverse("wagtailadmin_login")
        if request.method == "POST" and request.path == self.login_path:
            if _failures(request, request.POST.get("username")) >= settings.LOGIN_FAILURE_LIMIT:
                minutes = max(1, settings.LOGIN_FAILURE_WINDOW // 60)
                message = _(
                    "Too many failed sign-in attempts. Please wait %(minutes)d minutes and try again."
                ) % {"minutes": minutes}
                response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
                response["Retry-After"] = str(settings.LOGIN_FAILURE_WINDOW)
                return response
        return self.get_response(request)
