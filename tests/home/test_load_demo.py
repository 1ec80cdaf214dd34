"""The demo command: the three districts of Turin, idempotent, and served by the site."""

import pytest
from django.apps import apps
from django.core.management import call_command

from districts.models import DistrictPage
from initiatives.models import EventPage, InitiativePage, Occurrence

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

DISTRICTS = {
    "San Salvario": ("Sara Medici", "Casa del Quartiere di San Salvario"),
    "Barriera di Milano": ("Sara Medici", "Bagni Pubblici di via Agliè"),
    "Mirafiori Sud": ("Imma di Santo", "Casa nel Parco"),
}


def model_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Run the command twice in one transaction kept for the whole module, then roll back."""
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", verbosity=0)
            first = model_counts()
            call_command("load_demo", verbosity=0)
            second = model_counts()
            yield first, second
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_second_run_changes_no_count(demo):
    first, second = demo
    changed = {label: (first[label], second[label]) for label in first if first[label] != second[label]}
    assert not changed, f"counts changed on the second run: {changed}"
    assert first["districts.DistrictPage"] >= 3


def test_the_three_districts_with_their_managers_and_houses(demo):
    for title, (manager, house) in DISTRICTS.items():
        district = DistrictPage.objects.get(title=title, locale__language_code="it")
        assert district.live
        assert district.manager.name == manager, title
        assert district.house.name == house, title


def test_each_district_has_initiatives_and_events(demo):
    for title in DISTRICTS:
        district = DistrictPage.objects.get(title=title, locale__language_code="it")
        initiatives = InitiativePage.objects.descendant_of(district).live().count()
        events = EventPage.objects.descendant_of(district).live().count()
        assert initiatives >= 4, (title, initiatives)
        assert events >= 6, (title, events)
        assert Occurrence.objects.filter(district_key=district.translation_key).exists(), title


def test_the_demo_is_served(demo, client):
    response = client.get("/it/san-salvario/")
    assert response.status_code == 200
    assert "Sara Medici" in response.content.decode()
    assert client.get("/").status_code == 302
