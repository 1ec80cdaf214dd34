"""The page types in the document: one schema per page type, named by `meta.type`, built from
the page endpoint's meta fields and each model's `api_fields` (see fields.py)."""

from wagtail.models import get_page_models

from .fields import declared_schemas, field_schema, filter_schema
from .schemas import INTEGER, PAGE_META_SCHEMAS, STRING, languages, obj, ref


class UndeclaredMetaField(Exception):
    """A meta field of the page endpoint with no schema in PAGE_META_SCHEMAS or the model's."""


def page_models():
    """Every concrete page model a listing may show, Wagtail's base Page first."""
    return [model for model in get_page_models() if not model._meta.abstract]


def schema_name(model):
    return model.__name__


def meta_schema(viewset, model, page_type):
    """The meta object of `model`'s pages; `type` is the enum of `page_type` (None: no type)."""
    declared = declared_schemas(model)
    properties = {}
    for name in viewset.get_meta_fields_names(model):
        if name == "type":
            if page_type is not None:
                properties["type"] = {**PAGE_META_SCHEMAS["type"], "enum": [page_type]}
            continue
        schema = declared.get(name, PAGE_META_SCHEMAS.get(name))
        if schema is None:
            raise UndeclaredMetaField(f"meta field {name!r} of {model._meta.label} has no schema")
        if name == "locale":
            schema = {**schema, "enum": languages()}
        properties[name] = schema
    return obj(properties, ["type"] if page_type is not None else ())


def body_properties(viewset, model):
    """{name: schema} of the body fields a page of `model` may show (id, title, api_fields)."""
    properties = {"id": INTEGER, "title": STRING}
    for api_field in viewset.get_body_fields(model):
        if api_field.name not in properties:
            properties[api_field.name] = field_schema(model, api_field)
    return properties


def page_type_schema(viewset, model):
    label = model._meta.label
    return obj(
        {
            "id": INTEGER,
            "meta": meta_schema(viewset, model, label),
            **body_properties(viewset, model),
        },
        ["meta"],
        f"A page of type `{label}` (`meta.type`). Which fields an item has depends on `fields`: "
        "a listing shows id, meta and title by default, a detail every field, `fields=_` none.",
    )


def page_schemas(viewset):
    """{schema name: schema}: one per page type, PageWithoutType, PageItem (their union)."""
    models = page_models()
    schemas = {schema_name(model): page_type_schema(viewset, model) for model in models}
    union = {}
    for model in models:
        for name, schema in body_properties(viewset, model).items():
            if name in union and union[name] != schema:
                options = union[name]["anyOf"] if "anyOf" in union[name] else [union[name]]
                if schema not in options:
                    union[name] = {"anyOf": [*options, schema]}
            else:
                union.setdefault(name, schema)
    untyped_meta = meta_schema(viewset, models[0], None)
    schemas["PageWithoutType"] = obj(
        {"id": INTEGER, "meta": untyped_meta, **union},
        description="An item whose `fields` left out `meta.type` (`fields=_`, `fields=-type`): "
        "any type's fields.",
    )
    schemas["PageItem"] = {
        "description": "A page. The discriminator is `meta.type` (`app.Model`): the item follows "
        "the schema of that type, which lists the type in the enum of its `meta.type`; an item "
        "without `meta.type` follows PageWithoutType. (OpenAPI 3.0's `discriminator` cannot name "
        "a nested property, so this is a plain oneOf.)",
        "oneOf": [ref(schema_name(model)) for model in models] + [ref("PageWithoutType")],
    }
    return schemas


def page_types():
    return [model._meta.label for model in page_models()]


def field_filters(viewset):
    """Wagtail's per-field filters (FieldsFilter): every database field among a type's fields,
    as {name: (schema, [types])}; `locale` is a filter of its own."""
    filters = {}
    for model in page_models():
        for name in viewset.get_available_fields(model, db_fields_only=True):
            if name == "locale":
                continue
            schema, types = filters.setdefault(name, (filter_schema(model, name), []))
            types.append(model._meta.label)
    return filters
