"""schema.org JSON-LD for event pages and district pages, for search engines and assistants."""

import json

from dateutil import rrule as du_rrule
from django.utils import timezone
from django.utils.html import mark_safe

from portal.core.absolute_urls import page_url

from .occurrences import to_local_naive, zone

JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ICAL_DAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


def as_script(data):
    """A <script type="application/ld+json"> data block, safe against tag injection."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 (escaped above)


def place(venue):
    if venue is None:
        return None
    data = {
        "@type": "Place",
        "name": venue.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": venue.address,
            "addressLocality": "Torino",
            "addressCountry": "IT",
        },
    }
    if venue.has_coordinates:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(venue.latitude),
            "longitude": float(venue.longitude),
        }
    return data


def house_place(house, url=None):
    """A neighbourhood house as a CivicStructure with its opening hours."""
    data = {
        "@context": "https://schema.org",
        "@type": "CivicStructure",
        "name": house.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": house.street_address,
            "postalCode": house.postal_code,
            "addressLocality": house.city,
            "addressCountry": "IT",
        },
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{DAY_NAMES[slot.weekday]}",
                "opens": slot.opens.strftime("%H:%M"),
                "closes": slot.closes.strftime("%H:%M"),
            }
            for slot in house.opening_hours.all()
        ],
        "isAccessibleForFree": True,
    }
    if house.has_coordinates:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(house.latitude),
            "longitude": float(house.longitude),
        }
    for key, value in (("telephone", house.phone), ("email", house.email), ("url", house.website or url)):
        if value:
            data[key] = value
    if special := closed_days(house):
        data["specialOpeningHoursSpecification"] = special
    return data


def closed_days(house):
    """The house's whole-day closures under way and coming (its `closure_state`, given by the
    districts app), as schema.org's special opening hours: closed all day is 00:00–00:00."""
    state = house.closure_state() if hasattr(house, "closure_state") else None
    if state is None:
        return []
    shown = ([state.current] if state.current else []) + list(state.coming)
    return [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": closure.first_day.isoformat(),
            "validThrough": closure.last_day.isoformat(),
            "opens": "00:00",
            "closes": "00:00",
        }
        for closure in shown
        if closure.whole_days
    ]


def event_schedules(page):
    """schema.org Schedule objects for each weekly/monthly rule of a recurring event."""
    frequencies = {
        du_rrule.DAILY: "P1D",
        du_rrule.WEEKLY: "P1W",
        du_rrule.MONTHLY: "P1M",
        du_rrule.YEARLY: "P1Y",
    }
    start = to_local_naive(page.start)
    end = to_local_naive(page.end)
    schedules = []
    for rule in page.recurrence.rrules if page.recurrence else []:
        schedule = {
            "@type": "Schedule",
            "repeatFrequency": frequencies.get(rule.freq, "P1W"),
            "startDate": start.date().isoformat(),
            "scheduleTimezone": "Europe/Rome",
        }
        if not page.all_day:
            schedule["startTime"] = start.strftime("%H:%M")
            schedule["endTime"] = end.strftime("%H:%M")
        days = [getattr(day, "number", day) for day in (rule.byday or [])]
        if days:
            schedule["byDay"] = [f"https://schema.org/{DAY_NAMES[d]}" for d in days]
        if rule.until:
            schedule["endDate"] = to_local_naive(rule.until).date().isoformat()
        if rule.count:
            schedule["repeatCount"] = rule.count
        if rule.interval and rule.interval > 1:
            schedule["repeatFrequency"] = schedule["repeatFrequency"].replace("1", str(rule.interval))
        schedules.append(schedule)
    return schedules


def event_data(page, request, venue, next_occurrence=None, language="it"):
    """The Event of an EventPage; dates of the next occurrence, if any, else the first."""
    start, end = page.start, page.end
    status = "https://schema.org/EventScheduled"
    if next_occurrence is not None:
        start, end = next_occurrence.start, next_occurrence.end
        if next_occurrence.cancelled:
            status = "https://schema.org/EventCancelled"
        elif next_occurrence.moved:
            status = "https://schema.org/EventRescheduled"
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "url": page_url(page, request),
        "inLanguage": language,
        "eventStatus": status,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "isAccessibleForFree": page.is_free,
    }
    if page.all_day:
        data["startDate"] = to_local_naive(start).date().isoformat()
        data["endDate"] = to_local_naive(end).date().isoformat()
    else:
        data["startDate"] = timezone.localtime(start, zone()).isoformat()
        data["endDate"] = timezone.localtime(end, zone()).isoformat()
    if next_occurrence is not None and next_occurrence.moved and next_occurrence.original_start:
        data["previousStartDate"] = timezone.localtime(next_occurrence.original_start, zone()).isoformat()
    location = place(venue)
    if location:
        data["location"] = location
    district = page.district
    house = district.localized_house if district else None
    if house:
        data["organizer"] = {"@type": "Organization", "name": house.name, "url": house.website or None}
        data["organizer"] = {k: v for k, v in data["organizer"].items() if v}
    if page.recurrence and page.recurrence.rrules:
        data["eventSchedule"] = event_schedules(page)
    if not page.is_free and page.cost:
        data["offers"] = {"@type": "Offer", "description": page.cost, "url": data["url"]}
    return data
