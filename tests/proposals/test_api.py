"""A resident's proposal sent from the app: `POST /api/v2/proposals/`, the web form's rules in JSON.

Same fields, validation, consent, honeypot, rate limit (counters shared with the web form) and
background e-mail as tests/proposals/test_form.py; errors in the reader's language; every bad
request a JSON 400/404/415, never a 500; never cached, never a session's.
"""

import json

import pytest
from django.core import mail
from django.test import Client

from districts.models import Proposal, ProposalFormField
from tests.factories import CategoryFactory, UserFactory
from tests.proposals.test_form import valid_data as web_data
from tests.support.proposals import ANSWERS, IDEA, assert_received, with_overrides

pytestmark = pytest.mark.django_db

URL = "/api/v2/proposals/"


def proposal(form_page, **overrides):
    return with_overrides({"form": form_page.pk, **ANSWERS, "privacy_accepted": True}, overrides)


def send(client, body, path=URL, **headers):
    raw = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(path, raw, content_type=headers.pop("content_type", "application/json"), **headers)


def assert_error(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["message"], str) and body["message"]
    assert set(body) <= {"message", "errors"}
    assert "no-store" in response["Cache-Control"]
    return body


def test_a_proposal_is_stored_mailed_and_thanked_as_from_the_web_form(form_page, editorial):
    category = CategoryFactory(slug="courses", name="Corsi")
    app = Client(enforce_csrf_checks=True)  # no cookie, no token: an app
    response = send(app, proposal(form_page, category=category.slug, publish_consent=True))
    assert response.status_code == 201, response.content
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert set(body) == {"id", "status", "thank_you_text"}
    assert body["status"] == "received"
    assert body["thank_you_text"] == form_page.thank_you_text
    assert len(body["id"]) == 20 and str(Proposal.objects.get().pk) != body["id"]

    assert_received(form_page, editorial, category_name="Corsi")


def test_the_form_page_gives_the_app_its_texts_and_fields(client, form_page):
    ProposalFormField.objects.create(
        page=form_page,
        label="Quando sei libera?",
        field_type="dropdown",
        choices="Sabato\nDomenica",
        required=True,
        locale=form_page.locale,
    )
    response = client.get(f"/api/v2/pages/{form_page.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    body = response.json()
    assert body["privacy_text"] == form_page.privacy_text
    assert body["thank_you_text"] == form_page.thank_you_text
    fields = {field["name"]: field for field in body["fields_data"]}
    assert list(fields) == [
        "name",
        "email",
        "phone",
        "proposal",
        "category",
        "language",
        "quando_sei_libera",
        "publish_consent",
        "privacy_accepted",
    ]
    assert "website" not in fields
    assert fields["name"]["label"] == "Il tuo nome"  # the page's language, not the reader's
    assert fields["proposal"] | {"label": "", "help_text": ""} == {
        "name": "proposal",
        "extra": False,
        "type": "multiline",
        "label": "",
        "help_text": "",
        "required": True,
        "min_length": 20,
        "max_length": 2000,
        "choices": None,
    }
    assert fields["privacy_accepted"]["type"] == "boolean" and fields["privacy_accepted"]["required"]
    assert fields["privacy_accepted"]["help_text"] == form_page.privacy_text
    assert fields["quando_sei_libera"]["extra"] is True
    assert fields["quando_sei_libera"]["choices"] == [
        {"value": "Sabato", "label": "Sabato"},
        {"value": "Domenica", "label": "Domenica"},
    ]
    assert fields["phone"]["type"] == "phone"


def test_the_houses_extra_questions_are_answered_in_extra(client, form_page):
    ProposalFormField.objects.create(
        page=form_page,
        label="Quando sei libera?",
        field_type="singleline",
        required=True,
        locale=form_page.locale,
    )
    missing = assert_error(send(client, proposal(form_page)), 400)
    assert set(missing["errors"]) == {"quando_sei_libera"}
    response = send(client, proposal(form_page, extra={"quando_sei_libera": "Il sabato"}))
    assert response.status_code == 201
    assert Proposal.objects.get().form_data["quando_sei_libera"] == "Il sabato"
    assert "Quando sei libera?: Il sabato" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("language", "how", "name_error", "consent_error"),
    [
        ("it", "query", "Dicci come ti chiami: basta il nome.", "Spunta la casella"),
        ("ar", "header", "أخبرنا باسمك: يكفي الاسم الأول.", "ضع علامة"),
        ("en", "header", "Tell us your name: a first name is enough.", "Tick the box"),
    ],
)
def test_each_field_error_in_the_readers_language(
    client, form_page, language, how, name_error, consent_error
):
    body = proposal(
        form_page,
        name="",
        email="amina@",
        phone="chiamami",
        proposal="Breve",
        language="klingon",
        category="nowhere",
        privacy_accepted=False,
    )
    if how == "query":
        response = send(client, body, path=f"{URL}?locale={language}", HTTP_ACCEPT_LANGUAGE="en")
    else:
        response = send(client, body, HTTP_ACCEPT_LANGUAGE=language)
    answer = assert_error(response, 400)
    assert response["Content-Language"] == language
    errors = answer["errors"]
    assert set(errors) == {"name", "email", "phone", "proposal", "language", "category", "privacy_accepted"}
    assert errors["name"] == [name_error]
    assert errors["privacy_accepted"][0].startswith(consent_error)
    assert all(isinstance(text, str) and text for texts in errors.values() for text in texts)
    assert not Proposal.objects.exists()
    assert not mail.outbox


def test_the_italian_and_arabic_catalogues_answer_the_apps_own_messages(client, form_page):
    for language, expected in (("it", "Questo modulo non lo chiede."), ("ar", "هذا النموذج لا يطلب ذلك.")):
        answer = assert_error(send(client, proposal(form_page, age="12"), HTTP_ACCEPT_LANGUAGE=language), 400)
        assert answer["errors"] == {"age": [expected]}


@pytest.mark.parametrize("consent", [None, False, "true", 1])
def test_without_the_privacy_notice_accepted_nothing_is_received(client, form_page, consent):
    answer = assert_error(send(client, proposal(form_page, privacy_accepted=consent)), 400)
    assert list(answer["errors"]) == ["privacy_accepted"]
    assert not Proposal.objects.exists()


def test_the_honeypot_looks_like_success_as_on_the_web(client, form_page):
    response = send(client, proposal(form_page, website="https://spam.example"))
    assert response.status_code == 201
    assert set(response.json()) == {"id", "status", "thank_you_text"}
    assert not Proposal.objects.exists()
    assert not mail.outbox


def test_the_limit_is_shared_with_the_web_form_and_says_when_to_retry(form_page, settings):
    settings.PROPOSALS_RATE_LIMIT = 2
    resident = Client(REMOTE_ADDR="203.0.113.7")
    assert resident.post(form_page.url, web_data()).status_code == 302
    assert send(resident, proposal(form_page, proposal=f"{IDEA} (app)")).status_code == 201
    response = send(resident, proposal(form_page, proposal=f"{IDEA} (ancora)"), HTTP_ACCEPT_LANGUAGE="it")
    answer = assert_error(response, 429)
    assert answer["message"].startswith("Hai inviato diverse proposte")
    assert 1 <= int(response["Retry-After"]) <= settings.PROPOSALS_RATE_WINDOW
    assert resident.post(form_page.url, web_data(proposal=f"{IDEA}!")).status_code == 429
    assert Proposal.objects.count() == 2

    neighbour = Client(REMOTE_ADDR="203.0.113.8")
    assert send(neighbour, proposal(form_page, proposal=f"{IDEA} (vicino)")).status_code == 201


def test_a_second_send_of_the_same_proposal_is_stored_once(
    client, form_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = send(client, proposal(form_page))
    again = send(client, proposal(form_page))
    assert first.status_code == again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert Proposal.objects.count() == 1


@pytest.mark.parametrize(
    ("raw", "content_type", "status"),
    [
        ("name=Amina", "application/x-www-form-urlencoded", 415),
        ("{}", "text/plain", 415),
        ("{}", "application/json; charset=latin-1", 415),
        ("{not json", "application/json", 400),
        (b"\xff\xfe{}", "application/json", 400),
        ("[1, 2]", "application/json", 400),
        ('"proposal"', "application/json", 400),
        ("[" * 5000 + "]" * 5000, "application/json", 400),
        (" ", "application/json", 400),
        ("", "application/json", 415),  # no body: no Content-Type either
        (json.dumps({"form": 1, "proposal": "x" * 70_000}), "application/json", 400),
    ],
)
def test_bad_bodies_are_clear_json_errors(client, form_page, raw, content_type, status):
    assert_error(send(client, raw, content_type=content_type), status)
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"form": None}, "form"),
        ({"form": "5"}, "form"),
        ({"form": True}, "form"),
        ({"consent": True}, "consent"),
        ({"name": 5}, "name"),
        ({"name": ["Amina"]}, "name"),
        ({"extra": "sabato"}, "extra"),
        ({"extra": {"nobody_asked": "x"}}, "nobody_asked"),
        ({"website": 5}, "website"),
    ],
)
def test_unknown_fields_and_wrong_types_are_field_errors(client, form_page, change, field):
    body = proposal(form_page)
    body.update(change)
    body = {key: value for key, value in body.items() if value is not None}
    answer = assert_error(send(client, body), 400)
    assert field in answer["errors"]
    assert not Proposal.objects.exists()


def test_unknown_unpublished_and_private_forms_are_not_found(client, form_page, other_form_page):
    from wagtail.models import PageViewRestriction

    for form_id in (999_999, 0, -1, 10**30):
        assert_error(send(client, proposal(form_page, form=form_id)), 404)
    other_form_page.unpublish()
    assert_error(send(client, proposal(other_form_page)), 404)
    PageViewRestriction.objects.create(page=form_page, restriction_type="password", password="x")
    assert_error(send(client, proposal(form_page)), 404)
    assert not Proposal.objects.exists()


def test_bad_query_parameters_are_400(client, form_page):
    assert_error(send(client, proposal(form_page), path=f"{URL}?locale=klingon"), 400)
    assert_error(send(client, proposal(form_page), path=f"{URL}?format=api"), 400)


def test_only_post_is_answered(client):
    response = client.get(URL)
    assert response.status_code == 405
    assert response.json() == {"message": 'Metodo "GET" non consentito'}  # Django REST framework's words
    assert response["Allow"] == "POST, OPTIONS"


def test_a_session_is_never_used_nor_needed(form_page):
    """A signed-in editor's browser sends cookies but no CSRF token: received as anyone's."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(UserFactory(username="luca", is_superuser=True))
    response = send(browser, proposal(form_page))
    assert response.status_code == 201
    assert "Cookie" not in response.get("Vary", "")


def test_cors_preflight_offers_post_here_only(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example"]
    headers = {"HTTP_ORIGIN": "https://app.example", "HTTP_ACCESS_CONTROL_REQUEST_METHOD": "POST"}
    preflight = client.options(URL, **headers)
    assert preflight.status_code == 204
    assert "POST" in preflight["Access-Control-Allow-Methods"]
    assert "content-type" in preflight["Access-Control-Allow-Headers"]
    elsewhere = client.options("/api/v2/pages/", **headers)
    assert "POST" not in elsewhere["Access-Control-Allow-Methods"]
