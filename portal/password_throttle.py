"""The password forms of protected pages and document collections, throttled like sign-ins.

Wagtail's `authenticate_with_password` views (wagtail.views for a PageViewRestriction,
wagtail.documents.views.serve for a CollectionViewRestriction) compare the password in a form
and never call `authenticate()`, so django-axes does not see them: left alone, anyone could try
passwords as fast as the server answers. portal/urls.py routes both URLs through `throttled()`,
which counts each wrong password with axes' handler API under the name
`password-form:<kind>:<restriction id>` and the client's address: the same limit, cool-off,
database and lockout page (portal/signin.py) as sign-ins, per client and restriction.
"""

from functools import wraps

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_credentials

from .signin import PASSWORD_FORM_PREFIX, lockout_response


def throttled(view, kind):
    """`view` with wrong passwords counted per client and restriction (`kind`: page, documents)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        restriction_id = kwargs.get("page_view_restriction_id", kwargs.get("restriction_id"))
        credentials = get_credentials(f"{PASSWORD_FORM_PREFIX}{kind}:{restriction_id}")
        if not AxesProxyHandler.is_allowed(request, credentials):
            # Still trying while locked out: that counts too and restarts the wait, as for
            # sign-ins (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT), and the password is
            # not even compared.
            AxesProxyHandler.user_login_failed(wrapper, credentials, request)
            return lockout_response(request, None, credentials)
        response = view(request, *args, **kwargs)
        # Wagtail redirects to the protected page on the right password and shows the form
        # again otherwise. Reaching the limit marks the request, and axes' middleware answers
        # with the lockout page instead of the form.
        if not 300 <= response.status_code < 400:
            AxesProxyHandler.user_login_failed(wrapper, credentials, request)
        return response

    return wrapper
