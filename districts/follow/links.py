"""The follower's links, absolute (PORTAL_BASE_URL) and in the follower's language: every message
carries them. The views behind these names are in subscribe.py, saved.py and notify.py; the URL
patterns in districts/follow/subscribe_urls.py and saved_urls.py."""

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
    """A token for the personal `.ics` of a device's saved events: the follower's id, signed. It
    opens the calendar, not the settings (those need the follower's key)."""
    return signing.Signer(salt=CALENDAR_SALT).sign(str(follower.pk))


def follower_id_from_calendar_token(token):
    """The follower id of a `calendar_token`, or None when it was altered or is not one."""
    try:
        value = signing.Signer(salt=CALENDAR_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None


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


def device_calendar_url(follower):
    """The absolute address of a device's calendar of saved events (saved.py)."""
    return link("follow_saved_device_calendar", follower, token=calendar_token(follower))
