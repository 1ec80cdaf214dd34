"""What initiatives registers with the core: the words residents filter by, in the cached
directory (portal/core/directory.py), and the words of its public pages and taxonomy, in the
search's spelling vocabulary (portal/core/search/query.py). Called by `InitiativesConfig.ready`."""

from portal.core.directory import Translated, register_table
from portal.core.search.query import register_vocabulary
from portal.core.visibility import without_restricted

from .models import Audience, Category, EventPage, InitiativePage, SpokenLanguage


def vocabulary(locale):
    """The summaries of the public initiatives and events of `locale`, and the names of its
    categories and audiences."""
    for model in (InitiativePage, EventPage):
        yield from without_restricted(model.objects.live().filter(locale=locale)).values_list(
            "summary", flat=True
        )
    for model in (Category, Audience):
        yield from model.objects.filter(locale=locale).values_list("name", flat=True)


def register():
    register_table("categories", Category.objects.all, Translated)
    register_table("audiences", Audience.objects.all, Translated)
    register_table("languages", SpokenLanguage.objects.all)
    register_vocabulary(vocabulary)
