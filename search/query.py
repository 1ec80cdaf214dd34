"""The portal's search, shared by the site and the API: which pages, which words, and what to do
when a resident's words find nothing (a corrected spelling, then any of the words)."""

import difflib
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from wagtail.models import Page

from portal.core.search.text import is_cjk, normalise_query, words

VOCABULARY_SECONDS = 24 * 60 * 60
# A word this close to a known one (difflib's ratio) is taken for a misspelling of it.
SPELLING_CUTOFF = 0.75
SPELLING_MIN_LENGTH = 4


def reader_locale():
    """The locale of the active language, else the default one: `Locale.get_active()` read from
    the cached directory (home/api_directory.py) instead of a query."""
    from django.utils.translation import get_language

    from portal.core.directory import get_directory

    directory = get_directory()
    locale_id = directory.locale_id_for(get_language() or "")
    return directory.locales[directory.default_locale_id if locale_id is None else locale_id]


def searchable_pages(locale):
    """Live, public pages of `locale`: what a resident reading in that language may find.

    The portal's rule of what the public may see (home/visibility.py), without a query."""
    from portal.core.visibility import without_restricted

    return without_restricted(Page.objects.live().filter(locale=locale))


def search_pages(queryset, query, locale=None, operator="and"):
    """Search `queryset` (pages) for `query` as the site does; relevance order.

    The API's `?search=` calls this (or `resident_search`, with a locale) so that both answer
    alike (home/api.py). The query is folded and cleaned here (see
    `portal.core.search.text.normalise_query`); a query with no word left finds nothing rather than
    everything.
    """
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    terms = normalise_query(query, locale.language_code if locale is not None else None)
    if not terms:
        return queryset.none()
    return queryset.search(terms, operator=operator)


# --- When nothing is found ---------------------------------------------------------------------


@dataclass
class Outcome:
    """What a resident's search found, and how."""

    query: str
    results: object
    corrected: str = ""  # the query whose results are shown, when the typed one found nothing
    any_words: bool = False  # the results contain some of the words, not all

    @property
    def count(self):
        return self.results.count()


def resident_search(queryset, query, locale):
    """All the words first; if nothing, the spelling corrected; if still nothing, any word."""
    results = search_pages(queryset, query, locale)
    if results.count():
        return Outcome(query=query, results=results)
    corrected = correct_spelling(query, locale)
    if corrected:
        corrected_results = search_pages(queryset, corrected, locale)
        if corrected_results.count():
            return Outcome(query=query, results=corrected_results, corrected=corrected)
    attempt = corrected or query
    if len(normalise_query(attempt, locale.language_code).split()) > 1:
        any_results = search_pages(queryset, attempt, locale, operator="or")
        if any_results.count():
            return Outcome(query=query, results=any_results, corrected=corrected, any_words=True)
    return Outcome(query=query, results=results)


def vocabulary(locale):
    """{length: words} of the live titles, summaries, introductions, categories and audiences
    of `locale`, folded; cached until the next publish (the page cache's version)."""
    from portal.core.page_cache import request_version

    key = f"search:vocabulary:{locale.pk}:{request_version()}"
    by_length = cache.get(key)
    if by_length is None:
        by_length = build_vocabulary(locale)
        cache.set(key, by_length, VOCABULARY_SECONDS)
    return by_length


def build_vocabulary(locale):
    from districts.models import DistrictPage
    from initiatives.models import Audience, Category, EventPage, InitiativePage
    from portal.core.visibility import without_restricted

    # Only the words of pages the public may see: a private page's words must not come back
    # as a "did you mean".
    texts = list(searchable_pages(locale).values_list("title", flat=True))
    for model in (InitiativePage, EventPage, DistrictPage):
        field_name = "intro" if model is DistrictPage else "summary"
        pages = without_restricted(model.objects.live().filter(locale=locale))
        texts.extend(pages.values_list(field_name, flat=True))
    for model in (Category, Audience):
        texts.extend(model.objects.filter(locale=locale).values_list("name", flat=True))
    counts = {}
    for text in texts:
        for word in words(text):
            if len(word) >= SPELLING_MIN_LENGTH - 1 and word.isalpha() and not any(map(is_cjk, word)):
                counts[word] = counts.get(word, 0) + 1
    by_length = {}
    # The most frequent first, so that of two equally close words the commoner one wins.
    for word in sorted(counts, key=lambda word: (-counts[word], word)):
        by_length.setdefault(len(word), []).append(word)
    return by_length


def correct_spelling(query, locale):
    """`query` with its unknown words replaced by the closest known ones; "" if none changed."""
    by_length = vocabulary(locale)
    known = {word for group in by_length.values() for word in group}
    terms = normalise_query(query, locale.language_code).split()
    corrected = []
    changed = False
    for term in terms:
        if term in known or len(term) < SPELLING_MIN_LENGTH or not term.isalpha():
            corrected.append(term)
            continue
        best = closest_word(term, by_length)
        corrected.append(best or term)
        changed = changed or best is not None
    return " ".join(corrected) if changed else ""


def closest_word(term, by_length):
    """The known word closest to `term` (difflib's ratio, at least SPELLING_CUTOFF), or None.

    Like difflib.get_close_matches, but over words of about the same length only, and on equal
    ratios the more frequent word wins (the vocabulary lists them most frequent first).
    """
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(term)
    best = None
    best_ratio = SPELLING_CUTOFF
    for length in range(len(term) - 2, len(term) + 3):
        for word in by_length.get(length, ()):
            matcher.set_seq1(word)
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio or (best is None and ratio >= best_ratio):
                best, best_ratio = word, ratio
    return best


# --- Filters and what each result shows ---------------------------------------------------------


def page_models():
    from districts.models import DistrictPage
    from initiatives.models import EventPage, InitiativePage

    return {"district": DistrictPage, "initiative": InitiativePage, "event": EventPage}


def in_category(slug):
    """Pages (initiatives and events) of the category with this slug, in any locale.

    A subquery for the database backends; Elasticsearch and OpenSearch need the ids themselves.
    """
    from wagtail.search.backends import get_search_backend

    from initiatives.models import EventPage, InitiativePage
    from portal.core.search.backend import NormalisingBackendMixin

    pages = [model.objects.filter(category__slug=slug).values("pk") for model in (InitiativePage, EventPage)]
    if not isinstance(get_search_backend(), NormalisingBackendMixin):
        pages = [list(ids.values_list("pk", flat=True)) for ids in pages]
    return Q(pk__in=pages[0]) | Q(pk__in=pages[1])


def next_occurrences(pages):
    """{translation key: next occurrence row not cancelled}, one query for all `pages`."""
    from initiatives.models import Occurrence

    keys = {page.translation_key for page in pages}
    if not keys:
        return {}
    upcoming = Occurrence.objects.filter(end__gt=timezone.now(), cancelled=False)
    first = (
        upcoming.filter(translation_key=OuterRef("translation_key")).order_by("start", "pk").values("pk")[:1]
    )
    rows = upcoming.filter(translation_key__in=keys, pk=Subquery(first))
    return {row.translation_key: row for row in rows}
