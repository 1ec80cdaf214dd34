"""The demo's people and proposal forms (development only), created once and never reset."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory

from districts.models import Proposal, ProposalFormPage

pytestmark = pytest.mark.django_db


def run(**options):
    out = StringIO()
    call_command("load_editorial_demo", stdout=out, **options)
    return out.getvalue()


def groups_of(username):
    user = get_user_model().objects.get(username=username)
    return set(user.groups.values_list("name", flat=True))


def sign_in(username, password):
    """authenticate() as a login form calls it: with the request (sign-in throttling needs it)."""
    return authenticate(RequestFactory().post("/admin/login/"), username=username, password=password)


def test_demo_users_with_the_password_from_the_environment(editorial, monkeypatch):
    monkeypatch.setenv("DEMO_USERS_PASSWORD", "Bagni-Pubblici-di-via-Aglie-9")
    output = run()
    assert "Bagni-Pubblici" not in output
    assert "sara / the password in DEMO_USERS_PASSWORD" in output
    assert groups_of("sara") == {"San Salvario Community Managers"}  # Barriera is not in this tree
    assert groups_of("imma") == {"Mirafiori Sud Community Managers"}
    assert groups_of("editor_sansalvario") == {"San Salvario editors"}
    assert sign_in("editor_mirafiori", "Bagni-Pubblici-di-via-Aglie-9")


def test_generated_passwords_are_shown_once_and_never_reset(editorial, monkeypatch):
    monkeypatch.delenv("DEMO_USERS_PASSWORD", raising=False)
    output = run()
    line = next(line for line in output.splitlines() if line.startswith("Demo login: imma / "))
    password = line.removeprefix("Demo login: imma / ").split()[0]
    assert sign_in("imma", password)

    forms = ProposalFormPage.objects.count()
    proposals = Proposal.objects.count()
    again = run()
    assert "Demo login" not in again
    assert "already complete" in again
    assert sign_in("imma", password)
    assert (ProposalFormPage.objects.count(), Proposal.objects.count()) == (forms, proposals)


def test_each_district_gets_a_live_form_and_a_few_invented_proposals(editorial, monkeypatch):
    monkeypatch.delenv("DEMO_USERS_PASSWORD", raising=False)
    run()
    form = ProposalFormPage.objects.child_of(editorial.ss).get()
    assert form.live
    assert form.recipients() == [editorial.ss.manager.email]
    assert Proposal.objects.filter(page=form, status=Proposal.Status.RECEIVED).exists()


@pytest.mark.parametrize("password", ["password123", "short"])
def test_a_weak_or_well_known_password_is_refused(editorial, monkeypatch, password):
    monkeypatch.setenv("DEMO_USERS_PASSWORD", password)
    with pytest.raises(CommandError, match="DEMO_USERS_PASSWORD"):
        run()
    assert not get_user_model().objects.filter(username="sara").exists()
