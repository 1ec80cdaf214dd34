"""iCalendar (RFC 5545) feeds of events: one event, one district, or the whole portal.

Recurring events are exported as RRULE/RDATE/EXDATE in local time with a TZID, not exploded;
a cancelled date (the page's own, or one its house's closure cancels) becomes an EXDATE, a
moved one an override with RECURRENCE-ID; a one-off event whose date is cancelled is
`STATUS:CANCELLED`.
"""

import datetime

import icalendar
import recurrence as django_recurrence
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.absolute_urls import page_url

from .occurrences import make_local_aware, series_time_of, to_local_date, to_local_naive, zone

PRODID = "-//Quartieri//Neighbourhood portal of Turin//IT"
REFRESH = datetime.timedelta(hours=6)
SEQUENCE_EPOCH = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)


def vtimezone():
    """Europe/Rome with the EU rules (last Sunday of March and of October), compactly."""
    tz = icalendar.Timezone()
    tz.add("tzid", settings.EVENTS_TIME_ZONE)
    tz.add("x-lic-location", settings.EVENTS_TIME_ZONE)
    daylight = icalendar.TimezoneDaylight()
    daylight.add("tzoffsetfrom", datetime.timedelta(hours=1))
    daylight.add("tzoffsetto", datetime.timedelta(hours=2))
    daylight.add("tzname", "CEST")
    daylight.add("dtstart", datetime.datetime(1970, 3, 29, 2, 0))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1SU"})
    standard = icalendar.TimezoneStandard()
    standard.add("tzoffsetfrom", datetime.timedelta(hours=2))
    standard.add("tzoffsetto", datetime.timedelta(hours=1))
    standard.add("tzname", "CET")
    standard.add("dtstart", datetime.datetime(1970, 10, 25, 3, 0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1SU"})
    tz.add_component(daylight)
    tz.add_component(standard)
    return tz


def new_calendar(name, request=None):
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.EVENTS_TIME_ZONE)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    # An X- property is text to icalendar, which would write the timedelta as "6:00:00": the
    # duration is written as one (PT6H), as calendar apps read it.
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH))
    cal.add_component(vtimezone())
    return cal


def uid_for(page):
    """Stable across regenerations and languages: the page's translation key."""
    return f"{page.translation_key}@quartieri"


def sequence_for(page):
    """Grows every time the page is published again (seconds since 2020: fits 31 bits to 2088)."""
    published = page.last_published_at or page.first_published_at or SEQUENCE_EPOCH
    return max(0, int((published - SEQUENCE_EPOCH).total_seconds()))


def _local(value):
    """An aware datetime in the events' zone, which icalendar writes with TZID."""
    return timezone.localtime(value, zone())


def _local_date_or_time(start, all_day):
    """A naive local start as icalendar writes it: a DATE all-day, else a time with TZID."""
    return start.date() if all_day else make_local_aware(start)


def _rrule_value(rule, all_day=False):
    """A django-recurrence Rule as an icalendar vRecur, UNTIL in UTC as RFC 5545 requires (a
    DATE when the event is all-day, as its DTSTART is)."""
    text = django_recurrence.serialize(django_recurrence.Recurrence(rrules=[rule]))
    body = text.split("RRULE:", 1)[1].strip()
    if rule.until:
        until_day = to_local_date(rule.until)
        end_of_day = make_local_aware(datetime.datetime.combine(until_day, datetime.time(23, 59, 59)))
        parts = [p for p in body.split(";") if not p.startswith("UNTIL=")]
        until = (
            until_day.strftime("%Y%m%d")
            if all_day
            else end_of_day.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        )
        parts.append("UNTIL=" + until)
        body = ";".join(parts)
    return icalendar.vRecur.from_ical(body)


def event_components(page, request=None, venue=None, url=None):
    """VEVENTs of one EventPage: the master and one override per moved date."""
    master = icalendar.Event()
    uid = uid_for(page)
    sequence = sequence_for(page)
    stamp = page.last_published_at or timezone.now()
    start = _local(page.start)
    end = _local(page.end)
    master.add("uid", uid)
    master.add("dtstamp", stamp.astimezone(datetime.UTC))
    master.add("sequence", sequence)
    master.add("summary", page.title)
    if page.summary:
        master.add("description", page.summary)
    if page.all_day:
        master.add("dtstart", start.date())
        master.add("dtend", end.date() + datetime.timedelta(days=1))
    else:
        master.add("dtstart", start)
        master.add("dtend", end)
    url = url or page_url(page, request)
    if url:
        master.add("url", url)
    category = page.localized_category
    if category:
        master.add("categories", [category.name])
    venue = venue if venue is not None else page.get_venue()
    if venue:
        master.add("location", ", ".join(part for part in (venue.name, venue.address) if part))
        if venue.has_coordinates:
            master.add("geo", (float(venue.latitude), float(venue.longitude)))
    # The dates the closures of its house cancel (initiatives/closures.py), with its own.
    closed_days = {day for day, _reason in page.closure_cancellations()}
    changes = list(page.occurrence_changes.all())
    cancelled_days = closed_days | {change.original_date for change in changes if change.cancelled}
    rules = page.recurrence
    repeats = bool(rules and (rules.rrules or rules.rdates))
    # A single date that will not take place is a cancelled event (RFC 5545 STATUS).
    cancelled = not repeats and to_local_naive(page.start).date() in cancelled_days
    master.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    master.add("class", "PUBLIC")
    master.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")

    series_time = to_local_naive(page.start).time()

    def at_series_time(day):
        if page.all_day:
            return day
        return make_local_aware(datetime.datetime.combine(day, series_time))

    if repeats:
        for rule in rules.rrules:
            master.add("rrule", _rrule_value(rule, page.all_day))
        # An extra date at its own time if it has one, as the occurrence engine places it.
        rdates = [
            _local_date_or_time(series_time_of(value, to_local_naive(page.start)), page.all_day)
            for value in rules.rdates
        ]
        if rdates:
            master.add("rdate", rdates)
        exdays = {to_local_date(value) for value in rules.exdates}
        exdays.update(cancelled_days)
        if exdays:
            master.add("exdate", [at_series_time(day) for day in sorted(exdays)])
    components = [master]
    for change in changes:
        if change.cancelled or change.new_start is None:
            continue
        override = icalendar.Event()
        override.add("uid", uid)
        override.add("dtstamp", stamp.astimezone(datetime.UTC))
        override.add("sequence", sequence)
        override.add("recurrence-id", at_series_time(change.original_date))
        override.add("summary", page.title)
        new_start = _local(change.new_start)
        new_end = _local(change.new_end) if change.new_end else new_start + (page.end - page.start)
        override.add("dtstart", new_start)
        override.add("dtend", new_end)
        if change.reason:
            override.add("description", change.reason)
        if url:
            override.add("url", url)
        if "location" in master:
            override.add("location", master["location"])
        components.append(override)
    return components


def calendar_for_events(name, pages, request=None, venues=None):
    cal = new_calendar(name, request)
    venues = venues or {}
    for page in pages:
        for component in event_components(page, request, venue=venues.get(page.pk)):
            cal.add_component(component)
    return cal


def calendar_response(cal, filename):
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=900"
    return response


def event_calendar(page, request=None):
    """The iCalendar file of one event, every occurrence and change (`<event address>calendar.ics`)."""
    cal = new_calendar(page.title, request)
    for component in event_components(page, request):
        cal.add_component(component)
    return calendar_response(cal, f"{page.slug}.ics")


def calendar_name(scope_title=None):
    if scope_title:
        return _("Quartieri — %(name)s") % {"name": scope_title}
    return _("Quartieri — What's on in the neighbourhoods")
