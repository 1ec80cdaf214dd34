"""The OpenAPI 3.0 document, assembled from the endpoints registered in the API router.

Nothing here is written twice: the page types and their fields come from the models
(pages.py, fields.py), the query parameters from each viewset's `known_query_parameters`
(a parameter without a description here stops the build) plus its `openapi_parameters`, and
endpoints of their own from a viewset's `openapi_paths()` / `openapi_schemas()` classmethods.
"""

from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage

from portal.api.router import api_router
from portal.core import upstream

from . import examples
from .occurrences import occurrence_parameters, occurrence_schemas
from .pages import field_filters, page_schemas, page_types
from .schemas import (
    FILE_FIELD_SCHEMAS,
    FILE_META_SCHEMAS,
    INTEGER,
    STRING,
    common_schemas,
    languages,
    normalized,
    obj,
    page_link_schema,
    ref,
)

# The contract's version: 2.MINOR.PATCH within /api/v2/, as docs/API.md promises; every change
# of it is in docs/API-CHANGELOG.md, whose newest entry names this version (tests check it).
API_VERSION = "2.3.0"


class UndocumentedParameter(Exception):
    """A known query parameter of an endpoint with no description in the document."""


class UndocumentedEndpoint(Exception):
    """An endpoint registered in the router that the document cannot describe."""


def query(name, description, schema=None, example=None, **extra):
    parameter = {"name": name, "in": "query", "required": False, "description": description}
    parameter["schema"] = schema or dict(STRING)
    if example is not None:
        parameter["example"] = example
    return {**parameter, **extra}


def shared_parameters():
    """{name: parameter} of the query parameters several endpoints know."""
    return {
        "limit": query(
            "limit",
            "How many items (at most 100).",
            {"type": "integer", "minimum": 0, "maximum": 100, "default": 20},
            20,
        ),
        "offset": query(
            "offset",
            "How many items to skip.",
            {"type": "integer", "minimum": 0, "maximum": 999999999999999999, "default": 0},
            40,
        ),
        "fields": query(
            "fields",
            "Fields to add to the defaults, comma-separated; `*` for all, `-name` to drop one, `_` for "
            "none. An unknown field is a 400.",
            {"type": "string", "pattern": r"^[-*_a-z(),]*$"},
            "*",
        ),
        "order": query(
            "order",
            "A database field to order by, `-` in front for descending, or `random`. Unknown: 400.",
            {"type": "string"},
            "-first_published_at",
        ),
        "search": query(
            "search", "Full-text search.", {"type": "string", "maxLength": 200}, "corso di italiano"
        ),
        "search_operator": query(
            "search_operator", "How search words combine.", {"type": "string", "enum": ["and", "or"]}, "and"
        ),
        "rich_text_format": query(
            "rich_text_format",
            "`html` (default) or `raw`: rich text as Wagtail stores it.",
            {"type": "string", "enum": ["html", "raw"]},
            "html",
        ),
        "_": query(
            "_",
            "Ignored: a cache buster some clients add.",
            {"type": "string", "maxLength": 40},
            "1733220000",
        ),
    }


def page_parameters():
    page_id = {"type": "string", "pattern": r"^([0-9]+|root)$"}
    return {
        "type": query(
            "type",
            "Page type(s), `app.Model`, comma-separated; one type enables its fields and field filters.",
            {
                "type": "string",
                "pattern": "^(" + "|".join(page_types()) + ")(,(" + "|".join(page_types()) + "))*$",
            },
            "initiatives.EventPage",
            explode=False,
        ),
        "locale": query(
            "locale", "A content language; 400 for any other.", {"type": "string", "enum": languages()}, "en"
        ),
        "child_of": query("child_of", "Only children of this page id (or `root`).", page_id, "49"),
        "descendant_of": query(
            "descendant_of", "Only descendants of this page id (or `root`).", page_id, "49"
        ),
        "ancestor_of": query(
            "ancestor_of", "Only ancestors of this page id.", {"type": "string", "pattern": "^[0-9]+$"}, "97"
        ),
        "translation_of": query("translation_of", "Only translations of this page id.", page_id, "9"),
        "site": query(
            "site",
            "Only the pages of the Site with this hostname (and `:port` if not 80); an unknown one "
            "lists nothing. Answers with `site` are not shared with other readers.",
            {"type": "string", "maxLength": 255},
            "quartieri.example",
        ),
    }


def parameters_for(viewset, own, detail=False):
    """The query parameters of a viewset's listing (or detail): its known parameters described
    here or declared by the viewset itself (`openapi_parameters`, listing only unless their
    `x-operations` names the detail)."""
    declared = {
        parameter["name"]: parameter
        for parameter in getattr(viewset, "openapi_parameters", ())
        if not detail or "detail" in parameter.get("x-operations", ("listing",))
    }
    known = set(viewset.known_query_parameters)
    if detail:
        known &= {"fields", "rich_text_format", "_", *declared}
    documented = {**shared_parameters(), **own, **declared}
    missing = sorted(known - set(documented))
    if missing:
        raise UndocumentedParameter(f"{viewset.__name__}: no description of {', '.join(missing)}")
    return [documented[name] for name in sorted(known | set(declared))]


def filter_parameters(filters, viewset_name):
    return [
        query(
            name,
            f"Only items whose `{name}` is this value (Wagtail's field filter); known with `type=` "
            f"one of: {', '.join(types)}."
            if viewset_name == "pages"
            else f"Only items whose `{name}` is this value.",
            schema,
        )
        for name, (schema, types) in sorted(filters.items())
    ]


def error(description, example):
    return {
        "description": description,
        "content": {"application/json": {"schema": ref("Error"), "example": example}},
    }


def responses(schema, *, with_404=False, ok=None):
    headers = {
        "ETag": {"description": "Validator for conditional requests (If-None-Match).", "schema": STRING},
        "Cache-Control": {
            "description": "public, max-age=API_CACHE_SECONDS (less if it changes sooner).",
            "schema": STRING,
        },
    }
    result = ok or {
        "200": {
            "description": "OK",
            "headers": headers,
            "content": {"application/json": {"schema": ref(schema), "example": examples.RESPONSES[schema]}},
        },
        "304": {"description": "Not modified: the ETag given in If-None-Match still matches; no body."},
    }
    result["400"] = error(
        "Bad input: unknown parameter, field, type or value, or one given twice.", examples.ERRORS["400"]
    )
    if with_404:
        result["404"] = error("No such object, or not public.", examples.ERRORS["404"])
    result["503"] = {
        **error("The database cannot be reached: keep what you have, retry later.", examples.ERRORS["503"]),
        "headers": {"Retry-After": {"description": "Seconds to wait.", "schema": INTEGER}},
    }
    return result


def id_parameter(example):
    return {
        "name": "id",
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 1},
        "example": example,
    }


def find_operation(prefix, operation_id, find_parameters):
    return {
        "get": {
            "operationId": operation_id,
            "summary": "Find one by a unique field, redirected to its detail",
            "description": "Answers 302 to the detail URL of the only match; 404 if there is none.",
            "parameters": find_parameters,
            "responses": responses(
                None,
                with_404=True,
                ok={
                    "302": {
                        "description": "Found: `Location` is its detail URL.",
                        "headers": {"Location": {"schema": {"type": "string", "format": "uri"}}},
                    }
                },
            ),
        }
    }


def pages_paths(name, viewset):
    """The listing, detail and find operations of a pages endpoint."""
    filters = filter_parameters(field_filters(viewset), name)
    find = [
        query(
            "html_path",
            "The page's path on the site.",
            {"type": "string", "maxLength": 255},
            "/it/san-salvario/",
        ),
        query("id", "The page's id.", {"type": "integer", "minimum": 1}, 49),
    ]
    return {
        f"/{name}/": {
            "get": {
                "operationId": "listPages",
                "summary": "Live, public pages",
                "description": "Without `type`, each item has the base page fields; with one type, its "
                "fields (`fields=`) and its field filters (`?type=initiatives.EventPage&slug=…`).",
                "parameters": parameters_for(viewset, page_parameters()) + filters,
                # 404: the page named by child_of, descendant_of, ancestor_of or translation_of.
                "responses": responses("PageListing", with_404=True),
            }
        },
        f"/{name}/{{id}}/": {
            "get": {
                "operationId": "getPage",
                "summary": "One page with all its fields",
                "description": "Every field of the page's type; `fields` narrows it.",
                "parameters": [id_parameter(49), *parameters_for(viewset, page_parameters(), detail=True)],
                "responses": responses("PageItem", with_404=True),
            }
        },
        f"/{name}/find/": find_operation(name, "findPage", find),
    }


def file_schemas(kind, viewset):
    """The item and listing schemas of an images or documents endpoint, from its fields."""
    model = viewset.model
    properties = {}
    for field in viewset.get_body_fields_names(model):
        if field not in FILE_FIELD_SCHEMAS:
            raise UndocumentedEndpoint(f"{viewset.__name__}: no schema for field {field!r}")
        properties[field] = FILE_FIELD_SCHEMAS[field]
    meta = {}
    for field in viewset.get_meta_fields_names(model):
        if field not in FILE_META_SCHEMAS:
            raise UndocumentedEndpoint(f"{viewset.__name__}: no schema for meta field {field!r}")
        meta[field] = FILE_META_SCHEMAS[field]
    item = obj(
        {**properties, "meta": obj(meta)},
        description=f"One {kind.lower()}; which fields depends on `fields`.",
    )
    return {f"{kind}Item": item, f"{kind}Listing": listing_schema(f"{kind}Item")}


def listing_schema(item):
    return obj(
        {
            "meta": obj({"total_count": {"type": "integer", "minimum": 0}}, ["total_count"]),
            "items": {"type": "array", "items": ref(item)},
        },
        ["meta", "items"],
    )


def files_paths(name, viewset, kind):
    filters = filter_parameters(
        {
            field: ({"type": "integer"} if field in ("id", "width", "height") else dict(STRING), [])
            for field in viewset.get_available_fields(viewset.model, db_fields_only=True)
        },
        name,
    )
    return {
        f"/{name}/": {
            "get": {
                "operationId": f"list{kind}s",
                "summary": f"{kind}s used by public content",
                "description": f"Only {kind.lower()}s that a live, public page uses.",
                "parameters": parameters_for(viewset, {}) + filters,
                "responses": responses(f"{kind}Listing"),
            }
        },
        f"/{name}/{{id}}/": {
            "get": {
                "operationId": f"get{kind}",
                "summary": f"One {kind.lower()}",
                "description": f"404 unless a live, public page uses the {kind.lower()}.",
                "parameters": [id_parameter(12), *parameters_for(viewset, {}, detail=True)],
                "responses": responses(f"{kind}Item", with_404=True),
            }
        },
        f"/{name}/find/": find_operation(
            name,
            f"find{kind}",
            [query("id", f"The {kind.lower()}'s id.", {"type": "integer", "minimum": 1}, 12)],
        ),
    }


def occurrences_paths(name, viewset):
    own = {
        key: query(key, description, schema, example)
        for key, (description, schema, example) in occurrence_parameters().items()
    }
    return {
        f"/{name}/": {
            "get": {
                "operationId": "listOccurrences",
                "summary": "Dated occurrences of events, ordered by start",
                "description": "From the occurrence table (yesterday to about 400 days ahead); cancelled "
                "dates stay, with `cancelled: true` and the reason.",
                "parameters": parameters_for(viewset, own),
                "responses": responses("OccurrenceListing"),
            }
        }
    }


def add_missing_examples(operation):
    """An example for each JSON answer a viewset declared without one: the example of its
    schema, or of an error with that status."""
    for status, answer in operation["responses"].items():
        for content in answer.get("content", {}).values():
            if "example" in content:
                continue
            name = content.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1]
            if name in examples.RESPONSES:
                content["example"] = examples.RESPONSES[name]
            elif name == "ProposalErrors":
                content["example"] = examples.ERRORS_WITH_FIELDS
            elif name == "Error":
                content["example"] = examples.ERRORS.get(status, {"message": "bad request"})


def endpoint_paths(name, viewset):
    """(paths, schemas) of one registered endpoint."""
    paths, schemas = {}, {}
    if issubclass(viewset, WagtailPagesAPIViewSet):
        paths.update(pages_paths(name, viewset))
        schemas.update(page_schemas(viewset))
        schemas["PageLink"] = page_link_schema(page_types())
        schemas["PageListing"] = listing_schema("PageItem")
    elif issubclass(viewset, BaseAPIViewSet) and issubclass(viewset.model, AbstractImage | AbstractDocument):
        kind = "Image" if issubclass(viewset.model, AbstractImage) else "Document"
        paths.update(files_paths(name, viewset, kind))
        schemas.update(file_schemas(kind, viewset))
    elif name == "occurrences":
        paths.update(occurrences_paths(name, viewset))
        schemas.update(occurrence_schemas())
        schemas["OccurrenceListing"] = listing_schema("Occurrence")
    if hasattr(viewset, "openapi_paths"):
        for path, operations in viewset.openapi_paths().items():
            paths.setdefault(path, {}).update(operations)
    if hasattr(viewset, "openapi_schemas"):
        schemas.update(viewset.openapi_schemas())
    for operations in paths.values():
        for operation in operations.values():
            add_missing_examples(operation)
            # A declared parameter may bring answers of its own (`updated_since`: 410).
            for parameter in operation.get("parameters", ()):
                for status, answer in parameter.get("x-responses", {}).items():
                    operation["responses"].setdefault(status, answer)
    if not paths:
        raise UndocumentedEndpoint(f"endpoint {name!r} ({viewset.__name__}) has no openapi_paths()")
    return paths, schemas


def document():
    paths = {}
    schemas = common_schemas()
    security_schemes = {}
    for name, viewset in upstream.api_endpoints(api_router).items():
        endpoint, endpoint_schemas = endpoint_paths(name, viewset)
        paths.update(endpoint)
        schemas.update(endpoint_schemas)
        # An endpoint with a credential of its own (the app's devices: `Authorization: Device`).
        if hasattr(viewset, "openapi_security_schemes"):
            security_schemes.update(viewset.openapi_security_schemes())
    components = {"schemas": normalized(schemas)}
    if security_schemes:
        components["securitySchemes"] = security_schemes
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Quartieri API",
            "version": API_VERSION,
            "description": "Read-only JSON API of the Quartieri portal: pages (districts, initiatives, "
            "events) in every language, images, documents and dated occurrences. Generated from the "
            "code that serves the answers. Every bad parameter answers 400 with "
            '{"message": …}, an unknown id 404, an unreachable database 503 with Retry-After; '
            "see docs/API.md.",
        },
        "servers": [{"url": "/api/v2"}],
        "paths": dict(sorted(paths.items())),
        "components": components,
    }
