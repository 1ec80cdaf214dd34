"""The OpenAPI document is generated from the declarations the serializers use, so it cannot
drift: an API field without a schema stops it, its per-type properties are exactly the fields
the API answers, its examples follow its schemas, and its reference page is served."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from openapi_schema_validator import OAS30Validator
from wagtail.api import APIField

from initiatives.models import EventPage
from portal.api.openapi import document
from portal.api.openapi.document import API_VERSION
from portal.api.openapi.fields import UndeclaredField

pytestmark = pytest.mark.django_db


def test_an_api_field_without_a_schema_stops_the_document(monkeypatch):
    monkeypatch.setattr(EventPage, "api_fields", [*EventPage.api_fields, APIField("is_past")])
    with pytest.raises(UndeclaredField, match="is_past"):
        document()


def test_a_declared_schema_is_used_and_a_subclass_extends_its_parents(monkeypatch):
    monkeypatch.setattr(EventPage, "api_fields", [*EventPage.api_fields, APIField("is_past")])
    monkeypatch.setattr(
        EventPage, "api_field_schemas", {**EventPage.api_field_schemas, "is_past": {"type": "boolean"}}
    )
    properties = document()["components"]["schemas"]["EventPage"]["properties"]
    assert properties["is_past"] == {"type": "boolean"}
    assert properties["next_dates"]["type"] == "array"  # declared on ActivityPage


def test_the_proposal_form_texts_and_comma_separated_types_are_documented():
    served = document()
    assert {"intro", "privacy_text", "thank_you_text"} <= set(
        served["components"]["schemas"]["ProposalFormPage"]["properties"]
    )
    parameters = {p["name"]: p for p in served["paths"]["/pages/"]["get"]["parameters"]}
    pattern = parameters["type"]["schema"]["pattern"]
    assert re.match(pattern, "initiatives.EventPage,districts.DistrictPage")
    assert not re.match(pattern, "initiatives.Nothing")
    assert {"site", "slug", "start", "population"} <= set(parameters)
    assert "/pages/find/" in served["paths"]


def test_each_type_schema_has_exactly_the_fields_the_api_answers(client, portal):
    schemas = document()["components"]["schemas"]
    pages = [portal.district, portal.initiative, portal.pictured, portal.district.get_parent()]
    for page in pages:
        answer = client.get(f"/api/v2/pages/{page.pk}/").json()
        schema = schemas[type(page.specific).__name__]
        assert set(answer) == set(schema["properties"]), type(page.specific)
        assert set(answer["meta"]) == set(schema["properties"]["meta"]["properties"])


def test_the_manager_photo_url_is_absolute(client, portal):
    answer = client.get(f"/api/v2/pages/{portal.district.pk}/?fields=manager_data").json()
    assert answer["manager_data"]["photo"]["url"].startswith("http://testserver/media/")


def test_every_example_follows_its_schema():
    served = document()
    for path, operations in served["paths"].items():
        for operation in operations.values():
            for status, response in operation["responses"].items():
                for content in response.get("content", {}).values():
                    schema = {"allOf": [content["schema"]], "components": served["components"]}
                    errors = list(OAS30Validator(schema).iter_errors(content["example"]))
                    assert not errors, (path, status, [error.message for error in errors])


def test_a_response_off_the_contract_fails_the_test(client, portal, monkeypatch):
    from tests.support import contract

    monkeypatch.setattr(
        EventPage, "api_field_schemas", {**EventPage.api_field_schemas, "next_dates": {"type": "string"}}
    )
    with pytest.raises(contract.OffTheContract, match="next_dates"):
        client.get(f"/api/v2/pages/{portal.weekly.pk}/")


def test_the_reference_page_and_its_files_are_served(client, home):
    response = client.get("/api/v2/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html and "style=" not in html  # nothing the CSP would block
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert any("swagger-ui-bundle" in asset for asset in assets)
    assert any("api-docs" in asset for asset in assets)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


def test_the_version_is_the_newest_in_the_api_changelog(client, home):
    """docs/API-CHANGELOG.md names the contract's changes by the document's version: a new
    version without its entry (or an entry without the version) fails here."""
    changelog = (Path(settings.BASE_DIR) / "docs" / "API-CHANGELOG.md").read_text()
    newest = re.search(r"^## (\d+\.\d+\.\d+) — ", changelog, re.MULTILINE).group(1)
    served = client.get("/api/v2/openapi.json").json()
    assert served["info"]["version"] == newest == API_VERSION
    assert API_VERSION.startswith("2."), "a new major version is a new path (/api/v3/), see docs/API.md"
