"""`/api/v2/deleted/?since=`: what left the public's view after a moment, for apps that keep
the API's content offline (portal/core/sync.py says how the tombstones are written)."""

import datetime

from django.conf import settings
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet
from wagtail.api.v2.utils import BadRequestError

from portal.core.api.strict import MAX_OFFSET, StrictAPIMixin, parse_count
from portal.core.models import SyncRecord
from portal.core.sync import parse_since, tombstone_days

ISO_DATE_TIME = {"type": "string", "format": "date-time"}
SINCE_PARAMETER_DESCRIPTION = (
    "An ISO 8601 date-time with its offset (Z or +01:00): only what changed after it. Older than "
    "API_TOMBSTONE_DAYS (90 days by default): 410, sync in full."
)


def updated_since_parameter():
    """The `updated_since` parameter of the listings, for their `openapi_parameters`."""
    return {
        "name": "updated_since",
        "in": "query",
        "required": False,
        "description": "Only what changed after this moment, for offline sync (see /api/v2/deleted/). "
        + SINCE_PARAMETER_DESCRIPTION,
        "schema": ISO_DATE_TIME,
        "example": "2026-12-01T08:00:00+01:00",
        # The generator (portal/api/openapi/) adds this answer to each listing that takes it.
        "x-responses": {"410": gone_answer()},
    }


def gone_answer():
    return {
        "description": "Older than the tombstones kept (API_TOMBSTONE_DAYS): sync in full.",
        "content": {
            "application/json": {
                "schema": {"$ref": "#/components/schemas/Error"},
                "example": {"message": "updated_since is older than 90 days: sync again in full."},
            }
        },
    }


def updated_since(request):
    """The listing's `?updated_since=` as an aware datetime, or None; 400 if malformed, 410
    (`GoneError`, answered by `StrictAPIMixin`) if too old."""
    value = request.GET.get("updated_since")
    return None if value is None else parse_since(value, "updated_since")


class DeletedAPIViewSet(StrictAPIMixin, GenericViewSet):
    """Tombstones: pages, images and documents gone from the public's view, and the events and
    initiatives whose occurrences an app must replace, after `since`, oldest first."""

    name = "deleted"
    model = SyncRecord
    known_query_parameters = frozenset(["since", "type", "limit", "offset"])
    default_limit = 100
    max_limit = 500
    types = [SyncRecord.PAGE, SyncRecord.IMAGE, SyncRecord.DOCUMENT, SyncRecord.OCCURRENCE_SOURCE]

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]

    def listing_view(self, request):
        unknown = set(request.GET) - self.known_query_parameters
        if unknown:
            raise BadRequestError(
                "query parameter is not an operation or a recognised field: " + ", ".join(sorted(unknown))
            )
        if "since" not in request.GET:
            raise BadRequestError(_("since is required: the moment of your last sync (meta.next_since)"))
        now = timezone.now()
        since = parse_since(request.GET["since"], "since")
        wanted = request.GET.get("type")
        if wanted is not None and wanted not in self.types:
            raise BadRequestError(_("type must be one of %(types)s") % {"types": ", ".join(self.types)})
        limit = parse_count(request.GET, "limit", self.default_limit, self.max_limit)
        offset = parse_count(request.GET, "offset", 0, MAX_OFFSET)
        records = SyncRecord.objects.filter(at__gt=since).filter(
            change=SyncRecord.GONE
        ) | SyncRecord.objects.filter(at__gt=since, object_type=SyncRecord.OCCURRENCE_SOURCE)
        if wanted is not None:
            records = records.filter(object_type=wanted)
        records = records.order_by("at", "pk")
        total = records.count()
        items = [
            {
                "type": item.object_type,
                "id": item.object_id,
                "translation_key": str(item.translation_key) if item.translation_key else None,
                "locale": item.locale or None,
                "at": item.at.isoformat(),
            }
            for item in records[offset : offset + limit]
        ]
        # Answers may be kept by caches for API_CACHE_SECONDS: the next sync asks again for them.
        next_since = now - datetime.timedelta(seconds=_cache_seconds())
        return Response(
            {
                "meta": {
                    "total_count": total,
                    "next_since": next_since.isoformat(),
                    "kept_days": tombstone_days(),
                },
                "items": items,
            }
        )

    @classmethod
    def openapi_schemas(cls):
        return {
            "Tombstone": {
                "type": "object",
                "description": "Something an app keeping content offline must drop: a page, image or "
                "document that left the public's view (unpublished, deleted, made private, moved under "
                "a restricted page, no longer used), or an event or initiative whose occurrences it "
                "must replace (occurrence-source: drop those with this event_id, then take "
                "/api/v2/occurrences/?updated_since=).",
                "properties": {
                    "type": {"type": "string", "enum": cls.types},
                    "id": {"type": "integer"},
                    "translation_key": {"type": "string", "format": "uuid", "nullable": True},
                    "locale": {"type": "string", "nullable": True},
                    "at": ISO_DATE_TIME,
                },
                "required": ["type", "id", "translation_key", "locale", "at"],
                "additionalProperties": False,
            },
            "TombstoneListing": {
                "type": "object",
                "properties": {
                    "meta": {
                        "type": "object",
                        "properties": {
                            "total_count": {"type": "integer"},
                            "next_since": {
                                **ISO_DATE_TIME,
                                "description": "The since of your next sync (and updated_since of the "
                                "listings); a little earlier than now, as answers may be kept by caches.",
                            },
                            "kept_days": {"type": "integer", "description": "How long tombstones are kept."},
                        },
                        "required": ["total_count", "next_since", "kept_days"],
                        "additionalProperties": False,
                    },
                    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Tombstone"}},
                },
                "required": ["meta", "items"],
                "additionalProperties": False,
            },
        }

    @classmethod
    def openapi_paths(cls):
        error = {
            "content": {
                "application/json": {
                    "schema": {"$ref": "#/components/schemas/Error"},
                    "example": {"message": "since must be an ISO 8601 date-time with its offset"},
                }
            }
        }
        return {
            "/deleted/": {
                "get": {
                    "operationId": "listDeleted",
                    "summary": "What left the public's view since a moment (offline sync)",
                    "description": "Call first when syncing; then the listings with updated_since. "
                    "See docs/API.md, Offline and sync.",
                    "parameters": [
                        {
                            "name": "since",
                            "in": "query",
                            "required": True,
                            "description": SINCE_PARAMETER_DESCRIPTION,
                            "schema": ISO_DATE_TIME,
                            "example": "2026-12-01T08:00:00+01:00",
                        },
                        {
                            "name": "type",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "enum": cls.types},
                        },
                        {
                            "name": "limit",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "integer", "minimum": 0, "maximum": cls.max_limit},
                        },
                        {
                            "name": "offset",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "integer", "minimum": 0},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "Tombstones, oldest first",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/TombstoneListing"},
                                    "example": {
                                        "meta": {
                                            "total_count": 1,
                                            "next_since": "2026-12-03T10:14:00+00:00",
                                            "kept_days": 90,
                                        },
                                        "items": [
                                            {
                                                "type": "page",
                                                "id": 58,
                                                "translation_key": "7a0c1e52-2f0b-4a43-9d55-3c1b0f6f2a11",
                                                "locale": "it",
                                                "at": "2026-12-03T09:00:12+00:00",
                                            }
                                        ],
                                    },
                                }
                            },
                        },
                        "400": {"description": "A bad parameter", **error},
                        "410": gone_answer(),
                    },
                }
            }
        }


def _cache_seconds():
    return getattr(settings, "API_CACHE_SECONDS", 60)
