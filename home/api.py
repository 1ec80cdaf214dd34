"""The headless API's shared parts: strict pages, images and documents endpoints, images as
fixed renditions, links between translations, and the per-type preparation of listed pages.

Wagtail's viewsets serialise every listed page on its own, so a property that reads a snippet,
a district or the occurrence table costs queries per item. Here a listing first groups its
pages by type and hands each group to the preparer its app registered (`PagesAPIViewSet.
preparer`), which loads what the requested fields need for the whole group at once; the
model properties then read those prepared values instead of the database.
"""

import contextvars
import re
from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, FieldError, ValidationError
from django.db.models import (
    BooleanField,
    CharField,
    ExpressionWrapper,
    IntegerField,
    Prefetch,
    Q,
    prefetch_related_objects,
)
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import translation
from django.utils.html import escape
from recurrence.exceptions import RecurrenceError
from rest_framework.fields import Field
from rest_framework.filters import BaseFilterBackend
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail import fields as wagtail_fields
from wagtail.api.utils import get_full_url
from wagtail.api.v2 import serializers as wagtail_serializers
from wagtail.api.v2.filters import LocaleFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError, get_object_detail_url
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.coreutils import get_content_languages
from wagtail.documents.api.v2.views import DocumentsAPIViewSet as WagtailDocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet as WagtailImagesAPIViewSet
from wagtail.images.models import AbstractImage, SourceImageIOError
from wagtail.models import Locale, Page
from wagtail.rich_text.pages import PageLinkHandler as WagtailPageLinkHandler
from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs

from portal.absolute_urls import page_url

# Fixed renditions suited to phones: a 4:3 card picture and a full-width one.
IMAGE_RENDITIONS = {"thumbnail": "fill-400x300", "large": "width-1200"}
# Snippets that are shown to the public, so their pictures and documents may be listed.
PUBLIC_SNIPPETS = ("districts.CommunityManager", "districts.NeighbourhoodHouse")
# SQLite integers are signed 64-bit; a larger id in a URL is simply an unknown id.
MAX_ID = 2**63 - 1
# The largest `offset`: eighteen digits, so that offset + limit stays a signed 64-bit integer
# (a larger OFFSET is a database error on SQLite and PostgreSQL alike).
MAX_OFFSET = 10**18 - 1
SEARCH_NOISE = re.compile(r"[^\w\s]|_")
RELATIVE_LINK = re.compile(r'(\s(?:href|src)=")(/[^/"][^"]*|/)"')


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
        self.total_count = queryset.count()
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

    def handle_exception(self, exc):
        # Values that pass Wagtail's own checks but not the database's (a date filter that is
        # not a date, an integer too large for SQLite, a malformed recurrence rule).
        if isinstance(exc, ValidationError):
            exc = BadRequestError("invalid value: " + "; ".join(exc.messages))
        elif isinstance(exc, (FieldError, OverflowError, RecurrenceError)):
            exc = BadRequestError(f"invalid value: {exc}")
        if isinstance(exc, BadRequestError):
            return Response({"message": str(exc)}, status=400)
        if isinstance(exc, Http404):
            return Response({"message": str(exc) or "not found"}, status=404)
        response = super().handle_exception(exc)
        if isinstance(response.data, dict) and "detail" in response.data:
            response.data = {"message": str(response.data["detail"])}
        return response


def content_language_codes():
    return [code for code, _name in get_content_languages().items()]


class StrictLocaleFilter(BaseFilterBackend):
    """`?locale=xx`: a content language of the portal, else 400 (Wagtail answers 404)."""

    def filter_queryset(self, request, queryset, view):
        if "locale" not in request.GET:
            return queryset
        code = request.GET["locale"]
        if code not in content_language_codes():
            raise BadRequestError(
                f"unknown locale '{code}': use one of {', '.join(content_language_codes())}"
            )
        child_of = getattr(queryset, "_filtered_by_child_of", None)
        # By the locale row, not `locale__language_code`: the search backends cannot combine
        # a related-field filter with `?search=`.
        locale = Locale.objects.filter(language_code=code).first()
        queryset = queryset.filter(locale=locale) if locale is not None else queryset.none()
        if child_of is not None:
            queryset._filtered_by_child_of = child_of
        return queryset


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
            from search.query import resident_search, search_pages

            locale = Locale.objects.filter(language_code=request.GET.get("locale", "")).first()
            if locale is not None:
                return resident_search(queryset, words, locale).results
            return search_pages(queryset, words, None, operator=operator or "and")
        cleaned = request.GET.copy()
        cleaned["search"] = words
        request._request.GET = cleaned
        return super().filter_queryset(request, queryset, view)


# --- Serializer fields ----------------------------------------------------------------------


def absolute_links(html, request):
    """Rich text with its site-relative links and sources made absolute for an app."""
    if not html:
        return html
    base = get_full_url(request, "/").rstrip("/")
    return RELATIVE_LINK.sub(lambda match: f'{match.group(1)}{base}{match.group(2)}"', html)


def detail_url_maker(router, request, model):
    """pk -> absolute detail URL, reversing the URL once instead of once per item."""
    placeholder = 987654321
    template = get_object_detail_url(router, request, model, placeholder)
    if template is None:
        return lambda pk: None
    head, tail = template.rsplit(str(placeholder), 1)
    return lambda pk: f"{head}{pk}{tail}"


def rendition_data(image, spec, request):
    from wagtail.images.models import Filter

    try:
        try:
            # A prefetched rendition is used as it is (get_rendition re-writes it to the cache).
            rendition = image.find_existing_rendition(Filter(spec))
        except image.get_rendition_model().DoesNotExist:
            rendition = image.get_rendition(spec)
    except SourceImageIOError:
        return None
    return {"url": get_full_url(request, rendition.url), "width": rendition.width, "height": rendition.height}


def image_representation(image, request, router=None):
    """An image as the app shows it: alt text and the fixed renditions, absolute URLs."""
    data = {
        "id": image.pk,
        "title": image.title,
        "alt": image.default_alt_text,
        "width": image.width,
        "height": image.height,
    }
    for name, spec in IMAGE_RENDITIONS.items():
        data[name] = rendition_data(image, spec, request)
    if router is not None:
        data["detail_url"] = get_object_detail_url(router, request, type(image), image.pk)
    return data


class ImageRenditionsField(Field):
    """An image foreign key served as {id, title, alt, width, height, thumbnail, large, detail_url}."""

    def to_representation(self, image):
        return image_representation(image, self.context.get("request"), self.context.get("router"))


class RenditionField(Field):
    def __init__(self, spec, **kwargs):
        self.spec = spec
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def to_representation(self, image):
        return rendition_data(image, self.spec, self.context.get("request"))


class AltTextField(Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def to_representation(self, image):
        return image.default_alt_text


class PrefetchedTagsField(Field):
    """Tag names, read from the prefetched tags (Wagtail's TagsField queries once per item)."""

    def to_representation(self, manager):
        return sorted(tag.name for tag in manager.all())


class StreamFieldSerializer(wagtail_serializers.StreamField):
    """StreamField blocks with rich text as HTML whose links are absolute URLs."""

    def to_representation(self, value):
        from wagtail.blocks import RichTextBlock

        data = super().to_representation(value)
        rich_text = {
            name
            for name, block in value.stream_block.child_blocks.items()
            if isinstance(block, RichTextBlock)
        }
        request = self.context.get("request")
        for item in data:
            if item.get("type") in rich_text and isinstance(item.get("value"), str):
                item["value"] = absolute_links(item["value"], request)
        return data


class RichTextSerializer(wagtail_serializers.RichTextFieldSerializer):
    def to_representation(self, value):
        return absolute_links(super().to_representation(value), self.context.get("request"))


class DetailUrlField(wagtail_serializers.DetailUrlField):
    def get_attribute(self, instance):
        return self.context["view"].detail_url(instance.pk)


class TranslationsField(Field):
    """The other live, public pages with this page's translation key: [{id, locale, detail_url}]."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return self.context["view"].translations_of(page)


class HtmlUrlField(wagtail_serializers.PageHtmlUrlField):
    """A page's public URL on PORTAL_BASE_URL (Wagtail's reads the Site's hostname and port)."""

    def to_representation(self, page):
        return page_url(page, self.context.get("request"))


def nested_page(page, context):
    """A parent or an original page in `meta`: id, type, detail_url, html_url and title."""
    serializer_class = wagtail_serializers.get_serializer_class(
        type(page),
        ["id", "type", "detail_url", "html_url", "title"],
        meta_fields=["type", "detail_url", "html_url"],
        base=PageSerializer,
    )
    return serializer_class(context=context).to_representation(page)


class ParentField(wagtail_serializers.PageParentField):
    """The parent in a page's `meta`, if public: read with the translations for a detail."""

    def get_attribute(self, instance):
        return self.context["view"].parent_of(instance)

    def to_representation(self, value):
        return nested_page(value, self.context)


class AliasOfField(wagtail_serializers.PageAliasOfField):
    def to_representation(self, value):
        return nested_page(value, self.context)


class PageSerializer(wagtail_serializers.PageSerializer):
    """Each page is serialised in its own language, so words chosen at run time (a schedule in
    words, a snippet's translation) match the page rather than the caller's Accept-Language."""

    parent = ParentField(read_only=True)
    alias_of = AliasOfField(read_only=True)
    html_url = HtmlUrlField(read_only=True)
    serializer_field_mapping = {
        **wagtail_serializers.PageSerializer.serializer_field_mapping,
        wagtail_fields.StreamField: StreamFieldSerializer,
        wagtail_fields.RichTextField: RichTextSerializer,
    }

    def to_representation(self, instance):
        with translation.override(instance.locale.language_code):
            return super().to_representation(instance)


def image_field_names(model):
    """Names of the image foreign keys among a model's API fields that have no own serializer."""
    names = []
    for api_field in getattr(model, "api_fields", ()):
        if getattr(api_field, "serializer", None) is not None:
            continue
        name = getattr(api_field, "name", api_field)
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.many_to_one and issubclass(field.related_model, AbstractImage):
            names.append(name)
    return names


def rich_text_field_names(model):
    return [
        field.name for field in model._meta.get_fields() if isinstance(field, wagtail_fields.RichTextField)
    ]


def stream_field_names(model):
    return [field.name for field in model._meta.get_fields() if isinstance(field, wagtail_fields.StreamField)]


def prefetch_image_renditions(objects, lookup):
    """One query for the fixed renditions of the images reached by `lookup` from `objects`."""
    from wagtail.images import get_image_model

    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(filter_spec__in=list(IMAGE_RENDITIONS.values()))
    )
    prefix = f"{lookup}__" if lookup else ""
    prefetch_related_objects(
        objects, Prefetch(f"{prefix}renditions", queryset=renditions, to_attr="prefetched_renditions")
    )


def prefetch_stream_blocks(objects, name):
    """Convert the StreamField `name` of all `objects` at once: one query per chooser type for
    the whole listing (Wagtail converts each stream on its own). Returns the images found in
    them, whose renditions the caller prefetches."""
    from wagtail.blocks import StreamValue, StructValue

    streams = [getattr(obj, name) for obj in objects]
    pending = defaultdict(list)  # block type -> [(stream, index)]
    for stream in streams:
        for index, raw in enumerate(stream._raw_data):
            if stream._bound_blocks[index] is None:
                pending[raw["type"]].append((stream, index))
    for type_name, places in pending.items():
        if not places:
            continue
        child_block = places[0][0].stream_block.child_blocks.get(type_name)
        if child_block is None:
            continue
        values = child_block.bulk_to_python([stream._raw_data[index]["value"] for stream, index in places])
        for (stream, index), value in zip(places, values, strict=True):
            stream._bound_blocks[index] = StreamValue.StreamChild(
                child_block, value, id=stream._raw_data[index].get("id")
            )

    images = []

    def collect(value):
        if isinstance(value, AbstractImage):
            images.append(value)
        elif isinstance(value, StructValue):
            for item in value.values():
                collect(item)
        elif isinstance(value, StreamValue):
            for child in value:
                collect(child.value)
        elif isinstance(value, list | tuple):
            for item in value:
                collect(item)

    for stream in streams:
        collect(stream)
    return images


# --- Page links in rich text ----------------------------------------------------------------

# The pages linked from the rich text being serialised, read once for the whole answer.
_linked_pages = contextvars.ContextVar("api_linked_pages", default=None)


class LinkedPages:
    """The pages that rich text links to, with their translations: `<a linktype="page">` as
    Wagtail's PageLinkHandler writes it, without its two queries per rich text (the linked
    pages as their types, the active locale) nor the query per link to another language."""

    def __init__(self, ids, rows, directory):
        self.ids = {str(pk) for pk in ids}
        self.directory = directory
        self.by_id = {str(page.pk): page for page in rows}
        self.by_key = {(page.translation_key, page.locale_id): page for page in rows}

    @staticmethod
    def condition(ids):
        """The linked pages and their translations."""
        keys = Page.objects.filter(id__in=ids).values("translation_key")
        return Q(id__in=ids) | Q(translation_key__in=keys)

    def active_locale_id(self):
        # Locale.get_active(): the active language's locale, else the default one.
        return self.directory.locale_id_for(translation.get_language()) or self.directory.default_locale_id

    def anchor(self, pk):
        page = self.by_id.get(str(pk))
        if page is None:
            return "<a>"
        # Page.localized: the live translation in the active locale, else the page itself.
        locale_id = self.active_locale_id()
        if page.locale_id != locale_id:
            other = self.by_key.get((page.translation_key, locale_id))
            if other is not None and other.live:
                page = other
        return f'<a href="{escape(page.url)}">'


class PageLinkHandler(WagtailPageLinkHandler):
    """Wagtail's page link handler, reading the pages an API answer prepared (see `LinkedPages`);
    everywhere else it is Wagtail's own."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        links = _linked_pages.get()
        if links is None or any(str(attrs.get("id")) not in links.ids for attrs in attrs_list):
            return super().expand_db_attributes_many(attrs_list)
        return [links.anchor(attrs.get("id")) for attrs in attrs_list]


def linked_page_ids(value, ids):
    """Collect the ids of `<a linktype="page" id="…">` in the strings of a raw value."""
    if isinstance(value, str):
        if "linktype" in value:
            for match in FIND_A_TAG.finditer(value):
                attrs = extract_attrs(match.group(1))
                if attrs.get("linktype") == "page" and str(attrs.get("id", "")).isdigit():
                    ids.add(int(attrs["id"]))
    elif isinstance(value, dict):
        for item in value.values():
            linked_page_ids(item, ids)
    elif isinstance(value, list | tuple):
        for item in value:
            linked_page_ids(item, ids)
    return ids


# --- Pages ----------------------------------------------------------------------------------


class Preparation:
    """What a preparer needs: the request, the fields being serialised, the shared directory."""

    def __init__(self, view, fields):
        self.view = view
        self.request = view.request
        self.fields = set(fields)

    @property
    def directory(self):
        return self.view.directory

    def wants(self, *names):
        return any(name in self.fields for name in names)


class PagesAPIViewSet(StrictAPIMixin, WagtailPagesAPIViewSet):
    base_serializer_class = PageSerializer
    filter_backends = [
        {LocaleFilter: StrictLocaleFilter, SearchFilter: StrictSearchFilter}.get(backend, backend)
        for backend in WagtailPagesAPIViewSet.filter_backends
    ]
    known_query_parameters = WagtailPagesAPIViewSet.known_query_parameters - {"format"}
    meta_fields = WagtailPagesAPIViewSet.meta_fields + ["translations"]
    listing_default_fields = WagtailPagesAPIViewSet.listing_default_fields + ["translations"]
    preparers = {}

    @classmethod
    def preparer(cls, *models):
        """Register `func(pages, preparation)` to prepare listed pages of `models` in bulk."""

        def register(func):
            for model in models:
                cls.preparers[model] = func
            return func

        return register

    @classmethod
    def get_field_serializer_overrides(cls, model):
        overrides = super().get_field_serializer_overrides(model)
        overrides.setdefault("translations", TranslationsField(read_only=True))
        overrides.setdefault("detail_url", DetailUrlField(read_only=True))
        for name in image_field_names(model):
            overrides.setdefault(name, ImageRenditionsField(read_only=True))
        return overrides

    @property
    def directory(self):
        if not hasattr(self, "_directory"):
            from home.api_directory import get_directory

            self._directory = get_directory()
        return self._directory

    def get_base_queryset(self):
        # Wagtail builds it twice per request (queryset and serializer context), with three
        # queries each time; the directory knows the sites and the view restrictions already.
        if not hasattr(self, "_base_queryset"):
            if "site" in self.request.GET:
                # Wagtail's scoping to the named site, and the portal's rule of what the public
                # may see (home/visibility.py), which Wagtail's does not extend to translations.
                from home.visibility import under

                queryset = super().get_base_queryset()
                hidden = self.directory.guards.paths_hidden_from(self.request)
                self._base_queryset = queryset.exclude(under(hidden)) if hidden else queryset
            else:
                self._base_queryset = self.directory.public_pages(self.request)
        return self._base_queryset

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.select_related("locale", "alias_of__locale", *image_field_names(queryset.model))

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        pages = list(self.paginate_queryset(queryset))
        serializer_class = self.get_serializer_class()
        self.prepare_pages(pages, serializer_class.Meta.fields)
        serializer = serializer_class(pages, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(self.serialized(serializer))

    def get_object(self):
        """The page as its own type, with its locale and pictures read in the same query
        (Wagtail's `base.specific` reads them one by one)."""
        if not hasattr(self, "_specific_object"):
            base = super(WagtailPagesAPIViewSet, self).get_object()
            model = base.specific_class
            if model is None or model is type(base):
                self._specific_object = base
            else:
                self._specific_object = model._default_manager.select_related(
                    "locale", "alias_of__locale", *image_field_names(model)
                ).get(pk=base.pk)
        return self._specific_object

    def detail_view(self, request, pk):
        self.check_query_parameters(self.get_queryset())
        page = self.get_object()
        serializer_class = self.get_serializer_class()
        self._detail_page = page
        self.prepare_pages([page], serializer_class.Meta.fields)
        return Response(self.serialized(serializer_class(page, context=self.get_serializer_context())))

    def prepare_pages(self, pages, fields):
        self._listed_pages = pages
        preparation = Preparation(self, fields)
        by_model = defaultdict(list)
        for page in pages:
            by_model[type(page)].append(page)
        images = []  # the renditions of every listed picture in one query
        link_ids = set()  # the pages linked from rich text, read in one query
        for model, group in by_model.items():
            for name in rich_text_field_names(model):
                if name in preparation.fields:
                    for page in group:
                        linked_page_ids(getattr(page, name), link_ids)
            for name in image_field_names(model):
                if name in preparation.fields:
                    images.extend(image for page in group if (image := getattr(page, name)) is not None)
            for name in stream_field_names(model):
                if name in preparation.fields:
                    images.extend(prefetch_stream_blocks(group, name))
                    for page in group:
                        linked_page_ids(list(getattr(page, name)._raw_data), link_ids)
            preparer = next((self.preparers[cls] for cls in model.__mro__ if cls in self.preparers), None)
            if preparer is not None:
                preparer(group, preparation)
        if images:
            prefetch_image_renditions(list({id(image): image for image in images}.values()), "")
        detail = getattr(self, "_detail_page", None)
        if detail is not None:
            self.detail_relatives(detail, link_ids)
        elif link_ids:
            rows = Page.objects.filter(LinkedPages.condition(link_ids)).select_related("locale")
            self._linked_pages = LinkedPages(link_ids, list(rows), self.directory)

    def detail_url(self, pk):
        if not hasattr(self, "_detail_url"):
            from wagtail.models import Page

            self._detail_url = detail_url_maker(self.request.wagtailapi_router, self.request, Page)
        return self._detail_url(pk)

    def detail_relatives(self, page, link_ids=()):
        """A detail's public translations and public parent, and the pages its rich text links
        to, in one query (Wagtail reads the parent, then checks that it is public, and reads
        the linked pages twice per rich text)."""
        if not hasattr(self, "_relatives"):
            parent_path = page.path[: -page.steplen] if page.depth > 1 else None
            condition = Q(translation_key=page.translation_key)
            if parent_path:
                condition |= Q(path=parent_path)
            relatives = self.get_base_queryset().filter(condition)
            if link_ids:
                public = Q(pk__in=relatives.values("pk"))
                rows = list(
                    Page.objects.filter(public | LinkedPages.condition(link_ids))
                    .annotate(relative=ExpressionWrapper(public, output_field=BooleanField()))
                    .select_related("locale")
                    .order_by("locale__language_code", "id")
                )
                self._linked_pages = LinkedPages(link_ids, rows, self.directory)
                rows = [row for row in rows if row.relative]
            else:
                rows = list(relatives.select_related("locale").order_by("locale__language_code", "id"))
            self._relatives = (
                [row for row in rows if row.translation_key == page.translation_key],
                next((row for row in rows if row.path == parent_path), None),
            )
        return self._relatives

    def serialized(self, serializer):
        """`serializer.data` with the rich text's page links read from the prepared pages."""
        token = _linked_pages.set(getattr(self, "_linked_pages", None))
        try:
            return serializer.data
        finally:
            _linked_pages.reset(token)

    def parent_of(self, page):
        if getattr(self, "_detail_page", None) is page:
            return self.detail_relatives(page)[1]
        parent = page.get_parent()
        return parent if self.get_base_queryset().filter(id=parent.id).exists() else None

    def translations_of(self, page):
        """Links to the page's translations; one query for the whole listing."""
        if getattr(self, "_translations", None) is None and getattr(self, "_detail_page", None) is page:
            self._translations = defaultdict(list)
            for row in self.detail_relatives(page)[0]:
                self._translations[row.translation_key].append(
                    {"id": row.pk, "locale": row.locale.language_code, "detail_url": self.detail_url(row.pk)}
                )
        if getattr(self, "_translations", None) is None:
            pages = getattr(self, "_listed_pages", None) or [page]
            others = (
                self.get_base_queryset()
                .filter(translation_key__in={item.translation_key for item in pages})
                .select_related("locale")
                .order_by("locale__language_code", "id")
                .values_list("pk", "translation_key", "locale__language_code")
            )
            self._translations = defaultdict(list)
            for pk, key, code in others:
                self._translations[key].append({"id": pk, "locale": code, "detail_url": self.detail_url(pk)})
        return [item for item in self._translations.get(page.translation_key, []) if item["id"] != page.pk]


# --- Images and documents -------------------------------------------------------------------


def used_by_public_content(queryset, request):
    """Only the objects that a live, public page or a public snippet refers to.

    Uploads for a draft, for a page awaiting moderation or for a private page stay out of the
    API, as Wagtail's own endpoints list every file of every unrestricted collection.
    """
    from django.apps import apps
    from wagtail.models import Page, ReferenceIndex

    from home.api_directory import get_directory

    page_type = ContentType.objects.get_for_model(Page)
    snippet_types = [ContentType.objects.get_for_model(apps.get_model(name)) for name in PUBLIC_SNIPPETS]
    # The cached directory's sites and restrictions: Wagtail's get_public_pages_queryset reads them.
    public_pages = (
        get_directory(request)
        .public_pages(request)
        .annotate(api_key=Cast("pk", CharField()))
        .values("api_key")
    )
    references = (
        ReferenceIndex.objects.filter(
            Q(base_content_type=page_type, object_id__in=public_pages)
            | Q(base_content_type__in=snippet_types),
            to_content_type=ContentType.objects.get_for_model(queryset.model),
        )
        .annotate(target=Cast("to_object_id", IntegerField()))
        .values("target")
    )
    return queryset.filter(pk__in=references)


def restricted_collection_ids(request):
    """Wagtail's `get_restricted_collection_ids` with the restrictions and the collection tree
    cached by content version (it reads them on every request)."""
    from portal.page_cache import cached_by_version

    def load():
        from wagtail.models import Collection, CollectionViewRestriction

        return (
            list(CollectionViewRestriction.objects.select_related("collection").prefetch_related("groups")),
            list(Collection.objects.values_list("pk", "path")),
        )

    restrictions, collections = cached_by_version(request, "api:collection-restrictions", load)
    paths = [r.collection.path for r in restrictions if not r.accept_request(request)]
    return {pk for pk, path in collections if any(path.startswith(root) for root in paths)}


class PublicFilesMixin:
    """Images and documents of visible collections used by public content, built once per
    request (a detail builds it twice)."""

    def get_queryset(self):
        if not hasattr(self, "_public_queryset"):
            queryset = self.model.objects.all().order_by("id")
            restricted = restricted_collection_ids(self.request)
            if restricted:
                queryset = queryset.exclude(collection__in=restricted)
            self._public_queryset = used_by_public_content(queryset, self.request).prefetch_related("tags")
        return self._public_queryset.all()


class ImagesAPIViewSet(PublicFilesMixin, StrictAPIMixin, WagtailImagesAPIViewSet):
    filter_backends = [
        StrictSearchFilter if backend is SearchFilter else backend
        for backend in WagtailImagesAPIViewSet.filter_backends
    ]
    known_query_parameters = WagtailImagesAPIViewSet.known_query_parameters - {"format"}
    body_fields = WagtailImagesAPIViewSet.body_fields + ["alt", *IMAGE_RENDITIONS]
    listing_default_fields = WagtailImagesAPIViewSet.listing_default_fields + ["alt", *IMAGE_RENDITIONS]

    @classmethod
    def get_field_serializer_overrides(cls, model):
        overrides = super().get_field_serializer_overrides(model)
        overrides["alt"] = AltTextField(read_only=True)
        overrides["tags"] = PrefetchedTagsField(read_only=True)
        for name, spec in IMAGE_RENDITIONS.items():
            overrides[name] = RenditionField(spec, read_only=True)
        return overrides

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        images = list(self.paginate_queryset(queryset))
        prefetch_image_renditions(images, "")
        serializer = self.get_serializer(images, many=True)
        return self.get_paginated_response(serializer.data)

    def detail_view(self, request, pk):
        self.check_query_parameters(self.get_queryset())
        return super().detail_view(request, pk)


class DocumentsAPIViewSet(PublicFilesMixin, StrictAPIMixin, WagtailDocumentsAPIViewSet):
    filter_backends = [
        StrictSearchFilter if backend is SearchFilter else backend
        for backend in WagtailDocumentsAPIViewSet.filter_backends
    ]
    known_query_parameters = WagtailDocumentsAPIViewSet.known_query_parameters - {"format"}

    @classmethod
    def get_field_serializer_overrides(cls, model):
        overrides = super().get_field_serializer_overrides(model)
        overrides["tags"] = PrefetchedTagsField(read_only=True)
        return overrides

    def detail_view(self, request, pk):
        self.check_query_parameters(self.get_queryset())
        return super().detail_view(request, pk)
