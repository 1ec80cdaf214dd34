"""The public page types of the demo portal and their addresses in Italian, English and Arabic,
shared by the accessibility, keyboard, no-JavaScript and phone tests.

The demo (`load_demo`) translates the districts, their calendars and two initiatives and two
events per district; the other pages stay aliases that show the Italian text under a notice.
Translated pages have their own slugs, so the other languages' addresses are read from the
Italian page's `<link rel="alternate" hreflang>`.
"""

import functools
import re
import urllib.parse
import urllib.request

LANGUAGES = ("it", "en", "ar")

# Pages of the tree, by their Italian address.
TREE = {
    "home": "/it/",
    "district": "/it/san-salvario/",
    "initiative": "/it/san-salvario/sportello-di-ascolto/",
    "initiative-untranslated": "/it/san-salvario/bistrot-della-casa/",
    "event": "/it/san-salvario/corso-di-italiano-per-stranieri/open-day-del-corso-di-italiano/",
    # Every Saturday afternoon: the page lists its next dates.
    "event-untranslated": "/it/san-salvario/sabato-in-cortile/",
    "calendar": "/it/cosa-succede/",
    "district-calendar": "/it/san-salvario/cosa-succede/",
    "proposal-form": "/it/san-salvario/proponi-un-idea/",
    "news-index": "/it/notizie/",
    "news": "/it/san-salvario/notizie/iscrizioni-al-corso-di-italiano/",
}

# Pages in a given state: (page of the tree or None for search, query string or path).
STATES = {
    "calendar-filtered": ("calendar", "?category=courses&free=on"),
    "calendar-page-2": ("calendar", "?page=2"),
    "calendar-nothing-found": ("calendar", "?when=dates&date_from=2001-01-01&date_to=2001-01-31"),
    "calendar-wrong-dates": ("calendar", "?when=dates&date_from=2030-02-01&date_to=2030-01-01"),
    "district-calendar-page-2": ("district-calendar", "?page=2"),
    "proposal-thank-you": ("proposal-form", "?sent=1"),
    "search-results": (None, "search/?q=ceramica"),
    "search-spelling": (None, "search/?q=ceramca"),
    "search-nothing-found": (None, "search/?q=zzzzqqq"),
    "not-found": (None, "pagina-che-non-esiste/"),
}

KINDS = (*TREE, *STATES)
UNTRANSLATED = ("initiative-untranslated", "event-untranslated", "proposal-form")
STATUS = {"not-found": 404}

ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"')


@functools.cache
def alternates(base_url, italian_path):
    """{language: path} of a page of the tree, from its Italian page's alternate links."""
    with urllib.request.urlopen(f"{base_url}{italian_path}", timeout=30) as response:
        html = response.read().decode()
    paths = {code: urllib.parse.urlsplit(url).path for code, url in ALTERNATE.findall(html)}
    paths["it"] = italian_path
    return paths


def public_path(portal, kind, language):
    """The address of a page type (a key of TREE or STATES) in `language`."""
    if kind in TREE:
        return alternates(portal.url, TREE[kind])[language]
    page, suffix = STATES[kind]
    if page is None:
        return f"/{language}/{suffix}"
    return public_path(portal, page, language) + suffix


def scroll_through(page):
    """Scroll to the end of the page and back, so lazy images load; wait for them."""
    page.evaluate(
        """async () => {
            const step = Math.max(200, innerHeight);
            for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
                window.scrollTo({top: y, behavior: "instant"});
                await new Promise((resolve) => setTimeout(resolve, 40));
            }
            window.scrollTo({top: document.documentElement.scrollHeight, behavior: "instant"});
            await new Promise((resolve) => setTimeout(resolve, 40));
            window.scrollTo({top: 0, behavior: "instant"});
        }"""
    )
    page.wait_for_function("[...document.images].every((image) => image.complete)")
