"""Template tags for events: JSON-LD data blocks and feed links."""

from django import template
from django.urls import reverse
from django.utils.translation import get_language

from initiatives import structured_data
from portal.core.absolute_urls import absolute_url, page_url

register = template.Library()


@register.simple_tag(takes_context=True)
def event_json_ld(context, page, upcoming=None):
    request = context.get("request")
    next_occurrence = upcoming[0] if upcoming else None
    row = getattr(next_occurrence, "row", next_occurrence)
    venue = context.get("venue")
    data = structured_data.event_data(page, request, venue, row, language=get_language() or "it")
    return structured_data.as_script(data)


@register.simple_tag(takes_context=True)
def house_json_ld(context, house):
    if house is None:
        return ""
    page = context.get("page")
    url = page_url(page, context.get("request")) if page is not None else None
    return structured_data.as_script(structured_data.house_place(house, url))


def _page_feed_url(page, name):
    """`<page url>/<name>`: feeds hang off the page they describe (initiatives/feeds.py)."""
    relative = page.get_url()
    return relative.rstrip("/") + "/" + name if relative else ""


def _portal_feed_url(name):
    """`/<language>/<name>`: the portal's feeds hang off the home page, at the language's root."""
    return reverse("page_file", args=[name])


@register.simple_tag
def ics_url(page=None):
    """The .ics address of an event, a district, or (no page) the whole portal."""
    if page is None:
        return _portal_feed_url("calendar.ics")
    return _page_feed_url(page, "calendar.ics")


@register.simple_tag
def webcal_url(page=None):
    """The same calendar as a webcal:// subscription link, on the portal's base URL."""
    return "webcal://" + absolute_url(ics_url(page)).split("://", 1)[-1]


@register.simple_tag
def feed_url(page=None, kind="rss"):
    name = "feed.xml" if kind == "rss" else "atom.xml"
    if page is None:
        return _portal_feed_url(name)
    return _page_feed_url(page, name)
