"""A small portal for the API tests: a district with house, manager and photo, an initiative,
events (one weekly with a cancelled date, one with a picture and a link in its body)."""

import datetime
from dataclasses import dataclass

import pytest
import recurrence

from tests.factories import (
    AudienceFactory,
    CategoryFactory,
    EventPageFactory,
    InitiativePageFactory,
    SpokenLanguageFactory,
    days_from_now,
    make_image,
    occurrence_change,
)


@dataclass
class Portal:
    district: object
    initiative: object
    weekly: object
    pictured: object
    free: object
    category: object
    audience: object
    image: object


@pytest.fixture
def portal(home, district):
    photo = make_image("Sara Medici", width=600, height=600)
    manager = district.manager
    manager.photo = photo
    manager.save()
    hero = make_image("San Salvario", description="I tetti di San Salvario al tramonto")
    district.hero_image = hero
    district.save_revision().publish()
    category = CategoryFactory(slug="courses", name="Corsi")
    audience = AudienceFactory(slug="families", name="Famiglie")
    italian = SpokenLanguageFactory(code="it", name="Italiano")
    initiative = InitiativePageFactory(
        parent=district,
        title="Sportello di ascolto",
        category=category,
        schedule=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU"),
        opens_at=datetime.time(10, 0),
        closes_at=datetime.time(12, 0),
    )
    start = days_from_now(1, 18)
    weekly = EventPageFactory(
        parent=district,
        title="Lingue in circolo",
        category=category,
        start=start,
        end=start + datetime.timedelta(hours=2),
        recurrence=recurrence.deserialize("RRULE:FREQ=WEEKLY"),
        is_free=False,
        cost="3 €",
        occurrence_changes=[
            occurrence_change(
                (start + datetime.timedelta(days=7)).date(), reason="La sala è chiusa per lavori."
            )
        ],
    )
    weekly.audiences.set([audience])
    weekly.languages.set([italian])
    weekly.save_revision().publish()
    picture = make_image("Festa", description="Bambini che ballano in cortile")
    pictured = EventPageFactory(
        parent=initiative,
        title="Festa di primavera",
        category=CategoryFactory(slug="cultural-events", name="Eventi culturali"),
        start=days_from_now(3, 15),
        end=days_from_now(3, 19),
        image=picture,
        venue_name="Parco del Valentino",
        venue_address="Corso Massimo d'Azeglio",
        body=[
            ("paragraph", f'<p>Vedi <a linktype="page" id="{initiative.pk}">lo sportello</a>.</p>'),
            ("image", {"image": picture, "alt_text": "Il cortile", "caption": ""}),
        ],
    )
    free = EventPageFactory(
        parent=district,
        title="Cineforum",
        category=category,
        start=days_from_now(2, 21),
        end=days_from_now(2, 23),
    )
    return Portal(
        district=type(district).objects.get(pk=district.pk),
        initiative=initiative,
        weekly=type(weekly).objects.get(pk=weekly.pk),
        pictured=pictured,
        free=free,
        category=category,
        audience=audience,
        image=picture,
    )


def events(district, count, start_in_days=1):
    """`count` one-off events in `district`, one a day."""
    return [
        EventPageFactory(
            parent=district,
            title=f"Evento {number}",
            start=days_from_now(start_in_days + number % 20, 18),
            end=days_from_now(start_in_days + number % 20, 20),
        )
        for number in range(count)
    ]


@pytest.fixture
def english(portal, en_home, site_tree):
    """The English locale with the district translated, so events can be translated under it."""
    from tests.factories import publish_translation

    publish_translation(portal.district, site_tree.en)
    return site_tree.en
