"""The public pages by keyboard alone: a skip link first, a visible focus indicator on every
stop, a tab order that follows the page, no positive tabindex and no trap; the search
suggestions, the language switcher, the calendar's filters and the proposal form by keyboard.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from .public_pages import public_path

# Installed in the page: what Tab can reach, how an element and its three nearest ancestors
# look (a card shows its link's focus), the colour behind an element and WCAG contrast.
HELPERS_JS = """() => {
// What Tab can reach, in DOM order, as the browser decides it (tabIndex >= 0, rendered).
window.__tabbableElements = () => {
    const all = [...document.querySelectorAll(
        'a[href], area[href], button, input, select, textarea, summary, iframe, '
        + '[tabindex], [contenteditable]')];
    const seenRadios = new Set();
    return all.filter((element) => {
        if (element.tabIndex < 0 || element.disabled || element.closest('[inert]')) return false;
        if (element.type === 'hidden') return false;
        if (!element.checkVisibility({visibilityProperty: true})) return false;
        if (element.type === 'radio') {
            const key = (element.form ? element.form.id : '') + element.name;
            if (seenRadios.has(key)) return false;
            seenRadios.add(key);
        }
        return true;
    });
};
window.__focusLook = (element) => {
    const look = [];
    let node = element;
    for (let depth = 0; node && node.nodeType === 1 && depth < 4; depth++, node = node.parentElement) {
        const style = getComputedStyle(node);
        look.push({
            outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
                ? `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}` : 'none',
            outlineColor: style.outlineColor,
            outlineWidth: parseFloat(style.outlineWidth),
            outlineOffset: parseFloat(style.outlineOffset),
            boxShadow: style.boxShadow,
            border: style.borderColor + ' ' + style.borderWidth,
            background: style.backgroundColor,
        });
    }
    return look;
};
window.__background = (element) => {
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
        const colour = getComputedStyle(node).backgroundColor;
        const parts = colour.match(/[\\d.]+/g).map(Number);
        if (parts.length < 4 || parts[3] > 0.5) return colour;
    }
    return 'rgb(255, 255, 255)';
};
window.__contrast = (first, second) => {
    const luminance = (colour) => {
        const [r, g, b] = colour.match(/[\\d.]+/g).slice(0, 3).map((value) => {
            const channel = Number(value) / 255;
            return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a);
    return (light + 0.05) / (dark + 0.05);
};
}
"""

# Before any focus: remember the tabbable elements and how each looks unfocused.
BASELINE_JS = """() => {
    const tabbable = window.__tabbableElements();
    window.__tabbable = tabbable;
    window.__unfocused = new Map(tabbable.map((element) => [element, window.__focusLook(element)]));
    return tabbable.length;
}"""

# Where the focus is now, and what shows it.
STOP_JS = """() => {
    const element = document.activeElement;
    if (!element || element === document.body || element === document.documentElement) return null;
    const index = window.__tabbable.indexOf(element);
    const rect = element.getBoundingClientRect();
    const classes = typeof element.className === 'string' ? element.className.trim().split(/\\s+/) : [];
    const words = element.innerText || element.value || element.getAttribute('aria-label') || '';
    const name = (element.id ? '#' + element.id : element.tagName.toLowerCase())
        + classes.filter(Boolean).map((name) => '.' + name).join('')
        + ' "' + words.trim().slice(0, 40) + '"';
    const before = window.__unfocused.get(element) || [];
    const after = window.__focusLook(element);
    const shows = [];
    let contrast = null;
    after.forEach((look, depth) => {
        const was = before[depth] || {};
        if (look.outline !== 'none' && look.outline !== was.outline) {
            shows.push(`outline ${look.outline} on ${depth ? 'ancestor ' + depth : 'element'}`);
            let node = element;
            for (let step = 0; step < depth; step++) node = node.parentElement;
            const behind = window.__background(look.outlineOffset >= 0 ? node.parentElement : node);
            const ratio = window.__contrast(look.outlineColor, behind);
            contrast = contrast === null ? ratio : Math.max(contrast, ratio);
        }
        if (look.boxShadow !== was.boxShadow && look.boxShadow !== 'none') {
            shows.push(`box-shadow on ${depth}`);
        }
        if (look.border !== was.border) shows.push(`border on ${depth}`);
        if (look.background !== was.background) shows.push(`background on ${depth}`);
    });
    // Not hidden behind something else (WCAG 2.2 focus not obscured): some visible part of
    // the element answers a hit test.
    const left = Math.max(rect.left, 0), right = Math.min(rect.right, innerWidth);
    const top = Math.max(rect.top, 0), bottom = Math.min(rect.bottom, innerHeight);
    let reachable = false;
    if (right > left && bottom > top) {
        const middle = [(left + right) / 2, (top + bottom) / 2];
        const points = [middle, [left + 2, top + 2], [right - 2, bottom - 2]];
        const labels = element.labels ? [...element.labels] : [];
        for (const [x, y] of points) {
            const hit = document.elementFromPoint(x, y);
            if (hit && (element.contains(hit) || labels.some((label) => label.contains(hit)))) {
                reachable = true;
                break;
            }
        }
    }
    return {
        index, name, shows, contrast, reachable,
        top: rect.top + scrollY, bottom: rect.bottom + scrollY, left: rect.left, right: rect.right,
        width: rect.width, height: rect.height,
    };
}"""

# Each page type once, in a language and at a width; the reading order is checked at 390 px,
# where every page is one column.
WALKS = [
    ("home", "it", 390),
    ("home", "ar", 1280),
    ("district", "ar", 390),
    ("initiative-untranslated", "en", 390),
    ("event", "ar", 390),
    ("event-untranslated", "it", 1280),
    ("calendar", "it", 390),
    ("calendar-filtered", "ar", 1280),
    ("proposal-form", "ar", 390),
    ("search-results", "en", 390),
    ("not-found", "it", 390),
]


def walk(page):
    """Press Tab from the top of the page until the focus leaves it; return the stops.

    The page is asked for reduced motion, so it scrolls to each stop at once (not smoothly)
    and each stop can be checked for being in view as soon as it has the focus.
    """
    page.emulate_media(reduced_motion="reduce")
    page.evaluate(HELPERS_JS)
    count = page.evaluate(BASELINE_JS)
    stops = []
    previous = None
    # A date field takes one Tab per part (day, month, year): allow for them.
    for _ in range(count * 3 + 10):
        page.keyboard.press("Tab")
        stop = page.evaluate(STOP_JS)
        if stop is None:
            break
        if previous is not None and stop["index"] == previous["index"] and stop["index"] >= 0:
            continue
        stops.append(stop)
        previous = stop
    else:
        raise AssertionError(f"the focus never left the page after {count * 3 + 10} Tabs: a trap")
    return count, stops


def reading_order_problems(stops, rtl):
    """Stops that go back up the page, or backwards along a line, at one-column width."""
    problems = []
    for before, after in zip(stops, stops[1:], strict=False):
        overlap = min(before["bottom"], after["bottom"]) - max(before["top"], after["top"])
        if overlap > min(before["height"], after["height"]) / 2:  # on the same line
            onwards = after["right"] <= before["right"] + 2 if rtl else after["left"] >= before["left"] - 2
        else:
            onwards = after["top"] >= before["top"] - 2
        if not onwards:
            problems.append(f"{before['name']} → {after['name']}")
    return problems


@pytest.mark.parametrize(
    ("kind", "language", "width"), WALKS, ids=[f"{k}-{lang}-{w}" for k, lang, w in WALKS]
)
def test_tab_through_the_page(open_page, portal, kind, language, width):
    page = open_page(locale=language, width=width, height=844 if width < 500 else 900)
    page.goto(public_path(portal, kind, language))
    positive = page.evaluate(
        "[...document.querySelectorAll('[tabindex]')].filter((e) => e.tabIndex > 0).length"
    )
    assert positive == 0, f"{positive} elements with a positive tabindex"
    count, stops = walk(page)

    # Every tabbable element, once, in DOM order: nothing skipped, nothing out of order.
    indexes = [stop["index"] for stop in stops]
    assert -1 not in indexes, [stop["name"] for stop in stops if stop["index"] == -1]
    assert indexes == list(range(count)), [stop["name"] for stop in stops]

    # The skip link comes first and leads to the main content.
    assert "skip-link" in stops[0]["name"], stops[0]["name"]

    # Every stop shows its focus, clearly against what is behind it, and is not covered.
    invisible = [stop["name"] for stop in stops if not stop["shows"]]
    assert not invisible, f"no visible focus indicator: {invisible}"
    faint = [
        f"{stop['name']} ({stop['contrast']:.2f}:1)"
        for stop in stops
        if stop["contrast"] is not None
        and stop["contrast"] < 3
        and not any("background" in s or "border" in s for s in stop["shows"])
    ]
    assert not faint, f"focus outline below 3:1 against its background: {faint}"
    hidden = [
        stop["name"] for stop in stops if not stop["reachable"] or stop["width"] < 1 or stop["height"] < 1
    ]
    assert not hidden, f"focused but hidden or covered: {hidden}"

    if width < 500:
        problems = reading_order_problems(stops, rtl=language == "ar")
        assert not problems, "the focus goes back against the reading order:\n" + "\n".join(problems)
    assert not open_page.problems.messages or kind == "not-found", open_page.problems.messages


@pytest.mark.parametrize("language", ["it", "ar"])
def test_skip_link_is_first_visible_and_moves_focus_to_main(open_page, portal, language):
    page = open_page(locale=language, width=390, height=844)
    page.goto(public_path(portal, "district", language))
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    on_top = page.evaluate(
        "() => { const r = document.activeElement.getBoundingClientRect();"
        " const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
        " return hit === document.activeElement; }"
    )
    assert on_top, "the focused skip link is covered"
    if language == "ar":  # at the start of the line, on the right
        assert box["x"] + box["width"] > 390 / 2, box
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    # The header's links are behind: the next stop is in the content.
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached with {limit} Tabs")


@pytest.mark.parametrize("language", ["it", "ar"])
def test_search_suggestions_by_keyboard(open_page, portal, language):
    page = open_page(locale=language, width=390, height=844)
    page.goto(public_path(portal, "home", language))
    tab_to(page, "#site-search")
    box = page.locator("#site-search")
    expect(box).to_have_attribute("role", "combobox")
    page.keyboard.type("ce", delay=40)
    options = page.locator(".search-suggest [role=option]")
    expect(options.first).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    assert options.count() >= 2

    page.keyboard.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", options.nth(0).get_attribute("id"))
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    page.keyboard.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(options.nth(0)).to_have_attribute("aria-selected", "false")
    page.keyboard.press("ArrowUp")
    expect(box).to_have_attribute("aria-activedescendant", options.nth(0).get_attribute("id"))

    # Escape closes the list and leaves the words and the focus in the box.
    page.keyboard.press("Escape")
    expect(page.locator(".search-suggest")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile(".*"))
    expect(box).to_be_focused()
    expect(box).to_have_value("ce")

    # Typing again reopens it; Down and Enter open the chosen page.
    page.keyboard.type("r", delay=40)
    expect(options.first).to_be_visible()
    page.keyboard.press("ArrowDown")
    title = options.nth(0).locator(".search-suggest__title").inner_text()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    # Enter without choosing a suggestion searches.
    page.go_back()
    tab_to(page, "#site-search")
    page.keyboard.type("ceramica", delay=20)
    expect(options.first).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=ceramica"))

    # Tab leaves the box for the search button, and the list closes.
    page.goto(public_path(portal, "home", language))
    tab_to(page, "#site-search")
    page.keyboard.type("ce", delay=40)
    expect(options.first).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator(".site-header .search-form button")).to_be_focused()
    expect(page.locator(".search-suggest")).to_be_hidden()
    assert not open_page.problems.messages, open_page.problems.messages


def test_language_switcher_by_keyboard(open_page, portal):
    page = open_page(locale="it-IT", width=390, height=844)
    page.goto(public_path(portal, "district", "it"))
    tab_to(page, ".language-switcher a[hreflang='ar']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(public_path(portal, "district", "ar")) + "$"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    tab_to(page, ".language-switcher a[hreflang='en']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(public_path(portal, "district", "en")) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert not open_page.problems.messages, open_page.problems.messages


def next_unambiguous_day():
    """The next day whose day and month are the same number, so typing it needs no
    knowledge of the date field's order of day and month."""
    day = datetime.datetime.now(ZoneInfo("Europe/Rome")).date() + datetime.timedelta(days=1)
    while day.day != day.month:
        day += datetime.timedelta(days=1)
    return day


@pytest.mark.parametrize("language", ["en", "ar"])
def test_calendar_filters_by_keyboard(open_page, portal, language):
    page = open_page(locale=language, width=390, height=844)
    path = public_path(portal, "calendar", language)
    page.goto(path)
    total = page.locator(".calendar-results__count").inner_text()

    # A category, chosen with the arrow keys; "free only" ticked with Space; Enter on Show.
    tab_to(page, "#id_category")
    page.keyboard.press("ArrowDown")
    category = page.locator("#id_category").input_value()
    assert category
    tab_to(page, "#id_free")
    page.keyboard.press("Space")
    expect(page.locator("#id_free")).to_be_checked()
    tab_to(page, ".filters button[type=submit]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"category={category}.*free=on"))
    expect(page.locator("#id_category")).to_have_value(category)
    expect(page.locator("#id_free")).to_be_checked()
    assert page.locator(".calendar-results__count, .empty-state").first.inner_text() != total

    # Chosen dates: the date fields appear when "chosen dates" is picked by keyboard, and
    # Enter in a date field sends the form.
    page.goto(path)
    dates = page.locator("[data-dates-for]")
    expect(dates).to_be_hidden()
    tab_to(page, "#id_when")
    for _ in range(10):
        if page.locator("#id_when").input_value() == "dates":
            break
        page.keyboard.press("ArrowDown")
    expect(dates).to_be_visible()
    day = next_unambiguous_day()
    page.keyboard.press("Tab")
    expect(page.locator("#id_date_from")).to_be_focused()
    page.keyboard.type(day.strftime("%d%m%Y"))
    expect(page.locator("#id_date_from")).to_have_value(day.isoformat())
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"date_from={day.isoformat()}"))
    for shown in page.locator(".calendar-day__heading time").evaluate_all(
        "nodes => nodes.map(node => node.getAttribute('datetime'))"
    ):
        assert datetime.date.fromisoformat(shown) >= day, shown

    # The next page of results, by keyboard.
    if page.locator(".pagination a[rel=next]").count():
        tab_to(page, ".pagination a[rel=next]", limit=400)
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"page=2"))
    assert not open_page.problems.messages, open_page.problems.messages


@pytest.mark.parametrize("language", ["it", "ar"])
def test_proposal_form_errors_by_keyboard(open_page, portal, language):
    """Sent empty by keyboard, the form comes back with the focus on its list of errors, whose
    links lead to the fields."""
    page = open_page(locale=language, width=390, height=844)
    page.goto(public_path(portal, "proposal-form", language))
    tab_to(page, "#id_name")
    page.keyboard.type("Amina")
    tab_to(page, ".proposal-form button[type=submit]")
    page.keyboard.press("Enter")
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page.locator("#id_name")).to_have_value("Amina")
    page.keyboard.press("Tab")
    first_error = page.locator(".error-summary__list a").first
    expect(first_error).to_be_focused()
    target = first_error.get_attribute("href")
    page.keyboard.press("Enter")
    expect(page.locator(target)).to_be_focused()
    assert not open_page.problems.messages, open_page.problems.messages
