"""Initiatives and events in the headless API: bulk preparation of listed pages, and the
`occurrences` endpoint, which reads the materialised occurrence table (never the rules)."""

import datetime
import re
from collections import defaultdict
from types import SimpleNamespace

from django.db.models import F, Window, prefetch_related_objects
from django.db.models.functions import RowNumber
from django.urls import path
from django.utils import timezone
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page

from portal.core.absolute_urls import page_url
from portal.core.api.deleted import updated_since, updated_since_parameter
from portal.core.api.preparation import preparer
from portal.core.api.serializers import detail_url_maker
from portal.core.api.strict import MAX_OFFSET, StrictAPIMixin, content_language_codes, parse_count
from portal.core.directory import get_directory
from portal.core.page_cache import valid_until
from portal.core.sync import occurrence_keys_since
from portal.core.visibility import public_occurrences

from .closures import closure_reasons
from .models import EventPage, InitiativePage, Occurrence, OccurrenceChange
from .models.occurrence import cancelled_rows, next_change
from .occurrences import make_local_aware, zone
from .queries import attach_pages
from .recurrence_rules import EARLIEST_DAY, LATEST_DAY

NEXT_DATES = 10
# What `next_dates` reads of an occurrence row; plain values are cheaper than model instances.
UPCOMING_FIELDS = ("start", "end", "all_day", "cancelled", "moved", "change_key")
# The fields that read an event's cancelled and moved dates.
EVENT_CHANGE_FIELDS = ("cancelled_dates", "next_dates", "recurrence", "recurrence_rules", "exceptions")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso(moment):
    return timezone.localtime(moment, zone()).isoformat() if moment is not None else None


# --- Pages ----------------------------------------------------------------------------------


def prepare_venues(pages, directory):
    """Each page's district and houses, localized in the page's locale, from the directory."""
    for page in pages:
        district = directory.districts.above(page)
        if district is not None and "localized_house" not in district.__dict__:
            district.localized_house = directory.houses.localized(district.house_id, district.locale_id)
        page.district = district
        page.localized_house = directory.houses.localized(page.house_id, page.locale_id)


def prepare_upcoming(pages, limit=NEXT_DATES):
    """The next `limit` occurrences of every page in one query (a window over translation keys)."""
    ranked = (
        Occurrence.objects.filter(
            translation_key__in={page.translation_key for page in pages}, end__gt=timezone.now()
        )
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("translation_key")], order_by=[F("start"), F("pk")])
        )
        .filter(rank__lte=limit)
        .order_by("start", "pk")
        .values("translation_key", *UPCOMING_FIELDS)
    )
    by_key = defaultdict(list)
    for row in ranked:
        # Read as values, not rows: the next dates change when one starts or ends (page_cache).
        valid_until(next_change(row["start"], row["end"]))
        by_key[row.pop("translation_key")].append(SimpleNamespace(**row))
    for page in pages:
        page.prepared_upcoming = (limit, by_key.get(page.translation_key, []))


def prepare_taxonomy(pages, preparation):
    """`category_data` and `audience_data` of pages with a category and audiences (activities,
    news): the category and audiences in each page's language, from the directory."""
    if preparation.wants("category_data"):
        directory = preparation.directory
        for page in pages:
            page.localized_category = directory.categories.localized(page.category_id, page.locale_id)
    if preparation.wants("audience_data"):
        directory = preparation.directory
        prefetch_related_objects(pages, "audiences")
        for page in pages:
            page.localized_audience_list = [
                directory.audiences.localized(audience, page.locale_id) for audience in page.audiences.all()
            ]


@preparer(EventPage, InitiativePage)
def prepare_activities(pages, preparation):
    if preparation.wants("venue_data"):
        prepare_venues(pages, preparation.directory)
    prepare_taxonomy(pages, preparation)
    if preparation.wants("language_codes"):
        prefetch_related_objects(pages, "languages")
    events = [page for page in pages if isinstance(page, EventPage)]
    if events and preparation.wants(
        "cancelled_dates", "next_dates", "recurrence", "recurrence_rules", "exceptions"
    ):
        prefetch_related_objects(events, "occurrence_changes")
    if preparation.wants("next_dates"):
        prepare_upcoming(pages)
    if preparation.wants("exceptions", "cancelled_dates"):
        cancelled_rows(pages)  # the dates the closures of their houses cancel


# --- Occurrences ----------------------------------------------------------------------------


class OccurrencesAPIViewSet(StrictAPIMixin, GenericViewSet):
    """`/api/v2/occurrences/`: dated occurrences of events in a range, filtered and paginated."""

    name = "occurrences"
    model = Occurrence
    known_query_parameters = frozenset(
        [
            "start",
            "end",
            "district",
            "category",
            "audience",
            "free",
            "step_free",
            "locale",
            "limit",
            "offset",
            "updated_since",
        ]
    )
    # Offline sync (portal/core/sync.py): every occurrence, in the range, of the events and
    # initiatives changed since, to replace those the app has of them.
    openapi_parameters = [updated_since_parameter()]
    default_days = 30
    max_span_days = 366
    default_limit = 20
    max_limit = 100
    earliest = EARLIEST_DAY
    latest = LATEST_DAY

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]

    def listing_view(self, request):
        directory = get_directory()
        query = self.parse(request.GET, directory)
        rows = self.filtered_rows(query, directory).order_by("start", "pk")
        total = rows.count()
        selected = list(rows[query["offset"] : query["offset"] + query["limit"]])
        locale = directory.locales.get(query["locale_id"]) or directory.locales[directory.default_locale_id]
        listed = attach_pages(selected, locale)
        prepare_venues([item.page for item in listed], directory)
        reasons = self.reasons(listed)
        items = [self.item(listed_row, query, directory, reasons) for listed_row in listed]
        return Response({"meta": {"total_count": total}, "items": items})

    # Parameters

    def parse(self, params, directory):
        unknown = set(params) - self.known_query_parameters
        if unknown:
            raise BadRequestError(
                "query parameter is not an operation or a recognised field: " + ", ".join(sorted(unknown))
            )
        today = timezone.localdate(timezone=zone())
        if "start" not in params:
            # "From today" is another range tomorrow (portal/core/page_cache.py).
            valid_until(
                make_local_aware(
                    datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
                )
            )
        start = self.parse_date(params, "start", today)
        end = self.parse_date(params, "end", start + datetime.timedelta(days=self.default_days))
        if end < start:
            raise BadRequestError("end must not be before start")
        if (end - start).days > self.max_span_days:
            raise BadRequestError(f"from start to end is at most {self.max_span_days} days")
        code = params.get("locale", directory.locales[directory.default_locale_id].language_code)
        if code not in content_language_codes():
            raise BadRequestError(
                f"unknown locale '{code}': use one of {', '.join(content_language_codes())}"
            )
        return {
            "start": start,
            "end": end,
            "locale_id": directory.locale_id_for(code),
            "district_key": self.parse_district(params.get("district"), directory),
            "category": self.parse_slug(params.get("category"), directory.categories, "category"),
            "audience": self.parse_slug(params.get("audience"), directory.audiences, "audience"),
            "free": self.parse_boolean(params, "free"),
            "step_free": self.parse_boolean(params, "step_free"),
            "limit": parse_count(params, "limit", self.default_limit, self.max_limit),
            "offset": parse_count(params, "offset", 0, MAX_OFFSET),
            "updated_since": updated_since(self.request),
        }

    def parse_date(self, params, name, default):
        if name not in params:
            return default
        value = params[name]
        try:
            if not ISO_DATE.match(value):
                raise ValueError
            day = datetime.date.fromisoformat(value)
        except ValueError:
            raise BadRequestError(f"{name} must be a date written YYYY-MM-DD, got '{value}'")
        if not self.earliest <= day <= self.latest:
            raise BadRequestError(f"{name} must be between {self.earliest} and {self.latest}")
        return day

    @staticmethod
    def parse_boolean(params, name):
        value = params.get(name)
        if value is None:
            return None
        if value in ("true", "1"):
            return True
        if value in ("false", "0"):
            return False
        raise BadRequestError(f"{name} must be true or false, got '{value}'")

    @staticmethod
    def parse_district(value, directory):
        if value is None:
            return None
        for district in directory.districts:
            if value == district.slug or (value.isascii() and value.isdigit() and int(value) == district.pk):
                return district.translation_key
        raise BadRequestError(f"unknown district '{value}': give the id or slug of a district")

    @staticmethod
    def parse_slug(value, items, name):
        if value is None:
            return None
        for item in items.by_id.values():
            if value == item.slug or (value.isascii() and value.isdigit() and int(value) == item.pk):
                return item.slug
        raise BadRequestError(f"unknown {name} '{value}': give the id or slug of a {name}")

    # Rows and items

    def filtered_rows(self, query, directory):
        window_start = make_local_aware(datetime.datetime.combine(query["start"], datetime.time(0, 0)))
        window_end = make_local_aware(
            datetime.datetime.combine(query["end"] + datetime.timedelta(days=1), datetime.time(0, 0))
        )
        rows = Occurrence.objects.filter(
            kind=Occurrence.Kind.EVENT, end__gt=window_start, start__lt=window_end
        )
        if query["district_key"] is not None:
            rows = rows.filter(district_key=query["district_key"])
        if query["category"] is not None:
            rows = rows.filter(category_slug=query["category"])
        if query["free"] is not None:
            rows = rows.filter(is_free=query["free"])
        if query["step_free"] is not None:
            rows = rows.filter(step_free=query["step_free"])
        if query["audience"] is not None:
            keys = EventPage.objects.filter(audiences__slug=query["audience"]).values("translation_key")
            rows = rows.filter(translation_key__in=keys)
        if query["updated_since"] is not None:
            rows = rows.filter(translation_key__in=occurrence_keys_since(query["updated_since"]))
        # Events under a password, login or group restriction, and their aliases and
        # translations, are not for the public API (portal/core/visibility.py).
        return public_occurrences(rows, self.request)

    @staticmethod
    def reasons(listed):
        """{(page id, change key): message} in the pages' own languages, one query at most."""
        keys = {item.row.change_key for item in listed if item.row.change_key}
        if not keys:
            return {}
        found = {}
        by_locale = {}
        # The closures of the houses (initiatives/closures.py), in each page's language.
        for item in listed:
            key = item.row.change_key
            if key is not None:
                locale_id = item.page.locale_id
                if locale_id not in by_locale:
                    by_locale[locale_id] = closure_reasons(locale_id)
                closed = by_locale[locale_id].get(key)
                if closed is not None:
                    found[(item.page.pk, key)] = closed
        keys -= {key for _page, key in found}
        if keys:
            changes = OccurrenceChange.objects.filter(
                event_id__in={item.page.pk for item in listed}, translation_key__in=keys
            ).values_list("event_id", "translation_key", "reason")
            found.update({(event_id, key): reason for event_id, key, reason in changes})
        return found

    def detail_url(self, pk):
        if not hasattr(self, "_detail_url"):
            self._detail_url = detail_url_maker(self.request.wagtailapi_router, self.request, Page)
        return self._detail_url(pk)

    def item(self, listed, query, directory, reasons):
        row, page = listed.row, listed.page
        locale_id = query["locale_id"] or directory.default_locale_id
        district = directory.districts.for_key(row.district_key, locale_id) if row.district_key else None
        category = None
        if row.category_slug:
            # The row names its page's category by slug, which is the same in every language.
            named = next((item for item in directory.categories if item.slug == row.category_slug), None)
            category = directory.categories.localized(named, locale_id)
        venue = page.get_venue()
        return {
            "event_id": page.pk,
            "title": page.title,
            "locale": page.locale.language_code,
            "start": iso(row.start),
            "end": iso(row.end),
            "all_day": row.all_day,
            "cancelled": row.cancelled,
            "moved": row.moved,
            "original_start": iso(row.original_start),
            "reason": reasons.get((page.pk, row.change_key), "") if row.change_key else "",
            "venue": venue.as_dict() if venue else None,
            "district": {"id": district.pk, "slug": district.slug, "title": district.title}
            if district
            else None,
            "category": {"slug": category.slug, "name": category.name} if category else None,
            "is_free": row.is_free,
            "html_url": page_url(page, self.request),
            "detail_url": self.detail_url(page.pk),
        }
