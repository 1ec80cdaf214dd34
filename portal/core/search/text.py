"""Text as the search index and the query see it: accents folded, punctuation dropped, capped.

Residents type "caffe" for "caffè", "citta" for "città", "evenement" for "événement". Pages
index the folded form of every word that has a diacritic (`folded_variants`), and every query is
folded the same way (`fold`), so a search matches with or without accents on SQLite, on
PostgreSQL (whose stemmers keep accents) and on Elasticsearch alike. Non-Latin scripts are
left as they are (Arabic loses only its optional vowel marks), unlike a transliteration.

Chinese is written without spaces, and both databases take a whole run of ideographs for one
word, so "课程" would never match inside "意大利语课程". Runs of ideographs are therefore also
indexed and queried as overlapping pairs of characters (bigrams), the usual remedy.
"""

import re
import unicodedata

MAX_QUERY_LENGTH = 100
MAX_QUERY_WORDS = 10

# The small words of a query that PostgreSQL's configurations drop (a subset of their lists,
# folded): SQLite has no such list, and "corso di italiano" must not require "di" there.
STOP_WORDS = {
    "it": frozenset(
        "a ad al alla alle allo agli ai all anche che chi ci con da dal dalla dalle dai degli dei "
        "del della delle dello di e ed gli i il in la le lo ma negli nei nel nella nelle nello o "
        "per piu se sono su sul sulla tra fra un una uno".split()
    ),
    "en": frozenset("a an and are as at be by for from in into is it of on or the to with".split()),
    "fr": frozenset("a au aux avec ce ces d dans de des du en et l la le les ou par pour sur un une".split()),
    "es": frozenset("a al con de del el en la las los o para por un una uno unos unas y".split()),
    "ro": frozenset("a al ale cu de din i in la pe pentru si sau un una".split()),
}

# Letters that Unicode does not decompose into a base letter and a mark.
LIGATURES = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)


FOLDED_WORD = re.compile(r"[^\W_]+")


def is_cjk(char):
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF  # kana
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF  # hangul
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FA1F
    )


def cjk_grams(word):
    """The bigrams of the runs of ideographs in `word` (a lone ideograph stands for itself)."""
    grams = []
    run = []
    for char in word + " ":
        if is_cjk(char):
            run.append(char)
            continue
        if len(run) == 1:
            grams.append(run[0])
        grams.extend(run[index] + run[index + 1] for index in range(len(run) - 1))
        run = []
    return grams


def fold(text):
    """Lower case without diacritics: "Città, CAFFÈ" -> "citta, caffe"."""
    decomposed = unicodedata.normalize("NFKD", str(text or "").lower().translate(LIGATURES))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped)


def split_words(text):
    """The words of `text` as written: runs of letters, digits and their combining marks.

    Everything else separates words. Quotes, parentheses, asterisks, hyphens and colons are
    operators to FTS5 and to tsquery, so they never reach the database.
    """
    found = []
    current = []
    for char in unicodedata.normalize("NFC", str(text or "")):
        if char.isalnum() or unicodedata.combining(char):
            current.append(char)
        elif current:
            found.append("".join(current))
            current = []
    if current:
        found.append("".join(current))
    return found


def words(text):
    """The words of `text`, folded, in order (folding has removed the combining marks)."""
    return FOLDED_WORD.findall(fold(text))


def query_terms(text):
    """The terms a query is searched by: its folded words, ideographs as bigrams."""
    terms = []
    for word in words(text):
        grams = cjk_grams(word)
        if grams:
            rest = "".join(" " if is_cjk(char) else char for char in word).split()
            terms.extend(rest + grams)
        else:
            terms.append(word)
    return terms


def normalise_query(text, language=None):
    """A resident's query as the backends should receive it: folded terms, at most
    MAX_QUERY_WORDS of them and MAX_QUERY_LENGTH characters, without the small words of
    `language` unless nothing else is left. Empty if nothing is left at all."""
    terms = query_terms(str(text or "")[: MAX_QUERY_LENGTH * 4])
    small = STOP_WORDS.get((language or "").split("-")[0].lower(), frozenset())
    meaningful = [term for term in terms if term not in small]
    kept = []
    length = 0
    for word in (meaningful or terms)[:MAX_QUERY_WORDS]:
        length += len(word) + (1 if kept else 0)
        if length > MAX_QUERY_LENGTH:
            break
        kept.append(word)
    return " ".join(kept)


VOWELS = frozenset("aeiouy")


def loose_stem(term):
    """A prefix that also matches the other forms of `term`, for a database without stemming
    (SQLite): "corsi" -> "cors" (corso, corsi), "bambini" -> "bambin", "courses" -> "cours".
    Short words, words ending in a consonant, numbers and ideographs stay whole: (term, False).
    """
    stem = term
    if len(stem) >= 5 and stem.endswith("s") and stem[-2] in VOWELS:
        stem = stem[:-1]
    if len(stem) >= 5 and stem[-1] in VOWELS and stem.isalpha() and not any(map(is_cjk, stem)):
        stem = stem[:-1]
    return (stem, True) if stem != term else (term, False)


def folded_variants(*texts):
    """The folded forms of the words of `texts` that folding changes, each once, space-separated.

    Indexing only these (not a folded copy of everything) keeps the index small and leaves the
    ranking of plain words alone: "Caffè del Parco" adds just "caffe". Runs of ideographs add
    their bigrams.
    """
    seen = {}
    for text in texts:
        for raw in split_words(str(text or "").lower()):
            folded = fold(raw)
            for variant in ([folded] if folded != raw else []) + cjk_grams(folded):
                seen.setdefault(variant, None)
    return " ".join(seen)
