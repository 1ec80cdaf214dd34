"""The schema pieces every part of the document shares: primitives, the error answer, images,
streams, page links and the page meta fields Wagtail and the portal add."""

from django.conf import settings

STRING = {"type": "string"}
INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}
NUMBER = {"type": "number"}
URL = {"type": "string", "format": "uri"}
DATETIME = {"type": "string", "format": "date-time"}
DATE = {"type": "string", "format": "date"}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


NULL = {"type": "object", "nullable": True, "enum": [None], "description": "null"}


def nullable(schema):
    """`schema` or null. A reference is wrapped (OpenAPI 3.0 ignores siblings of $ref, and
    `nullable` next to `allOf` lets no null through validators): `anyOf` of it and null."""
    if "$ref" in schema:
        return {"anyOf": [schema, NULL]}
    return {**schema, "nullable": True}


def normalized(schema):
    """`schema` with every `{"allOf": [one schema], "nullable": true}` (as declarations write a
    nullable reference) turned into the form validators understand (`nullable`)."""
    if isinstance(schema, list):
        return [normalized(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result = {key: normalized(value) for key, value in schema.items()}
    if result.get("nullable") and "type" not in result and len(result.get("allOf", ())) == 1:
        inner = result.pop("allOf")[0]
        result.pop("nullable")
        result["anyOf"] = [inner, NULL]
    return result


def obj(properties, required=(), description=None):
    """A closed object: every answer the tests see is checked with additionalProperties false."""
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    if description:
        schema["description"] = description
    return schema


def languages():
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def common_schemas():
    """Components referenced from the field declarations of the apps and from the document."""
    rendition = obj(
        {"url": URL, "width": INTEGER, "height": INTEGER},
        ["url", "width", "height"],
        "A fixed rendition of an image; the URL is absolute.",
    )
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
        ["id", "title", "alt", "width", "height", "thumbnail", "large"],
        "An image as an app shows it: alt text, a 400×300 thumbnail and a 1200 wide picture "
        "(null if the file is missing).",
    )
    stream = {
        "type": "array",
        "description": "A StreamField: blocks in order; rich text blocks are HTML with absolute links.",
        "items": obj(
            {
                "type": STRING,
                "value": {"description": "The block's value; its shape depends on type."},
                "id": STRING,
            },
            ["type", "value"],
        ),
    }
    translation = obj(
        {"id": INTEGER, "locale": {"type": "string", "enum": languages()}, "detail_url": URL},
        ["id", "locale", "detail_url"],
        "Another public translation of the page.",
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
        "Where it happens.",
    )
    error = obj(
        {"message": {"type": "string", "description": "What was wrong, in English, for the developer."}},
        ["message"],
        "Every bad input (400), unknown id or path (404) and unavailability (503).",
    )
    return {
        "Error": error,
        "Rendition": rendition,
        "Image": image,
        "Stream": stream,
        "Translation": translation,
        "Venue": venue,
    }


def page_link_schema(page_types):
    """A page named inside another's meta (parent, alias_of): the nested default fields."""
    return obj(
        {
            "id": INTEGER,
            "meta": obj(
                {
                    "type": {"type": "string", "enum": page_types},
                    "detail_url": URL,
                    "html_url": nullable(URL),
                },
                ["type", "detail_url", "html_url"],
            ),
            "title": STRING,
        },
        ["id", "meta", "title"],
        "A page named in another page's meta.",
    )


# The schema of each meta field a page endpoint may show (PagesAPIViewSet.meta_fields); a meta
# field missing here and in the model's `api_field_schemas` stops the document being built.
PAGE_META_SCHEMAS = {
    "type": {"type": "string", "description": "The page type, `app.Model`: names the item's schema."},
    "detail_url": {**URL, "description": "This page in the API."},
    "html_url": {**nullable(URL), "description": "The page on the site."},
    "slug": STRING,
    "show_in_menus": BOOLEAN,
    "seo_title": STRING,
    "search_description": STRING,
    "first_published_at": nullable(DATETIME),
    "alias_of": {**nullable(ref("PageLink")), "description": "The page this one is an alias of."},
    "parent": {**nullable(ref("PageLink")), "description": "The parent page if public (detail only)."},
    "locale": {"type": "string", "enum": None},  # filled with the content languages
    "translations": {"type": "array", "items": ref("Translation")},
}

# The same for the images and documents endpoints (their body and meta fields).
FILE_FIELD_SCHEMAS = {
    "id": INTEGER,
    "title": STRING,
    "width": INTEGER,
    "height": INTEGER,
    "alt": STRING,
    "thumbnail": nullable(ref("Rendition")),
    "large": nullable(ref("Rendition")),
}
FILE_META_SCHEMAS = {
    "type": STRING,
    "detail_url": URL,
    "tags": {"type": "array", "items": STRING},
    "download_url": STRING,
}
