"""What an app does with a page's `recurrence` and `exceptions` (docs/API.md, "Dates: expanding
rules"), done by an RFC 5545 expander that knows nothing of the portal, and what the API lists
for the same page: the tests compare the two.

A window is a range of local days, both included, as `/api/v2/occurrences/` reads `start` and
`end`; a date is in it when it overlaps it (ends after its first midnight, starts before the
midnight after its last day), the endpoint's own rule.
"""

import datetime
import zoneinfo

import icalendar
import recurring_ical_events

ROME = zoneinfo.ZoneInfo("Europe/Rome")
# Dates are expanded this much beyond the window: a date moved into the window from outside it
# is found, and an exception moving one out of it is applied.
MARGIN = datetime.timedelta(days=60)


def midnight(day):
    return datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=ROME)


def overlaps(item, first_day, last_day):
    return item["end"] > midnight(first_day) and item["start"] < midnight(
        last_day + datetime.timedelta(days=1)
    )


def expand_lines(lines, all_day, first_day, last_day):
    """The local starts the lines yield from `first_day` to `last_day` (both included)."""
    text = "\r\n".join(
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VEVENT", "UID:x", *lines]
        + ["END:VEVENT", "END:VCALENDAR", ""]
    )
    calendar = icalendar.Calendar.from_ical(text)
    found = recurring_ical_events.of(calendar).between(first_day, last_day + datetime.timedelta(days=1))
    starts = []
    for component in found:
        start = component["DTSTART"].dt
        if all_day:
            assert isinstance(start, datetime.date) and not isinstance(start, datetime.datetime)
            start = midnight(start)
        starts.append(start.astimezone(ROME))
    return sorted(set(starts))


def expected_by_the_app(fields, first_day, last_day):
    """The dates an app builds from `recurrence` and `exceptions`, as docs/API.md tells it, that
    overlap the window: [{start, end, cancelled, moved}] in order."""
    rec = fields["recurrence"]
    if rec is None:
        return []
    duration = icalendar.vDuration.from_ical(rec["duration"])
    changes = {item["date"]: item for item in fields.get("exceptions") or []}
    result = []
    for start in expand_lines(rec["lines"], rec["all_day"], first_day - MARGIN, last_day + MARGIN):
        # The duration is on the wall clock: added to the local start, then the zone attached
        # (a time the spring change skips moves forward an hour).
        end = (start.replace(tzinfo=None) + duration).replace(tzinfo=ROME)
        end = end.astimezone(datetime.UTC).astimezone(ROME)
        item = {"start": start, "end": end, "cancelled": False, "moved": False}
        change = changes.get(start.date().isoformat())
        if change and change["status"] == "cancelled":
            item["cancelled"] = True
        elif change:
            item["start"] = datetime.datetime.fromisoformat(change["moved_to"]["start"])
            item["end"] = datetime.datetime.fromisoformat(change["moved_to"]["end"])
            item["moved"] = True
        if overlaps(item, first_day, last_day):
            result.append(item)
    return sorted(result, key=lambda item: item["start"])


def as_dates(items):
    """API items (ISO strings) as the dicts `expected_by_the_app` builds."""
    return [
        {
            "start": datetime.datetime.fromisoformat(item["start"]),
            "end": datetime.datetime.fromisoformat(item["end"]),
            "cancelled": item["cancelled"],
            "moved": item["moved"],
        }
        for item in items
    ]


def listed_occurrences(client, first_day, last_day, **params):
    """Every item of `/api/v2/occurrences/` over the window, page by page."""
    items, offset = [], 0
    while True:
        response = client.get(
            "/api/v2/occurrences/",
            {
                "start": first_day.isoformat(),
                "end": last_day.isoformat(),
                "limit": 100,
                "offset": offset,
                **params,
            },
        )
        assert response.status_code == 200, response.content[:300]
        page = response.json()["items"]
        items.extend(page)
        offset += len(page)
        if not page or offset >= response.json()["meta"]["total_count"]:
            return items


def event_occurrences(client, event_id, first_day, last_day):
    """One event's dates in the window as the occurrences endpoint lists them."""
    listed = listed_occurrences(client, first_day, last_day)
    return as_dates([item for item in listed if item["event_id"] == event_id])


def describe(dates):
    """Dates as short lines for a failure message."""
    return [
        f"{item['start'].isoformat()} → {item['end'].isoformat()}"
        + (" cancelled" if item["cancelled"] else "")
        + (" moved" if item["moved"] else "")
        for item in dates
    ]
