"""Keep pages' index entries current when the words they borrow from snippets change.

Activity pages index the name of their category, their audiences and their house, in the
page's language (`ActivityPage.search_taxonomy`); districts index their house. Saving one of
those snippets, or a translation of it, re-indexes the pages of the locales that read it: its
own locale, and the locales where it has no translation yet (they show the source words).
"""

from django.db.models import Q
from django.db.models.signals import post_save
from wagtail.models import Locale
from wagtail.search.backends import get_search_backends

# snippet label -> [(page model label, lookup from the page to the snippet)]
BORROWED_WORDS = {
    "initiatives.Category": [
        ("initiatives.InitiativePage", "category"),
        ("initiatives.EventPage", "category"),
    ],
    "initiatives.Audience": [
        ("initiatives.InitiativePage", "audiences"),
        ("initiatives.EventPage", "audiences"),
    ],
    "districts.NeighbourhoodHouse": [
        ("initiatives.InitiativePage", "house"),
        ("initiatives.EventPage", "house"),
        ("districts.DistrictPage", "house"),
    ],
}


def reindex_borrowers(sender, instance, raw=False, **kwargs):
    from django.apps import apps

    if raw or not getattr(instance, "translation_key", None):
        return
    translated_in = set(
        sender.objects.filter(translation_key=instance.translation_key).values_list("locale_id", flat=True)
    )
    locales = {instance.locale_id} | (set(Locale.objects.values_list("pk", flat=True)) - translated_in)
    for label, lookup in BORROWED_WORDS[sender._meta.label]:
        model = apps.get_model(label)
        pages = list(
            model.objects.filter(
                Q(**{f"{lookup}__translation_key": instance.translation_key}), locale_id__in=locales
            ).distinct()
        )
        if pages:
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(model, pages)


def connect():
    from django.apps import apps

    for label in BORROWED_WORDS:
        post_save.connect(
            reindex_borrowers, sender=apps.get_model(label), dispatch_uid=f"search-reindex-{label}"
        )
