"""What page models add to the search index so residents' queries find them in any spelling.

A page model inherits `FoldedSearchMixin` and appends `FOLDED_SEARCH_FIELDS` to its
`search_fields`: the folded forms of its accented words (and the bigrams of its Chinese text)
become searchable, and its title autocompletes without accents. Works with every search
backend, since it only adds text to the index (see `portal.core.search.text`).
"""

from collections import defaultdict

from django.db.models import Manager
from wagtail.search import index

from ..directory import Translated
from .text import fold, folded_variants

FOLDED_FIELD = "search_folded"
FOLDED_TITLE_FIELD = "search_folded_title"

FOLDED_SEARCH_FIELDS = [
    index.SearchField(FOLDED_FIELD),
    index.AutocompleteField(FOLDED_TITLE_FIELD),
]


def searchable_texts(obj, fields):
    """Every text the search fields `fields` index for `obj`, related objects included."""
    for field in fields:
        if isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            if isinstance(related, Manager):
                related = related.all()
            elif callable(related):
                related = [related()]
            else:
                related = [related]
            for item in related:
                yield from searchable_texts(item, field.fields)
        elif isinstance(field, index.SearchField) and field.field_name != FOLDED_FIELD:
            value = field.get_value(obj)
            if isinstance(value, list | tuple):
                yield from (str(item) for item in value if item)
            elif value:
                yield str(value)


class FoldedSearchMixin:
    """Adds the accent-folded text of a page's own search fields to the index."""

    def search_folded(self):
        return folded_variants(*searchable_texts(self, self.get_search_fields()))

    def search_folded_title(self):
        folded = fold(self.title)
        return folded if folded != self.title.lower() else ""


def names_in_locale(objects, locale_id, fields=("name",)):
    """The `fields` of translatable `objects` in the locale `locale_id`, space-separated.

    Synchronised links on a translated page still point to the source-language snippet (the
    templates read `.localized`); the index needs the words of the page's own language: each
    object's translation there, else the object itself (the portal's one rule,
    `portal.core.directory.Translated`). One query per model with an object to translate.
    """
    objects = [obj for obj in objects if obj is not None]
    translations = Translated(objects)
    elsewhere = defaultdict(set)
    for obj in objects:
        if obj.locale_id != locale_id:
            elsewhere[type(obj)].add(obj.translation_key)
    for model, keys in elsewhere.items():
        for translation in model.objects.filter(translation_key__in=keys, locale_id=locale_id):
            translations.add(translation)
    texts = []
    for obj in objects:
        obj = translations.localized(obj, locale_id)
        texts.extend(str(getattr(obj, name, "") or "") for name in fields)
    return " ".join(text for text in texts if text)
