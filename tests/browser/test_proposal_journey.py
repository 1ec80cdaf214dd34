"""A resident sends a proposal to their house; the Community Manager finds it in the admin."""

import re
import uuid

from playwright.sync_api import expect


def test_resident_sends_a_proposal_after_correcting_the_empty_form(open_page, portal):
    page = open_page(locale="it-IT")
    page.goto("/it/san-salvario/")
    page.locator("main").get_by_role("link", name=re.compile("Proponi")).first.click()
    expect(page).to_have_url(re.compile(r"/it/san-salvario/proponi-un-idea/$"))

    # Sent empty: nothing is sent, the summary says why and leads to each field.
    page.get_by_role("button", name="Invia la tua proposta").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("La tua proposta non è ancora stata inviata")
    expect(page).to_have_title(re.compile(r"^Errore:"))
    expect(summary.get_by_role("link", name=re.compile("Il tuo nome"))).to_be_visible()
    expect(summary.get_by_role("link", name=re.compile("La tua idea o richiesta"))).to_be_visible()
    name = page.get_by_label("Il tuo nome")
    expect(name).to_have_attribute("aria-invalid", "true")
    summary.get_by_role("link", name=re.compile("Il tuo nome")).click()
    expect(name).to_be_focused()

    # Completed: the house thanks them.
    marker = uuid.uuid4().hex[:8]
    idea = f"Un orto condiviso nel cortile di via Berthollet ({marker}): cerchiamo altre famiglie."
    name.fill("Amina")
    page.get_by_label("E-mail").fill("amina@example.org")
    page.get_by_label("La tua idea o richiesta").fill(idea)
    page.get_by_label(re.compile("Ho letto l.informativa sulla privacy")).check()
    page.get_by_role("button", name="Invia la tua proposta").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grazie: la tua proposta è stata inviata")
    expect(page.get_by_role("link", name="Torna a San Salvario")).to_be_visible()
    assert not open_page.problems.messages, open_page.problems.messages

    # The district's Community Manager reads it among the residents' proposals.
    manager = open_page(locale="it-IT")
    manager.goto("/admin/login/")
    manager.locator("#id_username").fill("sara")
    manager.locator("#id_password").fill(portal.users_password)
    manager.locator("form button[type=submit]").click()
    expect(manager).to_have_url(re.compile(r"/admin/$"))
    manager.goto("/admin/proposals/")
    # Newest first; the list names no resident, the proposal itself does.
    newest = manager.get_by_role("row").filter(has_text="San Salvario").first
    expect(newest).to_contain_text("Ricevuta")
    newest.get_by_role("link").first.click()
    expect(manager.locator("main")).to_contain_text("Amina")
    expect(manager.locator("main")).to_contain_text(marker)
