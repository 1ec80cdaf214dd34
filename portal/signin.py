"""Sign-in throttling with django-axes: the limits, and the answer a locked-out client gets.

django-axes hooks `django.contrib.auth.authenticate()` (its backend refuses a locked-out
client, its signal handlers count failures), so every sign-in form is covered: the admin's
`/admin/login/`, Wagtail's front-end `/<lang>/_util/login/` and any form added later. The
page and document password forms do not call `authenticate()`; `portal.password_throttle`
counts them through axes' handler API. The settings that wire this are in
`portal/settings/base.py` (AXES_*), built from LOGIN_FAILURE_LIMIT and LOGIN_FAILURE_WINDOW.

The choice: failures are counted per account *and* client address
(`AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]`), in the database
(`AxesDatabaseHandler`). After LOGIN_FAILURE_LIMIT failures within LOGIN_FAILURE_WINDOW
seconds that account is refused from that address until LOGIN_FAILURE_WINDOW seconds have
passed without a further try. An attacker therefore locks out only themself: the account's
owner signing in from anywhere else, and every other member of staff, are unaffected (a lock
per account alone, as before, let one attacker lock all staff out). What it costs: from one
address an attacker may try LOGIN_FAILURE_LIMIT - 1 passwords per account name per window, and
a spread of addresses multiplies that, which strong passwords make harmless. The database
keeps counting while Redis is down, and old attempts are deleted whenever anyone signs in or
fails to (axes cleans expired rows on every attempt); successful sign-ins are not logged.
"""

import math
from datetime import timedelta

from axes.helpers import get_client_username
from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

# The "user name" under which axes counts the failures of a password form that protects a
# page or a collection of documents. Django's user names cannot contain ":" so none collides.
PASSWORD_FORM_PREFIX = "password-form:"  # noqa: S105 (a name, not a password)


def failure_limit(request, credentials=None):
    """AXES_FAILURE_LIMIT: failures allowed per account and client, read at each attempt."""
    return settings.LOGIN_FAILURE_LIMIT


def cool_off(request=None):
    """AXES_COOLOFF_TIME: how long a locked-out client waits after its last failure."""
    return timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a page in the reader's language, 429 with Retry-After.

    (axes calls this with three arguments; keep the signature so that it never falls back
    to its two-argument form.)"""
    seconds = int(cool_off(request).total_seconds())
    username = get_client_username(request, credentials) or ""
    minutes = max(1, math.ceil(seconds / 60))
    if str(username).startswith(PASSWORD_FORM_PREFIX):
        message = _("Too many wrong passwords. Please wait %(minutes)d minutes and try again.")
    else:
        message = _("Too many failed sign-in attempts. Please wait %(minutes)d minutes and try again.")
    context = {"message": message % {"minutes": minutes}}
    # The bare template, no context processors: the page needs neither the database nor
    # the page tree.
    response = HttpResponse(loader.render_to_string("429_signin.html", context), status=429)
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response
