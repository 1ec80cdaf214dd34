"""A calendar file read as strictly as two parsers that know nothing of each other can: icalendar
(every property read back through its type, and written again alike) and vobject (validate=True),
with the refresh interval in valid RFC 5545 durations (PT6H, not "6:00:00")."""

import icalendar
import vobject


def check_strictly(text):
    calendar = icalendar.Calendar.from_ical(text)
    # Every property of every component is read back through its type, and written again alike.
    for component in calendar.walk():
        for name, value in component.property_items(recursive=False):
            if name not in ("BEGIN", "END"):
                assert value is not None, name
    assert icalendar.Calendar.from_ical(calendar.to_ical()).to_ical() == calendar.to_ical()
    assert calendar["X-PUBLISHED-TTL"].to_ical() == b"PT6H"
    assert b"\r\nX-PUBLISHED-TTL:PT6H\r\n" in text
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in text
    parsed = vobject.readOne(text.decode("utf-8"), validate=True)
    assert parsed.vevent_list, "the calendar has events"
    for event in parsed.vevent_list:
        event.validate(raiseException=True)
        assert event.uid.value and event.dtstart.value
    return calendar
