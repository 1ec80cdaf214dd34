"""The site's search page's queries: the kinds of page it filters by, the category filter, and
the next date shown with an event. The search itself (folding, spelling correction) is the
core's, shared with the API: `portal.core.search.query`."""

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from districts.models import DistrictPage, NewsPage
from initiatives.models import EventPage, InitiativePage, Occurrence
from portal.core.search.backend import NormalisingBackendMixin

# --- Filters and what each result shows ---------------------------------------------------------


def page_models():
    return {"district": DistrictPage, "initiative": InitiativePage, "event": EventPage, "news": NewsPage}


def in_category(slug):
    """Pages (initiatives, events and news) of the category with this slug, in any locale.

    A subquery for the database backends; Elasticsearch and OpenSearch need the ids themselves.
    """
    models = (InitiativePage, EventPage, NewsPage)
    pages = [model.objects.filter(category__slug=slug).values("pk") for model in models]
    if not isinstance(get_search_backend(), NormalisingBackendMixin):
        pages = [list(ids.values_list("pk", flat=True)) for ids in pages]
    return Q(pk__in=pages[0]) | Q(pk__in=pages[1]) | Q(pk__in=pages[2])


def next_occurrences(pages):
    """{translation key: next occurrence row not cancelled}, one query for all `pages`."""
    keys = {page.translation_key for page in pages}
    if not keys:
        return {}
    upcoming = Occurrence.objects.filter(end__gt=timezone.now(), cancelled=False)
    first = (
        upcoming.filter(translation_key=OuterRef("translation_key")).order_by("start", "pk").values("pk")[:1]
    )
    rows = upcoming.filter(translation_key__in=keys, pk=Subquery(first))
    return {row.translation_key: row for row in rows}
