"""A district with a public event and a private one, made private in one of six ways: a password,
a login or a group, set on the event itself or on the initiative above it. The Italian pages may
first be translated into English (by copy, as wagtail-localize does) or followed by Arabic
aliases (wagtail-localize's synchronised trees); the restriction is set afterwards, on the
Italian page, as an editor who makes a page private later does.
"""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

PASSWORD = "quartiere-2027"
PRIVATE_TITLE = "Riunione riservata"
PRIVATE_INITIATIVE_TITLE = "Gruppo riservato"
PUBLIC_TITLE = "Festa di via Nizza"
KINDS = (PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS)
PLACES = ("page", "ancestor")


@dataclass
class Private:
    kind: str
    place: str
    event: object  # the private Italian event
    initiative: object  # the Italian initiative above it (private itself in the "ancestor" case)
    public_event: object
    restricted: object  # the page the restriction is set on
    restriction: object = None
    group: object = None
    copies: dict = field(default_factory=dict)  # {language code: {"event": page, ...}}

    def copy(self, code, name="event"):
        return self.copies[code][name]


def restrict(page, kind, group=None):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password=PASSWORD if kind == PageViewRestriction.PASSWORD else ""
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([group])
    return restriction


@pytest.fixture(params=[(kind, place) for kind in KINDS for place in PLACES], ids=lambda case: "-".join(case))
def case(request):
    """(restriction type, where it is set): every test that takes it runs six times."""
    return request.param


@pytest.fixture
def make_private(site_tree, district, case):
    """A builder: make_private(english=False, arabic=False) -> Private."""
    from tests.factories import (
        CalendarPageFactory,
        EventPageFactory,
        InitiativePageFactory,
        days_from_now,
        publish_translation,
        synchronise_locales,
    )

    kind, place = case

    def build(*, english=False, arabic=False):
        home = site_tree.home
        calendars = {
            "portal_calendar": CalendarPageFactory(parent=home, slug="cosa-succede"),
            "district_calendar": CalendarPageFactory(parent=district, slug="calendario", title="Calendario"),
        }
        public_event = EventPageFactory(
            parent=district,
            title=PUBLIC_TITLE,
            slug="festa",
            start=days_from_now(2, 17),
            end=days_from_now(2, 20),
        )
        initiative = InitiativePageFactory(parent=district, title=PRIVATE_INITIATIVE_TITLE, slug="gruppo")
        event = EventPageFactory(
            parent=initiative if place == "ancestor" else district,
            title=PRIVATE_TITLE,
            slug="riunione",
            start=days_from_now(3, 18),
            end=days_from_now(3, 20),
        )
        copies = {}
        if english:
            en = {"home": publish_translation(home, site_tree.en)}
            en["district"] = publish_translation(district, site_tree.en)
            for name, page in calendars.items():
                en[name] = publish_translation(page, site_tree.en)
            en["public_event"] = publish_translation(public_event, site_tree.en)
            en["initiative"] = publish_translation(initiative, site_tree.en)
            en["event"] = publish_translation(event, site_tree.en)
            copies["en"] = en
        if arabic:
            synchronise_locales(("it", "ar"))
            copies["ar"] = {
                name: type(page).objects.get(translation_key=page.translation_key, locale__language_code="ar")
                for name, page in {
                    "event": event,
                    "initiative": initiative,
                    "public_event": public_event,
                }.items()
            }
        restricted = initiative if place == "ancestor" else event
        group = Group.objects.create(name="Volontari") if kind == PageViewRestriction.GROUPS else None
        restriction = restrict(restricted, kind, group)
        if place == "page":
            # The initiative is private too, by a restriction of its own.
            restrict(initiative, kind, group)
        return Private(
            kind=kind,
            place=place,
            event=event,
            initiative=initiative,
            public_event=public_event,
            restricted=restricted,
            restriction=restriction,
            group=group,
            copies=copies,
        )

    return build


@pytest.fixture
def resident(django_user_model):
    """A resident's account, in no group."""
    return django_user_model.objects.create_user("residente", password="una-password-lunga-123")


def pass_restriction(client, private, resident, page=None):
    """Make `client` pass the private event's restriction as a resident would: the password
    typed into `page`'s form (the event's by default), or signed in (as a group member)."""
    if private.kind == PageViewRestriction.PASSWORD:
        from django.urls import reverse

        page = page or private.event
        action = reverse("wagtailcore_authenticate_with_password", args=[private.restriction.pk, page.pk])
        response = client.post(action, {"password": PASSWORD, "return_url": page.url})
        assert response.status_code == 302, response.content[:300]
        return
    if private.kind == PageViewRestriction.GROUPS:
        resident.groups.add(private.group)
    client.force_login(resident)
