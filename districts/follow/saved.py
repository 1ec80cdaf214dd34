"""Saved events without an account: the site's saved list (kept in the browser, read back by
`saved.js`), the personal `.ics` of a signed list of keys, and the `.ics` of a device's saved
events (the app's, `SavedEvent` rows) behind its calendar token.

An event is saved by its translation key, the same in every language. Only live, public events
and initiatives count (portal/core/visibility.py): a key whose page was unpublished or made
private is left out of every list and calendar, never shown. The calendars are written by the
initiatives' iCalendar builder (initiatives/ical.py), cancelled dates included as
`STATUS:CANCELLED` overrides, like every other calendar of the portal.

The site's link carries the keys themselves (16 bytes each, base64url) signed with
`django.core.signing`, so it is stable, can be copied into a calendar app, and cannot be
altered to read anything else; a device's link carries its follower id, signed
(`links.calendar_token`), and opens its calendar only, never its settings.
"""

import base64
import binascii
import uuid

from django.core import signing
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from initiatives.feeds import prepare_for_calendar
from initiatives.ical import calendar_for_pages, calendar_response
from initiatives.models import EventPage, InitiativePage
from initiatives.queries import pages_for_keys
from portal.core.absolute_urls import absolute_url
from portal.core.directory import reader_locale
from portal.core.routing import find_site
from portal.core.visibility import without_restricted

from ..models import Follower
from .links import follower_id_from_calendar_token

# The most events one device, or one signed link, keeps.
MAX_SAVED = 200
SAVED_SALT = "districts.follow.saved"
# Calendar apps ask again every few hours; a minute of a private cache is enough.
PRIVATE_CALENDAR = "private, max-age=900"


# --- Keys --------------------------------------------------------------------------------------


def parse_key(text):
    """The UUID of a translation key, or None when `text` is not one."""
    if not isinstance(text, str) or len(text) > 36:
        return None
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def parse_keys(text):
    """The keys of a comma-separated list (at most MAX_SAVED, each once, in order); raises
    ValueError naming the first that is not a translation key."""
    keys = []
    for part in (text or "").split(","):
        part = part.strip()
        if not part:
            continue
        key = parse_key(part)
        if key is None:
            raise ValueError(part[:40])
        if key not in keys:
            keys.append(key)
    if len(keys) > MAX_SAVED:
        raise OverflowError(MAX_SAVED)
    return keys


def sign_keys(keys):
    """A stable, tamper-proof token naming `keys` (their order does not matter)."""
    raw = b"".join(sorted(key.bytes for key in keys))
    value = base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")
    return signing.Signer(salt=SAVED_SALT).sign(value)


def unsign_keys(token):
    """The keys of a token made by `sign_keys`, or None when it was altered or is not one."""
    try:
        value = signing.Signer(salt=SAVED_SALT).unsign(token)
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (signing.BadSignature, binascii.Error, ValueError):
        return None
    if len(raw) % 16 or len(raw) // 16 > MAX_SAVED:
        return None
    return [uuid.UUID(bytes=raw[start : start + 16]) for start in range(0, len(raw), 16)]


# --- Pages ------------------------------------------------------------------------------------


def public_keys(keys, request=None):
    """Of `keys`, those of a live, public event or initiative (any language). One query."""
    if not keys:
        return set()
    pages = Page.objects.live().type(EventPage, InitiativePage).filter(translation_key__in=set(keys))
    return set(without_restricted(pages, request).values_list("translation_key", flat=True).distinct())


def saved_pages(keys, locale, request=None):
    """{key: the live public event or initiative of `key` in `locale`, else its source}, in the
    order of `keys`. Three queries whatever the number."""
    public = public_keys(keys, request)
    found = {**pages_for_keys(public, locale, EventPage), **pages_for_keys(public, locale, InitiativePage)}
    return {key: found[key] for key in keys if key in found}


def saved_calendar(keys, locale, request, filename):
    """The iCalendar file of the public events and initiatives of `keys`, in `locale`."""
    pages = list(saved_pages(keys, locale, request).values())
    prepare_for_calendar(pages, request)
    cal = calendar_for_pages(_("Quartieri — My saved events"), pages, request)
    response = calendar_response(cal, filename)
    # Personal: neither the page cache nor a shared cache keeps it.
    response["Cache-Control"] = PRIVATE_CALENDAR
    return response


def saved_calendar_url(keys):
    """The absolute address of the personal `.ics` of `keys` (the site's saved list)."""
    return absolute_url(reverse("follow_saved_calendar", kwargs={"token": sign_keys(keys)}))


def webcal(url):
    return "webcal://" + url.split("://", 1)[-1]


# --- Views ------------------------------------------------------------------------------------


def saved_page(request):
    """`/<lang>/follow/saved/`: the saved list. Without JavaScript it says how to save events
    (each event's own "Add to my calendar"); saved.js fills it from the browser's storage."""
    find_site(request)
    return render(
        request,
        "districts/follow/saved.html",
        {"items_url": reverse("follow_saved_items")},
    )


def saved_items(request):
    """`items/?events=<key>,<key>`: the saved events as an HTML fragment for saved.js, with the
    personal calendar link. Personal (it depends on the list): never kept by a cache."""
    unknown = set(request.GET) - {"events"}
    if unknown:
        return private(
            HttpResponseBadRequest(_("Unknown parameter: %(names)s") % {"names": ", ".join(sorted(unknown))})
        )
    try:
        keys = parse_keys(request.GET.get("events", ""))
    except OverflowError:
        return private(HttpResponseBadRequest(_("At most %(count)d saved events.") % {"count": MAX_SAVED}))
    except ValueError as error:
        return private(HttpResponseBadRequest(_("Not an event key: %(key)s") % {"key": error}))
    find_site(request)
    pages = saved_pages(keys, reader_locale(request), request)
    for page in pages.values():
        page.next_occurrence = next(iter(page.upcoming(limit=1)), None)
    calendar_url = saved_calendar_url(list(pages)) if pages else ""
    response = render(
        request,
        "districts/follow/includes/saved_items.html",
        {
            "pages": list(pages.values()),
            "found": [str(key) for key in pages],
            "calendar_url": calendar_url,
            "webcal_url": webcal(calendar_url) if calendar_url else "",
        },
    )
    return private(response)


def calendar_of_keys(request, token):
    """`<token>.ics`: the personal calendar of a signed list of saved events."""
    keys = unsign_keys(token)
    if keys is None:
        raise Http404(_("This calendar link is not valid."))
    return saved_calendar(keys, reader_locale(request), request, "quartieri-saved.ics")


def calendar_of_device(request, token):
    """`device/<token>.ics`: the calendar of a device's saved events (the app's)."""
    follower_id = follower_id_from_calendar_token(token)
    follower = (
        Follower.objects.filter(pk=follower_id, kind=Follower.Kind.DEVICE).first() if follower_id else None
    )
    if follower is None:
        raise Http404(_("This calendar link is not valid."))
    keys = list(follower.saved_events.order_by("saved_at", "pk").values_list("translation_key", flat=True))
    return saved_calendar(keys, reader_locale(request), request, "quartieri-saved.ics")


def private(response: HttpResponse):
    response["Cache-Control"] = "private, no-cache"
    return response
