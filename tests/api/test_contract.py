"""The contract: the OpenAPI document is valid, and a property-based fuzzer (schemathesis)
finds no server error and no response that breaks it, over a small portal."""

import re

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from portal.api.openapi import document

pytestmark = pytest.mark.django_db(transaction=False)


def test_the_document_is_served_and_valid(client, home):
    response = client.get("/api/v2/openapi.json")
    assert response.status_code == 200
    served = response.json()
    validate(served)
    assert set(served["paths"]) == router_paths()


def router_paths():
    """The paths of every endpoint registered in the API router, as the document names them."""
    from portal.api.router import api_router

    paths = set()
    for name, viewset in api_router._endpoints.items():
        for pattern in viewset.get_urlpatterns():
            route = str(pattern.pattern).replace("<int:pk>", "{id}")
            route = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
            paths.add(f"/{name}/{route}")
    return paths


def test_the_fuzzer_finds_no_server_error_and_no_response_off_the_contract(portal, live_wsgi_app):
    schema = schemathesis.openapi.from_dict(document())
    schema.app = live_wsgi_app
    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]
    failures = []
    statuses = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=30,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            response = case.call()
            statuses.append(response.status_code)
            case.validate_response(response, checks=checks)

        try:
            given(operation.as_strategy())(run)()
        except Exception as error:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)
    # Every operation was exercised, with valid and rejected inputs alike.
    assert len(statuses) >= 7 * 10 and {200, 400} <= set(statuses)


@pytest.fixture
def live_wsgi_app(settings):
    """Django's WSGI handler, without closing the test's database connection after each
    request (as Django's own test client does): on PostgreSQL that would end the test's
    transaction."""
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
