"""factory_boy factories for the portal's snippets and pages, and the site tree they hang from.

Page factories add the page under `parent` and publish a revision, so the publishing signals
(and with them the occurrence table) run exactly as they do for an editor.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import factory
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from districts.models import CommunityManager, DistrictPage, NeighbourhoodHouse, OpeningHours
from home.models import HomePage
from initiatives.models import (
    Audience,
    CalendarPage,
    Category,
    EventPage,
    InitiativePage,
    OccurrenceChange,
    SpokenLanguage,
)
from initiatives.occurrences import make_local_aware, zone


def default_locale():
    return Locale.get_default()


def local_datetime(year, month, day, hour=0, minute=0):
    """An aware datetime at a wall-clock time in Turin."""
    return make_local_aware(datetime.datetime(year, month, day, hour, minute))


def days_from_now(days, hour=18, minute=0):
    """An aware datetime `days` after today (Turin time) at the given wall-clock time."""
    today = timezone.localdate(timezone=zone())
    day = today + datetime.timedelta(days=days)
    return make_local_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


# --- Snippets ------------------------------------------------------------------------------


class NeighbourhoodHouseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeighbourhoodHouse
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Casa del Quartiere {n}")
    street_address = factory.Sequence(lambda n: f"Via Morgari {n + 1}")
    postal_code = "10125"
    city = "Torino"
    latitude = Decimal("45.054100")
    longitude = Decimal("7.683600")
    phone = "+39 011 000 0000"
    email = factory.Sequence(lambda n: f"casa{n}@example.org")
    step_free = True
    locale = factory.LazyFunction(default_locale)

    @factory.post_generation
    def opening_hours(self, create, extracted, **kwargs):
        """`opening_hours=[(weekday, "09:00", "13:00"), ...]` adds opening slots."""
        if not extracted:
            return
        for weekday, opens, closes in extracted:
            OpeningHoursFactory(
                house=self,
                weekday=weekday,
                opens=datetime.time.fromisoformat(opens),
                closes=datetime.time.fromisoformat(closes),
            )


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    house = factory.SubFactory(NeighbourhoodHouseFactory)
    weekday = 0
    opens = datetime.time(9, 0)
    closes = datetime.time(18, 0)
    locale = factory.SelfAttribute("house.locale")


class CommunityManagerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityManager

    name = factory.Sequence(lambda n: f"Persona {n}")
    role = "Community Manager"
    bio = "Aiuta chi abita nel quartiere a trasformare le idee in progetti."
    email = factory.Sequence(lambda n: f"manager{n}@example.org")
    locale = factory.LazyFunction(default_locale)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug", "locale")

    slug = factory.Sequence(lambda n: f"category-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())
    locale = factory.LazyFunction(default_locale)


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audience
        django_get_or_create = ("slug", "locale")

    slug = factory.Sequence(lambda n: f"audience-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.capitalize())
    locale = factory.LazyFunction(default_locale)


class SpokenLanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpokenLanguage
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"x{n}")
    name = factory.LazyAttribute(lambda o: o.code)


# --- Pages ---------------------------------------------------------------------------------


class PageFactory(factory.django.DjangoModelFactory):
    """Creates a page under `parent` and publishes it (pass `publish=False` for a draft)."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Pagina {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    parent = None
    publish = True

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        kwargs.pop("parent", None)
        kwargs.pop("publish", None)
        return model_class(*args, **kwargs)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        parent = kwargs.pop("parent")
        publish = kwargs.pop("publish")
        if parent is None:
            raise ValueError(f"{cls.__name__} needs parent=<page>")
        page = model_class(*args, **kwargs)
        page.live = False
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        return model_class.objects.get(pk=page.pk)


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = "Quartieri"
    slug = "home"
    intro = "Che cosa succede a San Salvario, Barriera di Milano e Mirafiori Sud."


class DistrictPageFactory(PageFactory):
    class Meta:
        model = DistrictPage

    title = factory.Sequence(lambda n: f"Quartiere {n}")
    intro = factory.LazyAttribute(lambda o: f"Il quartiere {o.title}.")
    population = 35000
    house = factory.SubFactory(NeighbourhoodHouseFactory)
    manager = factory.SubFactory(CommunityManagerFactory)


class InitiativePageFactory(PageFactory):
    class Meta:
        model = InitiativePage

    title = factory.Sequence(lambda n: f"Iniziativa {n}")
    summary = factory.LazyAttribute(lambda o: f"{o.title}: un servizio della casa.")
    category = factory.SubFactory(CategoryFactory)
    status = InitiativePage.Status.ACTIVE
    schedule = None
    opens_at = None
    closes_at = None


class EventPageFactory(PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Evento {n}")
    summary = factory.LazyAttribute(lambda o: f"{o.title}: vi aspettiamo.")
    category = factory.SubFactory(CategoryFactory)
    start = factory.LazyFunction(lambda: days_from_now(7, 18))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    all_day = False
    recurrence = None


class CalendarPageFactory(PageFactory):
    class Meta:
        model = CalendarPage

    title = "Cosa succede"
    slug = "calendario"
    intro = "Tutti gli appuntamenti dei quartieri."


def occurrence_change(original_date, *, cancelled=True, reason="", new_start=None, new_end=None):
    """An unsaved OccurrenceChange to pass as `occurrence_changes=[...]` to EventPageFactory."""
    return OccurrenceChange(
        original_date=original_date,
        cancelled=cancelled,
        reason=reason,
        new_start=new_start,
        new_end=new_end,
    )


# --- The site tree -------------------------------------------------------------------------


@dataclass
class SiteTree:
    site: Site
    home: HomePage
    it: Locale
    en: Locale


def build_site_tree() -> SiteTree:
    """Italian and English locales, the Italian home page as the default site's root.

    Wagtail's initial migration leaves a "Welcome to your new Wagtail site!" page as the
    site root; it is replaced by our HomePage and deleted.
    """
    it, _created = Locale.objects.get_or_create(language_code="it")
    en, _created = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    # Deleting the welcome page also deletes the Site that points to it (on_delete=CASCADE).
    for page in Page.objects.filter(depth=2):
        page.delete()
    home = HomePageFactory(parent=root, locale=it)
    site = Site.objects.create(
        hostname="localhost", port=80, site_name="Quartieri", root_page=home, is_default_site=True
    )
    return SiteTree(site=site, home=HomePage.objects.get(pk=home.pk), it=it, en=en)


def publish_translation(page, locale):
    """Copy `page` into `locale` (as wagtail-localize does) and publish the copy."""
    translated = page.copy_for_translation(locale)
    translated.save_revision().publish()
    return type(page).objects.get(pk=translated.pk)
