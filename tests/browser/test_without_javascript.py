"""Every public page with JavaScript off: the content is there and nothing waits for a script;
the calendar's filters, the search and the proposal form send and answer as plain forms."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from .public_pages import KINDS, LANGUAGES, STATUS, public_path

# Each page type in one of the three languages, in turn.
CASES = [(kind, LANGUAGES[number % len(LANGUAGES)]) for number, kind in enumerate(KINDS)]

# Elements a page hides on purpose, with or without a script: the honeypot for robots.
# The proposal form's trap for robots; and the controls that work only with a script (saving an
# event in the browser, notifications on this device): hidden until the script shows them, the
# page's calendar links and the e-mail subscription are what works without one.
HIDDEN_ON_PURPOSE = (".proposal-form__trap", ".save-control", ".notify-me")

HIDDEN_CONTENT_JS = """(allowed) => {
    const found = [];
    for (const element of document.body.querySelectorAll('*')) {
        if (['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'LINK', 'META'].includes(element.tagName)) continue;
        if (element.type === 'hidden') continue;
        if (allowed.some((selector) => element.closest(selector))) continue;
        const style = getComputedStyle(element);
        const hidden = element.hidden || style.display === 'none' || style.visibility === 'hidden';
        if (!hidden) continue;
        if (element.parentElement && element.parentElement.closest('[hidden]')) continue;
        const text = element.textContent.trim();
        const controls = element.querySelectorAll('a[href], input, select, textarea, button').length;
        if (text || controls || element.matches('input, select, textarea, button, img')) {
            found.push(`<${element.tagName.toLowerCase()} class="${element.className}">${text.slice(0, 60)}`);
        }
    }
    return found;
}"""


def without_script(open_page, language, width=390):
    return open_page(locale=language, width=width, height=844, javascript=False)


@pytest.mark.parametrize(("kind", "language"), CASES, ids=[f"{kind}-{language}" for kind, language in CASES])
def test_page_type_shows_everything_without_javascript(open_page, portal, kind, language):
    page = without_script(open_page, language)
    path = public_path(portal, kind, language)
    response = page.goto(path)
    assert response.status == STATUS.get(kind, 200), f"{path} answered {response.status}"
    assert page.evaluate("!document.querySelector('[role=combobox]')"), "a script ran"
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_be_visible()
    assert heading.inner_text().strip()
    # Some text beyond the heading: the error page is short by design (127 characters in Arabic).
    assert len(page.locator("main").inner_text()) > (100 if kind == "not-found" else 150)
    hidden = page.evaluate(HIDDEN_CONTENT_JS, list(HIDDEN_ON_PURPOSE))
    assert not hidden, f"hidden without JavaScript: {hidden}"
    # The search box is a plain form that goes to the results.
    if kind != "not-found":
        expect(page.locator(".site-header form[role=search], main form[role=search]").first).to_be_visible()


def test_calendar_filters_without_javascript(open_page, portal):
    page = without_script(open_page, "it")
    path = public_path(portal, "calendar", "it")
    page.goto(path)
    total = page.locator(".calendar-results__count").inner_text()

    # The date fields are there from the start, with the rest of the filters.
    expect(page.get_by_label("Dal", exact=True)).to_be_visible()
    today = datetime.datetime.now(ZoneInfo("Europe/Rome")).date()
    start, end = today + datetime.timedelta(days=7), today + datetime.timedelta(days=13)
    page.get_by_label("Quando").select_option("dates")
    page.get_by_label("Dal", exact=True).fill(start.isoformat())
    page.get_by_label("Al", exact=True).fill(end.isoformat())
    page.get_by_label("Quartiere").select_option("san-salvario")
    page.get_by_role("button", name="Mostra").click()
    expect(page).to_have_url(re.compile(rf"date_from={start.isoformat()}.*district=san-salvario"))
    expect(page.get_by_label("Dal", exact=True)).to_have_value(start.isoformat())
    assert page.locator(".calendar-results__count").inner_text() != total
    for shown in page.locator(".calendar-day__heading time").evaluate_all(
        "nodes => nodes.map(node => node.getAttribute('datetime'))"
    ):
        assert start <= datetime.date.fromisoformat(shown) <= end, shown
    for where in page.locator(".calendar-day .occurrence__where").all_inner_texts():
        assert "San Salvario" in where, where

    # Wrong dates come back with a message on the field.
    page.get_by_label("Dal", exact=True).fill(end.isoformat())
    page.get_by_label("Al", exact=True).fill(start.isoformat())
    page.get_by_role("button", name="Mostra").click()
    expect(page.locator("#id_date_to_error")).to_be_visible()
    expect(page.get_by_label("Al", exact=True)).to_have_attribute("aria-invalid", "true")

    # Pages of results are links.
    page.goto(path)
    page.locator(".pagination a[rel=next]").click()
    expect(page).to_have_url(re.compile(r"\?page=2$"))
    expect(page.locator(".pagination a[aria-current=page]")).to_have_text(re.compile("2"))
    # The whole calendar's feeds are links too.
    assert page.locator(".calendar-links a[href$='.ics']").count() >= 1
    assert not open_page.problems.messages, open_page.problems.messages


def test_search_without_javascript(open_page, portal):
    page = without_script(open_page, "en")
    page.goto(public_path(portal, "home", "en"))
    search = page.locator(".site-header form[role=search]")
    search.get_by_label("Search the site").fill("ceramica")
    search.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/en/search/\?q=ceramica"))
    results = page.locator("main .result")
    expect(results.first).to_be_visible()

    # The filters narrow the results; the page's own box searches again.
    page.goto("/en/search/?q=cours")
    expect(page.locator(".search-notice")).to_be_visible()  # the spelling suggestion
    before = page.locator("main .result").count()
    page.get_by_label("Kind").select_option(index=1)
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"[?&]type=\w+"))
    assert page.locator("main .result").count() <= before
    page.locator("#search-page-q").fill("zzzzqqq")
    page.locator("main form[role=search]").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", level=2, name=re.compile("zzzzqqq"))).to_be_visible()
    expect(page.locator("main .suggestions a").first).to_be_visible()
    assert not open_page.problems.messages, open_page.problems.messages


def test_language_switcher_without_javascript(open_page, portal):
    page = without_script(open_page, "it")
    page.goto(public_path(portal, "event", "it"))
    page.locator(".language-switcher a[hreflang='ar']").click()
    expect(page).to_have_url(re.compile(re.escape(public_path(portal, "event", "ar")) + "$"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert not open_page.problems.messages, open_page.problems.messages


def test_proposal_form_without_javascript(open_page, portal):
    page = without_script(open_page, "ar")
    path = public_path(portal, "proposal-form", "ar")
    page.goto(path)

    # Sent empty: the errors are listed at the top, linked to their fields, and marked on them.
    page.locator(".proposal-form button[type=submit]").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    links = summary.locator("a")
    assert links.count() >= 2
    for href in links.evaluate_all("nodes => nodes.map(node => node.getAttribute('href'))"):
        field = page.locator(href)
        expect(field).to_have_attribute("aria-invalid", "true")

    # Filled in: the thank-you page.
    page.locator("#id_name").fill("Amina")
    page.locator("#id_email").fill("amina@example.org")
    page.locator("#id_proposal").fill("Un corso di cucina siriana nel cortile della casa, il sabato.")
    page.locator("#id_consent").check()
    page.locator(".proposal-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"\?sent=1$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".proposal-thanks")).to_be_visible()
    assert not open_page.problems.messages, open_page.problems.messages
