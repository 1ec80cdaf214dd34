"""Site search over live, public pages of the reader's locale, and its autocomplete.

A results page costs the same handful of queries however many results it shows: the count,
the page of results, one query per page type among them, and one for all their next dates.
"""

import re

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import ngettext

from districts.models import DistrictPage
from initiatives.models import EventPage
from portal.core.directory import get_directory, reader_locale
from portal.core.page_cache import cached_by_version
from portal.core.public_forms import without_control_characters
from portal.core.routing import find_site
from portal.core.search.query import resident_search, searchable_pages
from portal.core.search.text import fold, normalise_query
from portal.core.visibility import without_restricted

from .forms import SearchForm
from .query import in_category, next_occurrences, page_models

RESULTS_PER_PAGE = 10
SUGGESTIONS = 8
SLUG = re.compile(r"^[-\w]+\Z")


def locale_districts(locale):
    """The live, public districts of `locale`, kept until the content changes."""

    def load():
        return list(without_restricted(DistrictPage.objects.live().filter(locale=locale)).order_by("path"))

    return cached_by_version(None, "search:districts", load, locale.pk)


def category_choices(categories, locale):
    """[(slug, name)] of the categories, in the reader's language where translated, by name."""
    return sorted(
        ((category.slug, category.name) for category in categories.in_locale(locale.pk)),
        key=lambda item: item[1],
    )


def district_slug_here(value, districts):
    """The slug of the district in this locale, when `value` names it in another language
    (a link shared from, or a language switch on, another locale's search page)."""
    if not value or not SLUG.match(value) or any(district.slug == value for district in districts):
        return value
    keys = set(DistrictPage.objects.filter(slug=value).values_list("translation_key", flat=True))
    for district in districts:
        if district.translation_key in keys:
            return district.slug
    return value


def describe(results, districts, categories, locale):
    """Each result with its kind, district, category (in the reader's language where
    translated) and (for events) next date."""
    district_by_path = {district.path: district for district in districts}
    district_depth = districts[0].depth if districts else None
    events = [page for page in results if isinstance(page, EventPage)]
    upcoming = next_occurrences(events)
    described = []
    for page in results:
        district = None
        if district_depth is not None and page.depth >= district_depth:
            district = district_by_path.get(page.path[: district_depth * page.steplen])
        category = categories.localized(getattr(page, "category_id", None), locale.pk)
        described.append(
            {
                "page": page,
                "district": None if district is not None and district.pk == page.pk else district,
                "category": category,
                "next": upcoming.get(page.translation_key) if isinstance(page, EventPage) else None,
            }
        )
    return described


def search(request):
    find_site(request)  # the header's and the results' links, without Wagtail's Site query
    directory = get_directory()
    locale = directory.active_locale()
    districts = locale_districts(locale)
    categories = directory.categories
    choices = category_choices(categories, locale)
    data = request.GET.copy()
    if data.get("district"):
        data["district"] = district_slug_here(data["district"], districts)
    form = SearchForm(data, districts=districts, categories=choices)
    context = {"form": form, "search_query": "", "districts": districts, "categories": choices}
    if not form.is_valid():
        context["search_query"] = " ".join(str(form.data.get("q", "")).split())[:200]
        return TemplateResponse(request, "search/search.html", context, status=400)

    query = form.cleaned_data["q"]
    context["search_query"] = query
    pages = searchable_pages(locale)
    district = form.selected_district()
    if district is not None:
        pages = pages.descendant_of(district, inclusive=True)
    kind = form.cleaned_data["type"]
    if kind:
        pages = pages.type(page_models()[kind])
    if form.cleaned_data["category"]:
        pages = pages.filter(in_category(form.cleaned_data["category"]))
    pages = pages.specific()

    outcome = None
    if query:
        outcome = resident_search(pages, query, locale)
        results = outcome.results
    elif form.has_filters:
        results = pages.order_by("title", "pk")  # browsing a district, kind or category
    else:
        results = None

    if results is not None:
        page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        context["page_obj"] = page_obj
        context["results"] = describe(list(page_obj.object_list), districts, categories, locale)
        kept = data.copy()
        kept.pop("page", None)
        context["pagination_query"] = kept.urlencode()
    context["outcome"] = outcome
    context["browsing"] = results is not None and not query
    return TemplateResponse(request, "search/search.html", context)


def kind_label(page):
    label = str((page.specific_class or type(page))._meta.verbose_name)
    return label[:1].upper() + label[1:]


def suggest(request):
    """Titles and addresses of pages whose title begins like the typed words, as JSON."""
    find_site(request)
    locale = reader_locale()
    typed = " ".join(without_control_characters(request.GET.get("q", "")).split())[:200]
    items = []
    folded = normalise_query(typed)
    if len(normalise_query(typed, locale.language_code)) >= 2:
        pages = list(searchable_pages(locale).autocomplete(folded)[:SUGGESTIONS])
        # The titles that begin as typed first, the shorter (more general) before the longer.
        pages.sort(key=lambda page: (not fold(page.title).startswith(folded), len(page.title)))
        for page in pages:
            url = page.get_url(request)
            if url:
                items.append({"title": page.title, "url": url, "type": kind_label(page)})
    status = ngettext(
        "%(count)d suggestion. Use the up and down arrows to choose.",
        "%(count)d suggestions. Use the up and down arrows to choose.",
        len(items),
    ) % {"count": len(items)}
    return JsonResponse({"query": typed, "results": items, "status": status if items else ""})
