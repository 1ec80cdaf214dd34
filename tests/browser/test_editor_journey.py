"""Issue 9: an editor adds a weekly event to their district and submits it; the district's
Community Manager approves it; residents find it in the calendar and the app in the API.

Every step the two people take goes through the Wagtail admin in Chromium, under the production
settings (page cache, CSP, two gunicorn workers); only the resident's app reads the JSON API.
"""

import datetime
import re
import uuid
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

ROME = ZoneInfo("Europe/Rome")
WEEKS = 6
WORKFLOW = "Community Manager approval — San Salvario"
# Wagtail's unsaved-changes watcher (w-unsaved) says when it has taken the form's first state,
# two seconds after the form opens; autosave follows the changes it sees after that.
WATCH_EDITS = "document.addEventListener('w-unsaved:watch-edits', () => { window.editsWatched = true; })"
# A script's POST asking for JSON, like an autosave, but without the editor's security token.
POST_WITHOUT_TOKEN = "url => fetch(url, {method: 'POST', headers: {Accept: 'application/json'}})"
MONTHS = "Gen Feb Mar Apr Mag Giu Lug Ago Set Ott Nov Dic".split()  # the admin's Italian dates


def log_in(page, username, password):
    page.goto("/admin/login/")
    page.get_by_label("Nome utente").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Accedi").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def occurrences(page, query):
    """Every item of /api/v2/occurrences/ for `query`, page after page, as the app reads them."""
    items, offset = [], 0
    while True:
        response = page.request.get("/api/v2/occurrences/", params={**query, "limit": 100, "offset": offset})
        assert response.ok, response.text()
        body = response.json()
        items += body["items"]
        offset += 100
        if offset >= body["meta"]["total_count"]:
            return items


def calendar_days(page, title):
    """The days on which the calendar lists `title`, following its pages to the last."""
    days, number = [], 1
    while True:
        listed = page.locator(".calendar-day").filter(has=page.get_by_role("link", name=title))
        days += listed.locator(".calendar-day__heading time").evaluate_all(
            "nodes => nodes.map(node => node.getAttribute('datetime'))"
        )
        following = page.locator("nav.pagination a[rel=next]")
        if not following.count():
            return days
        number += 1
        following.click()
        expect(page).to_have_url(re.compile(rf"[?&]page={number}(&|$)"))


def test_editor_submits_a_weekly_event_and_the_manager_publishes_it(open_page, portal):
    today = datetime.datetime.now(ROME).date()
    first = today + datetime.timedelta(days=8 - today.weekday())  # Tuesday of next week
    dates = [first + datetime.timedelta(weeks=week) for week in range(WEEKS)]
    title = f"Circolo di lettura ad alta voce {uuid.uuid4().hex[:6]}"

    # --- A resident looks at what's on in San Salvario over those weeks: not there yet. ---------
    resident = open_page()
    resident.goto("/it/san-salvario/")
    resident.get_by_role("link", name=re.compile("Tutto quello che succede a San Salvario")).click()
    expect(resident).to_have_url(re.compile(r"/it/san-salvario/cosa-succede/$"))
    resident.get_by_label("Quando").select_option("dates")
    resident.get_by_label("Dal", exact=True).fill(dates[0].isoformat())
    resident.get_by_label("Al", exact=True).fill(dates[-1].isoformat())
    resident.get_by_label("Categoria").select_option(label="Eventi culturali")
    resident.get_by_role("button", name="Mostra").click()
    expect(resident).to_have_url(re.compile(r"[?&]when=dates"))
    calendar_url = resident.url
    expect(resident.locator(".calendar-results")).to_be_visible()
    expect(resident.get_by_role("link", name=title)).to_have_count(0)
    # The anonymous page cache now keeps this calendar (two workers: each may keep its own copy).
    assert any(resident.reload().headers.get("x-cache") == "HIT" for _ in range(4))
    api_query = {"start": dates[0].isoformat(), "end": dates[-1].isoformat(), "district": "san-salvario"}
    assert not [item for item in occurrences(resident, api_query) if item["title"] == title]

    # --- Luca, an editor at the San Salvario house, adds the event and submits it. -------------
    editor = open_page()
    editor.add_init_script(WATCH_EDITS)
    log_in(editor, "editor_sansalvario", portal.users_password)
    editor.goto("/admin/pages/")
    editor.get_by_role("row").filter(has_text="Italiano").get_by_role(
        "link", name="Esplora pagine figlio di 'Quartieri'"
    ).click()
    # Only his own district is there to explore.
    listing = editor.locator("main").get_by_role("table")
    expect(listing.get_by_role("link", name="San Salvario", exact=True)).to_be_visible()
    expect(listing.get_by_role("link", name="Mirafiori Sud", exact=True)).to_have_count(0)
    expect(listing.get_by_role("link", name="Barriera di Milano", exact=True)).to_have_count(0)
    editor.get_by_role("link", name="Esplora pagine figlio di 'San Salvario'").click()
    editor.get_by_role("link", name="Aggiungi pagina figlio", exact=True).click()
    editor.get_by_role("link", name="Evento", exact=True).click()
    expect(editor.get_by_role("heading", name=re.compile("Evento"))).to_be_visible()
    # He starts writing once Wagtail watches the form for changes, as a person does: what is
    # typed before that counts as the form's first state, and is never autosaved.
    editor.wait_for_function("() => window.editsWatched === true")

    editor.get_by_role("textbox", name="Titolo*").fill(title)
    editor.get_by_role("textbox", name="Riassunto*").fill(
        "Ogni martedì sera leggiamo insieme un libro, in italiano facile: porta chi vuoi."
    )
    editor.get_by_role("button", name="Scegli categoria").click()
    editor.get_by_role("dialog").get_by_role("link", name="Eventi culturali").click()
    expect(editor.get_by_role("dialog")).to_be_hidden()
    # Each audience once, in Italian.
    expect(editor.get_by_role("checkbox", name="Children", exact=True)).to_have_count(0)
    editor.get_by_role("checkbox", name="Adulti", exact=True).check()

    editor.get_by_role("tab", name="Date").click()
    editor.get_by_role("textbox", name="Inizio*").fill(f"{first:%d/%m/%Y} 18:00")
    editor.get_by_role("textbox", name="Fine*").fill(f"{first:%d/%m/%Y} 20:00")
    # django-recurrence's widget: a weekly rule on Tuesdays, six times.
    editor.get_by_role("link", name="Add rule").click()
    rule = editor.locator(".recurrence-widget .panel")
    rule.locator("select[name=freq]").select_option(label="Weekly")
    rule.get_by_role("cell", name="Tue", exact=True).click()
    repeat_until = rule.locator("input[name=limit]")
    box = repeat_until.bounding_box()
    assert box and box["width"] >= 12 and box["height"] >= 12, f"“Repeat until” is hard to see: {box}"
    repeat_until.check()
    rule.locator("input[name=until_count][value=count]").check()
    rule.locator("input[name=count]").fill(str(WEEKS))
    rule.locator("input[name=count]").press("Tab")
    expect(rule.locator(".header")).to_contain_text(re.compile(rf"each Tuesday\b.*\b{WEEKS} times"))

    # Autosave keeps his draft a few seconds after he stops (WAGTAIL_AUTOSAVE_INTERVAL); while
    # the form was half-filled it may have been answered 400 by design (the guard in conftest.py
    # knows those answers). "Saved" after his last change means no autosave is pending any more:
    # he submits the draft, rather than racing an autosave in flight to create the page.
    expect(editor.locator("#w-autosave-indicator")).to_have_attribute(
        "data-w-autosave-state-value", "saved", timeout=30_000
    )
    expect(editor).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))

    # He may save a draft or submit it to the district's Community Manager, not publish it.
    editor.get_by_role("button", name="Altre azioni").click()
    actions = editor.locator("footer")
    expect(actions.get_by_role("button", name=f"Invia a {WORKFLOW}")).to_be_visible()
    expect(actions.get_by_role("button", name=re.compile("Pubblica"))).to_have_count(0)
    actions.get_by_role("button", name=f"Invia a {WORKFLOW}").click()
    expect(editor.locator(".messages")).to_contain_text("inviata per moderazione")
    expect(editor.get_by_role("row").filter(has_text=title)).to_contain_text("in moderazione")

    # --- Sara, the Community Manager, finds it waiting for her and approves it. ----------------
    manager = open_page()
    log_in(manager, "sara", portal.users_password)
    waiting = manager.get_by_role("region", name="In attesa della tua revisione")
    waiting.get_by_role("link", name=title).click()
    manager.get_by_role("tab", name="Date").click()
    expect(manager.get_by_role("textbox", name="Inizio*")).to_have_value(f"{first:%d/%m/%Y} 18:00")
    expect(manager.locator(".recurrence-widget .panel .header")).to_contain_text("each Tuesday")
    manager.get_by_role("button", name="Altre azioni").click()
    manager.locator("footer").get_by_role("button", name="Approva e Pubblica").click()
    expect(manager.locator(".messages")).to_contain_text("aggiornata")
    expect(manager.get_by_role("row").filter(has_text=title)).to_contain_text(
        re.compile("live", re.IGNORECASE)
    )
    # Her dashboard no longer waits for it, and lists its first date among the next two weeks.
    manager.goto("/admin/")
    expect(
        manager.get_by_role("region", name="In attesa della tua revisione").get_by_text(title)
    ).to_have_count(0)
    upcoming = manager.get_by_role("region", name="I prossimi 14 giorni nei tuoi quartieri")
    expect(upcoming.get_by_role("row").filter(has_text=title).first).to_contain_text(
        f"{first.day} {MONTHS[first.month - 1]}, 18:00"
    )

    # --- The resident reloads the calendar: the page cache did not hide it. --------------------
    resident.reload()
    expect(resident).to_have_url(calendar_url)
    expect(resident.locator(".calendar-results")).to_contain_text(title)
    assert calendar_days(resident, title) == [day.isoformat() for day in dates]
    # The last page lists the last date.
    occurrence = resident.locator(".occurrence").filter(has=resident.get_by_role("link", name=title)).last
    expect(occurrence).to_contain_text("18:00")

    # Its page is live, with its weekly schedule.
    occurrence.get_by_role("link", name=title).click()
    expect(resident.get_by_role("heading", level=1)).to_have_text(title)
    expect(resident.locator(".schedule")).to_contain_text(re.compile("martedì", re.IGNORECASE))
    page_url = resident.url

    # The app finds the six weekly occurrences, 18:00 to 20:00 Turin time, linking to its page.
    ours = [item for item in occurrences(resident, api_query) if item["title"] == title]
    starts = [datetime.datetime.fromisoformat(item["start"]).astimezone(ROME) for item in ours]
    assert [start.date() for start in starts] == dates, ours
    assert {start.time() for start in starts} == {datetime.time(18, 0)}
    assert {datetime.datetime.fromisoformat(item["end"]).astimezone(ROME).time() for item in ours} == {
        datetime.time(20, 0)
    }
    assert {urlsplit(item["html_url"]).path for item in ours} == {urlsplit(page_url).path}
    # A Tuesday on which the district's house is closed (a public holiday such as 8 December,
    # or one of the demo's closures) is listed cancelled, with the reason residents read.
    assert all(item["reason"] for item in ours if item["cancelled"]), ours

    # --- Luca cannot add pages to another district, even by typing the address. ----------------
    mirafiori = resident.request.get(
        "/api/v2/pages/", params={"type": "districts.DistrictPage", "locale": "it", "slug": "mirafiori-sud"}
    ).json()["items"][0]["id"]
    for address in (
        f"/admin/pages/{mirafiori}/add_subpage/",
        f"/admin/pages/add/initiatives/eventpage/{mirafiori}/",
    ):
        editor.goto(address)
        expect(editor).to_have_url(re.compile(r"/admin/$"))
        expect(editor.locator(".messages")).to_contain_text("non hai i permessi")

    assert not open_page.problems.messages, open_page.problems.messages


def test_autosave_answers_are_told_from_errors_by_what_the_request_sends(open_page, portal):
    """A half-filled form's autosave is answered 400 by design and is not a problem; a request to
    the same address that is not an autosave, answered with an error, still is."""
    editor = open_page()
    log_in(editor, "editor_sansalvario", portal.users_password)
    district = editor.request.get(
        "/api/v2/pages/", params={"type": "districts.DistrictPage", "locale": "it", "slug": "san-salvario"}
    ).json()["items"][0]["id"]
    editor.add_init_script(WATCH_EDITS)
    editor.goto(f"/admin/pages/add/initiatives/eventpage/{district}/")
    # Wagtail starts comparing the form with its first state two seconds after it opens.
    editor.wait_for_function("() => window.editsWatched === true")
    with editor.expect_response(
        lambda response: response.request.method == "POST" and "/add/" in response.url, timeout=30_000
    ) as autosave:
        editor.get_by_role("textbox", name="Titolo*").fill(f"Bozza {uuid.uuid4().hex[:6]}")
    answer = autosave.value
    assert (answer.status, answer.request.headers["accept"]) == (400, "application/json")
    assert answer.json()["error_code"] == "validation_error"
    expect(editor.locator("#w-autosave-indicator")).to_have_attribute("data-w-autosave-state-value", "paused")
    assert set(open_page.problems.autosaves) == {answer.url}
    assert open_page.problems.messages == []

    # The same address asked by a script without the security token: an error all the same.
    with editor.expect_response(lambda response: response.status == 403) as refused:
        editor.evaluate(POST_WITHOUT_TOKEN, answer.url)
    assert refused.value.url == answer.url
    assert f"HTTP 403: {answer.url}" in open_page.problems.messages
    open_page.problems.messages.clear()
