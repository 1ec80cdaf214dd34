"""Phones and desktops: full-page screenshots of the home, a district, the calendar and an event
at 390 and 1280 px (Italian, and Arabic right to left) saved as test artefacts, no sideways
scrolling (there, and on every page type at 320 px, WCAG 1.4.10), and the home page's weight
at phone width with every image loaded."""

import json

import pytest

from .conftest import ARTIFACTS
from .public_pages import KINDS, public_path, scroll_through

SCREENSHOTS = ARTIFACTS / "screenshots"
SIZES = {390: 844, 1280: 900}
SCREENS = ("home", "district", "calendar", "event")
HOME_BUDGET = 500_000  # bytes on the wire, images included

CASES = [(language, width) for language in ("it", "ar") for width in SIZES]


def overflow(page):
    """Elements wider than the window, or reaching past either side of it."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const out = [];
            for (const element of document.body.querySelectorAll('*')) {
                const rect = element.getBoundingClientRect();
                if (!rect.width || getComputedStyle(element).position === 'fixed') continue;
                if (element.closest('.visually-hidden, .skip-link, .proposal-form__trap')) continue;
                if (rect.right > width + 1 || rect.left < -1) {
                    const where = `${Math.round(rect.left)}–${Math.round(rect.right)}`;
                    out.push(`${element.tagName.toLowerCase()}.${element.className} (${where})`);
                }
            }
            return out.slice(0, 10);
        }"""
    )


@pytest.mark.parametrize(
    ("language", "width"), CASES, ids=[f"{language}-{width}" for language, width in CASES]
)
def test_screenshots_and_no_sideways_scrolling(open_page, portal, language, width):
    page = open_page(locale=language, width=width, height=SIZES[width])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for name in SCREENS:
        path = public_path(portal, name, language)
        page.goto(path)
        scroll_through(page)
        suffix = f"-{language}" if language != "it" else ""
        page.screenshot(path=SCREENSHOTS / f"{name}{suffix}-{width}.png", full_page=True)
        scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll_width > inner_width:
            problems.append(f"{path}: {scroll_width}px wide in a {inner_width}px window: {overflow(page)}")
    assert not problems, "\n".join(problems)
    assert not open_page.problems.messages, open_page.problems.messages


@pytest.mark.parametrize("language", ["it", "ar"])
def test_every_page_type_reflows_at_320_px(open_page, portal, language):
    """The narrowest screen WCAG asks for (1.4.10 Reflow): no page scrolls sideways."""
    page = open_page(locale=language, width=320, height=640)
    problems = []
    for kind in KINDS:
        path = public_path(portal, kind, language)
        page.goto(path)
        scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll_width > inner_width:
            problems.append(f"{path}: {scroll_width}px wide in a {inner_width}px window: {overflow(page)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["it", "ar"])
def test_home_page_weighs_under_500_kb_on_a_phone(open_page, portal, language):
    """Every byte the home page brings over the network at 390 px, with the cache off and the
    page scrolled to the end so that its lazy images load too."""
    page = open_page(locale=language, width=390, height=SIZES[390])
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls = {}
    wire = {}
    session.on(
        "Network.responseReceived",
        lambda event: urls.__setitem__(event["requestId"], event["response"]["url"]),
    )
    session.on(
        "Network.loadingFinished",
        lambda event: wire.__setitem__(event["requestId"], event["encodedDataLength"]),
    )
    page.goto(public_path(portal, "home", language))
    first_view = sum(wire.values())
    scroll_through(page)
    total = sum(wire.values())

    # The browser's own account (Resource Timing), as a cross-check.
    timing = page.evaluate(
        """() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
            .map((entry) => [entry.name, entry.transferSize, entry.encodedBodySize])"""
    )
    by_url = sorted(((urls.get(key, key), size) for key, size in wire.items()), key=lambda item: -item[1])
    report = {
        "language": language,
        "viewport": "390x844",
        "first_view_bytes": first_view,
        "total_bytes": total,
        "resource_timing_transfer_bytes": sum(size for _, size, _ in timing),
        "requests": len(wire),
        "by_url": by_url,
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"home-weight-{language}-390.json").write_text(json.dumps(report, indent=2))
    assert len(wire) == len(timing), (len(wire), timing)
    assert total < HOME_BUDGET, f"the home page weighs {total} bytes at 390 px: {by_url[:8]}"
    assert not open_page.problems.messages, open_page.problems.messages
