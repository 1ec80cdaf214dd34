"""What initiatives registers with the core: the words residents filter by, in the cached
directory (portal/core/directory.py), and the words of its public pages and taxonomy, in the
search's spelling vocabulary (portal/core/search/query.py), and its nightly job with the clock
(portal/core/schedule.py). Called by `InitiativesConfig.ready`."""

from portal.core import scopes
from portal.core.directory import Translated, register_table
from portal.core.frontend_purge import register_listing_pages
from portal.core.schedule import register_job
from portal.core.search.query import register_vocabulary
from portal.core.visibility import without_restricted

from .district_pages import district_pages
from .models import Audience, CalendarPage, Category, EventPage, InitiativePage, SpokenLanguage


def vocabulary(locale):
    """The summaries of the public initiatives and events of `locale`, and the names of its
    categories and audiences."""
    for model in (InitiativePage, EventPage):
        yield from without_restricted(model.objects.live().filter(locale=locale)).values_list(
            "summary", flat=True
        )
    for model in (Category, Audience):
        yield from model.objects.filter(locale=locale).values_list("name", flat=True)


def calendar_listings(names):
    """The calendars of the districts whose scopes are among `names`, and the city-wide ones
    (`all` is among every change's scopes), in every language, for the frontend cache."""
    keys = set(scopes.tree_keys(names))
    districts = list(district_pages().values_list("path", "translation_key"))
    for calendar in CalendarPage.objects.live():
        owner = next((str(key) for path, key in districts if calendar.path.startswith(path)), None)
        if owner is None or owner in keys or scopes.SITE in names:
            yield calendar


def register():
    register_listing_pages(calendar_listings)
    register_table("categories", Category.objects.all, Translated)
    register_table("audiences", Audience.objects.all, Translated)
    register_table("languages", SpokenLanguage.objects.all)
    register_vocabulary(vocabulary)
    # After the night's change of time (02:00-03:00), before anyone reads the calendar.
    register_job(
        "update_occurrences",
        "initiatives.tasks.update_occurrences",
        daily_at="04:00",
        description="Rolls the occurrence table's horizon forward (manage.py update_occurrences).",
    )
