"""Reading in one's language: which locale the reader reads, and dates, weekday names and text
direction in it.

The reader's locale is Wagtail's `Locale.get_active()`: the locale of the active language (its
content-language variant), else the default one (`settings.LANGUAGE_CODE`'s). `active_language_code`
is that rule, applied to the locales a caller already holds (the cached directory's, the
navigation's, the routing's), so that nobody asks the database for it; `active_locale` picks the
Locale object by it.

Django's own catalogues name the weekdays and months and its locale formats order the dates;
`portal/formats/<lang>/formats.py` refines them and adds two formats Django does not have
(a date with its weekday, with and without the year). Italian and Romanian write weekday and
month names in lower case, but Django's catalogues capitalise them; `LOWERCASE_DATE_NAMES` in
those format modules says so and the helpers here follow it.
"""

from django.conf import settings
from django.utils import formats, translation
from django.utils.dates import WEEKDAYS
from wagtail.coreutils import get_supported_content_language_variant

# The formats the templates ask for, by style; the last two are ours, not Django's.
DATE_STYLES = {
    "date": "DATE_FORMAT",
    "month_day": "MONTH_DAY_FORMAT",
    "weekday_date": "WEEKDAY_DATE_FORMAT",
    "weekday_day": "WEEKDAY_DAY_FORMAT",
}
OWN_FORMAT_DEFAULTS = {
    "WEEKDAY_DATE_FORMAT": "l j F Y",
    "WEEKDAY_DAY_FORMAT": "l j F",
    "LOWERCASE_DATE_NAMES": False,
}


# --- The reader's locale ------------------------------------------------------------------------


def content_language(code):
    """The content language (WAGTAIL_CONTENT_LANGUAGES) that serves language `code`, or None."""
    if not code:
        return None
    try:
        return get_supported_content_language_variant(code)
    except LookupError:
        return None


def active_language_code(available):
    """The language code of `Locale.get_active()` among `available` (the language codes of the
    locales that exist): the active language's, else the default language's; None if neither."""
    for code in (translation.get_language(), settings.LANGUAGE_CODE):
        variant = content_language(code)
        if variant is not None and variant in available:
            return variant
    return None


def active_locale(locales):
    """`Locale.get_active()` out of `locales` (Locale objects at hand), without a query; None if
    neither the active nor the default language has one among them."""
    by_code = {locale.language_code: locale for locale in locales}
    return by_code.get(active_language_code(by_code))


# --- Dates -------------------------------------------------------------------------------------


def own_format(name, language=None):
    """A format that only our modules define (Django's `get_format` knows just its own names)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    for module in formats.get_format_modules(language):
        value = getattr(module, name, None)
        if value is not None:
            return value
    return OWN_FORMAT_DEFAULTS[name]


def lower_names(text, language=None):
    """`text` with its weekday and month names in lower case where the language writes them so."""
    return text.lower() if own_format("LOWERCASE_DATE_NAMES", language) else text


def local_date(value, style="date"):
    """A date (or datetime) in the active language: "date", "month_day", "weekday_date", "weekday_day"."""
    if value in (None, ""):
        return ""
    name = DATE_STYLES.get(style, style)
    pattern = own_format(name) if name in OWN_FORMAT_DEFAULTS else formats.get_format(name)
    return lower_names(formats.date_format(value, pattern))


def weekday_name(number):
    """Monday is 0, as in Python; the name as it reads inside a sentence."""
    return lower_names(str(WEEKDAYS[number]))


def language_direction(language_code):
    """ "rtl" or "ltr" for a language code."""
    try:
        bidi = translation.get_language_info(language_code)["bidi"]
    except KeyError:
        bidi = False
    return "rtl" if bidi else "ltr"
