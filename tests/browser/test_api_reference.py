"""Issue 16: the API reference (/api/v2/docs/, Swagger UI) in Chromium, as an app developer
opens it on the production portal: static files from whitenoise's manifest (collectstatic has
run), the site's Content-Security-Policy on, nothing fetched from another origin.

A CSP refusal is caught twice: the `securitypolicyviolation` event the document fires (recorded
by a script added before the page's own), and Chromium's console line (PageProblems).
"""

import re

from playwright.sync_api import expect

# Every refusal the policy makes in this document, kept where the test can read it.
RECORD_CSP_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.cspViolations.push(`${event.violatedDirective} refused ${event.blockedURI} (${where})`);
});
"""
OPERATIONS = ["listPages", "getPage", "findPage", "previewPage", "listOccurrences", "listDeleted"]


def test_the_reference_renders_every_operation_from_this_origin_only(open_page, portal):
    page = open_page(locale="en-GB")
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    elsewhere = []
    page.on(
        "request",
        lambda request: None if request.url.startswith(portal.url + "/") else elsewhere.append(request.url),
    )

    response = page.goto("/api/v2/docs/")
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # Every operation of the document, named by the operationId a generated client uses.
    for operation_id in OPERATIONS:
        expect(
            page.locator(".opblock-summary-operation-id", has_text=re.compile(rf"^{operation_id}$"))
        ).to_be_visible()
    expect(page.locator(".opblock-post .opblock-summary-path", has_text="/proposals/")).to_be_visible()

    # "Try it out" on the occurrences sends a real GET to this portal and shows its 200.
    occurrences = page.locator(
        ".opblock", has=page.locator(".opblock-summary-operation-id", has_text="listOccurrences")
    )
    occurrences.locator(".opblock-summary").click()
    occurrences.get_by_role("button", name="Try it out").click()
    with page.expect_response(re.compile(r"/api/v2/occurrences/")) as answer:
        occurrences.get_by_role("button", name="Execute").click()
    assert answer.value.status == 200, answer.value.text()
    expect(occurrences.locator(".live-responses-table tbody .response-col_status").first).to_have_text("200")
    expect(occurrences.locator(".live-responses-table tbody .response-col_description")).to_contain_text(
        '"total_count"'
    )

    assert page.evaluate("() => window.cspViolations") == []
    assert not elsewhere, elsewhere
    assert not open_page.problems.messages, open_page.problems.messages
