"""Every answer of the API a test sees, checked against the OpenAPI document: the operation
its path and method name, the response its status names, the schema of that response
(closed objects: a field the document does not declare fails the test)."""

import re

from django.test.client import Client
from openapi_schema_validator import OAS30Validator

API_PREFIX = "/api/v2"
NOT_OPERATIONS = ("/api/v2/openapi.json", "/api/v2/docs/")


class OffTheContract(AssertionError):
    """An API answer the document does not describe."""


def operation_for(document, path, method):
    """(template, operation) of the document for a request path under /api/v2, or None."""
    relative = path[len(API_PREFIX) :]
    candidates = []
    for template, operations in document["paths"].items():
        pattern = "^" + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, relative) and method in operations:
            # A literal segment (`find/`) before a parameter (`{id}/`).
            candidates.append((template.count("{"), template, operations[method]))
    if not candidates:
        return None
    _params, template, operation = min(candidates)
    return template, operation


def check_answer(document, request_path, method, response):
    """Raise OffTheContract if `response` to `method request_path` breaks the document."""
    found = operation_for(document, request_path, method.lower())
    if found is None:
        return  # a path no operation names (a 404 of the URL router): not a contract answer
    template, operation = found
    status = str(response.status_code)
    described = operation["responses"].get(status) or operation["responses"].get("default")
    if described is None:
        raise OffTheContract(f"{method} {request_path} answered {status}, not documented for {template}")
    content = described.get("content")
    if not content:
        return
    if not response.get("Content-Type", "").startswith("application/json"):
        raise OffTheContract(f"{method} {request_path} answered {status} without JSON")
    if method.upper() == "HEAD":
        return
    schema = {"allOf": [content["application/json"]["schema"]], "components": document["components"]}
    validator = OAS30Validator(schema, format_checker=OAS30Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(response.json()), key=lambda error: list(error.absolute_path))
    if errors:
        errors = [leaf for error in errors for leaf in leaves(error)]
        details = "\n".join(
            f"  at {'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message[:300]}"
            for error in errors[:5]
        )
        raise OffTheContract(f"{method} {request_path} ({status}) breaks {template}:\n{details}")


def leaves(error):
    """The errors under a oneOf that name why the item's own type did not match (not the
    other types' `meta.type` enums)."""
    if not error.context:
        return [error]
    own = [
        leaf
        for sub in error.context
        for leaf in leaves(sub)
        if leaf.validator not in ("enum", "required") and "'type' was unexpected" not in leaf.message
    ]
    return own or [error]


def install(monkeypatch, build_document):
    """Check every API answer of Django's test client (and its subclasses) in this test."""
    original = Client.request
    cache = {}

    def request(self, **request):
        response = original(self, **request)
        path = request.get("PATH_INFO", "")
        if path.startswith(API_PREFIX + "/") and not path.startswith(NOT_OPERATIONS):
            if "document" not in cache:
                cache["document"] = build_document()
            check_answer(cache["document"], path, request.get("REQUEST_METHOD", "GET"), response)
        return response

    monkeypatch.setattr(Client, "request", request)
