"""The follower's links, absolute (PORTAL_BASE_URL) and in the follower's language: every message
carries them. The views behind these names are in subscribe.py, saved.py and push.py; the URL
patterns in districts/follow/subscribe_urls.py (and the other `*_urls.py` beside it)."""

from django.core import signing
from django.urls import reverse
from django.utils import translation

from portal.core.absolute_urls import absolute_url

CONFIRM_SALT = "districts.follow.confirm"
CALENDAR_SALT = "districts.follow.calendar"


def confirmation_token(follower):
    """A signed, dated token for the double opt-in link (checked with `max_age` by the view)."""
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(follower.key)


def calendar_token(follower):
    """A token for the personal `.ics` of saved events: it opens the calendar, not the settings."""
    return signing.Signer(salt=CALENDAR_SALT).sign(str(follower.pk)).split(":", 1)[1] + f"-{follower.pk}"


def link(name, follower, **kwargs):
    """The absolute URL of the view `name` for `follower`, in the follower's language."""
    with translation.override(follower.language):
        return absolute_url(reverse(name, kwargs=kwargs))


def manage_url(follower):
    return link("follow_manage", follower, key=follower.key)


def unsubscribe_url(follower):
    return link("follow_unsubscribe", follower, key=follower.key)


def confirm_url(follower):
    return link("follow_confirm", follower, token=confirmation_token(follower))
