"""The schema of each field a page type serves, derived from the same declarations the
serializers use, so that the document cannot drift from the answers.

For each `APIField` of a model, in this order:
1. the serializer given in `APIField(serializer=...)`, if it (class or instance) has an
   `openapi_schema` attribute;
2. the model's `api_field_schemas[name]` (collected along the MRO: a subclass's dict extends
   and overrides its parents');
3. the model field behind the name (CharField → string with maxLength, DateTimeField →
   date-time, an image foreign key → Image, RichTextField → HTML, StreamField → Stream, ...).
A field none of these describes raises `UndeclaredField`: the test suite builds the document,
so an API field added without its schema fails it.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from wagtail import fields as wagtail_fields
from wagtail.images.models import AbstractImage

from .schemas import BOOLEAN, DATE, DATETIME, INTEGER, NUMBER, STRING, nullable, ref


class UndeclaredField(Exception):
    """An API field whose schema can be derived from nothing: declare it in `api_field_schemas`."""


def declared_schemas(model):
    """{field name: schema} of `api_field_schemas` along the model's MRO, nearest class last."""
    schemas = {}
    for cls in reversed(model.__mro__):
        schemas.update(vars(cls).get("api_field_schemas", {}))
    return schemas


def serializer_schema(api_field):
    serializer = getattr(api_field, "serializer", None)
    return getattr(serializer, "openapi_schema", None) if serializer is not None else None


def model_field_schema(field):
    """The schema of a concrete model field as DRF (and Wagtail's serializers) render it, or None."""
    if isinstance(field, wagtail_fields.StreamField):
        schema = ref("Stream")
    elif isinstance(field, wagtail_fields.RichTextField):
        schema = {"type": "string", "description": "HTML; its links are absolute URLs."}
    elif isinstance(field, models.ForeignKey):
        if not issubclass(field.related_model, AbstractImage):
            return None
        schema = ref("Image")
    elif isinstance(field, models.BooleanField):
        schema = dict(BOOLEAN)
    elif isinstance(field, models.IntegerField | models.AutoField):
        schema = dict(INTEGER)
        if isinstance(field, models.PositiveIntegerField | models.PositiveSmallIntegerField):
            schema["minimum"] = 0
    elif isinstance(field, models.FloatField | models.DecimalField):
        schema = dict(NUMBER)
    elif isinstance(field, models.DateTimeField):
        schema = dict(DATETIME)
    elif isinstance(field, models.DateField):
        schema = dict(DATE)
    elif isinstance(field, models.TimeField):
        schema = {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]:[0-5][0-9]$"}
    elif isinstance(field, models.EmailField | models.URLField):
        # Blank is allowed, so no `format`: an empty string is not a URI nor an address.
        kind = "an e-mail address" if isinstance(field, models.EmailField) else "an absolute URL"
        schema = {"type": "string", "description": f"{kind}, or empty"}
    elif isinstance(field, models.CharField | models.TextField | models.SlugField):
        schema = dict(STRING)
        if field.max_length:
            schema["maxLength"] = field.max_length
    else:
        return None
    if field.choices and "$ref" not in schema:  # (never a reference: those are relations)
        schema["enum"] = [value for value, _label in field.flatchoices]
    if field.help_text and "anyOf" not in schema and "$ref" not in schema and "description" not in schema:
        schema["description"] = str(field.help_text)
    return nullable(schema) if field.null else schema


def field_schema(model, api_field):
    """The schema of one of `model`'s API fields (see the module's docstring)."""
    name = getattr(api_field, "name", api_field)
    schema = serializer_schema(api_field)
    if schema is not None:
        return schema
    declared = declared_schemas(model)
    if name in declared:
        return declared[name]
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    if field is not None and getattr(field, "concrete", False):
        schema = model_field_schema(field)
        if schema is not None:
            return schema
    raise UndeclaredField(
        f"{model._meta.label}.api_fields has {name!r} but no schema: give {model.__name__} "
        f"api_field_schemas = {{{name!r}: {{...}}}} or a serializer with `openapi_schema`."
    )


def filter_schema(model, name):
    """The schema of a per-field filter (`?slug=…`), as Wagtail's FieldsFilter reads its value."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return dict(STRING)
    if isinstance(field, models.BooleanField):
        return {"type": "string", "enum": ["true", "false", "1", "0"]}
    if isinstance(field, models.IntegerField | models.AutoField | models.ForeignKey):
        return {"type": "integer"}
    return dict(STRING)
