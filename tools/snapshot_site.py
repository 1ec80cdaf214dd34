"""Snapshot what the portal answers on the demo content: public pages, feeds, the API, errors.

    .venv/bin/python tools/snapshot_site.py OUTDIR [--date YYYY-MM-DD]
    .venv/bin/python tools/compare_snapshots.py BASELINE OUTDIR

Run from a project root: the code of the tree that holds this file is imported (its parent
directory goes first on sys.path), whatever the virtualenv. Made for refactors that must change
no answer: take a snapshot before, one after, and compare them.

What it does:

1. A fresh SQLite database (and media folder) in a temporary directory, the settings
   `portal.settings.test` (DEBUG off, so the real error pages; no outside service; e-mail in
   memory), with the page cache switched on as in production (PAGE_CACHE_SECONDS=600), the
   environment cleared of every other setting variable. `migrate`, then `load_demo`.
2. Nothing depends on the wall clock or on chance. The clock is Django's `timezone.now()`,
   which the project and Wagtail read everywhere: while the database is built it starts at
   10:00:00.25 Europe/Rome on `--date` (default: today) and moves one second per publication
   (a page, a translation, a snippet), so stored timestamps follow the order of publication,
   not how often the code reads the clock; while the site is read it stands still at 10:30 of
   that day. The demo's dates are relative to that day, so two snapshots compare only with the
   same `--date` (written in `_snapshot.json`; any day works, not only today). uuid4() and the
   suffix Django's storage adds to a taken file name draw from seeded generators, and the
   process runs with PYTHONHASHSEED=0 (set orders). Page, image and other ids are the same in
   every run: a fresh database, loaded in the same order.
3. With Django's test client (a fresh one per request, so no cookie leaks from one to the
   next) it requests and stores, one file per request (the request, the status, every
   response header but Date and Content-Length, the body; JSON re-indented in its own key
   order, binary bodies as their SHA-256):
   - every URL of /sitemap.xml (every public page in every language) and the links those
     pages give (a crawl of the site's own links: pagination, the language switcher, feeds,
     documents), `calendar.ics`, `feed.xml` and `atom.xml` of every Italian page (404 where it
     has none) and of each language's home, the calendars' filters,
     the search page and its suggestions for a few queries and filters, the proposal forms
     (their thank-you page and an empty submission), robots.txt, /healthz, the JavaScript
     catalogue, `/` by Accept-Language and cookie, language switching (GET and POST), 404s;
   - the API: /api/v2/pages/ with each type, `fields=*`, every locale, search, ordering,
     tree filters, `site=`, pagination through everything; every page's detail; `find/` for
     every Italian page's path (relative to the site's root) and by id; images and documents
     with their details; occurrences with each filter; openapi.json; conditional requests and
     CORS preflight; the bad requests of tests/api/test_strict_input.py;
   - the admin's dashboard and page explorer signed in as the demo's `admin`.
4. Normalises what still differs from run to run (NORMALISATIONS below): CSP nonces and the
   order of the CSP's directives, CSRF tokens, session and CSRF cookies, cookie and `Expires`
   dates (wall clock), /healthz's timings, the random suffix of a rendition whose truncated
   name was taken, and an ETag computed over such noise (replaced by the hash of the stored
   body).

Files are named after the request (readable part plus a hash), listed in `_index.tsv` with the
kind of request and the status.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import html
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BASE = "http://testserver"
ROME = ZoneInfo("Europe/Rome")
LANGUAGE_CODES = ["it", "en", "fr", "ar", "ro", "zh-hans", "es"]
PAGE_TYPES = [
    "home.HomePage",
    "districts.DistrictPage",
    "initiatives.InitiativePage",
    "initiatives.EventPage",
    "initiatives.CalendarPage",
    "districts.ProposalFormPage",
]
# The languages in which every filter value of the calendars is tried (every language gets the
# others): the source language and a right-to-left one.
DETAILED_LANGUAGES = {"it", "ar"}
SEARCH_WORDS = ["corso", "course", "cortile", "caffè", "Salvario", "orti", "repair", "xyzzy"]
MAX_REQUESTS = 25_000
# Environment variables kept for the run; every other one is dropped, so that no setting of
# the shell (REDIS_URL, SEARCH_BACKEND, CORS_ALLOWED_ORIGINS…) changes an answer.
KEPT_ENVIRONMENT = {"PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "PYTHONHASHSEED"}
# The clock (see Clock): from LOAD_STARTS (a fraction of a second past, as real timestamps
# have) one PUBLICATION_STEP per publication while the demo is loaded, READ_AT while it is read.
LOAD_STARTS = datetime.time(10, 0, 0, 250_000)
PUBLICATION_STEP = datetime.timedelta(seconds=1)
READ_AT = datetime.time(10, 30)

# What differs from one run to the next, whatever the code: (pattern, replacement).
NORMALISATIONS = [
    # Content-Security-Policy nonces (django-csp), in the header and in the markup.
    (re.compile(r"'nonce-[A-Za-z0-9+/=_-]+'"), "'nonce-<NONCE>'"),
    (re.compile(r'\bnonce="[^"]*"'), 'nonce="<NONCE>"'),
    # CSRF tokens in forms, in the admin's JavaScript configuration and in cookies.
    (re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*'), r"\1<CSRF>"),
    (re.compile(r'("(?:csrfToken|CSRF_TOKEN)"\s*:\s*")[^"]*'), r"\1<CSRF>"),
    (re.compile(r"(&quot;csrfToken&quot;:\s*&quot;)[A-Za-z0-9]+"), r"\1<CSRF>"),
    (re.compile(r'(data-w-csrf-token-value=")[^"]*'), r"\1<CSRF>"),
    (re.compile(r"\b(csrftoken|sessionid)=[A-Za-z0-9]+"), r"\1=<TOKEN>"),
    # Cookie expiry dates come from the wall clock (time.time()), not from timezone.now().
    (re.compile(r"(expires=)[A-Z][a-z]{2}, \d\d[ -][A-Z][a-z]{2}[ -]\d{4} \d\d:\d\d:\d\d GMT"), r"\1<DATE>"),
    # /healthz's timings.
    (re.compile(r'("ms":\s*)[0-9.]+'), r"\1<MS>"),
    # The random suffix Django's storage gives a file whose name is taken (two renditions whose
    # names Wagtail truncated to the same text): `name_AbC12xY.2e16d0ba.fill-400x300.jpg`.
    (re.compile(r"(/media/[\w./-]*?)_[A-Za-z0-9]{7}(?=\.[\w.-]+)"), r"\1_<RND>"),
    # The Content-Security-Policy's directives come in the order of a set: sorted.
    (
        re.compile(r"^(Content-Security-Policy(?:-Report-Only)?: )(.*)$", re.M),
        lambda match: match.group(1) + "; ".join(sorted(part.strip() for part in match.group(2).split(";"))),
    ),
]
# Response headers set from the wall clock.
WALL_CLOCK_HEADERS = {"Expires"}
SKIPPED_HEADERS = {"Date", "Content-Length"}


# --- Environment, clock and randomness -------------------------------------------------------


class Clock:
    """Django's `timezone.now()` for the run: it moves only when something is published.

    While the demo is loaded every publication (a page, a translation, a snippet) moves it one
    second on, so stored timestamps follow the order of publication and not how often the
    code happens to read the clock; while the site is read it stands still.
    """

    def __init__(self, start):
        self.current = start

    def now(self):
        return self.current

    def published(self, **kwargs):
        self.current += PUBLICATION_STEP

    def stand_still(self, at):
        if at <= self.current:
            raise SystemExit(f"The demo's publications took the clock past {at}: move READ_AT later.")
        self.current = at


def install_clock(day):
    import django.utils.timezone

    start = datetime.datetime.combine(day, LOAD_STARTS, tzinfo=ROME).astimezone(datetime.UTC)
    clock = Clock(start)

    def now():
        return clock.now()

    django.utils.timezone.now = now
    return clock


def install_seeded_uuid4(seed=20_141_014):
    generator = random.Random(seed)

    def uuid4():
        return uuid.UUID(int=generator.getrandbits(128), version=4)

    uuid.uuid4 = uuid4


def install_seeded_file_names(seed=20_141_015):
    """The suffix Django's storage adds to a taken file name, drawn from a seeded generator."""
    import string

    import django.core.files.storage.base as storage_base

    generator = random.Random(seed)
    letters = string.ascii_letters + string.digits

    def get_random_string(length, allowed_chars=letters):
        return "".join(generator.choice(allowed_chars) for _position in range(length))

    storage_base.get_random_string = get_random_string


def prepare_environment(workdir, settings_module):
    for name in list(os.environ):
        if name not in KEPT_ENVIRONMENT:
            del os.environ[name]
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": settings_module,
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),
            "DB_CONN_MAX_AGE": "0",
            "LOG_LEVEL": "ERROR",
            "DEMO_ADMIN_PASSWORD": "Snapshot-only-admin-9481",
            "DEMO_USERS_PASSWORD": "Snapshot-only-editor-9481",
        }
    )


def setup_django(workdir, settings_module, page_cache_seconds):
    import logging

    import django
    from django.conf import settings

    django.setup()
    settings.MEDIA_ROOT = workdir / "media"
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    logging.getLogger("django.security").setLevel(logging.CRITICAL)


def build_database():
    from contextlib import redirect_stdout
    from io import StringIO

    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    out = StringIO()
    # load_demo's sub-commands print to sys.stdout themselves.
    with redirect_stdout(out):
        call_command("load_demo", verbosity=1, stdout=out)
    return out.getvalue()


# --- Normalisation and storage ---------------------------------------------------------------


def normalise(text):
    for pattern, replacement in NORMALISATIONS:
        text = pattern.sub(replacement, text)
    return text


def body_text(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response.get("Content-Type", "")
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return f"<{len(content)} bytes, sha256 {hashlib.sha256(content).hexdigest()}>\n", content
    if "\x00" in text:
        return f"<{len(content)} bytes, sha256 {hashlib.sha256(content).hexdigest()}>\n", content
    if "json" in content_type and text:
        try:
            text = json.dumps(json.loads(text), indent=1, ensure_ascii=False) + "\n"
        except ValueError:
            pass
    return text, content


def file_name(key):
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", key).strip("_")[:120]
    digest = hashlib.sha256(key.encode()).hexdigest()[:10]
    return f"{readable}.{digest}.txt"


class Snapshot:
    def __init__(self, outdir):
        self.outdir = outdir
        self.done = {}
        self.kinds = Counter()
        self.seconds = Counter()
        self.index = []

    def request(
        self, kind, path, *, method="GET", data=None, headers=None, cookies=None, user=None, shown=None
    ):
        """Request `path` once (a repeated request is answered from the first one); store it.

        `shown` replaces header values in the stored request line (an ETag of the previous
        answer is named, not quoted: it may hold run-to-run noise).
        """
        from django.test import Client

        headers = dict(headers or {})
        listed = {**headers, **(shown or {})}
        key = " ".join([method, path] + [f"[{name}: {value}]" for name, value in sorted(listed.items())])
        if cookies:
            key += " " + " ".join(f"[cookie {name}={value}]" for name, value in sorted(cookies.items()))
        if data is not None:
            key += " [body " + urlencode(data, doseq=True) + "]"
        if user is not None:
            key += f" [user {user.get_username()}]"
        if key in self.done:
            return self.done[key]
        began = time.monotonic()
        if len(self.done) >= MAX_REQUESTS:
            raise SystemExit(f"More than {MAX_REQUESTS} requests: is the crawl running away?")
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        for name, value in (cookies or {}).items():
            client.cookies[name] = value
        address = headers.pop("X-Test-Address", "127.0.0.1")
        if method == "GET":
            response = client.get(path, headers=headers)
        elif method == "HEAD":
            response = client.head(path, headers=headers)
        elif method == "OPTIONS":
            response = client.options(path, headers=headers)
        elif method == "POST":
            response = client.post(path, data or {}, headers=headers, REMOTE_ADDR=address)
        else:
            raise ValueError(method)
        text, raw = body_text(response)
        body = normalise(text)
        lines = [key, "", f"Status: {response.status_code}"]
        for name, value in sorted(response.headers.items()):
            if name in SKIPPED_HEADERS:
                continue
            if name in WALL_CLOCK_HEADERS:
                value = "<WALL-CLOCK>"
            if name == "ETag" and body != text:
                # A hash of a body that held noise: the hash of the body as stored instead.
                value = f'"<normalised {hashlib.md5(body.encode()).hexdigest()}>"'  # noqa: S324
            lines.append(f"{name}: {value}")
        for morsel in sorted(response.cookies.values(), key=lambda morsel: morsel.key):
            lines.append(f"Set-Cookie: {morsel.OutputString()}")
        name = file_name(key)
        (self.outdir / name).write_text(normalise("\n".join(lines)) + "\n\n" + body, encoding="utf-8")
        self.kinds[kind] += 1
        self.seconds[kind] += time.monotonic() - began
        self.index.append((name, kind, str(response.status_code), key))
        response.raw_body = raw
        self.done[key] = response
        return response

    def write_index(self, meta):
        rows = sorted(self.index)
        with open(self.outdir / "_index.tsv", "w", encoding="utf-8") as index:
            for row in rows:
                index.write("\t".join(row) + "\n")
        (self.outdir / "_snapshot.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n")


# --- What to request -------------------------------------------------------------------------

LINK = re.compile(r"""(?:href|action)\s*=\s*"([^"]*)\"""")
OPTION = re.compile(r"""<option value="([^"]+)\"""")
SELECT = re.compile(r"""<select name="([a-z_]+)"[^>]*>(.*?)</select>""", re.S)
CRAWL_SKIPPED_PREFIXES = ("/static/", "/media/", "/admin/", "/django-admin/")


def local_path(url):
    """The site-relative URL of a link to this site, without its fragment; None for others."""
    url = html.unescape(url).split("#", 1)[0]
    if url.startswith(BASE + "/"):
        url = url[len(BASE) :]
    if not url.startswith("/") or url.startswith("//"):
        return None
    if url.startswith(CRAWL_SKIPPED_PREFIXES):
        return None
    return url


def links_of(response):
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return []
    text = response.raw_body.decode("utf-8", "replace")
    found = []
    for match in LINK.finditer(text):
        path = local_path(match.group(1))
        if path is not None:
            found.append(path)
    return found


def select_options(response):
    """{select name: [option values]} of the first form of an HTML page."""
    text = response.raw_body.decode("utf-8", "replace")
    return {name: OPTION.findall(body) for name, body in SELECT.findall(text)}


def sitemap_paths(snap):
    sitemap = snap.request("sitemap", "/sitemap.xml")
    text = sitemap.raw_body.decode()
    paths = []
    for loc in re.findall(r"<loc>([^<]+)</loc>", text):
        path = local_path(loc)
        if path is None:
            continue
        if path.startswith("/sitemap"):
            nested = snap.request("sitemap", path)
            paths += [
                local_path(inner) for inner in re.findall(r"<loc>([^<]+)</loc>", nested.raw_body.decode())
            ]
        else:
            paths.append(path)
    snap.request("sitemap", "/sitemap.xml?p=2")
    snap.request("sitemap", "/sitemap.xml?p=nope")
    return paths


def crawl(snap, seeds):
    """Every page of the site that a sitemap page links to, breadth first."""
    queue = list(dict.fromkeys(seeds))
    seen = set(queue)
    position = 0
    while position < len(queue):
        path = queue[position]
        position += 1
        kind = "page" if path in seeds else "linked"
        response = snap.request(kind, path)
        following = links_of(response)
        if response.status_code in (301, 302) and response.get("Location"):
            target = local_path(response["Location"])
            following = [target] if target else []
        for link in following:
            if link not in seen:
                seen.add(link)
                queue.append(link)


def page_feeds(snap, paths):
    for code in LANGUAGE_CODES:
        for name in ("calendar.ics", "feed.xml", "atom.xml"):
            snap.request("feed", f"/{code}/{name}")
    # The feeds each page links to, in every language, were followed by the crawl; here every
    # Italian page is asked for all three (404 where the page has no such feed).
    for path in paths:
        if path.startswith("/it/"):
            for name in ("calendar.ics", "feed.xml", "atom.xml"):
                snap.request("feed", f"{path}{name}")


def calendar_filters(snap, calendar_paths):
    """Each calendar with every period and a few filters; in DETAILED_LANGUAGES, every filter
    value and the invalid ones too."""
    today = datetime.date.fromisoformat(snap.meta["date"])

    def day(offset):
        return (today + datetime.timedelta(days=offset)).isoformat()

    for path in calendar_paths:
        page = snap.request("page", path)
        queries = [{"when": when} for when in ("today", "week", "weekend", "month")]
        queries += [{"free": "on"}, {"page": "2"}, {"date_from": day(1), "date_to": day(60)}]
        if path.split("/")[1] in DETAILED_LANGUAGES:
            queries += [
                {"when": "dates"},
                {"when": "never"},
                {"date_from": day(7)},
                {"date_from": day(0), "date_to": day(-1)},
                {"date_from": "0001-01-01"},
                {"date_to": "not-a-date"},
                {"step_free": "on"},
                {"free": "on", "step_free": "on", "when": "month"},
                {"page": "3"},
                {"page": "999"},
                {"page": "x"},
                {"category": "no-such-category"},
                {"district": "no-such-district"},
                {"utm_source": "newsletter"},
            ]
            options = select_options(page)
            for name in ("district", "category", "audience", "language"):
                queries += [{name: value} for value in options.get(name, []) if value]
        for query in queries:
            snap.request("calendar-filter", f"{path}?{urlencode(query)}")


def search_pages(snap, districts_by_language, categories_by_language):
    for code in LANGUAGE_CODES:
        base = f"/{code}/search/"
        queries = [{}, {"q": ""}, {"q": "  "}, {"q": "a"}, {"q": "x" * 300}]
        queries += [{"q": word} for word in SEARCH_WORDS]
        queries += [
            {"q": "corso", "page": "2"},
            {"q": "corso", "page": "99"},
            {"q": "corso", "type": "event"},
            {"type": "event"},
            {"type": "initiative"},
            {"type": "district"},
            {"type": "nope"},
            {"district": "nope"},
            {"category": "nope"},
            {"q": "\x00"},
        ]
        queries += [{"district": slug} for slug in districts_by_language.get(code, [])]
        queries += [{"category": slug} for slug in categories_by_language.get(code, [])[:3]]
        for query in queries:
            snap.request("search", f"{base}?{urlencode(query)}" if query else base)
        for typed in ["", "c", "co", "cor", "sa", "San", "orti", "zz"]:
            snap.request("search", f"/{code}/search/suggest/?{urlencode({'q': typed})}")


def language_entrances(snap, page_paths):
    accept = ["", "en", "ar,en;q=0.8", "fr-CH, fr;q=0.9", "de", "zh-CN", "zh-Hans", "es-ES", "ro"]
    for value in accept:
        headers = {"Accept-Language": value} if value else {}
        snap.request("language", "/", headers=headers)
        snap.request("language", "/api/v2/pages/?limit=1", headers=headers)
        snap.request("language", "/robots.txt", headers=headers)
    for code in LANGUAGE_CODES + ["de"]:
        snap.request("language", "/", cookies={"django_language": code})
    sample = [path for path in page_paths if path.count("/") <= 3][:6]
    for path in sample:
        for code in LANGUAGE_CODES + ["xx"]:
            snap.request("language", f"/i18n/choose/{code}/?{urlencode({'next': path})}")
            snap.request("language", "/i18n/setlang/", method="POST", data={"language": code, "next": path})
    snap.request("language", "/i18n/choose/en/")
    snap.request("language", "/i18n/choose/en/?next=https://evil.example/")
    snap.request("language", "/i18n/choose/en/?next=//evil.example/")
    snap.request("language", "/i18n/setlang/")
    for code in LANGUAGE_CODES:
        snap.request("language", "/jsi18n/", headers={"Accept-Language": code})


def machine_entrances(snap):
    for path in ["/robots.txt", "/healthz", "/sitemap.xml", "/api/v2/openapi.json"]:
        snap.request("misc", path)
        snap.request("misc", path, method="HEAD")
    snap.request("misc", "/robots.txt", method="POST")
    snap.request("misc", "/favicon.ico")


def errors(snap, page_paths):
    paths = [
        "/nope/",
        "/nope",
        "/it/nope/",
        "/en/no-such-page/",
        "/ar/no-such-page/",
        "/zh-hans/no-such-page/",
        "/xx/",
        "/it",
        "/en",
        "/it/search",
        "/it/san-salvario",
        "/it/san-salvario/nope/",
        "/it/san-salvario/nope/calendar.ics",
        "/it/%00/",
        "/it/..%2f..%2f/",
        "/documents/999999/nope.pdf",
        "/api/",
        "/api/v2/",
        "/api/v2/nope/",
        "/admin/",
        "/admin/login/",
        "/media/nope.jpg",
        "/static/nope.css",
    ]
    for path in paths:
        snap.request("error", path)
    for path in page_paths[:3]:
        snap.request("error", path, method="POST", data={"x": "1"})
        snap.request("error", path, method="OPTIONS")
        snap.request("error", path, method="HEAD")
        snap.request("error", f"{path}?utm_source=x&fbclid=y")


def proposal_forms(snap, form_paths):
    for number, path in enumerate(form_paths):
        snap.request("proposal", f"{path}?sent=1")
        address = f"10.0.{number // 200}.{number % 200 + 1}"
        snap.request("proposal", path, method="POST", data={}, headers={"X-Test-Address": address})


# --- The API ---------------------------------------------------------------------------------

STRICT_INPUT = [
    "/api/v2/pages/?limit=abc",
    "/api/v2/pages/?limit=101",
    "/api/v2/pages/?limit=500",
    "/api/v2/pages/?offset=-1",
    "/api/v2/pages/?type=nope.Nope",
    "/api/v2/pages/?type=nope",
    "/api/v2/pages/?type=wagtailimages.Image",
    "/api/v2/pages/?fields=nonexistent",
    "/api/v2/pages/?fields=title(",
    "/api/v2/pages/?order=bogus",
    "/api/v2/pages/?order=random&offset=1",
    "/api/v2/pages/?locale=xx",
    "/api/v2/pages/?bogus=1",
    "/api/v2/pages/?format=api",
    "/api/v2/pages/?format=json",
    "/api/v2/pages/?child_of=abc",
    "/api/v2/pages/?child_of=99999999999999999999",
    "/api/v2/pages/?descendant_of=999999",
    "/api/v2/pages/?search=x&search_operator=xor",
    "/api/v2/pages/?search=%00",
    "/api/v2/pages/?type=initiatives.EventPage&start=notadate",
    "/api/v2/pages/?type=initiatives.EventPage&is_free=maybe",
    "/api/v2/pages/?offset=9223372036854775808",
    "/api/v2/pages/?offset=99999999999999999999999",
    "/api/v2/pages/?offset=1000000000000000000",
    "/api/v2/pages/?offset=1e3",
    "/api/v2/pages/?offset=%2B5",
    "/api/v2/pages/?offset=%20%205",
    "/api/v2/pages/?offset=1_000",
    "/api/v2/pages/?limit=%D9%A3",
    "/api/v2/pages/?limit=-1",
    "/api/v2/pages/?limit=18446744073709551616",
    "/api/v2/pages/?limit=5&limit=6",
    "/api/v2/pages/?type=initiatives.EventPage&type=districts.DistrictPage",
    "/api/v2/pages/abc/",
    "/api/v2/pages/999999/",
    "/api/v2/pages/find/",
    "/api/v2/pages/find/?html_path=/nope/",
    "/api/v2/pages/find/?html_path=/it/nope/",
    "/api/v2/images/?offset=9223372036854775808",
    "/api/v2/images/?limit=abc",
    "/api/v2/images/?fields=nonexistent",
    "/api/v2/images/?limit=-5",
    "/api/v2/images/999999/",
    "/api/v2/documents/?offset=18446744073709551616",
    "/api/v2/documents/?offset=-1",
    "/api/v2/documents/?order=bogus",
    "/api/v2/documents/999999/",
    "/api/v2/occurrences/?offset=9223372036854775808",
    "/api/v2/occurrences/?start=2025-13-01",
    "/api/v2/occurrences/?start=tomorrow",
    "/api/v2/occurrences/?start=2026-01-10&end=2026-01-01",
    "/api/v2/occurrences/?start=2026-01-01&end=2027-12-31",
    "/api/v2/occurrences/?free=maybe",
    "/api/v2/occurrences/?step_free=2",
    "/api/v2/occurrences/?district=no-such-district",
    "/api/v2/occurrences/?category=no-such-category",
    "/api/v2/occurrences/?audience=no-such-audience",
    "/api/v2/occurrences/?locale=xx",
    "/api/v2/occurrences/?limit=101",
    "/api/v2/occurrences/?bogus=1",
    "/api/v2/occurrences/?limit=1&limit=2",
    "/api/v2/occurrences/1/",
]


def api_json(snap, kind, path):
    response = snap.request(kind, path)
    if response.status_code != 200:
        return {}
    return json.loads(response.raw_body)


def api_listing(snap, kind, path, step=100):
    """Every item of a listing, requesting it page by page."""
    separator = "&" if "?" in path else "?"
    items = []
    offset = 0
    while True:
        answer = api_json(snap, kind, f"{path}{separator}limit={step}&offset={offset}")
        items += answer.get("items", [])
        offset += step
        if offset >= answer.get("meta", {}).get("total_count", 0):
            return items


def api_pages(snap, page_paths):
    pages = "/api/v2/pages/"
    snap.request("api-pages", pages)
    everything = api_listing(snap, "api-pages", pages)
    api_listing(snap, "api-pages", f"{pages}?fields=*")
    ids = [item["id"] for item in everything]
    by_type = {}
    for page_type in PAGE_TYPES:
        snap.request("api-pages", f"{pages}?type={page_type}")
        typed = api_listing(snap, "api-pages", f"{pages}?type={page_type}&fields=*")
        by_type[page_type] = [item["id"] for item in typed]
        snap.request("api-pages", f"{pages}?type={page_type}&fields=-title")
        for code in LANGUAGE_CODES:
            snap.request("api-pages", f"{pages}?type={page_type}&fields=*&locale={code}&limit=100")
    for code in LANGUAGE_CODES:
        snap.request("api-pages", f"{pages}?locale={code}&limit=100")
        snap.request("api-pages", f"{pages}?locale={code}&search=corso")
    for word in SEARCH_WORDS:
        snap.request("api-pages", f"{pages}?{urlencode({'search': word})}")
    for query in [
        "search=corso&search_operator=and",
        "search=corso+cortile&search_operator=or",
        "search=corso+cortile&search_operator=and",
        "order=title",
        "order=-title",
        "order=id",
        "order=-id",
        "order=first_published_at",
        "order=random&limit=500",
        "fields=_,title",
        "fields=title,slug",
        "fields=*",
        "site=testserver",
        "site=testserver:80",
        "site=localhost",
        "site=nope.example",
        "limit=0",
        "limit=1",
        "limit=100&offset=5000",
        "type=initiatives.EventPage&fields=start,end,venue_data",
        "type=initiatives.EventPage&is_free=true",
        "type=initiatives.EventPage&all_day=false",
        "type=districts.DistrictPage&slug=san-salvario",
        "type=initiatives.InitiativePage&fields=category_data,audience_data,schedule_rrule,next_dates",
        "type=initiatives.EventPage&order=start",
        "type=initiatives.EventPage&order=-start",
        "slug=san-salvario",
        "html_path=/it/",
    ]:
        snap.request("api-pages", f"{pages}?{query}")
    tree = {}
    for page_id in ids:
        detail = api_json(snap, "api-detail", f"{pages}{page_id}/")
        tree[page_id] = detail
    home_ids = by_type.get("home.HomePage", [])
    district_ids = by_type.get("districts.DistrictPage", [])
    event_ids = by_type.get("initiatives.EventPage", [])
    for page_id in home_ids[:2] + district_ids[:3]:
        snap.request("api-pages", f"{pages}?child_of={page_id}&limit=100")
        snap.request("api-pages", f"{pages}?descendant_of={page_id}&limit=100")
    for page_id in event_ids[:3] + district_ids[:1]:
        snap.request("api-pages", f"{pages}?ancestor_of={page_id}")
        snap.request("api-pages", f"{pages}?translation_of={page_id}")
    # `html_path` is relative to the default site's root, the Italian home page.
    for path in page_paths:
        if path.startswith("/it/"):
            snap.request("api-find", f"{pages}find/?{urlencode({'html_path': path[3:]})}")
    for path in page_paths[:3] + ["/", "/en/", "//", "/nope/"]:
        snap.request("api-find", f"{pages}find/?{urlencode({'html_path': path})}")
    for page_id in ids[:3] + [999999]:
        snap.request("api-find", f"{pages}find/?id={page_id}")
    return ids


def api_media(snap):
    for endpoint in ("images", "documents"):
        base = f"/api/v2/{endpoint}/"
        snap.request(f"api-{endpoint}", base)
        snap.request(f"api-{endpoint}", f"{base}?fields=*")
        items = api_listing(snap, f"api-{endpoint}", base)
        for item in items:
            detail = api_json(snap, f"api-{endpoint}", f"{base}{item['id']}/")
            url = detail.get("meta", {}).get("download_url")
            if url and local_path(url):
                snap.request("document", local_path(url))


def api_occurrences(snap):
    base = "/api/v2/occurrences/"
    today = datetime.date.fromisoformat(snap.meta["date"])
    snap.request("api-occurrences", base)
    api_listing(snap, "api-occurrences", base)
    far = {"start": today.isoformat(), "end": (today + datetime.timedelta(days=365)).isoformat()}
    api_listing(snap, "api-occurrences", f"{base}?{urlencode(far)}")
    past = {"start": (today - datetime.timedelta(days=3)).isoformat(), "end": today.isoformat()}
    snap.request("api-occurrences", f"{base}?{urlencode(past)}")
    districts = api_json(
        snap, "api-pages", "/api/v2/pages/?type=districts.DistrictPage&fields=slug&locale=it"
    )
    for district in districts.get("items", []):
        snap.request("api-occurrences", f"{base}?district={district['meta']['slug']}")
        snap.request("api-occurrences", f"{base}?district={district['id']}")
    rows = api_json(snap, "api-occurrences", f"{base}?{urlencode(far)}&limit=100").get("items", [])
    categories = sorted({row["category"]["slug"] for row in rows if row.get("category")})
    for slug in categories:
        snap.request("api-occurrences", f"{base}?category={slug}")
    for audience in ["children", "families", "adults", "elderly", "young-people", "everyone", "bambini"]:
        snap.request("api-occurrences", f"{base}?audience={audience}")
    for flag in ("free", "step_free"):
        for value in ("true", "false", "1", "0"):
            snap.request("api-occurrences", f"{base}?{flag}={value}")
    for code in LANGUAGE_CODES:
        snap.request("api-occurrences", f"{base}?locale={code}")
    snap.request("api-occurrences", f"{base}?start={today.isoformat()}&end={today.isoformat()}")
    snap.request("api-occurrences", f"{base}?limit=5&offset=5")


def api_http(snap):
    for path in ["/api/v2/pages/", "/api/v2/occurrences/", "/api/v2/images/", "/api/v2/openapi.json"]:
        first = snap.request("api-http", path)
        etag = first.get("ETag")
        if etag:
            snap.request(
                "api-http", path, headers={"If-None-Match": etag}, shown={"If-None-Match": "<its ETag>"}
            )
            weak = f"W/{etag}"
            snap.request(
                "api-http", path, headers={"If-None-Match": weak}, shown={"If-None-Match": "W/<its ETag>"}
            )
        snap.request("api-http", path, headers={"If-None-Match": '"not-it"'})
        snap.request("api-http", path, headers={"Origin": "https://app.example.org"})
        snap.request(
            "api-http",
            path,
            method="OPTIONS",
            headers={"Origin": "https://app.example.org", "Access-Control-Request-Method": "GET"},
        )
        snap.request("api-http", path, method="POST", data={})
        snap.request("api-http", path, method="HEAD")
    for path in STRICT_INPUT:
        snap.request("api-bad", path)


def admin_views(snap, home_ids):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.get(username="admin")
    snap.request("admin", "/admin/", user=admin)
    if home_ids:
        snap.request("admin", f"/admin/pages/{home_ids[0]}/", user=admin)


# --- Main ------------------------------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--date", help="the day the demo is loaded and read on (default: today in Rome)")
    parser.add_argument("--settings", default="portal.settings.test")
    parser.add_argument("--page-cache-seconds", type=int, default=600)
    parser.add_argument("--keep", action="store_true", help="keep the temporary database and media")
    args = parser.parse_args(argv)
    if os.environ.get("PYTHONHASHSEED") != "0":
        # The order of sets and of dicts built from them follows string hashes: fixed.
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable, os.path.abspath(__file__), *sys.argv[1:]])  # noqa: S606
    started = time.monotonic()
    day = datetime.date.fromisoformat(args.date) if args.date else datetime.datetime.now(ROME).date()
    outdir = args.outdir.resolve()
    if outdir.exists():
        shutil.rmtree(outdir)
    outdir.mkdir(parents=True)
    workdir = Path(tempfile.mkdtemp(prefix="quartieri-snapshot-"))

    sys.path.insert(0, str(PROJECT_ROOT))
    os.chdir(PROJECT_ROOT)
    prepare_environment(workdir, args.settings)
    clock = install_clock(day)
    install_seeded_uuid4()
    install_seeded_file_names()
    setup_django(workdir, args.settings, args.page_cache_seconds)
    import portal

    print(f"Project: {Path(portal.__file__).resolve().parent.parent}; day {day}; database {workdir}")
    from wagtail.signals import published

    published.connect(clock.published, weak=False, dispatch_uid="snapshot-clock")
    report = build_database()
    published.disconnect(dispatch_uid="snapshot-clock")
    loaded = time.monotonic()
    print(f"Database built in {loaded - started:.0f} s.")
    load_ended = clock.current
    clock.stand_still(datetime.datetime.combine(day, READ_AT, tzinfo=ROME).astimezone(datetime.UTC))

    snap = Snapshot(outdir)
    snap.meta = {
        "date": day.isoformat(),
        "settings": args.settings,
        "page_cache_seconds": args.page_cache_seconds,
        "load_clock": f"{day}T{LOAD_STARTS} Europe/Rome, +{PUBLICATION_STEP} a publication",
        "load_clock_ended": load_ended.astimezone(ROME).isoformat(),
        "read_clock": f"{day}T{READ_AT} Europe/Rome",
        "load_demo": report.splitlines()[:5],
    }
    try:
        page_paths = sitemap_paths(snap)
        crawl(snap, page_paths)
        page_feeds(snap, page_paths)
        typed = {
            page_type: api_json(
                snap, "api-pages", f"/api/v2/pages/?type={page_type}&fields=html_url,slug&limit=100"
            ).get("items", [])
            for page_type in (
                "initiatives.CalendarPage",
                "districts.ProposalFormPage",
                "districts.DistrictPage",
            )
        }

        def paths_of(page_type):
            return [
                local_path(item["meta"]["html_url"]) for item in typed[page_type] if item["meta"]["html_url"]
            ]

        calendar_filters(snap, paths_of("initiatives.CalendarPage"))
        proposal_forms(snap, paths_of("districts.ProposalFormPage"))
        districts = {}
        for item in typed["districts.DistrictPage"]:
            code = local_path(item["meta"]["html_url"]).split("/")[1]
            districts.setdefault(code, []).append(item["meta"]["slug"])
        categories = {}
        for code in LANGUAGE_CODES:
            options = select_options(snap.request("search", f"/{code}/search/"))
            categories[code] = [value for value in options.get("category", []) if value]
        search_pages(snap, districts, categories)
        language_entrances(snap, page_paths)
        machine_entrances(snap)
        errors(snap, page_paths)
        ids = api_pages(snap, page_paths)
        api_media(snap)
        api_occurrences(snap)
        api_http(snap)
        home_ids = [
            item["id"]
            for item in api_json(snap, "api-pages", "/api/v2/pages/?type=home.HomePage").get("items", [])
        ]
        admin_views(snap, home_ids)
        snap.meta["page_ids"] = len(ids)
    finally:
        snap.meta["requests"] = dict(sorted(snap.kinds.items()))
        snap.write_index(snap.meta)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    total = sum(snap.kinds.values())
    print(f"{total} requests stored in {outdir} in {time.monotonic() - started:.0f} s:")
    for kind, count in sorted(snap.kinds.items()):
        print(f"  {kind}: {count} ({snap.seconds[kind]:.0f} s)")


if __name__ == "__main__":
    main()
