"""Template tags of the public site: navigation, language switcher, alternates, footer, dates.

The site-wide pieces (locales, home pages, districts, houses, calendars) are read once per
request by `PortalNav` and cached on the request, so every page costs the same handful of
queries however many districts, languages or houses there are.
"""

import datetime
from dataclasses import dataclass
from functools import cached_property
from itertools import groupby

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.formats import time_format
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_info
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation

from districts.models import DistrictPage, NeighbourhoodHouse
from initiatives.closures import closure_reasons
from initiatives.models import CalendarPage, Category
from portal.core import i18n as portal_i18n
from portal.core.absolute_urls import absolute_url
from portal.core.directory import Translated
from portal.core.i18n import active_locale, language_direction
from portal.core.page_cache import cached_by_version
from portal.core.visibility import private_paths

register = template.Library()

ONE_DAY = datetime.timedelta(days=1)
REQUEST_CACHE_ATTRIBUTE = "_portal_nav"


# --- Site-wide navigation data, cached per request -----------------------------------------


def _language_names():
    return dict(settings.LANGUAGES)


def _is_rtl(language_code):
    try:
        return get_language_info(language_code)["bidi"]
    except KeyError:
        return False


def _public(pages, restricted_paths):
    return [page for page in pages if not page.path.startswith(tuple(restricted_paths) or ("\0",))]


def _load_site_data():
    order = [code for code, _name in settings.LANGUAGES]
    locales = [locale for locale in Locale.objects.all() if locale.language_code in order]
    homes = {}
    # The home pages: the sites' root pages, in every language (home/ sits above this shell).
    roots = Site.objects.values("root_page__translation_key")
    for home in Page.objects.live().filter(translation_key__in=roots).order_by("path"):
        homes.setdefault(home.locale_id, home)
    return {
        "locales": sorted(locales, key=lambda locale: order.index(locale.language_code)),
        "homes": homes,
        "restricted_paths": private_paths(),
        "categories": Translated(Category.objects.all()),
    }


def _load_locale_data(locale, restricted_paths):
    districts = _public(DistrictPage.objects.live().filter(locale=locale).order_by("path"), restricted_paths)

    portal_wide = None
    by_district = {}
    district_paths = {district.path: district.pk for district in districts}
    calendars = CalendarPage.objects.live().filter(locale=locale).order_by("path")
    for calendar in _public(calendars, restricted_paths):
        parent_path = calendar.path[: -Page.steplen]
        if parent_path in district_paths:
            by_district.setdefault(district_paths[parent_path], calendar)
        elif calendar.depth == 3 and portal_wide is None:
            portal_wide = calendar

    houses = []
    house_ids = [district.house_id for district in districts if district.house_id]
    if house_ids:
        keys = NeighbourhoodHouse.objects.filter(pk__in=house_ids).values("translation_key")
        candidates = list(
            NeighbourhoodHouse.objects.filter(translation_key__in=keys).prefetch_related("opening_hours")
        )
        translations = Translated(candidates)
        seen = set()
        for district in districts:
            original = translations.by_id.get(district.house_id)
            if original is None or original.translation_key in seen:
                continue
            seen.add(original.translation_key)
            houses.append((district, translations.localized(original, locale.pk)))
    return {"districts": districts, "calendars": (portal_wide, by_district), "houses": houses}


@dataclass
class PortalNav:
    """What the header and the footer need to know about the site, for one request."""

    request: object = None
    page: object = None

    @cached_property
    def site_data(self):
        """Locales, home pages, restricted paths and categories: one cache read when warm."""
        return cached_by_version(self.request, "portal:nav-site", _load_site_data)

    @cached_property
    def locale_data(self):
        """Districts, calendars and houses of the current locale: one cache read when warm."""
        if self.locale is None:
            return {"districts": [], "calendars": (None, {}), "houses": []}
        locale, restricted = self.locale, self.restricted_paths
        return cached_by_version(
            self.request, "portal:nav-locale", lambda: _load_locale_data(locale, restricted), locale.pk
        )

    @property
    def locales(self):
        """Locales whose language the site offers, in the order of settings.LANGUAGES."""
        return self.site_data["locales"]

    @cached_property
    def locale(self):
        """The locale of the page being shown, else that of the active language."""
        by_id = {locale.pk: locale for locale in self.locales}
        if self.page is not None and getattr(self.page, "locale_id", None) in by_id:
            return by_id[self.page.locale_id]
        return active_locale(self.locales) or (self.locales[0] if self.locales else None)

    @property
    def homes(self):
        """{locale id: live home page}, the first in tree order when there are several."""
        return self.site_data["homes"]

    @property
    def home(self):
        return self.homes.get(self.locale.pk) if self.locale else None

    @property
    def restricted_paths(self):
        """Tree paths of the subtrees the public may not see (portal/core/visibility.py): restricted
        pages, their aliases and their translations."""
        return self.site_data["restricted_paths"]

    def public(self, pages):
        """The pages outside every restricted subtree (no query, unlike `.public()`)."""
        return _public(pages, self.restricted_paths)

    @property
    def districts(self):
        """The live, public districts of the current locale, in tree order."""
        return self.locale_data["districts"]

    @cached_property
    def districts_by_key(self):
        return {district.translation_key: district for district in self.districts}

    @property
    def calendars(self):
        """The live calendars of the current locale: (portal-wide or None, {district id: page})."""
        return self.locale_data["calendars"]

    @property
    def houses(self):
        """[(district, house)] with each district's house in the current locale, hours prefetched."""
        return self.locale_data["houses"]

    @property
    def categories(self):
        """Every category (`portal.core.directory.Translated`)."""
        return self.site_data["categories"]

    def localized_category(self, category_id):
        """The category in the current locale where translated, else itself (the one rule)."""
        if self.locale is None:
            return self.categories.by_id.get(category_id)
        return self.categories.localized(category_id, self.locale.pk)

    @cached_property
    def translations(self):
        """{locale id: live translation of the current page}, the page itself included."""
        page = self.page
        if page is None or not isinstance(page, Page) or not page.pk:
            return {}

        def load():
            return {
                translation.locale_id: translation
                for translation in Page.objects.filter(translation_key=page.translation_key)
                .live()
                .order_by("pk")
            }

        return cached_by_version(self.request, "portal:page-translations", load, page.translation_key)

    @cached_property
    def language_codes(self):
        """{locale id: language code} of the offered locales."""
        return {locale.pk: locale.language_code for locale in self.locales}

    @cached_property
    def source_language(self):
        """The language of the source tree (Italian): what an untranslated page shows."""
        try:
            return get_supported_content_language_variant(settings.LANGUAGE_CODE)
        except LookupError:
            return settings.LANGUAGE_CODE

    @cached_property
    def translation_state(self):
        """How far the current page is translated: "source", "alias", "partial" or "done".

        "alias": wagtail-localize's synchronised tree reaches this locale, but no translator has
        started, so the page shows the source text. "partial": a translation is under way in the
        translation editor and some of its strings are still missing (they show the source text).
        A page copied without wagtail-localize's editor (no Translation) counts as translated.
        """
        page = self.page
        if page is None or not isinstance(page, Page) or not page.pk:
            return "source"
        if page.alias_of_id:
            return "alias"
        if self.language_codes.get(page.locale_id) == self.source_language:
            return "source"
        return cached_by_version(
            self.request, "portal:translation-state", self._translation_progress, page.pk
        )

    def _translation_progress(self):
        page = self.page
        translation = (
            Translation.objects.filter(
                source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
            )
            .order_by("-created_at")
            .first()
        )
        if translation is None:
            return "done"
        total, translated = translation.get_progress()
        return "partial" if translated < total else "done"

    def text_language(self, obj):
        """The language `obj`'s words are written in, when it is not the reader's; else None."""
        if obj is None:
            return None
        reading = self.language_codes.get(self.locale.pk) if self.locale is not None else get_language()
        if isinstance(obj, Page) and obj.alias_of_id:
            written = self.source_language
        else:
            written = self.language_codes.get(getattr(obj, "locale_id", None))
        if not written or written == reading:
            return None
        return written


def portal_nav(context):
    """The PortalNav of this request, built once."""
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return PortalNav(page=page)
    nav = getattr(request, REQUEST_CACHE_ATTRIBUTE, None)
    if nav is None or nav.page is not page:
        nav = PortalNav(request=request, page=page)
        setattr(request, REQUEST_CACHE_ATTRIBUTE, nav)
    return nav


# --- Tags for templates --------------------------------------------------------------------


@register.simple_tag(takes_context=True)
def locale_home(context):
    """The home page of the current locale (or None)."""
    return portal_nav(context).home


@register.simple_tag(takes_context=True)
def locale_districts(context):
    """The live districts of the current locale."""
    return portal_nav(context).districts


@register.simple_tag(takes_context=True)
def calendar_for(context, district=None):
    """The “What's on” page of a district, or the portal-wide one when no district is given."""
    portal_wide, by_district = portal_nav(context).calendars
    if district is None:
        return portal_wide
    return by_district.get(district.pk)


@register.simple_tag(takes_context=True)
def category_of(context, page):
    """The category of an initiative or event in the current locale, without a query per page."""
    category_id = getattr(page, "category_id", None)
    if not category_id:
        return None
    return portal_nav(context).localized_category(category_id)


@register.simple_tag(takes_context=True)
def district_for_key(context, key):
    """The district of the current locale with this translation key (for occurrence rows)."""
    if not key:
        return None
    return portal_nav(context).districts_by_key.get(key)


@register.inclusion_tag("includes/district_nav.html", takes_context=True)
def district_nav(context):
    nav = portal_nav(context)
    page = context.get("page")
    items = []
    for district in nav.districts:
        current = ""
        if isinstance(page, Page) and page.path:
            if page.pk == district.pk:
                current = "page"
            elif page.path.startswith(district.path):
                current = "true"
        items.append({"page": district, "current": current})
    portal_wide, _by_district = nav.calendars
    calendar_current = ""
    if portal_wide is not None and isinstance(page, Page) and page.pk == portal_wide.pk:
        calendar_current = "page"
    return {
        "request": context.get("request"),
        "items": items,
        "calendar": portal_wide,
        "calendar_current": calendar_current,
    }


def _language_links(context):
    """One entry per offered locale: the same page there, else that locale's home page.

    Each link goes through `choose_language`, which remembers the choice in the language
    cookie (so that `/` later opens in it) and redirects to `target`, the page itself.
    """
    nav = portal_nav(context)
    request = context.get("request")
    names = _language_names()
    current = nav.locale
    query = request.META.get("QUERY_STRING", "") if request is not None else ""
    links = []
    for locale in nav.locales:
        code = locale.language_code
        target = nav.translations.get(locale.pk)
        url = None
        is_translation = target is not None
        if target is not None:
            url = target.get_url(request)
            if url and query:
                # The same filters of the calendar, the same page of a listing.
                url = f"{url}?{query}"
        elif nav.page is None and request is not None:
            # Not a Wagtail page (search): the same address under the other language prefix.
            url = translate_url(request.get_full_path(), code)
            is_translation = True
        if not url:
            home = nav.homes.get(locale.pk)
            url = home.get_url(request) if home is not None else None
            is_translation = False
        if not url:
            continue
        links.append(
            {
                "code": code,
                "name": names.get(code, code),
                "target": url,
                "url": f"{reverse('choose_language', args=[code])}?{urlencode({'next': url})}",
                "rtl": _is_rtl(code),
                "current": current is not None and locale.pk == current.pk,
                "is_translation": is_translation,
            }
        )
    return links


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    return {"languages": _language_links(context)}


@register.inclusion_tag("includes/alternate_links.html", takes_context=True)
def alternate_links(context):
    """<link rel="alternate" hreflang> for every live translation, plus x-default."""
    nav = portal_nav(context)
    request = context.get("request")
    alternates = []
    default_url = None
    for locale in nav.locales:
        translation = nav.translations.get(locale.pk)
        if translation is None:
            continue
        url = absolute_url(translation.get_url(request))
        if not url:
            continue
        alternates.append({"code": locale.language_code, "url": url})
        if locale.language_code == settings.LANGUAGE_CODE:
            default_url = url
    return {"alternates": alternates, "default_url": default_url}


@register.simple_tag(takes_context=True)
def text_lang(context, obj):
    """` lang="it" dir="ltr"` for an element whose words are not in the reader's language.

    An alias page, or a snippet or listed page not translated yet, shows Italian text inside
    an English or Arabic page; screen readers and hyphenation need to know.
    """
    written = portal_nav(context).text_language(obj)
    if not written:
        return ""
    reading = get_language() or settings.LANGUAGE_CODE
    if language_direction(written) == language_direction(reading):
        return format_html(' lang="{}"', written)
    return format_html(' lang="{}" dir="{}"', written, language_direction(written))


@register.inclusion_tag("includes/translation_notice.html", takes_context=True)
def translation_notice(context):
    """The notice on a page that no translator has finished yet (see PortalNav.translation_state)."""
    nav = portal_nav(context)
    state = nav.translation_state
    return {"state": state if state in ("alias", "partial") else None, "source_language": nav.source_language}


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    nav = portal_nav(context)
    portal_wide, by_district = nav.calendars
    houses = [
        {
            "district": district,
            "house": house,
            "hours": opening_summary(house),
            "calendar": by_district.get(district.pk),
        }
        for district, house in nav.houses
    ]
    return {
        "request": context.get("request"),
        "houses": houses,
        "calendar": portal_wide,
        "home": nav.home,
    }


@register.simple_tag
def events_time_zone():
    """The zone every date on the site is shown in (Europe/Rome)."""
    return getattr(settings, "EVENTS_TIME_ZONE", settings.TIME_ZONE)


@register.simple_tag
def elided_pages(page_obj, on_each_side=2, on_ends=1):
    """Page numbers around the current one, with the paginator's ellipsis in the gaps."""
    return list(
        page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=on_each_side, on_ends=on_ends)
    )


# --- Filters -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """An occurrence as readers think of it: local start and end, the last day it covers."""

    start: datetime.datetime
    end: datetime.datetime
    all_day: bool
    last_day: datetime.date

    @property
    def first_day(self):
        return self.start.date()

    @property
    def multi_day(self):
        return self.last_day > self.first_day

    @property
    def has_end_time(self):
        return not self.all_day and self.end > self.start


@register.filter
def occurrence_span(occurrence):
    """Local start/end and last day of an occurrence row, a Listed item or an event page."""
    if occurrence is None:
        return None
    zone = timezone.get_current_timezone()
    start = timezone.localtime(occurrence.start, zone)
    end = timezone.localtime(occurrence.end or occurrence.start, zone)
    all_day = bool(getattr(occurrence, "all_day", False))
    last_day = end.date()
    # An all-day event page stores its last day as the end; an occurrence row stores the
    # exclusive midnight after it. A timed evening that ends at 00:00 is still one evening.
    end_is_exclusive = not (all_day and isinstance(occurrence, Page))
    if end_is_exclusive and end > start and end.time() == datetime.time(0, 0):
        last_day = (end - ONE_DAY).date()
    last_day = max(last_day, start.date())
    return Span(start=start, end=end, all_day=all_day, last_day=last_day)


@register.filter(expects_localtime=True)
def local_date(value, style="date"):
    """A date in the reader's language and order: "date", "month_day", "weekday_date", "weekday_day"."""
    return portal_i18n.local_date(value, style)


@register.filter
def first_not_cancelled(occurrences):
    """The first occurrence that still takes place, or None."""
    for occurrence in occurrences or []:
        if not occurrence.cancelled:
            return occurrence
    return None


@register.filter
def opening_summary(house):
    """Opening hours in short, consecutive days with the same hours grouped: Mon–Fri 9:00–13:00."""
    if house is None:
        return []
    slots = sorted(house.opening_hours.all(), key=lambda slot: (slot.weekday, slot.opens))
    by_day = {}
    for slot in slots:
        by_day.setdefault(slot.weekday, []).append(
            "{}–{}".format(time_format(slot.opens, "TIME_FORMAT"), time_format(slot.closes, "TIME_FORMAT"))
        )
    rows = []
    days = [(day, tuple(by_day[day])) for day in sorted(by_day)]
    # Group runs of consecutive weekdays that share the same hours.
    runs = []
    for _key, group in groupby(enumerate(days), key=lambda item: (item[1][0] - item[0], item[1][1])):
        runs.append([day for _index, (day, _times) in group])
    for run in runs:
        first, last = run[0], run[-1]
        if first == last:
            label = str(WEEKDAYS_ABBR[first])
        else:
            label = f"{WEEKDAYS_ABBR[first]}–{WEEKDAYS_ABBR[last]}"
        rows.append({"days": label, "times": ", ".join(by_day[first])})
    return rows


@register.filter
def verbose_name(page):
    """The kind of a page, in the reader's language: “Event”, “District”…"""
    model = getattr(page, "specific_class", None) or type(page)
    return model._meta.verbose_name if model is not None else ""


@register.filter
def summary_text(page):
    """The short text that describes a page: its search description, summary or intro."""
    for name in ("search_description", "summary", "intro"):
        value = getattr(page, name, "")
        if value:
            return value
    return ""


@register.filter
def reason_for(occurrence, page):
    """The message to residents for a cancelled or moved occurrence, in the page's language."""
    key = getattr(occurrence, "change_key", None)
    if not key or page is None:
        return ""
    reasons = getattr(page, "change_reasons", None)
    if reasons is None:
        return ""
    return reasons.get(key, "")


@register.filter
def closure_reason(item):
    """The reason of a listed occurrence that a closure of its house cancels, in its page's
    language (initiatives/closures.py); empty for any other. Reads no table."""
    key = getattr(item, "change_key", None)
    page = getattr(item, "page", None)
    if not key or page is None:
        return ""
    return closure_reasons(page.locale_id).get(key, "")


@register.filter
def listed_reason(item):
    """The message to residents of a listed cancelled or moved date, in its page's language: its
    page's own (`Listed.own_reason`, read for the whole listing by `attach_change_reasons`), else
    the closure's that cancels it. Reads no table."""
    return getattr(item, "own_reason", "") or closure_reason(item)


@register.filter
def tel_href(number):
    """A phone number as a tel: address: digits and a leading plus only."""
    number = str(number or "")
    cleaned = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    return f"tel:{cleaned}" if cleaned else ""
