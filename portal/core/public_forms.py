"""What the public types into a form, without control characters, before any field reads it.

A NUL byte or another C0/C1 control character in a search, a calendar filter or a proposal is
never meant, and written back into a page (the search box, an error message, the title) it
breaks the HTML or hides text. Public forms therefore clean their data first: tabs and line
breaks stay in multi-line text (a `Textarea`) and become spaces elsewhere; every other control
character (C0, DEL, C1) is removed. Django's `ProhibitNullCharactersValidator` would only turn a
NUL into an error message that quotes it back.
"""

import re

from django import forms
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

# C0 without tab, line feed and carriage return; DEL; C1.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LINE_CHARACTERS = re.compile("[\t\n\r]")


def without_control_characters(value, multiline=False):
    """`value` with control characters removed; tabs and line breaks become spaces unless
    `multiline`. Anything but a string is returned as it is."""
    if not isinstance(value, str):
        return value
    value = CONTROL_CHARACTERS.sub("", value)
    return value if multiline else LINE_CHARACTERS.sub(" ", value)


def cleaned_json(value):
    """A parsed JSON value with control characters removed from every string (line breaks kept)
    — PostgreSQL refuses NUL in text. Raises ValueError for a string that is not Unicode text
    (a lone surrogate, which JSON's `\\ud800` escapes can spell), which no database can store."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("text that is not valid Unicode (a lone surrogate)") from None
        return without_control_characters(value, multiline=True)
    if isinstance(value, list):
        return [cleaned_json(item) for item in value]
    if isinstance(value, dict):
        return {cleaned_json(key): cleaned_json(item) for key, item in value.items()}
    return value


def cleaned_data_copy(data, multiline_keys=()):
    """A copy of submitted `data` (a QueryDict, a MultiValueDict or a dict) without control
    characters in its values."""
    if isinstance(data, MultiValueDict):
        copy = QueryDict(mutable=True) if isinstance(data, QueryDict) else MultiValueDict()
        for key, values in data.lists():
            copy.setlist(key, [without_control_characters(v, key in multiline_keys) for v in values])
        return copy
    copy = {}
    for key, value in data.items():
        multiline = key in multiline_keys
        if isinstance(value, (list, tuple)):
            copy[key] = [without_control_characters(item, multiline) for item in value]
        else:
            copy[key] = without_control_characters(value, multiline)
    return copy


class WithoutControlCharactersMixin:
    """For a form the public fills in: its fields never see a control character (see above)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            multiline_keys = {
                self.add_prefix(name)
                for name, field in self.fields.items()
                if isinstance(field.widget, forms.Textarea)
            }
            self.data = cleaned_data_copy(self.data, multiline_keys)
