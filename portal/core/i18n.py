"""Reading in one's language: dates, weekday names and text direction for the reader's locale.

Django's own catalogues name the weekdays and months and its locale formats order the dates;
`portal/formats/<lang>/formats.py` refines them and adds two formats Django does not have
(a date with its weekday, with and without the year). Italian and Romanian write weekday and
month names in lower case, but Django's catalogues capitalise them; `LOWERCASE_DATE_NAMES` in
those format modules says so and the helpers here follow it.
"""

from django.conf import settings
from django.utils import formats, translation
from django.utils.dates import WEEKDAYS

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
