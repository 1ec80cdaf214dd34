"""Scopes: the parts of the portal one change can reach, so that a publish empties only those.

A cached answer (a page, an API answer, a feed) depends on one or more scopes:

- `tree:<translation key>`: the content under one district, in every language (the district
  page and everything below it). A page served from there says so while it is built
  (`depends_on`, called by the districts app's `before_serve_page` hook) and then depends on
  that scope and on `site`;
- `site`: what every page shows whatever its part (the navigation, the footer, the houses, the
  managers, the categories, the district pages themselves);
- `all`: everything else. An answer that declared nothing (the home page, the city-wide
  calendar, search, the API, the sitemap, the feeds of several districts) depends on `all`,
  which every change bumps.

A change bumps the scopes it reaches, and always `all`: a page under a district bumps its
district's tree (portal/core/signals.py asks the content apps which one, `register_page_scope`);
anything that cannot be placed bumps `site`, which empties every page.

Each scope has two numbers in the shared cache, stored without expiry: `changed`, moved by every
bump, and `withdrawn`, moved only when something left the public's view (unpublished, deleted,
moved, restricted). An entry whose scopes only *changed* may be served once more while one
request rebuilds it (no stampede of rebuilds on a busy page); one whose scope had something
*withdrawn* never is. Like the content version (portal/core/page_cache.py) every new number is
`max(previous + 1, now in nanoseconds)` and a missing scope restarts at the clock, both numbers
at once, so an entry made before can never match again.

The names of the scopes in use are kept in the shared cache too (`NAMES_KEY`), so that a miss
reads the numbers of every scope before it reads any content: an entry's numbers are never
newer than what it shows. An answer that turns out to depend on a scope not listed yet (the
first visit to a district) has its scope listed for the next request, and is stored depending
on `all` as well, whose number was read before it was built.
"""

import contextvars
import re
import time

from django.dispatch import Signal

EVERYTHING = "all"
SITE = "site"
KEY_PREFIX = "portal:page-scope:"
NAMES_KEY = "portal:page-scopes"
NAME = re.compile(r"[a-z]+(:[0-9a-z-]+)?")

# Sent once an invalidation is final (after the commit of the change that made it), with
# `changes` ({scope: withdrawn}): for caches outside the portal (portal/core/frontend_purge.py).
invalidated = Signal()

# The scopes the answer being built has declared; None outside a cached request.
_declared = contextvars.ContextVar("portal_declared_scopes", default=None)


def clock():
    return time.time_ns()


def key(name):
    return KEY_PREFIX + name


def tree(translation_key):
    """The scope of the content under the district page of `translation_key`."""
    return f"tree:{translation_key}"


def tree_keys(names):
    """The translation keys of the district pages whose scopes are among `names`."""
    return [name.split(":", 1)[1] for name in names if name.startswith("tree:")]


# --- Declaring what an answer depends on ------------------------------------------------------


def collecting_now():
    """Whether an answer that may be cached is being built (`depends_on` counts)."""
    return _declared.get() is not None


def depends_on(*names):
    """Say that the answer being built shows content of `names` only, besides the site-wide
    pieces. Outside a request whose answer may be cached it does nothing."""
    declared = _declared.get()
    if declared is None:
        return
    for name in names:
        if not NAME.fullmatch(name):
            raise ValueError(f"depends_on: {name!r} is not a scope name")
        declared.add(name)


class collecting:
    """Collects the `depends_on` calls made within the block: `dependencies` once it ends."""

    def __enter__(self):
        self.names = set()
        self.token = _declared.set(self.names)
        return self

    def __exit__(self, *exc_info):
        _declared.reset(self.token)

    @property
    def dependencies(self):
        """The scopes the answer depends on: the declared ones and `site`, or else `all`."""
        return {*self.names, SITE} if self.names else {EVERYTHING}


# --- The numbers ------------------------------------------------------------------------------


def _valid(value):
    return isinstance(value, tuple) and len(value) == 2 and all(isinstance(n, int) for n in value)


def read(shared, names):
    """{name: (changed, withdrawn)} for `names`; a missing scope starts at the clock."""
    keys = {name: key(name) for name in names}
    found = shared.get_many(list(keys.values()))
    numbers = {}
    for name, scope_key in keys.items():
        value = found.get(scope_key)
        if not _valid(value):
            start = clock()
            value = (start, start)
            if not shared.add(scope_key, value, timeout=None):
                stored = shared.get(scope_key)
                if _valid(stored):
                    value = stored
                else:
                    shared.set(scope_key, value, timeout=None)
        numbers[name] = value
    return numbers


def registered(shared):
    """The names of the scopes in use, `all` and `site` always among them."""
    names = shared.get(NAMES_KEY)
    return {EVERYTHING, SITE, *(names if isinstance(names, (list, tuple, set, frozenset)) else ())}


def register(shared, names):
    """List `names` among the scopes in use (two registrations at once may lose one: its next
    answer is then again served without being stored, and registers it again)."""
    listed = registered(shared)
    if not set(names) <= listed:
        shared.set(NAMES_KEY, sorted(listed | set(names)), timeout=None)


def increment(shared, changes):
    """Bump the scopes of `changes` ({name: whether something was withdrawn}) and `all`."""
    changes = {**changes, EVERYTHING: changes.get(EVERYTHING, False) or any(changes.values())}
    keys = {name: key(name) for name in changes}
    found = shared.get_many(list(keys.values()))
    now = clock()
    new = {}
    for name, withdrawn in changes.items():
        previous = found.get(keys[name])
        if _valid(previous):
            changed = max(previous[0] + 1, now)
            new[keys[name]] = (changed, max(previous[1] + 1, now) if withdrawn else previous[1])
        else:
            new[keys[name]] = (now, now)
    shared.set_many(new, timeout=None)
    register(shared, changes)
