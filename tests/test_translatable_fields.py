"""Every field of every translatable model has a translation rule: words translated, facts synchronised.

wagtail-localize derives a rule for most fields but silently skips many-to-many fields, so a
new field can end up neither translated nor synchronised; this test lists them all.
"""

import pytest
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields

from districts.models import CommunityManager, DistrictPage, NeighbourhoodHouse, OpeningHours
from home.models import HomePage
from initiatives.models import (
    Audience,
    CalendarPage,
    Category,
    EventPage,
    InitiativePage,
    OccurrenceChange,
)

MODELS = [
    HomePage,
    DistrictPage,
    InitiativePage,
    EventPage,
    CalendarPage,
    NeighbourhoodHouse,
    OpeningHours,
    CommunityManager,
    Category,
    Audience,
    OccurrenceChange,
]

# Facts: the same in every language.
SYNCHRONISED = {
    DistrictPage: {"population", "hero_image", "house", "manager"},
    InitiativePage: {
        "status",
        "schedule",
        "schedule_starts_on",
        "opens_at",
        "closes_at",
        "category",
        "audiences",
        "languages",
        "house",
        "image",
        "venue_latitude",
        "venue_longitude",
        "is_free",
        "contact_phone",
        "registration_url",
        "venue_name",
        "venue_address",
    },
    EventPage: {
        "start",
        "end",
        "all_day",
        "recurrence",
        "category",
        "audiences",
        "languages",
        "house",
        "image",
        "venue_name",
        "venue_address",
        "venue_latitude",
        "venue_longitude",
    },
    NeighbourhoodHouse: {"latitude", "longitude", "phone", "email", "website", "step_free", "opening_hours"},
    OpeningHours: {"weekday", "opens", "closes"},
    CommunityManager: {"name", "photo", "phone", "email"},
    Category: {"slug"},
    Audience: {"slug", "sort_order"},
    OccurrenceChange: {"original_date", "cancelled", "new_start", "new_end"},
}

# Words: what a translator translates.
TRANSLATED = {
    HomePage: {"title", "intro", "body"},
    DistrictPage: {"title", "intro", "body"},
    InitiativePage: {"title", "summary", "body", "cost", "booking_info", "schedule_notes"},
    EventPage: {"title", "summary", "body", "cost", "booking_info"},
    CalendarPage: {"title", "intro"},
    NeighbourhoodHouse: {"name", "opening_notes", "accessibility_notes"},
    CommunityManager: {"role", "bio"},
    Category: {"name", "description"},
    Audience: {"name"},
    OccurrenceChange: {"reason"},
}

PAGE_FIELDS = {field.name for field in Page._meta.get_fields()}
MIXIN_FIELDS = {"id", "translation_key", "locale", "index_entries"}


def own_fields(model):
    """The fields an editor fills in: concrete fields, many-to-many fields and child relations."""
    names = set()
    for field in model._meta.get_fields():
        if field.name in MIXIN_FIELDS or (issubclass(model, Page) and field.name in PAGE_FIELDS):
            continue
        if issubclass(model, Orderable) and field.name == "sort_order":
            continue
        if field.auto_created and not field.concrete:
            # Of the reverse relations, only child relations (a child's ParentalKey) count.
            if isinstance(getattr(field, "field", None), ParentalKey):
                names.add(field.get_accessor_name())
            continue
        if isinstance(field, ParentalKey):
            continue
        if isinstance(field, models.OneToOneField) and field.remote_field.parent_link:
            continue
        names.add(field.name)
    return names


def rules(model):
    return {rule.field_name: rule for rule in get_translatable_fields(model)}


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_field_has_a_rule(model):
    assert issubclass(model, TranslatableMixin)
    missing = own_fields(model) - set(rules(model))
    assert not missing, f"{model.__name__}: no translation rule for {sorted(missing)}"


@pytest.mark.parametrize("model", list(SYNCHRONISED), ids=lambda model: model.__name__)
def test_facts_are_synchronised(model):
    found = rules(model)
    wrong = {name for name in SYNCHRONISED[model] if not isinstance(found.get(name), SynchronizedField)}
    assert not wrong, f"{model.__name__}: should be synchronised: {sorted(wrong)}"


@pytest.mark.parametrize("model", list(TRANSLATED), ids=lambda model: model.__name__)
def test_words_are_translated(model):
    found = rules(model)
    wrong = {name for name in TRANSLATED[model] if type(found.get(name)) is not TranslatableField}
    assert not wrong, f"{model.__name__}: should be translatable: {sorted(wrong)}"


def test_the_lists_above_cover_real_fields():
    for table in (SYNCHRONISED, TRANSLATED):
        for model, names in table.items():
            known = own_fields(model) | (PAGE_FIELDS if issubclass(model, Page) else set())
            assert names <= known, (model.__name__, names - known)
    assert {"occurrence_changes", "audiences", "languages", "start"} <= own_fields(EventPage)
    assert "opening_hours" in own_fields(NeighbourhoodHouse)
    assert "sort_order" not in own_fields(OccurrenceChange)
    assert "title" not in own_fields(EventPage)  # Page's own fields follow wagtail-localize's rules


@pytest.mark.django_db
def test_reason_of_a_cancelled_date_is_offered_to_translators(district):
    from wagtail_localize.segments.extract import extract_segments

    from tests.factories import EventPageFactory, days_from_now, occurrence_change

    event = EventPageFactory(
        parent=district,
        occurrence_changes=[occurrence_change(days_from_now(7).date(), reason="Sala occupata")],
    )
    strings = [str(getattr(segment, "string", "")) for segment in extract_segments(event)]
    assert any("Sala occupata" in text for text in strings)
