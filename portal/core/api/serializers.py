"""The API's serializer fields: images as fixed renditions, rich text and StreamFields with
absolute links, translations, parents and aliases as small nested pages."""

import re
from collections import defaultdict

from django.core.exceptions import FieldDoesNotExist
from django.db.models import (
    Prefetch,
    prefetch_related_objects,
)
from django.utils import translation
from rest_framework.fields import Field
from wagtail import fields as wagtail_fields
from wagtail.api.utils import get_full_url
from wagtail.api.v2 import serializers as wagtail_serializers
from wagtail.api.v2.utils import get_object_detail_url
from wagtail.images.models import AbstractImage, SourceImageIOError

from portal.core import upstream
from portal.core.absolute_urls import page_url

# Fixed renditions suited to phones: a 4:3 card picture and a full-width one.
IMAGE_RENDITIONS = {"thumbnail": "fill-400x300", "large": "width-1200"}
RELATIVE_LINK = re.compile(r'(\s(?:href|src)=")(/[^/"][^"]*|/)"')

# Fixed renditions suited to phones: a 4:3 card picture and a full-width one.

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


def serializer_shape(serializer_class):
    """What a serializer class Wagtail built for a request shows (its model, fields, meta fields
    and nested serializers), comparable across requests and processes: for cache keys."""
    children = getattr(serializer_class, "child_serializer_classes", None) or {}
    return (
        serializer_class.Meta.model._meta.label_lower,
        tuple(serializer_class.Meta.fields),
        tuple(getattr(serializer_class, "meta_fields", ())),
        tuple(sorted((name, serializer_shape(child)) for name, child in children.items())),
    )


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
    pending = defaultdict(list)  # block type -> [(stream, index, raw item)]
    for stream in streams:
        for index, raw in upstream.unconverted_stream_items(stream):
            pending[raw["type"]].append((stream, index, raw))
    for type_name, places in pending.items():
        if not places:
            continue
        child_block = places[0][0].stream_block.child_blocks.get(type_name)
        if child_block is None:
            continue
        values = child_block.bulk_to_python([raw["value"] for _stream, _index, raw in places])
        for (stream, index, _raw), value in zip(places, values, strict=True):
            upstream.set_stream_child(stream, index, child_block, value)

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
