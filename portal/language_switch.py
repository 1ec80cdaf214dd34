"""The language switcher's entrance: remember the chosen language, then show the page in it.

Django's `set_language` only accepts POST, which needs a form, a CSRF token and so an uncacheable
page; the switcher's plain links come here instead. The choice lands in Django's language
cookie, which `LocaleMiddleware` prefers to Accept-Language when it redirects `/`.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def remember_language(response, code):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@require_GET
@never_cache
def choose_language(request, code):
    """Remember `code` and go to `next` (the same page in that language), else to its home page."""
    offered = {language for language, _name in settings.LANGUAGES}
    if code not in offered or not check_for_language(code):
        code = settings.LANGUAGE_CODE
    next_url = request.GET.get("next", "")
    safe = next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return remember_language(HttpResponseRedirect(next_url if safe else f"/{code}/"), code)
