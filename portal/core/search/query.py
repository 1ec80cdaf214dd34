"""The portal's search of pages, shared by the site's search page and the API's `?search=`: which
pages, which words, and what to do when a resident's words find nothing (a corrected spelling,
then any of the words).

The spelling is corrected against the words residents can see: the titles of the public pages
of the reader's locale, and the texts the content apps register with `register_vocabulary`
(initiatives: the summaries of its pages and the names of its categories and audiences;
districts: the introductions of its district pages).
"""

import difflib
from dataclasses import dataclass

from wagtail.models import Page

from ..page_cache import cached_by_version
from ..visibility import without_restricted
from .text import is_cjk, normalise_query, words

VOCABULARY_SECONDS = 24 * 60 * 60
# A word this close to a known one (difflib's ratio) is taken for a misspelling of it.
SPELLING_CUTOFF = 0.75
SPELLING_MIN_LENGTH = 4

# Callables `texts(locale)`, registered by the content apps: the words residents can read.
VOCABULARY_SOURCES = []


def register_vocabulary(texts):
    """Add `texts(locale)` (the public texts of `locale`, an iterable of strings) to the words a
    misspelt query is corrected to. For the content apps' `AppConfig.ready`; only texts of pages
    the public may see (`without_restricted`), so that a private page's words never come back as
    a "did you mean"."""
    if texts not in VOCABULARY_SOURCES:
        VOCABULARY_SOURCES.append(texts)


def searchable_pages(locale):
    """Live, public pages of `locale`: what a resident reading in that language may find.

    The portal's rule of what the public may see (portal/core/visibility.py), without a query."""
    return without_restricted(Page.objects.live().filter(locale=locale))


def search_pages(queryset, query, locale=None, operator="and"):
    """Search `queryset` (pages) for `query` as the site does; relevance order.

    The API's `?search=` calls this (or `resident_search`, with a locale) so that both answer
    alike (portal/core/api/strict.py). The query is folded and cleaned here (see
    `portal.core.search.text.normalise_query`); a query with no word left finds nothing rather
    than everything.
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
    """{length: words} of the public texts of `locale`, folded; kept until the next change."""
    return cached_by_version(
        None,
        "core:search-vocabulary",
        lambda: build_vocabulary(locale),
        locale.pk,
        timeout=VOCABULARY_SECONDS,
    )


def build_vocabulary(locale):
    texts = list(searchable_pages(locale).values_list("title", flat=True))
    for source in VOCABULARY_SOURCES:
        texts.extend(source(locale))
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
