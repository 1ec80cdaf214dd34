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

from districts.models import (
    CommunityManager,
    DistrictPage,
    HouseClosure,
    NeighbourhoodHouse,
    NewsIndexPage,
    NewsPage,
    Notice,
    OpeningHours,
)
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
    # Closed on no public holiday unless a test says so (the editor's default is every one), so
    # that a test's dates are cancelled only by the closures it is about.
    closed_on_holidays = factory.LazyFunction(list)

    @factory.post_generation
    def closures(self, create, extracted, **kwargs):
        """`closures=[house_closure(...), ...]` adds closures, saved as the house's editor saves
        them (the house with its closures: the dates held there are rebuilt)."""
        if not extracted:
            return
        self.closures = list(self.closures.all()) + list(extracted)
        if create:
            self.save()

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


class NoticeFactory(factory.django.DjangoModelFactory):
    """A notice published as a Community Manager publishes it (a revision, then publish), shown
    from an hour ago for a day unless told: `NoticeFactory(district=…)`, `(house=…)`,
    `(initiative=…)` or `(scope="portal")`; the scope follows the target given."""

    class Meta:
        model = Notice
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Avviso {n}")
    text = "Lo sportello resta chiuso."
    level = Notice.Level.INFORMATION
    starts = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    ends = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))
    scope = factory.LazyAttribute(
        lambda notice: next(
            (scope for scope, name in Notice.SCOPE_FIELDS.items() if getattr(notice, name, None) is not None),
            Notice.Scope.PORTAL,
        )
    )
    live = False

    @factory.post_generation
    def publish(notice, create, extracted, **kwargs):
        if create and extracted is not False:
            notice.save_revision().publish()


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


class NewsIndexPageFactory(PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Notizie"
    slug = "notizie"
    intro = "Aperture, chiusure e appelli della casa."


class NewsPageFactory(PageFactory):
    """A news item; `parent` is a news index."""

    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Notizia {n}")
    summary = factory.LazyAttribute(lambda o: f"{o.title}: leggete tutto.")
    date = factory.LazyFunction(lambda: timezone.localdate(timezone=zone()))
    category = None


def occurrence_change(original_date, *, cancelled=True, reason="", new_start=None, new_end=None):
    """An unsaved OccurrenceChange to pass as `occurrence_changes=[...]` to EventPageFactory."""
    return OccurrenceChange(
        original_date=original_date,
        cancelled=cancelled,
        reason=reason,
        new_start=new_start,
        new_end=new_end,
    )


def house_closure(starts_on, ends_on=None, *, reason="Chiuso", from_time=None, until_time=None):
    """An unsaved HouseClosure to pass as `closures=[...]` to NeighbourhoodHouseFactory, or to
    add to a house's `closures` before saving it (`close_house`)."""
    return HouseClosure(
        starts_on=starts_on, ends_on=ends_on, reason=reason, from_time=from_time, until_time=until_time
    )


def close_house(house, *closures):
    """Add `closures` to `house` and save it, as its editor does in the admin."""
    house.closures = list(house.closures.all()) + list(closures)
    house.save()
    return house


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


# --- People, proposal forms and proposals ------------------------------------------------------


class UserFactory(factory.django.DjangoModelFactory):
    """An active user; `groups=["San Salvario editors", …]` puts them in existing groups by name."""

    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"persona{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    first_name = factory.LazyAttribute(lambda o: o.username.capitalize())
    password = factory.django.Password("quartieri-test-password")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if not extracted:
            return
        from django.contrib.auth.models import Group

        self.groups.add(*[Group.objects.get(name=name) for name in extracted])


class ProposalFormPageFactory(PageFactory):
    class Meta:
        model = "districts.ProposalFormPage"

    title = "Proponi un'idea"
    slug = "proponi-un-idea"
    intro = "Scrivici la tua idea per il quartiere."
    privacy_text = "Usiamo i tuoi dati solo per risponderti e li conserviamo per 24 mesi."
    thank_you_text = "Grazie! Ti risponderemo entro due settimane."


class ProposalFactory(factory.django.DjangoModelFactory):
    """A resident's proposal sent through `page` (a ProposalFormPage)."""

    class Meta:
        model = "districts.Proposal"

    page = None
    form_data = factory.Sequence(
        lambda n: {
            "name": f"Residente {n}",
            "email": f"residente{n}@example.org",
            "phone": "",
            "proposal": f"Proposta numero {n}: un laboratorio di riparazione biciclette in cortile.",
            "category": "Laboratori",
            "language": "it",
        }
    )
    publish_consent = False

    @classmethod
    def _create(cls, model_class, *args, submit_time=None, **kwargs):
        proposal = super()._create(model_class, *args, **kwargs)
        if submit_time is not None:
            model_class.objects.filter(pk=proposal.pk).update(submit_time=submit_time)
            proposal.refresh_from_db()
        return proposal


# --- Images (appended for the API tests) ----------------------------------------------------


def make_image(title="Immagine", width=1600, height=1000, **kwargs):
    """A real JPEG in Wagtail's image library, so renditions can be made from it."""
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    buffer = BytesIO()
    PILImage.new("RGB", (width, height), (200, 80, 40)).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{slugify(title)}.jpg"), **kwargs
    )


# --- Languages: wagtail-localize's synchronised trees and translations ----------------------

ALL_LANGUAGES = ("it", "en", "fr", "ar", "ro", "zh-hans", "es")


def synchronise_locales(codes=ALL_LANGUAGES):
    """The locales `codes`, each following the Italian tree: every Italian page gets an alias there.

    Call it after creating the Italian pages; returns {language code: Locale}.
    """
    from wagtail_localize.models import LocaleSynchronization

    source = Locale.get_default()
    locales = {}
    for code in codes:
        locale, _created = Locale.objects.get_or_create(language_code=code)
        locales[code] = locale
        if locale.pk == source.pk:
            continue
        sync, created = LocaleSynchronization.objects.get_or_create(
            locale=locale, defaults={"sync_from": source}
        )
        if not created:
            sync.sync_trees()
    return locales


def translate_with_localize(instance, locale, texts=None, publish=True):
    """Translate `instance` into `locale` as the translation editor does, and return the target.

    A TranslationSource of the instance, a Translation into `locale`, a StringTranslation for every
    string segment (`texts` maps source strings to translations; others become "[xx] source",
    the slug stays), then `Translation.save_target()`, which turns an alias into a real page.
    Its deferred publish runs here (the test transaction never commits).
    """
    from django.test import TestCase
    from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

    texts = texts or {}
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        data = segment.string.data
        text = data if segment.context.path == "slug" else texts.get(data, f"[{locale.language_code}] {data}")
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text, "translation_type": "manual"},
        )
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=publish)
    target = source.get_translated_instance(locale)
    return target.specific if isinstance(target, Page) else target


def add_numbered_event(parent, number, start, *, category, weekly, locale, slug_prefix="evento"):
    """The `number`-th of many plain published events under `parent`, for tests and benchmarks at
    scale: two hours from `start`, every third one repeating by `weekly`. Built directly (no
    factory, no revision) so that thousands stay quick."""
    return parent.add_child(
        instance=EventPage(
            title=f"Evento {number}",
            slug=f"{slug_prefix}-{number}",
            summary="Un evento del quartiere",
            start=start,
            end=start + datetime.timedelta(hours=2),
            category=category,
            recurrence=weekly if number % 3 == 0 else None,
            locale=locale,
            live=True,
            first_published_at=timezone.now(),
        )
    )


class FollowerFactory(factory.django.DjangoModelFactory):
    """A confirmed e-mail follower of every district, in Italian, with both channels."""

    class Meta:
        model = "districts.Follower"

    kind = "email"
    email = factory.Sequence(lambda n: f"residente{n}@example.org")
    language = "it"
    consent_text = "Voglio ricevere le novità del quartiere."
    confirmed_at = factory.LazyFunction(timezone.now)


class DeviceFollowerFactory(FollowerFactory):
    """A device (the app, or a browser with "notify me" on): no address, confirmed at once."""

    kind = "device"
    email = ""
    weekly_digest = False
