"""Response headers Django 5.2 does not set itself: the Content-Security-Policy (django-csp) and
Permissions-Policy. (Sign-in throttling: portal/signin.py.)

Both middleware sit below the page cache in MIDDLEWARE; a cached answer carries their headers
like every other header of the miss that stored it (portal/core/page_cache.py).
"""

from csp.middleware import CSPMiddleware
from django.conf import settings

from portal.core import upstream


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the policy of settings.CONTENT_SECURITY_POLICY (set from
    the environment variable of the same name), on the public site only.

    The admin keeps Wagtail's own inline scripts, so it is exempt (the policy's
    EXCLUDE_URL_PREFIXES); so are signed-in editors, whose pages carry Wagtail's user bar.
    """

    def process_response(self, request, response):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            upstream.exempt_from_csp(response)
        return super().process_response(request, response)


class PermissionsPolicyMiddleware:
    """settings.PERMISSIONS_POLICY on every answer (no browser feature the portal does not use)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
