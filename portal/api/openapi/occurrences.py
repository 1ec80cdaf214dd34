"""The occurrences endpoint in the document: its item and its query parameters."""

from .schemas import BOOLEAN, DATE, DATETIME, INTEGER, STRING, URL, languages, nullable, obj, ref


def occurrence_schemas():
    occurrence = obj(
        {
            "event_id": INTEGER,
            "title": STRING,
            "locale": {"type": "string", "enum": languages()},
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
        "One dated occurrence of an event; a cancelled one stays, with the message to residents.",
    )
    return {"Occurrence": occurrence}


def occurrence_parameters():
    """{name: (description, schema, example)} for each known query parameter but the pagination."""
    return {
        "start": ("First day, YYYY-MM-DD (default: today in Turin).", DATE, "2026-12-01"),
        "end": (
            "Last day, included (default: start + 30 days); at most 366 days after start.",
            DATE,
            "2026-12-31",
        ),
        "district": ("A district's id or slug (any language).", STRING, "san-salvario"),
        "category": ("A category's slug or id.", STRING, "courses"),
        "audience": ("An audience's slug or id.", STRING, "families"),
        "free": (
            "Only free (true) or only paid (false) events.",
            {"type": "string", "enum": ["true", "false", "1", "0"]},
            "true",
        ),
        "step_free": (
            "Only places with step-free access (true) or without (false).",
            {"type": "string", "enum": ["true", "false", "1", "0"]},
            "true",
        ),
        "locale": (
            "Language of titles, districts and categories (default: it); untranslated events "
            "come in Italian.",
            {"type": "string", "enum": languages()},
            "en",
        ),
    }
