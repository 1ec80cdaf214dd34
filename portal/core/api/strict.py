"""The API's strictness: JSON only, every bad parameter a 400 with a message, every unknown id
a 404, and counts, locales and search terms read strictly."""

import json
import re

from django.conf import settings
from django.core.exceptions import FieldError, RequestDataTooBig, ValidationError
from django.http import Http404
from recurrence.exceptions import RecurrenceError
from rest_framework.filters import BaseFilterBackend
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale, Page

from portal.core import upstream
from portal.core.public_forms import cleaned_json
from portal.core.search.query import resident_search, search_pages

# SQLite integers are signed 64-bit; a larger id in a URL is simply an unknown id.
MAX_ID = 2**63 - 1
# The largest `offset`: eighteen digits, so that offset + limit stays a signed 64-bit integer
# (a larger OFFSET is a database error on SQLite and PostgreSQL alike).
MAX_OFFSET = 10**18 - 1
SEARCH_NOISE = re.compile(r"[^\w\s]|_")


class GoneError(Exception):
    """What was asked for is no longer kept (410 with its message): a sync from too long ago."""


# --- Strict endpoints -----------------------------------------------------------------------


def parse_count(params, name, default, maximum):
    """A query parameter that counts items (`limit`, `offset`): ASCII digits, at most `maximum`.

    Python's int() also reads " 5", "+5", "1_000" and Arabic-Indic digits, and Wagtail's
    pagination passes any size on to the database.
    """
    value = params.get(name)
    if value is None:
        return default
    if not value.isascii() or not value.isdigit():
        raise BadRequestError(f"{name} must be a positive integer")
    if len(value) > len(str(maximum)) or int(value) > maximum:
        raise BadRequestError(f"{name} cannot be higher than {maximum}")
    return int(value)


class StrictPagination(WagtailPagination):
    """Wagtail's `limit` and `offset`, read by `parse_count`: a 400, never a database error."""

    def paginate_queryset(self, queryset, request, view=None):
        limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
        offset = parse_count(request.GET, "offset", 0, MAX_OFFSET)
        limit = parse_count(request.GET, "limit", min(20, limit_max), limit_max)
        self.view = view
        # A view may keep its counts (portal/api/pages.py: `count_of`).
        count_of = getattr(view, "count_of", None)
        self.total_count = count_of(queryset) if count_of is not None else queryset.count()
        return queryset[offset : offset + limit]


class StrictAPIMixin:
    """JSON only, every bad input a 400 with {"message": …}, every unknown id a 404."""

    renderer_classes = [JSONRenderer]
    pagination_class = StrictPagination
    # Anonymous and read-only: no session lookup, so responses do not vary by cookie.
    authentication_classes = []

    def get_renderer_context(self):
        # Compact JSON for phones (Wagtail indents by four spaces, a third of the bytes).
        context = super().get_renderer_context()
        context.pop("indent", None)
        return context

    def perform_content_negotiation(self, request, force=False):
        # The browsable HTML API is not offered: `?format=` is an unknown parameter like any other.
        renderer = JSONRenderer()
        return renderer, renderer.media_type

    def find_view(self, request):
        """Wagtail's `find` redirect, without the bare `?` it appends when no other parameter is
        kept (wagtail/api/v2/views.py, `find_view`): `Location` is then exactly the item's
        `meta.detail_url`, which an app may use as its key."""
        response = super().find_view(request)
        if response.get("Location", "").endswith("?"):
            response["Location"] = response["Location"][:-1]
        return response

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, values in request.GET.lists():
            if any("\x00" in value for value in [name, *values]):
                raise BadRequestError("null characters are not allowed in query parameters")
        repeated = sorted(name for name, values in request.GET.lists() if len(values) > 1)
        if repeated:
            # Which of two values would count is a guess: say so rather than pick one.
            raise BadRequestError("query parameter given more than once: " + ", ".join(repeated))
        pk = kwargs.get("pk")
        if pk is not None and int(pk) > MAX_ID:
            raise Http404("not found")

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            # Set here, LocaleMiddleware keeps it (it only fills in a missing Content-Language);
            # the page cache then stores the answer with the language of its content, not the
            # language of whoever asked first.
            response["Content-Language"] = self.answer_language(response)
        return response

    def answer_language(self, response):
        """The language of a successful answer's content (its `Content-Language`): `?locale=`
        if asked, else the portal's default language, the one an endpoint without `locale`
        answers in (the occurrences) or its files were described in (images, documents)."""
        code = self.request.GET.get("locale")
        return code if code in content_language_codes() else settings.LANGUAGE_CODE

    def handle_exception(self, exc):
        # Values that pass Wagtail's own checks but not the database's (a date filter that is
        # not a date, an integer too large for SQLite, a malformed recurrence rule).
        if isinstance(exc, ValidationError):
            exc = BadRequestError("invalid value: " + "; ".join(exc.messages))
        elif isinstance(exc, (FieldError, OverflowError, RecurrenceError)):
            exc = BadRequestError(f"invalid value: {exc}")
        if isinstance(exc, BadRequestError):
            return Response({"message": str(exc)}, status=400)
        if isinstance(exc, GoneError):
            return Response({"message": str(exc)}, status=410)
        if isinstance(exc, Http404):
            return Response({"message": str(exc) or "not found"}, status=404)
        response = super().handle_exception(exc)
        if isinstance(response.data, dict) and "detail" in response.data:
            response.data = {"message": str(response.data["detail"])}
        return response


def content_language_codes():
    return [code for code, _name in get_content_languages().items()]


def check_locale(code):
    """`code` if it is a content language of the portal, else a 400 that lists them."""
    if code not in content_language_codes():
        raise BadRequestError(f"unknown locale '{code}': use one of {', '.join(content_language_codes())}")
    return code


class StrictLocaleFilter(BaseFilterBackend):
    """`?locale=xx`: a content language of the portal, else 400 (Wagtail answers 404)."""

    def filter_queryset(self, request, queryset, view):
        if "locale" not in request.GET:
            return queryset
        code = check_locale(request.GET["locale"])
        # By the locale row, not `locale__language_code`: the search backends cannot combine
        # a related-field filter with `?search=`.
        locale = Locale.objects.filter(language_code=code).first()
        filtered = queryset.filter(locale=locale) if locale is not None else queryset.none()
        return upstream.keep_child_of_mark(queryset, filtered)


class StrictSearchFilter(SearchFilter):
    """`?search=`: words only. Punctuation is an operator to SQLite's FTS5 and PostgreSQL's
    tsquery parsers, and a stray quote or semicolon there is a database error (a 500)."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        words = " ".join(SEARCH_NOISE.sub(" ", request.GET["search"]).split())[:200]
        if not words:
            return queryset.none()
        if issubclass(queryset.model, Page):
            # The site's own search (accent folding, spelling correction), so both agree.
            locale = Locale.objects.filter(language_code=request.GET.get("locale", "")).first()
            if locale is not None:
                return resident_search(queryset, words, locale).results
            return search_pages(queryset, words, None, operator=operator or "and")
        cleaned = request.GET.copy()
        cleaned["search"] = words
        upstream.replace_query_params(request, cleaned)
        return super().filter_queryset(request, queryset, view)


# --- Bodies of the endpoints that take them (proposals, devices) --------------------------------


class Rejected(Exception):
    """A request an endpoint cannot take, answered `status` with `body`: {"message": …} and, per
    member of the request at fault, {"errors": {member: [texts]}}."""

    def __init__(self, status, message, errors=None):
        super().__init__(message)
        self.status = status
        self.body = {"message": str(message)}
        if errors:
            self.body["errors"] = {name: [str(text) for text in texts] for name, texts in errors.items()}


def read_json_object(request, max_bytes, what="JSON"):
    """The JSON object a request carries (`what` names it in the messages: "the proposal"), its
    text without control characters; `Rejected` 415 for another content type or charset, 400
    for a body too large, not JSON, not an object, or holding text no database can store."""
    sent = "JSON" if what == "JSON" else f"{what} as JSON"
    if request.content_type != "application/json":
        raise Rejected(415, f"send {sent}, with Content-Type: application/json")
    if request.content_params.get("charset", "utf-8").lower() not in ("utf-8", "utf8"):
        raise Rejected(415, f"send {sent} in UTF-8")
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise Rejected(400, "the Content-Length header is not a number") from None
    too_large = f"the body is too large: at most {max_bytes} bytes"
    if length > max_bytes:
        raise Rejected(400, too_large)
    try:
        raw = request.body
    except RequestDataTooBig:
        raise Rejected(400, too_large) from None
    try:
        body = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        raise Rejected(400, "the body is not valid JSON") from None
    try:
        body = cleaned_json(body)
    except ValueError as error:
        raise Rejected(400, f"the body holds {error}") from None
    if not isinstance(body, dict):
        raise Rejected(400, "the body must be a JSON object")
    return body
