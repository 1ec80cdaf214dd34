"""Saved events in a real Chromium: "Save" on an event page keeps the event in this browser, the
saved page lists it with the personal calendar link, and that link's `.ics` holds the event. The
saved page also says whether alerts for these events are on in this browser: off here, as
Playwright's contexts (incognito) have no push subscription (tests/browser/test_push.py)."""

import icalendar
from playwright.sync_api import expect

EVENT = "/it/san-salvario/sabato-in-cortile/"  # every Saturday afternoon: it has next dates
INCOGNITO = "does not support the Push API in incognito mode"


def test_a_saved_event_is_listed_with_its_personal_calendar(open_page, portal):
    page = open_page(locale="it-IT")
    page.goto(EVENT)
    title = page.locator("h1").first.inner_text().strip()
    button = page.locator("[data-save-control]").get_by_role("button", name="Salva")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    key = button.get_attribute("data-save-key")
    assert page.evaluate("() => window.QuartieriSaved.keys()") == [key]

    page.get_by_role("link", name="I miei eventi salvati").click()
    items = page.locator("[data-saved-items]")
    expect(items.get_by_role("link", name=title)).to_be_visible()
    download = items.get_by_role("link", name="Scarica il mio calendario (.ics)")
    expect(download).to_be_visible()
    expect(page.locator('[data-saved-alerts="off"]')).to_be_visible()
    expect(page.locator('[data-saved-alerts="on"]')).to_be_hidden()

    response = page.request.get(download.get_attribute("href"))
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.body())
    assert title in {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    problems = [line for line in open_page.problems.messages if INCOGNITO not in line]
    assert not problems, problems
