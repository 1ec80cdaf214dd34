"""A resident whose browser prefers Arabic, from the front door to an event in their calendar."""

import datetime
import re
from zoneinfo import ZoneInfo

from playwright.sync_api import expect


def test_arabic_resident_finds_an_event_this_weekend_and_searches(open_page, tmp_path):
    page = open_page(locale="ar")

    # The front door answers in the browser's language, right to left.
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/ar/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"

    # The switcher leads to the same page in Italian, which is then remembered.
    page.locator(".language-switcher a[hreflang='it']").click()
    expect(page).to_have_url(re.compile(r"/it/$"))
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/it/$"))

    # Their district, from the districts' navigation.
    page.get_by_role("navigation", name="Quartieri").get_by_role("link", name="San Salvario").click()
    expect(page).to_have_url(re.compile(r"/it/san-salvario/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("San Salvario")

    # What's on in the district, this weekend only.
    page.get_by_role("link", name=re.compile("Tutto quello che succede a San Salvario")).click()
    page.get_by_label("Quando").select_option("weekend")
    page.get_by_role("button", name="Mostra").click()
    expect(page).to_have_url(re.compile(r"[?&]when=weekend"))
    if page.locator(".calendar-day").count() == 0:
        # The demo's "Sabato in cortile" fills every Saturday afternoon but a public holiday;
        # late on Saturday or on Sunday this weekend has nothing left, and the page says so.
        # The resident then chooses next weekend's dates.
        expect(page.get_by_text("Niente corrisponde a quello che hai scelto.")).to_be_visible()
        today = datetime.datetime.now(ZoneInfo("Europe/Rome")).date()
        saturday = today + datetime.timedelta(days=(5 - today.weekday()) % 7 or 7)
        page.get_by_label("Quando").select_option("dates")
        page.get_by_label("Dal").fill(saturday.isoformat())
        page.get_by_label("Al").fill((saturday + datetime.timedelta(days=1)).isoformat())
        page.get_by_role("button", name="Mostra").click()
    days = page.locator(".calendar-day__heading time")
    expect(days.first).to_be_visible()
    for day in days.evaluate_all("nodes => nodes.map(node => node.getAttribute('datetime'))"):
        assert datetime.date.fromisoformat(day).weekday() in (5, 6), day

    # An event of that weekend, and its .ics file.
    event_link = page.locator(".calendar-day .occurrences a").first
    title = event_link.inner_text().strip()
    event_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    with page.expect_download() as download_info:
        page.locator("a[download][href$='.ics']").click()
    download = download_info.value
    ics = tmp_path / download.suggested_filename
    download.save_as(ics)
    text = ics.read_text()
    assert text.startswith("BEGIN:VCALENDAR")
    assert "BEGIN:VEVENT" in text and "TZID=Europe/Rome" in text

    # A search from the header.
    search = page.get_by_role("search").first
    search.get_by_role("combobox", name="Cerca nel sito").fill("corso")
    search.get_by_role("button", name="Cerca").click()
    expect(page).to_have_url(re.compile(r"/it/search/\?q=corso"))
    results = page.locator("main").get_by_role("link", name=re.compile("corso", re.IGNORECASE))
    expect(results.first).to_be_visible()
    assert not open_page.problems.messages, open_page.problems.messages
