"""`/api/v2/notices/`: the notices residents see now (or soon), for the app, read from the same
cached list as the pages (districts/notices.py), strict like the occurrences endpoint, and kept
by the page cache only until the nearest start or end among the notices it could list."""

import uuid

from django.urls import path
from django.utils import timezone, translation
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page

from initiatives.models import InitiativePage
from portal.core.absolute_urls import page_url
from portal.core.api.serializers import detail_url_maker
from portal.core.api.strict import MAX_OFFSET, StrictAPIMixin, content_language_codes, parse_count
from portal.core.directory import Translated, get_directory
from portal.core.visibility import without_restricted

from . import notices
from .models import Notice

ACTIVE = ("now", "upcoming", "all")
ISO_DATE_TIME = {"type": "string", "format": "date-time"}


def iso(moment):
    return timezone.localtime(moment).isoformat()


class NoticesAPIViewSet(StrictAPIMixin, GenericViewSet):
    """Notices shown now (`active=now`, the default), not yet begun (`upcoming`) or both
    (`all`), urgent first, then the latest to begin."""

    name = "notices"
    model = Notice
    known_query_parameters = frozenset(["active", "district", "level", "locale", "limit", "offset"])
    default_limit = 20
    max_limit = 100

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]

    # Parameters

    def parse(self, params, directory):
        unknown = set(params) - self.known_query_parameters
        if unknown:
            raise BadRequestError(
                "query parameter is not an operation or a recognised field: " + ", ".join(sorted(unknown))
            )
        active = params.get("active", "now")
        if active not in ACTIVE:
            raise BadRequestError(f"active must be one of {', '.join(ACTIVE)}, got '{active}'")
        level = params.get("level")
        if level is not None and level not in Notice.Level.values:
            raise BadRequestError(f"level must be one of {', '.join(Notice.Level.values)}, got '{level}'")
        code = params.get("locale", directory.locales[directory.default_locale_id].language_code)
        if code not in content_language_codes():
            raise BadRequestError(
                f"unknown locale '{code}': use one of {', '.join(content_language_codes())}"
            )
        return {
            "active": active,
            "level": level,
            "district": self.parse_district(params.get("district"), directory),
            "locale_id": directory.locale_id_for(code) or directory.default_locale_id,
            "limit": parse_count(params, "limit", self.default_limit, self.max_limit),
            "offset": parse_count(params, "offset", 0, MAX_OFFSET),
        }

    @staticmethod
    def parse_district(value, directory):
        if value is None:
            return None
        for district in directory.districts:
            if value == district.slug or (value.isascii() and value.isdigit() and int(value) == district.pk):
                return district
        raise BadRequestError(f"unknown district '{value}': give the id or slug of a district")

    # The listing

    def listing_view(self, request):
        directory = get_directory(request)
        query = self.parse(request.GET, directory)
        candidates = notices.all_entries(request)
        if query["level"] is not None:
            candidates = [entry for entry in candidates if entry.level == query["level"]]
        if query["district"] is not None:
            district = query["district"]
            key = str(district.translation_key)
            house_key = notices.house_key_of(district, directory)
            candidates = [
                entry for entry in candidates if notices.in_district(entry, key, house_key, directory)
            ]
        now = timezone.now()
        if query["active"] == "now":
            chosen = notices.showing(candidates, now)
        elif query["active"] == "upcoming":
            chosen = notices.upcoming(candidates, now)
        else:
            chosen = notices.showing(candidates, now) + notices.upcoming(candidates, now)
            chosen.sort(key=lambda entry: entry.rank)
        selected = chosen[query["offset"] : query["offset"] + query["limit"]]
        locale_id = query["locale_id"]
        initiatives = self.initiatives(selected, locale_id, directory)
        # The level's name in the language asked for, whatever the reader's browser says.
        with translation.override(directory.locales[locale_id].language_code):
            items = [self.item(entry, now, locale_id, directory, initiatives) for entry in selected]
        return Response({"meta": {"total_count": len(chosen)}, "items": items})

    def initiatives(self, entries, locale_id, directory):
        """{initiative translation key: its public page in `locale_id`, else the default one}."""
        keys = {entry.initiative_key for entry in entries if entry.initiative_key}
        if not keys:
            return {}
        pages = without_restricted(
            InitiativePage.objects.live().filter(
                translation_key__in=keys, locale__in={locale_id, directory.default_locale_id}
            ),
            self.request,
        ).select_related("locale")
        grouped = Translated(pages, directory.default_locale_id)
        return {str(key): grouped.for_key(key, locale_id) for key in grouped.groups}

    def detail_url(self, pk):
        if not hasattr(self, "_detail_url"):
            self._detail_url = detail_url_maker(self.request.wagtailapi_router, self.request, Page)
        return self._detail_url(pk)

    def district_of(self, entry, directory):
        """The district page (any locale) the notice is about; None for the whole portal."""
        if entry.district_key:
            return directory.districts.source(uuid.UUID(entry.district_key))
        for district in directory.districts:
            if entry.house_key and notices.house_key_of(district, directory) == entry.house_key:
                return district
            if entry.initiative_paths and any(
                path.startswith(district.path) for path in entry.initiative_paths
            ):
                return district
        return None

    def item(self, entry, now, locale_id, directory, initiatives):
        shown = notices.read_in(entry, locale_id, directory)
        district = self.district_of(entry, directory)
        if district is not None:
            district = directory.districts.for_key(district.translation_key, locale_id)
        house = directory.houses.for_key(uuid.UUID(entry.house_key), locale_id) if entry.house_key else None
        initiative = initiatives.get(entry.initiative_key) if entry.initiative_key else None
        return {
            "id": entry.source_id,
            "translation_key": entry.key,
            "locale": shown.language,
            "translated": shown.translated,
            "title": shown.title,
            "text": shown.text,
            "level": entry.level,
            "level_label": str(shown.get_level_display()),
            "starts": iso(entry.starts),
            "ends": iso(entry.ends),
            "active": entry.is_active(now),
            "scope": {
                "type": entry.scope,
                "district": {"id": district.pk, "slug": district.slug, "title": district.title}
                if district is not None
                else None,
                "house": {"id": house.pk, "name": house.name} if house is not None else None,
                "initiative": {
                    "id": initiative.pk,
                    "title": initiative.title,
                    "html_url": page_url(initiative, self.request),
                    "detail_url": self.detail_url(initiative.pk),
                }
                if initiative is not None
                else None,
            },
        }

    # The contract (portal/api/openapi/)

    @classmethod
    def openapi_schemas(cls):
        link = {
            "type": "object",
            "nullable": True,
            "properties": {
                "id": {"type": "integer"},
                "slug": {"type": "string"},
                "title": {"type": "string"},
            },
            "required": ["id", "slug", "title"],
            "additionalProperties": False,
        }
        return {
            "Notice": {
                "type": "object",
                "description": "A short dated message to residents, in the language asked for when "
                "translated (`translated`), else in Italian (`locale` says which).",
                "properties": {
                    "id": {"type": "integer", "description": "The notice's id in its source language."},
                    "translation_key": {"type": "string", "format": "uuid"},
                    "locale": {"type": "string"},
                    "translated": {"type": "boolean"},
                    "title": {"type": "string"},
                    "text": {"type": "string"},
                    "level": {"type": "string", "enum": list(Notice.Level.values)},
                    "level_label": {"type": "string", "description": "The level in the language asked for."},
                    "starts": ISO_DATE_TIME,
                    "ends": ISO_DATE_TIME,
                    "active": {"type": "boolean", "description": "Shown now (starts ≤ now < ends)."},
                    "scope": {
                        "type": "object",
                        "properties": {
                            "type": {"type": "string", "enum": list(Notice.Scope.values)},
                            "district": {
                                **link,
                                "description": "The district it concerns (null: the portal).",
                            },
                            "house": {
                                "type": "object",
                                "nullable": True,
                                "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
                                "required": ["id", "name"],
                                "additionalProperties": False,
                            },
                            "initiative": {
                                "type": "object",
                                "nullable": True,
                                "properties": {
                                    "id": {"type": "integer"},
                                    "title": {"type": "string"},
                                    "html_url": {"type": "string", "nullable": True},
                                    "detail_url": {"type": "string"},
                                },
                                "required": ["id", "title", "html_url", "detail_url"],
                                "additionalProperties": False,
                            },
                        },
                        "required": ["type", "district", "house", "initiative"],
                        "additionalProperties": False,
                    },
                },
                "required": [
                    "id",
                    "translation_key",
                    "locale",
                    "translated",
                    "title",
                    "text",
                    "level",
                    "level_label",
                    "starts",
                    "ends",
                    "active",
                    "scope",
                ],
                "additionalProperties": False,
            },
            "NoticeListing": {
                "type": "object",
                "properties": {
                    "meta": {
                        "type": "object",
                        "properties": {"total_count": {"type": "integer"}},
                        "required": ["total_count"],
                        "additionalProperties": False,
                    },
                    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Notice"}},
                },
                "required": ["meta", "items"],
                "additionalProperties": False,
            },
        }

    @classmethod
    def openapi_paths(cls):
        def parameter(name, description, schema, example):
            return {
                "name": name,
                "in": "query",
                "required": False,
                "description": description,
                "schema": schema,
                "example": example,
            }

        error = {
            "content": {
                "application/json": {
                    "schema": {"$ref": "#/components/schemas/Error"},
                    "example": {"message": "active must be one of now, upcoming, all, got 'today'"},
                }
            }
        }
        return {
            "/notices/": {
                "get": {
                    "operationId": "listNotices",
                    "summary": "Notices to residents: shown now, or not yet begun",
                    "description": "Urgent first, then the latest to begin. An answer is kept by "
                    "caches only until the next notice begins or ends (`max-age`). See docs/API.md, "
                    "Notices.",
                    "parameters": [
                        parameter(
                            "active",
                            "`now` (default): shown now; `upcoming`: not begun yet; `all`: both.",
                            {"type": "string", "enum": list(ACTIVE), "default": "now"},
                            "now",
                        ),
                        parameter(
                            "district",
                            "Only the notices of this district (its own, its house's, its initiatives'), "
                            "by id or slug; not the portal-wide ones. Unknown: 400.",
                            {"type": "string"},
                            "san-salvario",
                        ),
                        parameter(
                            "level",
                            "Only this level.",
                            {"type": "string", "enum": list(Notice.Level.values)},
                            "urgent",
                        ),
                        parameter(
                            "locale",
                            "The language of the words (Italian where not translated) and of "
                            "`level_label`; 400 for a language the portal has not.",
                            {"type": "string", "enum": list(content_language_codes())},
                            "ar",
                        ),
                        parameter(
                            "limit",
                            "How many items (at most 100).",
                            {"type": "integer", "minimum": 0, "maximum": cls.max_limit, "default": 20},
                            20,
                        ),
                        parameter(
                            "offset",
                            "How many items to skip.",
                            {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
                            0,
                        ),
                    ],
                    "responses": {
                        "200": {
                            "description": "The notices, urgent first",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/NoticeListing"},
                                    "example": {
                                        "meta": {"total_count": 1},
                                        "items": [
                                            {
                                                "id": 12,
                                                "translation_key": "0b7c8a4e-6a4f-4f8e-9d59-2d3e1c1e8a10",
                                                "locale": "it",
                                                "translated": True,
                                                "title": "Casa chiusa per un guasto",
                                                "text": "Riapriamo domani alle 9.",
                                                "level": "urgent",
                                                "level_label": "Urgente",
                                                "starts": "2026-12-03T08:00:00+01:00",
                                                "ends": "2026-12-04T09:00:00+01:00",
                                                "active": True,
                                                "scope": {
                                                    "type": "district",
                                                    "district": {
                                                        "id": 5,
                                                        "slug": "san-salvario",
                                                        "title": "San Salvario",
                                                    },
                                                    "house": None,
                                                    "initiative": None,
                                                },
                                            }
                                        ],
                                    },
                                }
                            },
                        },
                        "400": {"description": "A bad parameter", **error},
                    },
                }
            }
        }
