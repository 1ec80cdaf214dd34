"""A resident sends a proposal: the public form, its errors, its protections and the e-mail."""

import logging

import pytest
from django.core import mail
from django.db import OperationalError
from django.test import Client

from districts.models import Proposal
from tests.factories import CategoryFactory
from tests.support.proposals import ANSWERS, IDEA, assert_received, with_overrides

pytestmark = pytest.mark.django_db


def valid_data(**overrides):
    return with_overrides({**ANSWERS, "consent": "on", "website": ""}, overrides)


@pytest.fixture
def url(form_page):
    return form_page.url


def test_the_form_is_accessible_and_works_without_javascript(client, url, form_page):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<label class="field__label" for="id_name">' in html
    assert 'aria-describedby="id_consent_helptext"' in html
    assert form_page.privacy_text in html
    assert html.count('class="field__required"') == 4  # name, proposal, language, consent
    assert 'type="tel"' in html
    assert "<script" not in html[html.find("<main") : html.find("</main>")]


def test_a_proposal_is_stored_mailed_to_the_manager_and_thanked(client, url, form_page, editorial):
    category = CategoryFactory(slug="courses", name="Corsi")
    response = client.post(url, valid_data(category=category.slug, publish_consent="on"))
    assert response.status_code == 302
    assert response["Location"].endswith("?sent=1")

    proposal, message = assert_received(form_page, editorial, category_name="Corsi")
    assert proposal.status == Proposal.Status.RECEIVED
    assert "San Salvario" in message.subject
    assert f"/admin/proposals/edit/{proposal.pk}/" in message.body

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert form_page.thank_you_text in thanks.content.decode()


def test_the_pages_own_address_wins_over_the_managers(client, form_page):
    form_page.to_address = "casa@example.org, sara@example.org"
    form_page.save_revision().publish()
    client.post(form_page.url, valid_data())
    assert mail.outbox[0].to == ["casa@example.org", "sara@example.org"]


def test_missing_and_malformed_answers_are_listed_and_linked(client, url):
    response = client.post(url, valid_data(name="", consent=None, email="amina@", proposal="Breve"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary" role="alert"' in html
    for field in ("name", "email", "proposal", "consent"):
        assert f'href="#id_{field}"' in html, field
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'aria-describedby="id_consent_helptext id_consent_error"' in html
    assert not Proposal.objects.exists()
    assert not mail.outbox


def test_errors_speak_the_readers_language(client, url):
    """Django's own messages come from its catalogues; here in Italian, the page's language."""
    response = client.post(url, valid_data(language="klingon"))
    assert response.status_code == 200
    assert "Scegli un&#x27;opzione valida" in response.content.decode()


def test_length_limits(client, url):
    response = client.post(url, valid_data(name="A" * 101, proposal="x" * 2001))
    errors = response.context["form"].errors
    assert set(errors) == {"name", "proposal"}
    assert not Proposal.objects.exists()


def test_a_phone_number_must_look_like_one(client, url):
    response = client.post(url, valid_data(phone="chiamami"))
    assert "phone" in response.context["form"].errors


def test_the_honeypot_catches_robots_without_telling_them(client, url):
    response = client.post(url, valid_data(website="https://spam.example"))
    assert response.status_code == 302
    assert not Proposal.objects.exists()
    assert not mail.outbox


def test_a_double_click_sends_the_proposal_once(client, url, django_capture_on_commit_callbacks):
    # The proposal is remembered when its transaction commits, which a test's never does.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, valid_data())
    client.post(url, valid_data())
    assert Proposal.objects.count() == 1


def test_a_retry_after_a_failed_save_is_saved_not_taken_for_a_double_click(
    url, monkeypatch, django_capture_on_commit_callbacks
):
    """The first save fails (a locked or unreachable database): the resident sees the form
    again with what they wrote and a message; sending it again stores it, once."""
    original_save = Proposal.save
    failures = []

    def save_failing_once(self, *args, **kwargs):
        if not failures:
            failures.append(self)
            raise OperationalError("database is locked")
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(Proposal, "save", save_failing_once)
    resident = Client(raise_request_exception=False)
    with django_capture_on_commit_callbacks(execute=True):
        first = resident.post(url, valid_data())
    assert failures
    assert first.status_code == 503
    html = first.content.decode()
    assert "error-summary" in html
    assert first.context["form"].non_field_errors()
    assert IDEA in html  # still in the form, nothing to type again
    assert not Proposal.objects.exists()
    assert not mail.outbox

    with django_capture_on_commit_callbacks(execute=True):
        again = resident.post(url, valid_data())
    assert again.status_code == 302
    assert Proposal.objects.count() == 1
    assert len(mail.outbox) == 1

    resident.post(url, valid_data())  # and a double click after that is still caught
    assert Proposal.objects.count() == 1


def test_one_address_sends_at_most_three_proposals_in_ten_minutes(url):
    resident = Client(REMOTE_ADDR="203.0.113.7")
    for number in range(3):
        assert resident.post(url, valid_data(proposal=f"{IDEA} ({number})")).status_code == 302
    response = resident.post(url, valid_data(proposal=f"{IDEA} (ancora)"))
    assert response.status_code == 429
    assert "error-summary" in response.content.decode()
    assert Proposal.objects.count() == 3

    neighbour = Client(REMOTE_ADDR="203.0.113.8")
    assert neighbour.post(url, valid_data(proposal=f"{IDEA} (vicino)")).status_code == 302


def test_a_forged_forwarded_for_does_not_escape_the_limit(url, settings):
    settings.PROPOSALS_RATE_LIMIT = 1
    first = Client(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert first.post(url, valid_data()).status_code == 302
    second = Client(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert second.post(url, valid_data(proposal=f"{IDEA}!")).status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_counts(url, settings):
    settings.PROPOSALS_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    assert (
        Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.1").post(url, valid_data()).status_code
        == 302
    )
    other = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="evil, 198.51.100.2")
    assert other.post(url, valid_data(proposal=f"{IDEA}!")).status_code == 302
    again = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="forged, 198.51.100.1")
    assert again.post(url, valid_data(proposal=f"{IDEA}?")).status_code == 429


def test_csrf_is_required(url):
    client = Client(enforce_csrf_checks=True)
    assert client.post(url, valid_data()).status_code == 403
    assert not Proposal.objects.exists()


def test_an_extra_question_of_the_house_is_asked_and_stored(client, form_page):
    from districts.models import ProposalFormField

    ProposalFormField.objects.create(
        page=form_page,
        label="Quando sei libera?",
        field_type="singleline",
        required=False,
        locale=form_page.locale,
    )
    html = client.get(form_page.url).content.decode()
    assert "Quando sei libera?" in html
    client.post(form_page.url, valid_data(quando_sei_libera="Il sabato"))
    assert Proposal.objects.get().form_data["quando_sei_libera"] == "Il sabato"
    assert "Quando sei libera?: Il sabato" in mail.outbox[0].body


def test_nothing_the_resident_wrote_reaches_the_logs(client, url, caplog, settings):
    settings.EMAIL_BACKEND = "tests.proposals.test_form.FailingBackend"
    with caplog.at_level(logging.DEBUG):
        response = client.post(url, valid_data())
    assert response.status_code == 302
    assert Proposal.objects.exists()  # kept even though the e-mail failed
    assert "Could not e-mail proposal" in caplog.text
    for private in ("Amina", "amina@example.org", "333 123 4567", "gruppo di lettura"):
        assert private not in caplog.text


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("SMTP server unreachable")


def test_an_expired_form_is_explained_in_the_readers_language(url, form_page):
    """Sent without the security cookie (expired, or cookies refused): a 403 that says what
    happened, in Italian, and leads back to the form; nothing is stored."""
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(url, valid_data())
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="it"' in html
    assert "Il modulo è scaduto" in html
    assert f'href="{url}"' in html
    assert "no-cache" in response["Cache-Control"]
    assert "CSRF" not in html
    assert not Proposal.objects.exists()
