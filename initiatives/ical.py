"""iCalendar (RFC 5545) feeds of events and initiatives: one page, one district, or the whole portal.

Recurring events and an initiative's opening hours are exported as RRULE/RDATE/EXDATE in local
time with a TZID, not exploded; the editor's excluded dates stay EXDATEs. A date that will not
take place (the page's own cancellation, or one its house's closure or a public holiday cancels)
is an override of its instance (`cancelled_instance`): the same UID, the RECURRENCE-ID of the
date, `STATUS:CANCELLED`, the summary marked as cancelled and the reason as its DESCRIPTION, in
the feed's language. A moved date is an override at its new time; a one-off event whose date is
cancelled is `STATUS:CANCELLED` itself.

Why overrides rather than EXDATEs: an EXDATE makes a subscribed calendar app drop the date
without a word, and a resident who goes to the desk finds it shut. RFC 5545 (3.8.1.4
RECURRENCE-ID, 3.8.1.11 STATUS) lets one instance be overridden and cancelled on its own. Apps
that honour STATUS show the instance as cancelled (Thunderbird draws it struck through; Apple
Calendar is reported to mark it so); apps that ignore STATUS, or show a subscribed calendar's
overrides as plain events, still read "Cancelled: …" in its title and the reason in its notes.
The apps' display was not tried here; `recurring-ical-events` yields the instance with
STATUS:CANCELLED and the reason, as the tests check (tests/initiatives/test_feeds.py,
tests/districts/test_closures.py).
"""

import datetime

import icalendar
import recurrence as django_recurrence
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.absolute_urls import page_url

from .expandable import expandable_lines, planned_start
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


def _common(component, page, uid, stamp, sequence):
    component.add("uid", uid)
    component.add("dtstamp", stamp.astimezone(datetime.UTC))
    component.add("sequence", sequence)


def _place(component, page, request=None, venue=None, url=None):
    """URL, CATEGORIES, LOCATION and GEO of an activity page."""
    url = url or page_url(page, request)
    if url:
        component.add("url", url)
    category = page.localized_category
    if category:
        component.add("categories", [category.name])
    venue = venue if venue is not None else page.get_venue()
    if venue:
        component.add("location", ", ".join(part for part in (venue.name, venue.address) if part))
        if venue.has_coordinates:
            component.add("geo", (float(venue.latitude), float(venue.longitude)))


def cancelled_summary(title):
    return _("Cancelled: %(title)s") % {"title": title}


def cancelled_instance(master, start, end, reason, all_day=False):
    """The override that cancels the instance of `master` planned at `start` (naive local):
    same UID, RECURRENCE-ID of that instance, STATUS:CANCELLED, the summary marked as cancelled
    and the reason (in the feed's language) as its description (see the module's docstring)."""
    override = icalendar.Event()
    for name in ("uid", "dtstamp", "sequence"):
        override[name] = master[name]
    override.add("recurrence-id", _local_date_or_time(start, all_day))
    override.add("dtstart", _local_date_or_time(start, all_day))
    override.add("dtend", _local_date_or_time(end, all_day))
    override.add("summary", cancelled_summary(str(master["summary"])))
    if reason:
        override.add("description", reason)
    override.add("status", "CANCELLED")
    override.add("class", "PUBLIC")
    override.add("transp", "TRANSPARENT")
    for name in ("url", "location", "geo", "categories"):
        if name in master:
            override[name] = master[name]
    return override


def cancelled_days(page, changes=()):
    """{planned local day: reason} of the dates that will not take place, in the page's language:
    those its house's closures and holidays cancel and its own cancelled `changes` (an event's)."""
    days = dict(page.closure_cancellations())
    days.update((change.original_date, change.reason) for change in changes if change.cancelled)
    return days


def event_components(page, request=None, venue=None, url=None):
    """VEVENTs of one EventPage: the master, an override per moved date and one per cancelled
    date of a series."""
    master = icalendar.Event()
    uid = uid_for(page)
    sequence = sequence_for(page)
    stamp = page.last_published_at or timezone.now()
    start = _local(page.start)
    end = _local(page.end)
    _common(master, page, uid, stamp, sequence)
    master.add("summary", page.title)
    if page.summary:
        master.add("description", page.summary)
    if page.all_day:
        master.add("dtstart", start.date())
        master.add("dtend", end.date() + datetime.timedelta(days=1))
    else:
        master.add("dtstart", start)
        master.add("dtend", end)
    _place(master, page, request, venue, url)
    changes = list(page.occurrence_changes.all())
    cancelled = cancelled_days(page, changes)
    rules = page.recurrence
    repeats = bool(rules and (rules.rrules or rules.rdates))
    # A single date that will not take place is a cancelled event (RFC 5545 STATUS).
    first_day = to_local_naive(page.start).date()
    cancelled_once = not repeats and first_day in cancelled
    if cancelled_once:
        master["summary"] = icalendar.vText(cancelled_summary(page.title))
        if cancelled[first_day]:
            master["description"] = icalendar.vText(
                "\n\n".join(part for part in (cancelled[first_day], page.summary) if part)
            )
    master.add("status", "CANCELLED" if cancelled_once else "CONFIRMED")
    master.add("class", "PUBLIC")
    master.add("transp", "TRANSPARENT" if cancelled_once else "OPAQUE")

    series_time = to_local_naive(page.start).time()

    def at_series_time(day):
        if page.all_day:
            return day
        return make_local_aware(datetime.datetime.combine(day, series_time))

    components = [master]
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
        # The editor's excluded dates only: a cancelled date is an override below.
        exdays = {to_local_date(value) for value in rules.exdates}
        if exdays:
            master.add("exdate", [at_series_time(day) for day in sorted(exdays)])
        schedule = page.occurrence_schedule()
        for day, reason in sorted(cancelled.items()):
            planned = planned_start(schedule, day)
            if planned is not None:
                components.append(
                    cancelled_instance(master, planned, planned + schedule.duration, reason, page.all_day)
                )
    for change in changes:
        if change.cancelled or change.new_start is None:
            continue
        override = icalendar.Event()
        _common(override, page, uid, stamp, sequence)
        override.add("recurrence-id", at_series_time(change.original_date))
        override.add("summary", page.title)
        new_start = _local(change.new_start)
        new_end = _local(change.new_end) if change.new_end else new_start + (page.end - page.start)
        override.add("dtstart", new_start)
        override.add("dtend", new_end)
        if change.reason:
            override.add("description", change.reason)
        override.add("status", "CONFIRMED")
        if "url" in master:
            override["url"] = master["url"]
        if "location" in master:
            override.add("location", master["location"])
        components.append(override)
    return components


def initiative_components(page, request=None, venue=None, url=None):
    """VEVENTs of one InitiativePage's opening hours: the series and one cancelled override per
    date its house's closures or a holiday cancel; none when it shows no dates.

    The series is written from the lines the API's `recurrence` field gives
    (initiatives/expandable.py), so that an app and a calendar file expand the same dates. An
    opening is TRANSPARENT: a desk's hours do not make a resident busy.
    """
    schedule = page.occurrence_schedule()
    if schedule is None:
        return []
    lines = expandable_lines(schedule)
    series = icalendar.Event.from_ical("BEGIN:VEVENT\r\n" + "\r\n".join(lines) + "\r\nEND:VEVENT\r\n")
    master = icalendar.Event()
    _common(master, page, uid_for(page), page.last_published_at or timezone.now(), sequence_for(page))
    master.add("summary", page.title)
    description = "\n\n".join(part for part in (page.summary, page.schedule_notes) if part)
    if description:
        master.add("description", description)
    for name, value in series.items():
        master[name] = value
    master.add("dtend", _local_date_or_time(schedule.first_start + schedule.duration, schedule.all_day))
    _place(master, page, request, venue, url)
    master.add("status", "CONFIRMED")
    master.add("class", "PUBLIC")
    master.add("transp", "TRANSPARENT")
    components = [master]
    for day, reason in sorted(cancelled_days(page).items()):
        planned = planned_start(schedule, day)
        if planned is not None:
            components.append(
                cancelled_instance(master, planned, planned + schedule.duration, reason, schedule.all_day)
            )
    return components


def page_components(page, request=None, venue=None):
    """The VEVENTs of an event or an initiative (their `calendar_components`)."""
    return page.calendar_components(request, venue=venue)


def calendar_for_pages(name, pages, request=None, venues=None):
    """A calendar of events and initiatives."""
    cal = new_calendar(name, request)
    venues = venues or {}
    for page in pages:
        for component in page_components(page, request, venue=venues.get(page.pk)):
            cal.add_component(component)
    return cal


def calendar_response(cal, filename):
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=900"
    return response


def page_calendar(page, request=None):
    """The iCalendar file of one event or initiative, every date and change
    (`<page address>calendar.ics`)."""
    cal = new_calendar(page.title, request)
    for component in page_components(page, request):
        cal.add_component(component)
    return calendar_response(cal, f"{page.slug}.ics")


def calendar_name(scope_title=None):
    if scope_title:
        return _("Quartieri — %(name)s") % {"name": scope_title}
    return _("Quartieri — What's on in the neighbourhoods")
