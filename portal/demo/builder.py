"""Builds the demo site from `portal.demo.content`: get-or-create for every object.

Snippets are found by their natural key (slug, code or name in the Italian locale), pages by
their slug under their parent, images by their title. Whatever exists is left as it is, so a
second run changes nothing and a run after a failure only adds what is missing. Pages created
in a run are saved as drafts first and published (revision, then publish) once the whole tree
exists, so bodies can link to pages created later in the same run.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils import timezone
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
from portal.core import upstream

from . import closures, content, dates, followers, news, notices
from .images import Picture, ensure_image
from .translations import DemoTranslator

HOME_SLUG = "home"
WELCOME_TITLE = "Welcome to your new Wagtail site!"
RESTORED_FILES = "restored image files"


class DemoBuilder:
    def __init__(self, today: datetime.date | None = None, log=None):
        self.today = today or timezone.localdate(timezone=dates.zone())
        self.log = log or (lambda message: None)
        self.created = Counter()
        self.source = Locale.get_default()
        self.pictures = self._pictures()
        self._pending = []  # (page, body blocks) created in this run, in tree order
        self._images = {}
        self._new_files = []  # (storage, name) of picture files written in this run

    # --- Entry point ---------------------------------------------------------------------------

    def build(self):
        # Every picture, even those of pages that exist: a wiped media folder gets its files back.
        for key in self.pictures:
            self.image(key)
        self.categories = self.ensure_categories()
        self.audiences = self.ensure_audiences()
        self.languages = self.ensure_spoken_languages()
        self.houses = {spec.key: self.ensure_house(spec) for spec in content.HOUSES}
        closures.ensure_closures(self.houses, self.today, self.created, self.log)
        self.managers = {spec.key: self.ensure_manager(spec) for spec in content.MANAGERS}

        self.home = self.ensure_home()
        self.child(
            self.home,
            CalendarPage,
            content.CALENDAR_SLUG,
            lambda: {
                "title": content.CALENDAR_TITLE,
                "intro": content.CALENDAR_INTRO,
                "show_in_menus": True,
            },
        )
        for spec in content.DISTRICTS:
            self.ensure_district(spec)
        news.ensure_news(self, {spec.slug: self.page_at(spec.slug) for spec in content.DISTRICTS})
        self.publish_pending()
        notices.ensure_notices(self.today, self.created)
        followers.ensure_followers(self.today, self.created)
        self.synchronise_locales()
        self.translate()
        return self.created

    # --- Pictures ------------------------------------------------------------------------------

    def _pictures(self):
        pictures = []
        palettes = {slug: palette for slug, _name, _description, palette in content.CATEGORIES}
        houses = {house.key: house for house in content.HOUSES}
        for district in content.DISTRICTS:
            pictures.append(
                Picture(
                    key=f"hero:{district.slug}",
                    title=f"{district.title} — immagine del quartiere",
                    description=f"Illustrazione: i tetti di {district.title} sotto il sole",
                    motif="district",
                    palette=district.palette,
                    label=district.title,
                )
            )
            house = houses[district.house]
            pictures.append(
                Picture(
                    key=f"house:{district.slug}",
                    title=f"{house.name} — illustrazione",
                    description=f"Disegno di {house.name}",
                    motif="house",
                    palette=district.palette,
                )
            )
            for spec in self._activities(district):
                pictures.append(
                    Picture(
                        key=f"activity:{district.slug}/{spec.slug}",
                        title=f"{spec.title} — illustrazione",
                        description=f"Illustrazione decorativa per «{spec.title}»",
                        motif=spec.category,
                        palette=palettes[spec.category],
                    )
                )
        for manager in content.MANAGERS:
            pictures.append(
                Picture(
                    key=f"portrait:{manager.key}",
                    title=f"{manager.name} — ritratto",
                    description=f"Le iniziali di {manager.name}",
                    motif="portrait",
                    palette=manager.palette,
                    label=manager.initials,
                )
            )
        titles = Counter(picture.title for picture in pictures)
        duplicates = [title for title, count in titles.items() if count > 1]
        if duplicates:
            raise CommandError(f"Demo pictures need unique titles; repeated: {', '.join(duplicates)}")
        return {picture.key: picture for picture in pictures}

    @staticmethod
    def _activities(district):
        for initiative in district.initiatives:
            yield initiative
            yield from initiative.events
        yield from district.events

    def image(self, key):
        if key not in self._images:
            image, status = ensure_image(self.pictures[key])
            if status:
                self._new_files.append((image.file.storage, image.file.name))
                self.created["image" if status == "created" else RESTORED_FILES] += 1
                self.log(f"  image “{image.title}” ({status})")
            self._images[key] = image
        return self._images[key]

    def discard_new_files(self):
        """Delete the picture files of this run, for when its transaction rolled back."""
        for storage, name in self._new_files:
            storage.delete(name)
        self._new_files = []

    # --- Snippets ------------------------------------------------------------------------------

    def _get_or_create(self, model, lookup, defaults, label):
        """The object matching `lookup`, created with `defaults` (a dict or a callable) if missing."""
        obj = model.objects.filter(**lookup).first()
        if obj is not None:
            return obj
        obj = model(**lookup, **(defaults() if callable(defaults) else defaults))
        self._full_clean(obj)
        obj.save()
        self.created[model._meta.model_name] += 1
        self.log(f"  {model._meta.verbose_name} “{label}”")
        return obj

    def ensure_categories(self):
        return {
            slug: self._get_or_create(
                Category,
                {"slug": slug, "locale": self.source},
                {"name": name, "description": description},
                name,
            )
            for slug, name, description, _palette in content.CATEGORIES
        }

    def ensure_audiences(self):
        return {
            slug: self._get_or_create(
                Audience, {"slug": slug, "locale": self.source}, {"name": name, "sort_order": order}, name
            )
            for slug, name, order in content.AUDIENCES
        }

    def ensure_spoken_languages(self):
        return {
            code: self._get_or_create(SpokenLanguage, {"code": code}, {"name": name}, name)
            for code, name in content.SPOKEN_LANGUAGES
        }

    def ensure_house(self, spec):
        house = NeighbourhoodHouse.objects.filter(name=spec.name, locale=self.source).first()
        if house is not None:
            return house
        house = NeighbourhoodHouse(
            locale=self.source,
            name=spec.name,
            street_address=spec.street_address,
            postal_code=spec.postal_code,
            city="Torino",
            latitude=spec.latitude,
            longitude=spec.longitude,
            phone=spec.phone,
            email=spec.email,
            website=spec.website,
            opening_notes=spec.opening_notes,
            step_free=spec.step_free,
            accessibility_notes=spec.accessibility_notes,
        )
        slots = sorted(spec.opening_hours, key=lambda slot: (slot[0], slot[1]))
        house.opening_hours = [
            OpeningHours(locale=self.source, weekday=day, opens=opens, closes=closes, sort_order=position)
            for position, (day, opens, closes) in enumerate(slots)
        ]
        self._full_clean(house)
        house.save()
        self.created["neighbourhoodhouse"] += 1
        self.log(f"  house “{house.name}”")
        return house

    def ensure_manager(self, spec):
        return self._get_or_create(
            CommunityManager,
            {"name": spec.name, "locale": self.source},
            lambda: {
                "role": spec.role,
                "bio": spec.bio,
                "email": spec.email,
                "phone": spec.phone,
                "photo": self.image(f"portrait:{spec.key}"),
            },
            spec.name,
        )

    @staticmethod
    def _full_clean(obj):
        try:
            obj.full_clean()
        except ValidationError as error:
            raise CommandError(f"Invalid demo data for {obj!r}: {error}") from error

    # --- Pages ---------------------------------------------------------------------------------

    def child(self, parent, model, slug, make_fields, body=(), children=None):
        """The `model` page at `slug` under `parent`; created as a draft if missing.

        `make_fields` is called only when the page is created; `children` maps child relation
        names to lists of unsaved child objects.
        """
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            page = existing.specific
            if not isinstance(page, model):
                raise CommandError(
                    f"{existing.url_path} exists but is a {type(page).__name__}, not a "
                    f"{model.__name__}: rename or move it and run load_demo again."
                )
            return page
        fields = make_fields()
        relations = {name: fields.pop(name) for name in ("audiences", "languages") if name in fields}
        page = model(slug=slug, locale=self.source, live=False, **fields)
        for name, values in {**relations, **(children or {})}.items():
            setattr(page, name, values)
        parent.add_child(instance=page)
        self._pending.append((page, body))
        self.created[model._meta.model_name] += 1
        self.log(f"  {model._meta.verbose_name} {page.url_path}")
        return page

    def _wagtail_welcome_page(self, root):
        """The “Welcome to your new Wagtail site!” page that Wagtail's migrations create.

        Only a childless plain `Page` under the root that still has that title or is still the
        default site's root qualifies; nothing an editor made is ever taken for it.
        """
        candidates = root.get_children().filter(
            content_type=ContentType.objects.get_for_model(Page), numchild=0
        )
        default_site = Site.objects.filter(is_default_site=True).first()
        for page in candidates:
            if page.title == WELCOME_TITLE or (default_site and default_site.root_page_id == page.pk):
                return page
        return None

    def ensure_home(self):
        root = Page.get_first_root_node()
        home = HomePage.objects.filter(depth=2, locale=self.source).first()
        welcome = self._wagtail_welcome_page(root)
        if home is None:
            if welcome is not None and welcome.slug == HOME_SLUG:
                # Free the slug: the welcome page goes once the site points to our home.
                welcome.slug = "wagtail-welcome"
                welcome.save()
            home = self.child(
                root,
                HomePage,
                HOME_SLUG,
                lambda: {"title": content.HOME_TITLE, "intro": content.HOME_INTRO},
                body=content.HOME_BODY,
            )
        self.ensure_site(home)
        if welcome is not None and not Site.objects.filter(root_page=welcome).exists():
            welcome.delete()
            self.log("  removed Wagtail's welcome page")
        return home

    def ensure_site(self, home):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.filter(hostname="localhost", port=80).first()
        if site is None:
            Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Quartieri"
            )
            self.created["site"] += 1
            return
        wanted = {"root_page_id": home.pk, "site_name": "Quartieri", "is_default_site": True}
        if any(getattr(site, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(site, name, value)
            site.save()
            self.log(f"  site {site.hostname}:{site.port} now serves “{home.title}”")

    def ensure_district(self, spec):
        house = self.houses[spec.house]
        district = self.child(
            self.home,
            DistrictPage,
            spec.slug,
            lambda: {
                "title": spec.title,
                "intro": spec.intro,
                "population": spec.population,
                "hero_image": self.image(f"hero:{spec.slug}"),
                "house": house,
                "manager": self.managers[spec.manager],
                "show_in_menus": True,
            },
            body=spec.body,
        )
        self.child(
            district,
            CalendarPage,
            content.CALENDAR_SLUG,
            lambda: {"title": spec.calendar_title, "intro": spec.calendar_intro},
        )
        for initiative in spec.initiatives:
            page = self.ensure_initiative(district, spec, initiative, house)
            for event in initiative.events:
                self.ensure_event(page, spec, event, house)
        for event in spec.events:
            self.ensure_event(district, spec, event, house)

    def _activity_fields(self, district_spec, spec, house):
        fields = {
            "title": spec.title,
            "summary": spec.summary,
            "image": self.image(f"activity:{district_spec.slug}/{spec.slug}"),
            "category": self.categories[spec.category],
            "audiences": [self.audiences[slug] for slug in spec.audiences],
            "languages": [self.languages[code] for code in spec.languages],
            "is_free": spec.is_free,
            "cost": spec.cost,
            "booking_info": spec.booking_info,
            "registration_url": spec.registration_url,
            "contact_email": spec.contact_email or house.email,
            "contact_phone": spec.contact_phone or house.phone,
        }
        if spec.venue is not None:
            fields.update(
                venue_name=spec.venue.name,
                venue_address=spec.venue.address,
                venue_latitude=spec.venue.latitude,
                venue_longitude=spec.venue.longitude,
                venue_step_free=spec.venue.step_free,
            )
        return fields

    def ensure_initiative(self, district, district_spec, spec, house):
        def make_fields():
            schedule = dates.schedule_dates(spec.schedule, self.today, at_house=spec.venue is None)
            return {
                **self._activity_fields(district_spec, spec, house),
                "status": InitiativePage.Status.ACTIVE,
                "schedule": schedule.recurrence,
                "schedule_starts_on": schedule.starts_on,
                "opens_at": schedule.opens_at,
                "closes_at": schedule.closes_at,
                "schedule_notes": spec.schedule_notes,
            }

        return self.child(district, InitiativePage, spec.slug, make_fields, body=spec.body)

    def ensure_event(self, parent, district_spec, spec, house):
        event_dates = dates.event_dates(spec.when, self.today, at_house=spec.venue is None)

        def make_fields():
            return {
                **self._activity_fields(district_spec, spec, house),
                "start": event_dates.start,
                "end": event_dates.end,
                "all_day": event_dates.all_day,
                "recurrence": event_dates.recurrence,
            }

        return self.child(
            parent,
            EventPage,
            spec.slug,
            make_fields,
            body=spec.body,
            children={"occurrence_changes": self._changes(spec, event_dates)},
        )

    def _changes(self, spec, event_dates):
        changes = []
        if spec.cancel:
            index, reason = spec.cancel
            changes.append(
                OccurrenceChange(
                    locale=self.source,
                    original_date=event_dates.upcoming[index],
                    cancelled=True,
                    reason=reason,
                )
            )
        if spec.move:
            index, days_later, reason = spec.move
            planned = event_dates.upcoming[index]
            new_day = planned + datetime.timedelta(days=days_later)
            changes.append(
                OccurrenceChange(
                    locale=self.source,
                    original_date=planned,
                    cancelled=False,
                    reason=reason,
                    new_start=dates.aware(new_day, spec.when.start),
                    new_end=dates.aware(new_day, spec.when.end),
                )
            )
        for position, change in enumerate(changes):
            change.sort_order = position
        return changes

    # --- Publishing ----------------------------------------------------------------------------

    def page_at(self, path):
        url_path = f"{self.home.url_path}{path.strip('/')}/"
        page = Page.objects.filter(locale=self.source, url_path=url_path).first()
        if page is None:
            raise CommandError(f"The demo content links to {url_path}, which does not exist.")
        return page

    def resolve(self, value):
        if isinstance(value, content.PageRef):
            return self.page_at(value.path).pk
        if isinstance(value, content.ImageRef):
            return self.image(value.key).pk
        if isinstance(value, dict):
            return {key: self.resolve(item) for key, item in value.items()}
        return value

    def body_value(self, page, blocks):
        """The StreamField value of `blocks`, refusing unknown block names and invalid blocks."""
        stream_block = page._meta.get_field("body").stream_block
        unknown = {block["type"] for block in blocks} - set(stream_block.child_blocks)
        if unknown:
            raise CommandError(f"Unknown body block(s) {sorted(unknown)} for {page.url_path}")
        raw = [{"type": block["type"], "value": self.resolve(block["value"])} for block in blocks]
        try:
            return stream_block.clean(stream_block.to_python(raw))
        except ValidationError as error:
            raise CommandError(f"Invalid body for {page.url_path}: {error}") from error

    def publish_pending(self):
        for page, blocks in self._pending:
            if blocks:
                page.body = self.body_value(page, blocks)
            page.save_revision(user=None).publish(user=None)
        self._pending = []

    # --- Other locales -------------------------------------------------------------------------

    def synchronise_locales(self):
        """Every other locale follows the Italian tree through wagtail-localize's aliases."""
        from wagtail_localize.models import LocaleSynchronization

        keys = {}  # locale id -> translation keys of its pages
        for locale in Locale.objects.exclude(pk=self.source.pk).order_by("language_code"):
            sync, created = LocaleSynchronization.objects.get_or_create(
                locale=locale, defaults={"sync_from": self.source}
            )
            if created:
                # Saving a new LocaleSynchronization synchronises the tree at once.
                self.created["localesynchronization"] += 1
                continue
            # An existing one: synchronise again only if the locale lacks a page of the locale it
            # follows (added since), as synchronize_tree would find, without its page index.
            for pk in (sync.sync_from_id, locale.pk):
                if pk not in keys:
                    pages = Page.objects.filter(locale_id=pk, depth__gt=1)
                    keys[pk] = set(pages.values_list("translation_key", flat=True))
            if keys[sync.sync_from_id] - keys[locale.pk]:
                upstream.synchronize_tree(sync.sync_from, locale)
                keys.pop(locale.pk)  # a locale may follow this one

        source_count = Page.objects.filter(locale=self.source, depth__gt=1).count()
        missing = [
            f"{locale.language_code} ({count}/{source_count})"
            for locale in Locale.objects.exclude(pk=self.source.pk)
            if (count := Page.objects.filter(locale=locale, depth__gt=1).count()) < source_count
        ]
        if missing:
            raise CommandError(f"Some locales do not reach every page: {', '.join(missing)}")

    def translate(self):
        """The home page, districts, calendars, snippets and some activities in every language."""
        DemoTranslator(self.source, self.home, self.created, log=self.log).translate_all()
