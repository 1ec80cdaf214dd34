"""Issue 16: an editor previews a draft "As in the app" in the admin's preview panel, and the
app's developer opens the token's address without signing in (portal/core/preview.py).

In Chromium against the production portal: Luca changes an event's summary without saving it,
chooses the mode in Wagtail's preview panel, and sees the JSON the app will receive and the
token; a fresh, anonymous browser context opens the token's address and gets that draft, while
the live page is unchanged. The preview page passes axe-core (WCAG 2.2 AA).
"""

import json
import re
import uuid

from playwright.sync_api import expect

from .conftest import axe_violations
from .test_editor_journey import WATCH_EDITS, log_in


def an_event_in_san_salvario(page):
    """An event of the demo in Luca's district, as the API lists it."""
    api = page.request
    district = api.get(
        "/api/v2/pages/", params={"type": "districts.DistrictPage", "locale": "it", "slug": "san-salvario"}
    ).json()["items"][0]["id"]
    return api.get(
        "/api/v2/pages/",
        params={"type": "initiatives.EventPage", "descendant_of": district, "fields": "summary", "limit": 1},
    ).json()["items"][0]


def test_the_editor_previews_a_draft_as_in_the_app_and_the_token_opens_it(open_page, portal, axe_script):
    editor = open_page()
    log_in(editor, "editor_sansalvario", portal.users_password)
    event = an_event_in_san_salvario(editor)
    summary = f"Bozza per l'app {uuid.uuid4().hex[:8]}: cambia l'orario."

    editor.add_init_script(WATCH_EDITS)
    editor.goto(f"/admin/pages/{event['id']}/edit/")
    editor.wait_for_function("() => window.editsWatched === true")
    editor.get_by_role("textbox", name="Riassunto*").fill(summary)
    editor.locator("[data-side-panel-toggle=preview]").click()
    # The panel first shows the page as the site does, with the unsaved summary; a mode chosen
    # while that first preview is still loading can be overtaken by it, so Luca waits, as one would.
    preview = editor.frame_locator("#w-preview-iframe")
    expect(preview.locator("main")).to_contain_text(summary, timeout=20_000)
    editor.get_by_label("Modalità anteprima").select_option(label="Come nell'app")

    expect(preview.locator("#app-preview-json")).to_contain_text(summary, timeout=20_000)
    expect(preview.get_by_role("heading", level=1)).to_contain_text(event["title"])
    token = preview.locator("#app-preview-token").inner_text()
    address = preview.locator("#app-preview-url").get_attribute("href")
    assert token and re.search(r"/api/v2/pages/preview/\?token=", address), address
    shown = json.loads(preview.locator("#app-preview-json").inner_text())
    assert (shown["id"], shown["summary"], shown["meta"]["type"]) == (
        event["id"],
        summary,
        "initiatives.EventPage",
    )

    # The preview page itself, in the panel's frame: WCAG 2.2 AA (axe's serious and critical).
    frame = editor.frame(url=re.compile(r"/preview/"))
    assert frame is not None, [frame.url for frame in editor.frames]
    violations = axe_violations(frame, axe_script)
    assert not violations, "\n".join(violations)

    # The app's developer, not signed in, opens the address: the draft, as the app reads a page.
    app = open_page(locale="en-GB")
    answer = app.goto(address)
    assert answer.status == 200, answer.text()
    assert answer.headers["content-type"].startswith("application/json")
    draft = answer.json()
    assert (draft["id"], draft["summary"]) == (event["id"], summary)
    # Without the token, or with another, nothing of the draft.
    assert app.request.get("/api/v2/pages/preview/", params={"token": token + "x"}).status == 400
    live = app.request.get(f"/api/v2/pages/{event['id']}/").json()
    assert live["summary"] == event["summary"] != summary

    # Autosave may have kept the draft meanwhile: its answers are the only 400s allowed.
    assert not open_page.problems.messages, open_page.problems.messages
