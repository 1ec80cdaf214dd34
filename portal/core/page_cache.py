"""Anonymous page views and API answers served from the cache, emptied where content changed.

Rendered pages live in the default cache (local memory per process, bounded by its OPTIONS
MAX_ENTRIES, or Redis). Each entry records the scopes it shows (portal/core/scopes.py: one
district's tree, the site-wide pieces, or everything) with their numbers when it was built;
the numbers live in the `shared` cache (the database, or Redis), so a publish in one gunicorn
worker, or on another server, invalidates what every worker cached at once. A hit costs the
entry's read and one read of its scopes' numbers. An entry whose content only changed is
served once more, marked `X-Cache: STALE`, to the requests that come while one request
rebuilds it; one whose content was withdrawn is rebuilt by every request until one stores it.

Data kept until the next change (`cached_by_version`: the directory, the listings) follows one
content version, which every change moves. It never goes back: it is stored without expiry,
and every new value is `max(previous + 1, now in nanoseconds)`, so a version that went missing
(Redis restarted or evicted it, the database cache culled it, someone cleared the cache)
restarts at the clock, above every number handed out before; the scopes' numbers work the same
way. Every bump is repeated once the publishing transaction commits, so an answer built from
the old content in between (another worker may read numbers Redis already holds) is not kept
either.

When the shared cache cannot answer (the database or Redis is down) nothing is stored, and a
page this process cached under the last numbers it read is served marked `X-Cache: STALE`
(with the database down nobody can publish). A bump that fails, or any failed read, is made up
for by emptying everything as soon as the shared cache answers again, so a publish during a
Redis outage is never hidden behind pages cached before it.

The key of a page is `portal:page:<host><path>?<query>#<language>`:

- the host the request named (`request.get_host()`, lower-cased, with its port), so two
  allowed host names never share an entry (absolute links in a page name the host);
- the path, percent-encoded;
- of the query string, only the parameters the portal reads, sorted by name (the values of
  one name keep their order) and encoded again, so `?b=2&a=1` and `?a=1&b=%32` share one
  entry. PAGE_PARAMETERS below lists those of the pages (the search and calendar forms, the
  listings' `page`, the sitemap's `p`, the proposal form's `sent`), API_PARAMETERS those of
  the API. A page's other parameters (`utm_source`, `fbclid`, a random cache-buster) are left
  out of the key: the request is answered from the entry of the same URL without them, and a
  page rendered for such a request is not stored, so no cached page carries a parameter
  someone made up, and no number of them adds an entry. The API's answer depends on every
  parameter (400 for one it does not know; a filter by a field, `?slug=`, is one outside the
  list), so an API request naming another parameter bypasses the cache altogether;
- for a path without a language prefix (the API, the sitemap, robots.txt), `#` and the
  language LocaleMiddleware picks from the language cookie or Accept-Language, as the
  answer's `Content-Language` and `Vary: Accept-Language` say.

Past MAX_KEY_LENGTH characters the key keeps its prefix and the rest becomes its
SHA-256, so no key (with the cache's own prefix) exceeds memcached's 250 bytes.

Answers that depend on the clock ("open now", the next dates, "this week") are kept only until
they change: code that renders such a thing calls `valid_until(instant)` with the moment its
output changes (every occurrence row read does so by itself), and the page is stored for
min(PAGE_CACHE_SECONDS, the time left) and sent with a `max-age` no longer than that.

A hit carries exactly the headers of the miss that stored it (every header the middleware
below this one and the view set, Content-Security-Policy, X-Frame-Options and
Permissions-Policy included), its `ETag` (a reader who has it gets "304 Not Modified") and
the same `Cache-Control`, which lets nginx or a CDN keep it too (`finish`); the middleware
above it (SecurityMiddleware, the API's) runs for hits and misses alike.
"""

import contextvars
import hashlib
import logging
import math
import re
import time
from collections import defaultdict
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.encoding import escape_uri_path

from . import scopes, upstream
from .cache import OUTAGE_ERRORS, CacheUnavailable, cache_errors_raised

logger = logging.getLogger(__name__)

VERSION_KEY = "portal:page-cache-version"
PAGE_PREFIX = "portal:page:"
REBUILD_PREFIX = "portal:rebuild:"
# How long one request may take to rebuild an entry before another one tries.
REBUILD_SECONDS = 10
FRESH, STALE, GONE = "fresh", "stale", "gone"
# The API is cached too: its answers depend only on the URL and the published content.
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/healthz", "/i18n/", "/jsi18n/", "/static/", "/media/")
API_PREFIX = "/api/"

# The query parameters that change what a public URL answers: the only ones in a cache key.
# tests/production/test_page_cache_trust.py checks that every field of the search and calendar
# forms and every parameter an API endpoint accepts is here.
PAGE_PARAMETERS = frozenset(
    {
        # search/forms.py SearchForm and search/views.py
        "q",
        "district",
        "type",
        "category",
        # initiatives/calendar.py CalendarFilterForm (and districts/news.py NewsFilterForm:
        # district, category)
        "when",
        "date_from",
        "date_to",
        "audience",
        "language",
        "free",
        "step_free",
        # the listings' page number, the sitemap's (django.contrib.sitemaps), the proposal
        # form's thank-you page
        "page",
        "p",
        "sent",
    }
)
API_PARAMETERS = frozenset(
    {
        # Wagtail's pages, images and documents endpoints (portal/api/)
        "type",
        "fields",
        "limit",
        "offset",
        "order",
        "search",
        "search_operator",
        "locale",
        "site",
        "child_of",
        "descendant_of",
        "ancestor_of",
        "translation_of",
        "rich_text_format",
        # offline sync (portal/core/sync.py): a listing's changes since a moment
        "updated_since",
        # the occurrences endpoint (initiatives/api.py)
        "start",
        "end",
        "district",
        "category",
        "audience",
        "free",
        "step_free",
        # the notices endpoint (districts/notice_api.py)
        "active",
        "level",
    }
)
# Keys longer than this are hashed; the cache adds its KEY_PREFIX and ":1:" to it.
MAX_KEY_LENGTH = 200
# Data kept by content version (`cached_by_version`): its name, and how long it is kept at most.
DATA_NAME = re.compile(r"[a-z]+:[a-z]+(-[a-z]+)*")
DATA_SECONDS = 300

# The request being served, so that code without it (Wagtail's serve-time restriction check)
# shares its content version read.
_current_request = contextvars.ContextVar("portal_current_request", default=None)
# The earliest instant at which what is being built changes by itself (see `valid_until`).
_validity = contextvars.ContextVar("portal_validity", default=None)


# This process's view of the shared version: the last one read, and whether a bump or a read
# failed since (then the next successful read bumps first).
_last_version = None
_bump_owed = False
# The numbers of the scopes this process read last ({scope: (changed, withdrawn)}).
_last_scopes = {}


# --- The content version ----------------------------------------------------------------------


def _clock():
    return time.time_ns()


def _now():
    """Now, in seconds since the epoch, by the clock that "open now" reads."""
    return timezone.now().timestamp()


def read_version():
    """The content version from the shared cache; raises if the shared cache cannot answer."""
    global _last_version, _bump_owed
    shared = caches["shared"]
    try:
        with cache_errors_raised():
            _settle_owed_bump(shared)
            # Missing (never set, evicted, culled, cleared): start at the clock, which is past
            # every number handed out before.
            version = shared.get_or_set(VERSION_KEY, _clock, timeout=None)
    except Exception:
        _bump_owed = True
        raise
    _last_version = version
    return version


def current_version():
    """The content version, or the last one this process read (0 if none) while the shared
    cache cannot answer: for keys of data that is rebuilt when missing."""
    try:
        return read_version()
    except Exception as error:
        logger.debug("Content version unavailable (%s: %s)", error.__class__.__name__, error)
        return _last_version or 0


def request_version(request=None):
    """The content version, read once per request (the middleware and the templates share it).

    Raises when the shared cache cannot answer; callers then build without the cache.
    """
    if request is None:
        request = _current_request.get()
    version = getattr(request, "_content_version", None)
    if version is None:
        version = read_version()
        if request is not None:
            request._content_version = version
    return version


def _increment(shared):
    """Move the version forward: max(previous + 1, the clock), stored without expiry.

    Django's `incr()` will not do: on the database cache it stores the sum with the default
    300-second timeout, after which the version restarted at 1. Two concurrent bumps may both
    read the same previous value; each then writes a number never used before, which is all
    that invalidation needs.
    """
    previous = shared.get(VERSION_KEY)
    version = max(previous + 1 if isinstance(previous, int) else 0, _clock())
    shared.set(VERSION_KEY, version, timeout=None)
    return version


def _bump(changes):
    """Bump the content version and the scopes of `changes` ({scope: withdrawn})."""
    global _bump_owed
    try:
        with cache_errors_raised():
            shared = caches["shared"]
            _increment(shared)
            scopes.increment(shared, changes)
    except Exception as error:
        if not isinstance(error, (CacheUnavailable, *OUTAGE_ERRORS)):
            raise
        _bump_owed = True
        logger.warning("Page cache not invalidated yet, the shared cache is unavailable (%s)", error)


def _settle_owed_bump(shared):
    """A bump failed while the shared cache was away: empty everything now, as a withdrawal."""
    global _bump_owed
    if _bump_owed:
        _increment(shared)
        scopes.increment(shared, {scopes.SITE: True})
        _bump_owed = False


class _PendingBumps:
    """The bumps of one transaction, made once more when it commits (one callback for all)."""

    def __init__(self):
        self.changes = {}

    def add(self, changes):
        for name, withdrawn in changes.items():
            self.changes[name] = self.changes.get(name, False) or withdrawn

    def __call__(self):
        _bump(self.changes)
        scopes.invalidated.send(sender=None, changes=self.changes)


def invalidate(*names, withdrawn=False):
    """Invalidate the cached answers that show the scopes `names` (portal/core/scopes.py), those
    that declared no scope, and the data kept by content version; with no names, everything.

    `withdrawn`: something left the public's view (unpublished, deleted, moved, restricted), so
    no entry of these scopes may be served again, not even while it is rebuilt.

    Bumped at once and, inside a transaction, once more when it commits: a request served in
    between may have read the new numbers (Redis is outside the transaction) and rendered the
    old content under them. If the shared cache is unreachable the bump is owed, and made by this
    process's next successful read, rather than failing the editor's publish.
    """
    changes = {name: withdrawn for name in (names or (scopes.SITE,))}
    _bump(changes)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        scopes.invalidated.send(sender=None, changes=changes)
        return
    pending = next(
        (queued for queued in upstream.queued_on_commit(connection) if isinstance(queued, _PendingBumps)),
        None,
    )
    if pending is None:
        pending = _PendingBumps()
        transaction.on_commit(pending)
    pending.add(changes)


def bump_version(**kwargs):
    """Invalidate every cached page and all data kept by version (a signal receiver)."""
    invalidate(withdrawn=True)


def _read_scopes(names=None):
    """{scope: (changed, withdrawn)} of `names` (None: every scope in use) from the shared
    cache, after any bump owed; raises if it cannot answer. Remembered for serving stale
    during an outage."""
    global _bump_owed
    shared = caches["shared"]
    try:
        with cache_errors_raised():
            _settle_owed_bump(shared)
            numbers = scopes.read(shared, scopes.registered(shared) if names is None else names)
    except Exception:
        _bump_owed = True
        raise
    _last_scopes.update(numbers)
    return numbers


def read_scopes_in_use():
    """The numbers of every scope in use, read before an answer is built."""
    return _read_scopes()


def read_scopes_of(entry):
    """The current numbers of the scopes a cached entry depends on (one read of the shared cache)."""
    return _read_scopes([name for name, _changed, _withdrawn in entry[4]])


# --- Data kept by content version -------------------------------------------------------------


def cached_by_version(request, name, build, *key, timeout=DATA_SECONDS, keep=None):
    """`build()`'s picklable result, kept in the default cache until the content changes.

    For site-wide data that is the same for every reader (never anything personal). Every cache
    of the portal that lives until the next content change goes through here, under one key
    convention: `portal:data:<name>[:<part>…]:<version>`, where

    - `name` says who keeps what, as "<app label>:<what>" in lower case with hyphens
      ("core:directory", "portal:nav-locale", "initiatives:calendar-filters");
    - `key` are the ids the data depends on (a locale id, a page id, a translation key), one
      entry each; never a value taken from the request as typed (a digest of one only with
      `keep`, which keeps what exists: the route of a live page);
    - the content version comes last, so a bump leaves every old entry behind at once.

    A cache outage only costs the queries of `build()`. If `build()` reads something that
    changes with the clock (`valid_until`), the result is kept no longer than that, and the page
    that uses it inherits the limit. `keep(value)`, if given, says whether a built value is kept
    (for a key that names something the request asked for: only what exists is kept).
    """
    _check_data_name(name)
    try:
        key = _data_keys(name, [key], request)[0]
        cached = caches["default"].get(key)
    except Exception as error:
        logger.debug("Content cache unavailable (%s: %s)", error.__class__.__name__, error)
        return build()
    now = _now()
    if _still_valid(cached, now):
        return cached[0]
    with _measured() as validity:
        value = build()
    seconds = _seconds_to_keep(validity.until, now, timeout)
    if seconds >= 1 and (keep is None or keep(value)):
        try:
            caches["default"].set(key, (value, validity.until), seconds)
        except Exception:
            logger.warning("Content cache unavailable", exc_info=True)
    return value


def cached_each_by_version(request, name, keys, build, timeout=DATA_SECONDS):
    """`cached_by_version` for the items of a listing: `[value for each of keys]`, read from
    the cache in one call, each item kept under `portal:data:<name>:<ids of its key>:<version>`.

    `keys` are tuples of ids, one per item; `build(missing)` is called once with the keys not
    kept and returns, for each of them in order, a function without arguments that builds its
    value. What `build` reads that changes with the clock (`valid_until`) limits every item it
    prepares; what one function reads limits that item only.
    """
    _check_data_name(name)
    keys = list(keys)
    try:
        names = _data_keys(name, keys, request)
        cached = caches["default"].get_many(names)
    except Exception as error:
        logger.debug("Content cache unavailable (%s: %s)", error.__class__.__name__, error)
        return [item() for item in build(keys)]
    now = _now()
    values = [None] * len(keys)
    missing = []
    for index, key in enumerate(names):
        entry = cached.get(key)
        if _still_valid(entry, now):
            values[index] = entry[0]
        else:
            missing.append(index)
    if not missing:
        return values
    with _measured() as shared:
        builders = list(build([keys[index] for index in missing]))
    fresh = defaultdict(dict)  # seconds to keep -> {key: (value, until)}
    for index, item in zip(missing, builders, strict=True):
        with _measured() as validity:
            values[index] = item()
        until = min((moment for moment in (shared.until, validity.until) if moment is not None), default=None)
        seconds = _seconds_to_keep(until, now, timeout)
        if seconds >= 1:
            fresh[seconds][names[index]] = (values[index], until)
    try:
        for seconds, entries in fresh.items():
            caches["default"].set_many(entries, seconds)
    except Exception:
        logger.warning("Content cache unavailable", exc_info=True)
    return values


def _check_data_name(name):
    if not DATA_NAME.fullmatch(name):
        raise ValueError(f"cached_by_version: {name!r} is not named '<app label>:<what>'")


def _data_keys(name, keys, request):
    """The cache keys of `keys` (tuples of ids) under `name`, by the request's content version:
    `portal:data:<name>:<ids…>:<version>`."""
    version = str(request_version(request))
    return [":".join(["portal:data", name, *map(str, key), version]) for key in keys]


def _still_valid(entry, now):
    """Whether a kept (value, until) may be served at `now`; if so, its `until` limits the
    answer being built."""
    if entry is None or (entry[1] is not None and entry[1] <= now):
        return False
    if entry[1] is not None:
        _limit(entry[1])
    return True


def _seconds_to_keep(until, now, timeout):
    return timeout if until is None else min(timeout, math.floor(until - now))


# --- Clock-dependent answers ------------------------------------------------------------------


class _Validity:
    """The earliest instant (seconds since the epoch) at which what is being built changes."""

    __slots__ = ("until",)

    def __init__(self):
        self.until = None


class _measured:
    """Collects the `valid_until` calls made within the block, then passes them outwards."""

    def __enter__(self):
        self.validity = _Validity()
        self.token = _validity.set(self.validity)
        return self.validity

    def __exit__(self, *exc_info):
        _validity.reset(self.token)
        if self.validity.until is not None:
            _limit(self.validity.until)


def _limit(until):
    validity = _validity.get()
    if validity is not None and (validity.until is None or until < validity.until):
        validity.until = until


def valid_until(instant):
    """Record that the answer being built changes by itself at `instant` (an aware datetime):
    the page or the API answer is then kept and sent with a `max-age` no longer than that.

    For "open now", "next date", "upcoming", "this week" and everything else that depends on
    the clock. Outside a request (a management command) it does nothing.
    """
    if instant is not None and _validity.get() is not None:
        _limit(instant.timestamp())


def measuring():
    """Whether an answer is being built whose validity is measured (`valid_until` counts)."""
    return _validity.get() is not None


def seconds_left(request, ceiling):
    """`ceiling`, or fewer seconds if the answer to `request` changes sooner: for the
    `max-age` of middleware above the page cache (the API's)."""
    until = getattr(request, "_valid_until", None)
    if until is None:
        return ceiling
    return max(0, min(ceiling, math.floor(until - _now())))


# --- The middleware ----------------------------------------------------------------------------


def is_cacheable_request(request):
    if request.method not in ("GET", "HEAD") or not settings.PAGE_CACHE_SECONDS:
        return False
    path = request.path
    if path == "/" or path.startswith(EXCLUDED_PREFIXES):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        # A credential (the app's device token, districts/follow/api.py) means a personal answer.
        return False
    cookies = request.COOKIES
    # A session (a logged-in editor) or pending messages mean a personal page.
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def is_cacheable_response(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def key_query(request):
    """(the query string of the key, whether the request names a parameter left out of it)."""
    allowed = API_PARAMETERS if request.path.startswith(API_PREFIX) else PAGE_PARAMETERS
    kept, left_out = [], False
    for name, values in request.GET.lists():
        if name in allowed:
            kept.extend((name, value) for value in values)
        else:
            left_out = True
    kept.sort(key=lambda item: item[0])
    return urlencode(kept), left_out


def page_key(request, query=None):
    """The cache key of `request`'s answer (the module docstring)."""
    if query is None:
        query = key_query(request)[0]
    address = request.get_host().lower() + escape_uri_path(request.path)
    if query:
        address = f"{address}?{query}"
    if translation.get_language_from_path(request.path_info) is None:
        # No language in the path (the API, the sitemap): LocaleMiddleware answers in the
        # reader's (cookie, then Accept-Language), and so does the entry.
        address = f"{address}#{translation.get_language_from_request(request)}"
    key = f"{PAGE_PREFIX}{address}"
    if len(key) > MAX_KEY_LENGTH:
        key = f"{PAGE_PREFIX}sha256:{hashlib.sha256(address.encode()).hexdigest()}"
    return key


def is_entry(cached):
    """A stored answer of this module's format (status, headers, body, until, scopes)."""
    return isinstance(cached, tuple) and len(cached) == 5


def state_of(cached, numbers, now):
    """FRESH, STALE (only changed since: may be served while one request rebuilds it) or GONE
    (something in its scopes was withdrawn, or the clock has moved past what it shows)."""
    if cached[3] is not None and cached[3] <= now:
        return GONE
    state = FRESH
    for name, changed, withdrawn in cached[4]:
        current = numbers.get(name)
        if current is None or current[1] != withdrawn:
            return GONE
        if current[0] != changed:
            state = STALE
    return state


class AnonymousPageCacheMiddleware:
    """Place directly after WhiteNoise and the API's middleware: a hit costs two cache reads
    (the entry, then its scopes' numbers) and no session or query, and carries the headers of
    the miss (module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            with _measured() as validity:
                response = self.serve(request, validity)
            # For the middleware above this one (the API's max-age): `seconds_left`.
            request._valid_until = validity.until
            return response
        finally:
            _current_request.reset(token)

    def serve(self, request, validity):
        if not is_cacheable_request(request):
            return self.get_response(request)
        try:
            request.get_host()
        except DisallowedHost:
            return self.get_response(request)  # CommonMiddleware answers 400
        query, left_out = key_query(request)
        if left_out and request.path.startswith(API_PREFIX):
            return self.get_response(request)  # the API's own answer: 400
        key = page_key(request, query)
        try:
            cached = caches["default"].get(key)
        except Exception:
            logger.warning("Page cache unavailable", exc_info=True)
            return self.get_response(request)
        if not is_entry(cached):
            cached = None
        now = _now()
        lock = None
        if cached is not None:
            try:
                state = state_of(cached, read_scopes_of(cached), now)
            except Exception as error:  # a cache or database outage must not take the site down
                return self.serve_without_scopes(request, cached, error)
            if state == FRESH:
                if cached[3] is not None:
                    _limit(cached[3])
                return finish(request, from_cache(cached, "HIT"), cached[3], now)
            if state == STALE:
                lock = REBUILD_PREFIX + key
                if not _try_lock(lock):
                    # Another request is rebuilding it: this one gets the previous answer.
                    return stale(from_cache(cached, "STALE"))
        try:
            return self.build(request, validity, key, left_out, now)
        finally:
            if lock is not None:
                _release(lock)

    def build(self, request, validity, key, left_out, now):
        try:
            numbers = read_scopes_in_use()
            request_version(request)
        except Exception as error:
            return self.serve_without_scopes(request, None, error)
        with scopes.collecting() as collected:
            response = self.get_response(request)
        if left_out or not is_cacheable_response(request, response):
            return response
        dependencies = collected.dependencies
        missing = dependencies - numbers.keys()
        if missing:
            # A scope nobody had listed yet: its numbers were read after the content, so a
            # change made meanwhile would not show in them. The entry also depends on `all`,
            # read before, until the next request finds the scope listed (scopes.py).
            try:
                with cache_errors_raised():
                    numbers = {**numbers, **scopes.read(caches["shared"], missing)}
                    scopes.register(caches["shared"], missing)
            except Exception:
                logger.warning("Page cache scopes unavailable", exc_info=True)
                return response
            dependencies = {*dependencies, scopes.EVERYTHING}
        until = validity.until
        seconds = settings.PAGE_CACHE_SECONDS
        if until is not None:
            seconds = min(seconds, math.floor(until - now))
        if seconds < 1:
            return response
        if not response.has_header("ETag"):
            set_response_etag(response)
        entry = (
            response.status_code,
            stored_headers(response),
            response.content,
            until,
            tuple((name, *numbers[name]) for name in sorted(dependencies)),
        )
        try:
            # Kept past its own freshness for as long as it may be served stale.
            caches["default"].set(key, entry, seconds + settings.PAGE_CACHE_STALE_SECONDS)
        except Exception:
            logger.warning("Page cache unavailable", exc_info=True)
            return response
        response["X-Cache"] = "MISS"
        return finish(request, response, until, now)

    def serve_without_scopes(self, request, cached, error):
        """The shared cache did not answer: never store, but serve what this process cached
        under the numbers it read last (with the database down, nobody can have published)."""
        logger.debug("Page cache scopes unavailable (%s: %s)", error.__class__.__name__, error)
        if cached is not None and state_of(cached, _last_scopes, _now()) == FRESH:
            return stale(from_cache(cached, "STALE"))
        return self.get_response(request)


def _try_lock(lock):
    """Whether this request is the one to rebuild (the lock lives beside the entries)."""
    try:
        return caches["default"].add(lock, 1, REBUILD_SECONDS)
    except Exception:
        return True


def _release(lock):
    try:
        caches["default"].delete(lock)
    except Exception:
        logger.debug("Rebuild lock not released", exc_info=True)


# Headers that belong to one response, not to its content.
UNSTORED_HEADERS = {"set-cookie", "x-cache", "date"}


def stored_headers(response):
    return [(name, value) for name, value in response.items() if name.lower() not in UNSTORED_HEADERS]


def from_cache(cached, state):
    status, headers, content = cached[:3]
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Cache"] = state
    return response


def stale(response):
    """An answer served once more while it is rebuilt or the shared cache is away: nobody
    downstream keeps it."""
    patch_cache_control(response, no_cache=True, max_age=0, s_maxage=0)
    return response


def finish(request, response, until, now):
    """The `Cache-Control` of a stored answer, the same for the miss and for every hit, and
    "304 Not Modified" when the reader already has it (`If-None-Match`).

    Shared caches (nginx, a CDN) may keep it `PAGE_CACHE_SHARED_SECONDS` and serve it
    `PAGE_CACHE_STALE_SECONDS` longer while they ask again; an answer that changes with the
    clock is kept by nobody past that change, not even stale.
    """
    max_age = settings.PAGE_CACHE_BROWSER_SECONDS
    shared_age = settings.PAGE_CACHE_SHARED_SECONDS
    stale_seconds = settings.PAGE_CACHE_STALE_SECONDS
    if until is not None:
        left = max(0, math.floor(until - now))
        max_age, shared_age, stale_seconds = min(max_age, left), min(shared_age, left), 0
    patch_cache_control(response, public=True, max_age=max_age, s_maxage=shared_age)
    if stale_seconds:
        patch_cache_control(response, stale_while_revalidate=stale_seconds)
    answer = get_conditional_response(request, etag=response.get("ETag"), response=response)
    if answer is not response and "X-Cache" in response:
        answer["X-Cache"] = response["X-Cache"]  # a "304 Not Modified" still says where it came from
    return answer
