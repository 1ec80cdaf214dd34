"""Site search over live, public pages of the reader's locale, and its autocomplete.

A results page costs the same handful of queries however many results it shows: the count,
the page of results, one query per page type among them, and one for all their next dates.
"""

import hashlib
import re
from dataclasses import dataclass

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
from portal.core.search.query import Outcome, resident_search, searchable_pages
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
    # The filter fields show only the chosen values, each one of the form's own choices: one
    # rendering per combination, kept by content version (search_filters.html).
    chosen = (form.cleaned_data[name] or "-" for name in ("district", "type", "category"))
    context["filter_key"] = "&".join(chosen)
    if query or form.has_filters:
        found = kept_results(request, form, locale, districts, categories)
        paginator = Paginator(range(found.count), RESULTS_PER_PAGE)
        context["page_obj"] = paginator.get_page(found.number)
        context["results"] = found.results
        kept = data.copy()
        kept.pop("page", None)
        context["pagination_query"] = kept.urlencode()
        context["outcome"] = found if query else None
    else:
        context["outcome"] = None
    context["browsing"] = "results" in context and not query
    return TemplateResponse(request, "search/search.html", context)


@dataclass
class Found:
    """A page of results as the template shows it, kept until the content changes: what the
    words found and how (`portal.core.search.query.Outcome`, counted), the page's number and
    its results, described."""

    query: str
    count: int
    number: int
    results: list
    corrected: str = ""
    any_words: bool = False


def kept_results(request, form, locale, districts, categories):
    """The page of results a valid form asks for, kept by content version and shared by every
    reader: what the public may find is the same for all (`searchable_pages`), and each next
    date shown limits how long the page is kept (`valid_until`). The words and filters are
    named by their digest; the entries are bounded as the cache is (PAGE_CACHE_MAX_ENTRIES, or
    Redis's expiry)."""
    cleaned = form.cleaned_data
    asked = [cleaned["q"], cleaned["district"], cleaned["type"], cleaned["category"]]
    asked.append(str(form.data.get("page", ""))[:12])
    digest = hashlib.blake2b("\x00".join(asked).encode(), digest_size=16).hexdigest()
    return cached_by_version(
        request,
        "search:results",
        lambda: find(form, locale, districts, categories),
        locale.pk,
        digest,
    )


def find(form, locale, districts, categories):
    """`Found` for a valid form with words or filters: the count, the page, its results."""
    query = form.cleaned_data["q"]
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
    if query:
        outcome = resident_search(pages, query, locale)
        results = outcome.results
    else:
        outcome = Outcome(query="", results=None)
        results = pages.order_by("title", "pk")  # browsing a district, kind or category
    page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(form.data.get("page"))
    return Found(
        query=outcome.query,
        count=page_obj.paginator.count,
        number=page_obj.number,
        results=describe(list(page_obj.object_list), districts, categories, locale),
        corrected=outcome.corrected,
        any_words=outcome.any_words,
    )


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
