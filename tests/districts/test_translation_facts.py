"""The facts residents rely on are never overridden in a translation.

wagtail-localize lets a translation override any synchronised field unless it is declared with
`overridable=False`, and a translated snippet is published by whoever translates it: an English
copy of a house could otherwise carry another address or e-mail than the Italian record, and an
English district or form could send proposals elsewhere.
"""

import importlib

import pytest
from django.apps import apps
from wagtail_localize.fields import SynchronizedField, get_translatable_fields

from districts.models import CommunityManager, DistrictPage, NeighbourhoodHouse, ProposalFormPage
from tests.factories import NeighbourhoodHouseFactory

NOT_OVERRIDABLE = {
    NeighbourhoodHouse: {
        "street_address",
        "postal_code",
        "city",
        "latitude",
        "longitude",
        "phone",
        "email",
        "website",
        "opening_hours",
        "step_free",
    },
    CommunityManager: {"name", "photo", "phone", "email"},
    DistrictPage: {"house", "manager"},
    ProposalFormPage: {"to_address", "from_address"},
}


@pytest.mark.parametrize("model", list(NOT_OVERRIDABLE), ids=lambda model: model.__name__)
def test_facts_are_synchronised_and_never_overridden(model):
    rules = {rule.field_name: rule for rule in get_translatable_fields(model)}
    for name in NOT_OVERRIDABLE[model]:
        assert isinstance(rules[name], SynchronizedField), name
        assert not rules[name].overridable, f"{model.__name__}.{name} can be overridden in a translation"


@pytest.mark.django_db
def test_overrides_made_before_are_dropped_by_the_migration(site_tree):
    """Overrides of facts recorded while they were overridable would still be applied the next
    time the translation is published: the migration removes them, and only them."""
    from wagtail_localize.models import (
        OverridableSegment,
        SegmentOverride,
        TranslatableObject,
        TranslationContext,
        TranslationSource,
    )

    house = NeighbourhoodHouseFactory(name="Casa nel Parco")
    source, _created = TranslationSource.get_or_create_from_instance(house)
    translatable, _created = TranslatableObject.objects.get_or_create_from_instance(house)

    def overridden(path, value):
        context, _created = TranslationContext.objects.get_or_create(object=translatable, path=path)
        OverridableSegment.objects.get_or_create(source=source, context=context, order=1, data_json='"x"')
        SegmentOverride.objects.create(locale=site_tree.en, context=context, data_json=f'"{value}"')
        return context

    email = overridden("email", "altrove@example.org")
    other = overridden("some_future_field", "kept")

    migration = importlib.import_module("districts.migrations.0003_facts_are_not_overridden")
    migration.drop_overrides(apps, None)

    assert not OverridableSegment.objects.filter(context=email).exists()
    assert not SegmentOverride.objects.filter(context=email).exists()
    assert OverridableSegment.objects.filter(context=other).exists()
    assert SegmentOverride.objects.filter(context=other).exists()
