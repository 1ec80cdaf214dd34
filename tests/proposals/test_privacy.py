"""Personal data: kept for a limited time, never in the API, the public pages' rules or translations."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase

from districts.management.commands.purge_proposals import months_ago
from districts.models import DistrictPage, Proposal, ProposalFormField, ProposalFormPage
from tests.factories import ProposalFactory
from tests.test_translatable_fields import own_fields, rules

pytestmark = pytest.mark.django_db


def old(months, days=1):
    return months_ago(months) - datetime.timedelta(days=days)


def test_old_proposals_are_anonymised_keeping_what_they_were_about(form_page, settings):
    settings.PROPOSALS_RETENTION_MONTHS = 24
    ancient = ProposalFactory(page=form_page, submit_time=old(24), status=Proposal.Status.DECLINED)
    recent = ProposalFactory(page=form_page, submit_time=old(23))
    out = StringIO()
    call_command("purge_proposals", stdout=out)
    assert "1 proposal(s)" in out.getvalue()

    ancient.refresh_from_db()
    assert ancient.form_data == {"category": "Laboratori", "language": "it"}
    assert ancient.anonymised_at is not None
    assert ancient.status == Proposal.Status.DECLINED
    recent.refresh_from_db()
    assert recent.form_data["name"]

    out = StringIO()
    call_command("purge_proposals", stdout=out)
    assert "0 proposal(s)" in out.getvalue()


def test_months_option_dry_run_and_delete(form_page):
    ProposalFactory(page=form_page, submit_time=old(6))
    ProposalFactory(page=form_page, submit_time=old(1, days=-3))
    out = StringIO()
    call_command("purge_proposals", "--months", "3", "--dry-run", stdout=out)
    assert "1 proposal(s)" in out.getvalue() and "would be deleted" not in out.getvalue()
    assert Proposal.objects.filter(anonymised_at__isnull=True).count() == 2
    call_command("purge_proposals", "--months", "3", "--delete", stdout=StringIO())
    assert Proposal.objects.count() == 1


def test_months_ago_keeps_to_the_calendar():
    now = datetime.datetime(2026, 3, 31, 12, tzinfo=datetime.UTC)
    assert months_ago(1, now) == datetime.datetime(2026, 2, 28, 12, tzinfo=datetime.UTC)
    assert months_ago(24, now) == datetime.datetime(2024, 3, 31, 12, tzinfo=datetime.UTC)


def test_the_api_exposes_the_forms_public_texts_only(client, form_page):
    names = {field.name for field in ProposalFormPage.api_fields}
    assert names == {"intro", "privacy_text", "thank_you_text", "fields_data"}
    ProposalFactory(page=form_page)
    response = client.get(f"/api/v2/pages/{form_page.id}/", {"fields": "*"})
    body = response.content.decode()
    for private in ("to_address", "from_address", "residente", "Residente", "manager"):
        assert private not in body, private


def test_a_proposal_names_nobody_in_the_admins_history(form_page):
    proposal = ProposalFactory(page=form_page, submit_time=timezone.now())
    assert proposal.form_data["name"] not in str(proposal)
    assert str(proposal.pk) in str(proposal)


@pytest.mark.parametrize("model", [ProposalFormPage, ProposalFormField], ids=lambda model: model.__name__)
def test_every_field_has_a_translation_rule(model):
    missing = own_fields(model) - set(rules(model))
    assert not missing, f"{model.__name__}: no translation rule for {sorted(missing)}"


def test_addresses_are_synchronised_and_texts_translated():
    from wagtail_localize.fields import SynchronizedField, TranslatableField

    found = rules(ProposalFormPage)
    assert all(
        isinstance(found[name], SynchronizedField) for name in ("to_address", "from_address", "subject")
    )
    assert all(type(found[name]) is TranslatableField for name in ("intro", "privacy_text", "thank_you_text"))
    assert type(rules(ProposalFormField)["label"]) is TranslatableField
    assert isinstance(rules(ProposalFormField)["clean_name"], SynchronizedField)


class ProposalFormPageRulesTests(WagtailPageTestCase):
    def test_one_form_in_each_district(self):
        self.assertAllowedParentPageTypes(ProposalFormPage, {DistrictPage})
        self.assertAllowedSubpageTypes(ProposalFormPage, set())
        self.assertEqual(ProposalFormPage.max_count_per_parent, 1)


def test_the_form_and_its_questions_can_be_translated(form_page, editorial):
    from wagtail_localize.models import StringSegment
    from wagtail_localize.operations import TranslationCreator

    ProposalFormField.objects.create(
        page=form_page, label="Quando sei libera?", field_type="singleline", locale=form_page.locale
    )
    form_page.save_revision().publish()
    TranslationCreator(user=None, target_locales=[editorial.en]).create_translations(form_page)
    strings = set(StringSegment.objects.values_list("string__data", flat=True))
    assert {"Quando sei libera?", form_page.privacy_text} <= strings
    assert form_page.to_address not in strings or not form_page.to_address
    english = ProposalFormPage.objects.get(locale=editorial.en)
    (question,) = english.form_fields.all()
    assert question.clean_name == "quando_sei_libera"
