"""axe-core in every public page type, in Italian, English and right-to-left Arabic: no serious
or critical violation of WCAG 2.2 A/AA and axe's best practices.

axe-core comes from the npm registry at the version tests/browser/package-lock.json pins
(installed by the `axe_script` fixture). It is added to each document through the DevTools
protocol, so the page's CSP stays on. One browser tab per language serves every page type,
which keeps the 60-odd pages to about half a second each.
"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, PageProblems, axe_violations
from .public_pages import KINDS, LANGUAGES, STATUS, UNTRANSLATED, public_path

CASES = [(kind, language) for kind in KINDS for language in LANGUAGES]


@pytest.fixture(scope="module")
def tab(browser, portal, axe_script):
    """`tab(language)` → (page, problems): one tab per language for the whole module."""
    tabs = {}

    def get(language):
        if language not in tabs:
            context = browser.new_context(
                base_url=portal.url, locale=language, viewport={"width": 1280, "height": 900}
            )
            context.set_default_timeout(20_000)
            context.add_init_script(script=axe_script)
            page = context.new_page()
            problems = PageProblems()
            problems.watch(page)
            tabs[language] = (context, page, problems)
        _, page, problems = tabs[language]
        problems.messages.clear()
        return page, problems

    yield get
    for context, _, _ in tabs.values():
        context.close()


def check(page, axe_script, what, name):
    violations = axe_violations(page, axe_script)
    if violations:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"FAILED-axe-{name}.png", full_page=True)
    assert not violations, f"{what}: {len(violations)} serious or critical:\n" + "\n".join(violations)


@pytest.mark.parametrize(("kind", "language"), CASES, ids=[f"{kind}-{language}" for kind, language in CASES])
def test_page_type_has_no_serious_violation(tab, portal, axe_script, kind, language):
    page, problems = tab(language)
    path = public_path(portal, kind, language)
    response = page.goto(path)
    status = STATUS.get(kind, 200)
    assert response.status == status, f"{path} answered {response.status}"
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    if language != "it" and kind in UNTRANSLATED:
        expect(page.locator(".translation-notice")).to_be_visible()
    check(page, axe_script, path, f"{kind}-{language}")
    if status != 200:  # the error page's own answer, which Chromium also logs
        expected = (
            f"HTTP {status}: {portal.url}{path}",
            f"console error: Failed to load resource: the server responded with a status of {status}",
        )
        problems.messages[:] = [message for message in problems.messages if not message.startswith(expected)]
    assert not problems.messages, problems.messages


@pytest.mark.parametrize("language", LANGUAGES)
def test_proposal_form_with_errors_has_no_serious_violation(tab, portal, axe_script, language):
    page, problems = tab(language)
    path = public_path(portal, "proposal-form", language)
    page.goto(path)
    page.locator(".proposal-form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator(".field--error").first).to_be_visible()
    check(page, axe_script, f"{path} with errors", f"proposal-errors-{language}")
    assert not problems.messages, problems.messages


@pytest.mark.parametrize("language", LANGUAGES)
def test_open_search_suggestions_have_no_serious_violation(tab, portal, axe_script, language):
    """The suggestions under the header's search box, open and with one chosen."""
    page, problems = tab(language)
    page.goto(public_path(portal, "district", language))
    box = page.locator("#site-search")
    box.press_sequentially("ce", delay=30)
    expect(page.locator(".search-suggest [role=option]").first).to_be_visible()
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", re.compile(".+"))
    check(page, axe_script, "search suggestions", f"suggestions-{language}")
    assert not problems.messages, problems.messages
