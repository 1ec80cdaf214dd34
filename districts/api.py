"""The districts in the headless API: district pages prepared in bulk (their house and Community
Manager come from the API's cached directory), the proposal forms' fields, and the one endpoint
that writes, `POST /api/v2/proposals/`, through which the app sends a resident's proposal.

The endpoint is the web form without the browser: the same form class (`ProposalForm`, with the
house's extra questions), the same honeypot, the same per-address limit and duplicate check
and the same background e-mail, all in `ProposalFormPage.receive`. What is its own is reading a
JSON body strictly (a wrong type, an unknown field, a body too large or not JSON is a 400, a
body that is not JSON at all a 415) and answering in JSON. It is for apps: no cookies, so no
session and no CSRF token (Django REST framework's views are CSRF-exempt; no authentication
class is installed, so a session cookie that comes along is never read).
"""

import secrets

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.urls import path
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from initiatives.api import prepare_taxonomy
from portal.core.api.preparation import preparer
from portal.core.api.strict import MAX_ID, Rejected, StrictAPIMixin, content_language_codes, read_json_object
from portal.core.visibility import without_restricted

from .forms import API_NAMES, FORM_NAMES, HONEYPOT_FIELD
from .models import DistrictPage, NewsPage, Proposal, ProposalFormPage
from .models.proposals import RATE_LIMITED_MESSAGE, Receipt
from .news import related_cards_for

# A proposal is at most 2,000 characters; with the extra questions, JSON escapes and four
# bytes a character, 64 KiB is room enough, and far less than Django's own ceiling.
MAX_BODY_BYTES = 64 * 1024
REFERENCE_LENGTH = 20


@preparer(DistrictPage)
def prepare_districts(pages, preparation):
    for page in pages:
        # The manager's photo URL is made absolute on the request's host (manager_data).
        page.api_request = preparation.request
    if not preparation.wants("house_data", "manager_data"):
        return
    directory = preparation.directory
    for page in pages:
        page.localized_house = directory.houses.localized(page.house_id, page.locale_id)
        page.localized_manager = directory.managers.localized(page.manager_id, page.locale_id)


@preparer(NewsPage)
def prepare_news(pages, preparation):
    """Category and audiences from the directory, the linked pages of every listed news item
    in a few queries (`related_cards_for`)."""
    for page in pages:
        page.api_request = preparation.request
    prepare_taxonomy(pages, preparation)
    if preparation.wants("related_data"):
        prefetch_related_objects(pages, "locale")
        cards = related_cards_for(pages, preparation.request)
        for page in pages:
            page.related = cards[page.pk]


@preparer(ProposalFormPage)
def prepare_proposal_forms(pages, preparation):
    """The extra questions of every listed form in one query (`fields_data`)."""
    if preparation.wants("fields_data"):
        prefetch_related_objects(pages, "form_fields")


def reference(proposal):
    """The proposal's public id: stable, and saying nothing of how many proposals there are."""
    if proposal is None:
        return secrets.token_hex(REFERENCE_LENGTH // 2)
    return salted_hmac("quartieri.proposal.reference", str(proposal.pk)).hexdigest()[:REFERENCE_LENGTH]


def expected_type(field_type):
    """(check, translated error) for a JSON value of a field of `ProposalForm.describe()`'s type."""
    if field_type == "boolean":
        return (lambda value: isinstance(value, bool)), _("Send true or false.")
    if field_type == "multiple_choice":
        return (lambda value: isinstance(value, list) and all(isinstance(item, str) for item in value)), _(
            "Send a list of texts."
        )
    if field_type == "number":
        return (lambda value: isinstance(value, (int, float, str)) and not isinstance(value, bool)), _(
            "Send a number."
        )
    return (lambda value: isinstance(value, str)), _("Send this answer as text.")


class ProposalsAPIViewSet(StrictAPIMixin, GenericViewSet):
    """`POST /api/v2/proposals/`: a resident's proposal sent from the app (see the module)."""

    name = "proposals"
    model = Proposal
    known_query_parameters = frozenset(["locale"])

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"post": "create"}), name="create")]

    def create(self, request):
        try:
            language = self.language(request)
        except Rejected as rejection:
            return self.answer(rejection.status, rejection.body)
        with translation.override(language):
            try:
                body = self.read_body(request)
                page = self.form_page(body)
                form = page.get_form(self.form_data(page, body), page=page)
            except Rejected as rejection:
                return self.answer(rejection.status, rejection.body, language)
            receipt = page.receive(request, form)
            return self.respond(page, form, receipt, language)

    # Reading the request

    def language(self, request):
        """`?locale=`, else the language of Accept-Language (LocaleMiddleware's choice)."""
        unknown = sorted(set(request.GET) - self.known_query_parameters)
        if unknown:
            raise Rejected(
                400, "query parameter is not an operation or a recognised field: " + ", ".join(unknown)
            )
        code = request.GET.get("locale")
        if code is None:
            return translation.get_language() or settings.LANGUAGE_CODE
        if code not in content_language_codes():
            raise Rejected(400, f"unknown locale '{code}': use one of {', '.join(content_language_codes())}")
        return code

    def read_body(self, request):
        return read_json_object(request, MAX_BODY_BYTES, "the proposal")

    def form_page(self, body):
        """The live, public proposal form named by `form` (its page id, in any language)."""
        form_id = body.get("form")
        if form_id is None:
            raise Rejected(
                400, _("Some answers need correcting."), {"form": [_("Say which proposal form this is for.")]}
            )
        if not isinstance(form_id, int) or isinstance(form_id, bool):
            raise Rejected(
                400, _("Some answers need correcting."), {"form": [_("Send the form's page id as a number.")]}
            )
        pages = without_restricted(ProposalFormPage.objects.live())
        page = pages.filter(pk=form_id).first() if 0 < form_id <= MAX_ID else None
        if page is not None and page.alias_of_id is not None:
            # A language's tree shows an untranslated form as an alias of the original, and the
            # API lists it under that alias's id: the answers go to the original form.
            page = pages.filter(pk=page.alias_of_id, alias_of__isnull=True).first()
        if page is None:
            raise Rejected(404, "no published proposal form has this id")
        return page

    def form_data(self, page, body):
        """The JSON answers as the form reads them; an unknown name or a wrong type is a 400.

        The fixed fields are members of the body, the house's extra questions members of its
        `extra` object (so the body's own members are a closed list).
        """
        described = page.get_form_class()(page=page).describe()
        fixed = {field["name"]: field["type"] for field in described if not field["extra"]}
        fixed[HONEYPOT_FIELD] = "text"
        extra = {field["name"]: field["type"] for field in described if field["extra"]}
        errors = {}
        answers = [(name, value, fixed) for name, value in body.items() if name not in ("form", "extra")]
        extra_answers = body.get("extra")
        if isinstance(extra_answers, dict):
            answers += [(name, value, extra) for name, value in extra_answers.items()]
        elif extra_answers is not None:
            errors["extra"] = [_("Send the answers to the extra questions as an object.")]
        data = {}
        for name, value, fields in answers:
            if name not in fields:
                errors[name] = [_("This form does not ask this.")]
                continue
            if value is None:
                continue
            check, message = expected_type(fields[name])
            if not check(value):
                errors[name] = [message]
                continue
            if fields[name] == "number" and not isinstance(value, str):
                value = str(value)
            data[FORM_NAMES.get(name, name)] = value
        if errors:
            raise Rejected(400, _("Some answers need correcting."), errors)
        return data

    # Answering

    def respond(self, page, form, receipt, language):
        if receipt.outcome == Receipt.LIMITED:
            response = self.answer(429, {"message": str(RATE_LIMITED_MESSAGE)}, language)
            response["Retry-After"] = str(receipt.retry_after)
            return response
        if receipt.outcome == Receipt.INVALID:
            errors = {
                API_NAMES.get(name, "non_field_errors" if name == "__all__" else name): texts
                for name, texts in form.errors.items()
            }
            rejection = Rejected(400, _("Some answers need correcting."), errors)
            return self.answer(400, rejection.body, language)
        if receipt.outcome == Receipt.NOT_SAVED:
            response = self.answer(
                503,
                {
                    "message": _(
                        "Your proposal could not be saved just now. Please send it again in a few moments."
                    )
                },
                language,
            )
            response["Retry-After"] = "30"
            return response
        # Saved, a repeat of the one just saved, or a robot's (answered alike: robots learn nothing).
        status = receipt.proposal.status if receipt.proposal is not None else Proposal.Status.RECEIVED
        return self.answer(
            201,
            {"id": reference(receipt.proposal), "status": str(status), "thank_you_text": page.thank_you_text},
            language,
        )

    @staticmethod
    def answer(status, body, language=None):
        response = Response(body, status=status)
        if language is not None:
            response["Content-Language"] = language
        return response

    # The contract (read by the OpenAPI document's generator)

    @classmethod
    def openapi_schemas(cls):
        return {
            "ProposalRequest": PROPOSAL_REQUEST,
            "ProposalCreated": PROPOSAL_CREATED,
            "ProposalErrors": PROPOSAL_ERRORS,
        }

    @classmethod
    def openapi_paths(cls):
        def error(description, schema="Error", headers=None):
            answer = {
                "description": description,
                "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
            }
            if headers:
                answer["headers"] = headers
            return answer

        retry_after = {
            "Retry-After": {
                "description": "Seconds to wait before sending again.",
                "schema": {"type": "integer"},
            }
        }
        return {
            "/proposals/": {
                "post": {
                    "operationId": "createProposal",
                    "summary": "Send a resident's proposal to a district's house",
                    "description": (
                        "The proposal form of a district (`form`: a `districts.ProposalFormPage` id, any "
                        "language) with the same fields, rules, privacy consent, honeypot and rate limit "
                        "as the web form. Field errors come in the language of `?locale=` or "
                        "`Accept-Language`. Never cached."
                    ),
                    "parameters": [
                        {
                            "name": "locale",
                            "in": "query",
                            "required": False,
                            "description": "The language of the messages (else Accept-Language).",
                            "schema": {
                                "type": "string",
                                "enum": [code for code, _name in settings.LANGUAGES],
                            },
                        }
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/ProposalRequest"}}
                        },
                    },
                    "responses": {
                        "201": {
                            "description": "Received; the Community Manager is told by e-mail.",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/ProposalCreated"},
                                    "example": {
                                        "id": "3f9c0a7be41d52e8a6c1",
                                        "status": "received",
                                        "thank_you_text": "<p>Grazie! Ti rispondiamo presto.</p>",
                                    },
                                }
                            },
                        },
                        "400": error(
                            "Not JSON, too large, or answers to correct (`errors`).", "ProposalErrors"
                        ),
                        "404": error("No live, public proposal form has this id."),
                        "415": error("The body is not sent as application/json in UTF-8."),
                        "429": error(
                            "Too many proposals from this address: wait `Retry-After`.", headers=retry_after
                        ),
                        "503": error(
                            "Not saved just now: send it again after `Retry-After`.", headers=retry_after
                        ),
                    },
                }
            }
        }


PROPOSAL_REQUEST = {
    "type": "object",
    "description": (
        "A proposal. The fields are those of the form page's `fields_data` (its extra questions "
        "included, by their `name`); `website` is the honeypot and must be left out or empty."
    ),
    "properties": {
        "form": {"type": "integer", "description": "The id of the district's ProposalFormPage."},
        "name": {"type": "string", "maxLength": 100},
        "email": {"type": "string", "format": "email"},
        "phone": {"type": "string", "maxLength": 30},
        "proposal": {"type": "string", "minLength": 20, "maxLength": 2000},
        "category": {"type": "string", "description": "A category slug, or empty."},
        "language": {"type": "string", "enum": [code for code, _name in settings.LANGUAGES]},
        "publish_consent": {"type": "boolean"},
        "privacy_accepted": {
            "type": "boolean",
            "enum": [True],
            "description": "The privacy notice accepted.",
        },
        "website": {"type": "string", "maxLength": 0, "description": "The honeypot: leave it out."},
        "extra": {
            "type": "object",
            "description": (
                "Answers to the house's extra questions (`fields_data` items with `extra: true`), "
                "by `name`: text, a number, true/false or a list of texts as their `type` says."
            ),
            # The questions are each form page's own; the server answers 400 for one it does not ask.
            "additionalProperties": {
                "oneOf": [
                    {"type": "string"},
                    {"type": "number"},
                    {"type": "boolean"},
                    {"type": "array", "items": {"type": "string"}},
                ]
            },
        },
    },
    "required": ["form", "name", "proposal", "language", "privacy_accepted"],
    "additionalProperties": False,
}
PROPOSAL_CREATED = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "description": "The proposal's public id (opaque)."},
        "status": {"type": "string", "enum": [value for value, _label in Proposal.Status.choices]},
        "thank_you_text": {"type": "string", "description": "The form page's thank-you message."},
    },
    "required": ["id", "status", "thank_you_text"],
    "additionalProperties": False,
}
PROPOSAL_ERRORS = {
    "type": "object",
    "description": "The Error schema with, for answers to correct, the messages of each field.",
    "properties": {
        "message": {"type": "string"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["message"],
    "additionalProperties": False,
}
