"""The headless API's contract: an OpenAPI 3.0 document built in code, served at
`/api/v2/openapi.json`, validated and fuzzed against live responses by the test suite."""

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

PAGE_TYPES = [
    "home.HomePage",
    "districts.DistrictPage",
    "districts.ProposalFormPage",
    "initiatives.InitiativePage",
    "initiatives.EventPage",
    "initiatives.CalendarPage",
]


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema):
    return {**schema, "nullable": True}


def obj(properties, required=(), additional=False):
    schema = {"type": "object", "properties": properties, "additionalProperties": additional}
    if required:
        schema["required"] = list(required)
    return schema


STRING = {"type": "string"}
INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}
NUMBER = {"type": "number"}
URL = {"type": "string", "format": "uri"}
DATETIME = {"type": "string", "format": "date-time"}


def schemas():
    languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    rendition = obj({"url": URL, "width": INTEGER, "height": INTEGER}, ["url", "width", "height"])
    image = obj(
        {
            "id": INTEGER,
            "title": STRING,
            "alt": STRING,
            "width": INTEGER,
            "height": INTEGER,
            "thumbnail": nullable(ref("Rendition")),
            "large": nullable(ref("Rendition")),
            "detail_url": URL,
        },
        ["id", "alt", "thumbnail", "large"],
    )
    venue = obj(
        {
            "name": STRING,
            "address": STRING,
            "lat": nullable(NUMBER),
            "lon": nullable(NUMBER),
            "step_free": BOOLEAN,
        },
        ["name", "address", "lat", "lon"],
    )
    next_date = obj(
        {
            "start": DATETIME,
            "end": DATETIME,
            "all_day": BOOLEAN,
            "cancelled": BOOLEAN,
            "moved": BOOLEAN,
            "reason": STRING,
        },
        ["start", "end", "all_day", "cancelled", "reason"],
    )
    translation = obj(
        {"id": INTEGER, "locale": {"type": "string", "enum": languages}, "detail_url": URL},
        ["id", "locale", "detail_url"],
    )
    page_link = obj(
        {
            "id": INTEGER,
            "meta": obj({"type": STRING, "detail_url": URL, "html_url": nullable(URL)}, additional=True),
            "title": STRING,
        },
        ["id", "meta"],
        additional=True,
    )
    page_meta = obj(
        {
            "type": {"type": "string", "enum": PAGE_TYPES + ["wagtailcore.Page"]},
            "detail_url": URL,
            "html_url": nullable(URL),
            "slug": STRING,
            "show_in_menus": BOOLEAN,
            "seo_title": STRING,
            "search_description": STRING,
            "first_published_at": nullable(DATETIME),
            "alias_of": nullable(ref("PageLink")),
            "parent": nullable(ref("PageLink")),
            "locale": {"type": "string", "enum": languages},
            "translations": {"type": "array", "items": ref("Translation")},
        },
        additional=False,
    )
    stream = {"type": "array", "items": obj({"type": STRING, "value": {}, "id": STRING}, ["type", "value"])}
    opening = obj(
        {
            "weekday": {"type": "string", "enum": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]},
            "opens": {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"},
            "closes": {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"},
        },
        ["weekday", "opens", "closes"],
    )
    house = obj(
        {
            "id": INTEGER,
            "name": STRING,
            "address": STRING,
            "latitude": nullable(NUMBER),
            "longitude": nullable(NUMBER),
            "opening_hours": {"type": "array", "items": opening},
            "opening_notes": STRING,
            "phone": STRING,
            "email": STRING,
            "website": STRING,
            "step_free": BOOLEAN,
            "accessibility_notes": STRING,
        },
        ["id", "name", "address", "latitude", "longitude", "opening_hours"],
    )
    manager = obj(
        {
            "id": INTEGER,
            "name": STRING,
            "role": STRING,
            "bio": STRING,
            "email": STRING,
            "phone": STRING,
            "photo": nullable(rendition),
        },
        ["id", "name", "role", "photo"],
    )
    page = obj(
        {
            "id": INTEGER,
            "meta": ref("PageMeta"),
            "title": STRING,
            # Home, district and calendar pages
            "intro": STRING,
            "body": stream,
            "population": nullable(INTEGER),
            "hero_image": nullable(ref("Image")),
            "house_data": nullable(house),
            "manager_data": nullable(manager),
            # Initiatives and events
            "summary": STRING,
            "image": nullable(ref("Image")),
            "category_data": nullable(
                obj({"id": INTEGER, "slug": STRING, "name": STRING}, ["id", "slug", "name"])
            ),
            "audience_data": {
                "type": "array",
                "items": obj({"slug": STRING, "name": STRING}, ["slug", "name"]),
            },
            "language_codes": {"type": "array", "items": STRING},
            "venue_data": nullable(ref("Venue")),
            "is_free": BOOLEAN,
            "cost": STRING,
            "booking_info": STRING,
            "registration_url": STRING,
            "contact_email": STRING,
            "contact_phone": STRING,
            "next_dates": {"type": "array", "items": ref("NextDate")},
            "status": {"type": "string", "enum": ["active", "paused", "ended"]},
            "schedule_text": STRING,
            "schedule_rrule": {"type": "array", "items": STRING},
            "opens_at": nullable({"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]:[0-5][0-9]$"}),
            "closes_at": nullable({"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]:[0-5][0-9]$"}),
            "schedule_notes": STRING,
            "start": DATETIME,
            "end": DATETIME,
            "all_day": BOOLEAN,
            "recurrence_rules": {"type": "array", "items": STRING},
            "cancelled_dates": {
                "type": "array",
                "items": obj(
                    {"date": {"type": "string", "format": "date"}, "reason": STRING}, ["date", "reason"]
                ),
            },
        },
        ["id", "meta"],
        additional=True,  # proposal-form pages and future types add their own fields
    )
    occurrence = obj(
        {
            "event_id": INTEGER,
            "title": STRING,
            "locale": {"type": "string", "enum": languages},
            "start": DATETIME,
            "end": DATETIME,
            "all_day": BOOLEAN,
            "cancelled": BOOLEAN,
            "moved": BOOLEAN,
            "original_start": nullable(DATETIME),
            "reason": STRING,
            "venue": nullable(ref("Venue")),
            "district": nullable(
                obj({"id": INTEGER, "slug": STRING, "title": STRING}, ["id", "slug", "title"])
            ),
            "category": nullable(obj({"slug": STRING, "name": STRING}, ["slug", "name"])),
            "is_free": BOOLEAN,
            "html_url": nullable(URL),
            "detail_url": URL,
        },
        [
            "event_id",
            "title",
            "locale",
            "start",
            "end",
            "all_day",
            "cancelled",
            "reason",
            "venue",
            "district",
            "html_url",
            "detail_url",
        ],
    )
    file_meta = obj(
        {
            "type": STRING,
            "detail_url": URL,
            "tags": {"type": "array", "items": STRING},
            "download_url": STRING,
        },
        additional=False,
    )
    image_item = obj(
        {
            "id": INTEGER,
            "meta": file_meta,
            "title": STRING,
            "width": INTEGER,
            "height": INTEGER,
            "alt": STRING,
            "thumbnail": nullable(ref("Rendition")),
            "large": nullable(ref("Rendition")),
        },
        ["id", "meta"],
    )
    document_item = obj({"id": INTEGER, "meta": file_meta, "title": STRING}, ["id", "meta"])

    def listing(item):
        return obj(
            {
                "meta": obj({"total_count": {"type": "integer", "minimum": 0}}, ["total_count"]),
                "items": {"type": "array", "items": item},
            },
            ["meta", "items"],
        )

    return {
        "Error": obj({"message": STRING}, ["message"]),
        "Rendition": rendition,
        "Image": image,
        "Venue": venue,
        "NextDate": next_date,
        "Translation": translation,
        "PageLink": page_link,
        "PageMeta": page_meta,
        "Page": page,
        "PageListing": listing(ref("Page")),
        "ImageItem": image_item,
        "ImageListing": listing(ref("ImageItem")),
        "DocumentItem": document_item,
        "DocumentListing": listing(ref("DocumentItem")),
        "Occurrence": occurrence,
        "OccurrenceListing": listing(ref("Occurrence")),
    }


def query(name, description, schema=None, **extra):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or STRING,
        **extra,
    }


PAGINATION = [
    query(
        "limit",
        "How many items (at most 100).",
        {"type": "integer", "minimum": 0, "maximum": 100, "default": 20},
    ),
    query(
        "offset",
        "How many items to skip.",
        {"type": "integer", "minimum": 0, "maximum": 999999999999999999, "default": 0},
    ),
]
FIELDS = query(
    "fields",
    "Fields to add to the defaults, comma-separated; `*` for all, `-name` to drop one, `_` for none. "
    "An unknown field is a 400.",
    {"type": "string", "pattern": r"^[-*_a-z(),]*$"},
    example="*",
)
ORDER = query(
    "order",
    "A database field to order by, `-` in front for descending, or `random`. Unknown: 400.",
    {"type": "string"},
    example="-first_published_at",
)
SEARCH = query("search", "Full-text search.", {"type": "string", "maxLength": 200})
SEARCH_OPERATOR = query(
    "search_operator", "How search words combine.", {"type": "string", "enum": ["and", "or"]}
)


def responses(schema, detail=False):
    headers = {
        "ETag": {"description": "Validator for conditional requests (If-None-Match).", "schema": STRING},
        "Cache-Control": {"description": "public, max-age=API_CACHE_SECONDS", "schema": STRING},
    }
    result = {
        "200": {
            "description": "OK",
            "headers": headers,
            "content": {"application/json": {"schema": ref(schema)}},
        },
        "304": {"description": "Not modified: the ETag given in If-None-Match still matches."},
        "400": {
            "description": "Bad input: unknown parameter, field, type or value.",
            "content": {"application/json": {"schema": ref("Error")}},
        },
    }
    if detail:
        result["404"] = {
            "description": "No such object.",
            "content": {"application/json": {"schema": ref("Error")}},
        }
    return result


def id_parameter():
    return {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}


def document():
    languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    locale = query("locale", "A content language; 400 for any other.", {"type": "string", "enum": languages})
    page_id = {"type": "string", "pattern": r"^([0-9]+|root)$"}
    pages_params = [
        query(
            "type",
            "Page type(s), `app.Model`, comma-separated; one type enables its fields and filters.",
            {"type": "string", "enum": PAGE_TYPES},
        ),
        FIELDS,
        locale,
        query("child_of", "Only children of this page id (or `root`).", page_id),
        query("descendant_of", "Only descendants of this page id (or `root`).", page_id),
        query("ancestor_of", "Only ancestors of this page id.", {"type": "string", "pattern": "^[0-9]+$"}),
        query("translation_of", "Only translations of this page id.", page_id),
        SEARCH,
        SEARCH_OPERATOR,
        ORDER,
        *PAGINATION,
    ]
    file_params = [FIELDS, SEARCH, SEARCH_OPERATOR, ORDER, *PAGINATION]
    date = {"type": "string", "format": "date"}
    occurrence_params = [
        query("start", "First day, YYYY-MM-DD (default: today in Turin).", date),
        query("end", "Last day, included (default: start + 30 days); at most 366 days after start.", date),
        query("district", "A district's id or slug (any language).", STRING, example="san-salvario"),
        query("category", "A category's slug or id.", STRING, example="courses"),
        query("audience", "An audience's slug or id.", STRING, example="families"),
        query("free", "Only free (true) or only paid (false) events.", BOOLEAN),
        query("step_free", "Only places with step-free access (true) or without (false).", BOOLEAN),
        query(
            "locale",
            "Language of titles, districts and categories (default: it); untranslated events "
            "come in Italian.",
            {"type": "string", "enum": languages},
        ),
        *PAGINATION,
    ]
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Quartieri API",
            "version": "2.0.0",
            "description": "Read-only JSON API of the Quartieri portal: pages (districts, initiatives, "
            "events) "
            "in every language, images, documents and dated occurrences. Every bad parameter answers 400 "
            'with {"message": …}; see docs/API.md.',
        },
        "servers": [{"url": "/api/v2"}],
        "paths": {
            "/pages/": {
                "get": {
                    "operationId": "listPages",
                    "summary": "Live, public pages",
                    "parameters": pages_params,
                    "responses": responses("PageListing"),
                }
            },
            "/pages/{id}/": {
                "get": {
                    "operationId": "getPage",
                    "summary": "One page with all its fields",
                    "parameters": [id_parameter(), FIELDS],
                    "responses": responses("Page", True),
                }
            },
            "/images/": {
                "get": {
                    "operationId": "listImages",
                    "summary": "Images used by public content",
                    "parameters": file_params,
                    "responses": responses("ImageListing"),
                }
            },
            "/images/{id}/": {
                "get": {
                    "operationId": "getImage",
                    "summary": "One image",
                    "parameters": [id_parameter(), FIELDS],
                    "responses": responses("ImageItem", True),
                }
            },
            "/documents/": {
                "get": {
                    "operationId": "listDocuments",
                    "summary": "Documents used by public content",
                    "parameters": file_params,
                    "responses": responses("DocumentListing"),
                }
            },
            "/documents/{id}/": {
                "get": {
                    "operationId": "getDocument",
                    "summary": "One document",
                    "parameters": [id_parameter(), FIELDS],
                    "responses": responses("DocumentItem", True),
                }
            },
            "/occurrences/": {
                "get": {
                    "operationId": "listOccurrences",
                    "summary": "Dated occurrences of events, ordered by start",
                    "parameters": occurrence_params,
                    "responses": responses("OccurrenceListing"),
                }
            },
        },
        "components": {"schemas": schemas()},
    }


@require_GET
@cache_control(public=True, max_age=3600)
def openapi_json(request):
    return JsonResponse(document())
