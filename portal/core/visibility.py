"""Which pages the public may see: the one rule of every listing, feed, the sitemap, search, the
admin dashboard, the API and page serving.

A page is public when it is live and no view restriction (password, login or groups) guards it.
A restriction guards:

1. the page it is set on and that page's subtree (Wagtail's rule);
2. every alias of a guarded page, with the alias's subtree. Wagtail's `get_view_restrictions`
   applies to an alias the restrictions of its source page but not those of the source's
   ancestors, so an alias of an event inside a private section is public there; an alias
   shows its source's words, so here it follows every restriction that guards the source;
3. every translation of a guarded page (same translation key, any locale), with its subtree,
   in both directions. wagtail-localize copies a source page's restriction to a translation
   only when that translation is synchronised again (`TranslationSource.sync_view_restrictions`),
   so a page translated before it was made private stayed public in the other languages
   (upstream gap); and the translations of a page are one page in several languages, so a
   restriction set on one translation guards the source as well. This is the rule the
   occurrences API already followed (it hid every translation of a restricted event).

Consequently every page of a translation group is public or none is, and an occurrence row
(materialised once per translation key, on the source page) is private exactly when its page is.

The guards are computed once per content version (saving or deleting a restriction bumps it,
portal/core/signals.py) as tree-path prefixes: a listing excludes them with `path LIKE` conditions
and no query of its own, and serving a page checks them without a query. Listings, feeds, the
sitemap and search show what the public may see whoever asks, so that they can be cached and
shared; a page itself, and its own `.ics`, answer as Wagtail's serve view does for its
restrictions (a password form, a login redirect), and serve whoever passed them.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction

from portal.core.page_cache import cached_by_version

STEPLEN = 4  # treebeard's step length of Wagtail's page paths (Page.steplen)
# The order in which two equivalent restrictions are kept (see Guards.restrictions_for).
VIA_PAGE, VIA_ALIAS, VIA_TRANSLATION = "page", "alias", "translation"
PREFERENCE = {VIA_PAGE: 0, VIA_ALIAS: 1, VIA_TRANSLATION: 2}


@dataclass(frozen=True)
class Guard:
    """One view restriction guarding the subtree at `path`: set there, or reached `via` an alias
    or a translation of a page it guards."""

    path: str
    restriction_id: int
    via: str = VIA_PAGE


def signature(restriction):
    """What a visitor must show to pass `restriction`: two restrictions with the same signature
    (wagtail-localize's copy of a source page's restriction on its translation) ask once."""
    groups = tuple(sorted(group.pk for group in restriction.groups.all()))
    return (restriction.restriction_type, restriction.password, groups)


@dataclass
class Guards:
    """The view restrictions of the portal and the subtrees each one guards."""

    entries: list = field(default_factory=list)  # [Guard]
    restrictions: dict = field(default_factory=dict)  # {id: PageViewRestriction, groups loaded}

    @cached_property
    def by_path(self):
        by_path = defaultdict(list)
        for entry in self.entries:
            by_path[entry.path].append(entry)
        return dict(by_path)

    @cached_property
    def paths(self):
        """The tree paths of the private subtrees, none inside another, in tree order."""
        return outermost({entry.path for entry in self.entries})

    def is_private(self, path):
        """Whether the page at tree path `path` is guarded by any restriction."""
        by_path = self.by_path
        return any(path[:end] in by_path for end in range(STEPLEN, len(path) + 1, STEPLEN))

    def restrictions_for(self, path):
        """The restrictions a visitor must pass to see the page at `path`, each kind once:
        those set on the page's own tree first, then those reached through an alias or a
        translation (an equivalent copy of a restriction is not asked for twice)."""
        by_path = self.by_path
        found = [
            entry for end in range(STEPLEN, len(path) + 1, STEPLEN) for entry in by_path.get(path[:end], ())
        ]
        found.sort(key=lambda entry: PREFERENCE[entry.via])
        chosen, seen_ids, seen_signatures = [], set(), set()
        for entry in found:
            restriction = self.restrictions[entry.restriction_id]
            kind = signature(restriction)
            if entry.restriction_id in seen_ids or kind in seen_signatures:
                continue
            seen_ids.add(entry.restriction_id)
            seen_signatures.add(kind)
            chosen.append(restriction)
        return chosen

    def paths_hidden_from(self, request):
        """The private subtrees guarded by a restriction that `request` has not passed (the
        API shows a visitor who passed a password what the password opens)."""
        if request is None:
            return self.paths
        refused = {
            pk for pk, restriction in self.restrictions.items() if not restriction.accept_request(request)
        }
        return outermost({entry.path for entry in self.entries if entry.restriction_id in refused})

    def sees_what_the_public_sees(self, request):
        """Whether `request` has passed no restriction that hides something from the public:
        what is built for it may be kept and shared with any reader."""
        return self.paths_hidden_from(request) == self.paths


def outermost(paths):
    """`paths` without those inside another one, sorted."""
    kept = []
    for path in sorted(paths):
        if not kept or not path.startswith(kept[-1]):
            kept.append(path)
    return tuple(kept)


def under(paths, field_name="path"):
    """A condition matching the pages (or rows, through `field_name`) inside any of `paths`."""
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{field_name}__startswith": path})
    return condition


def load_guards():
    """Every restriction with the subtrees it guards, by the three rules of the module's docstring.

    For each restriction, the aliases and translations of the pages it guards are looked for
    until none is left outside its subtrees (an alias of a translation, a translation placed
    outside its source's translated parent): one query per round, usually two rounds, once per
    content version. Only the outermost pages found are kept, so a private district translated
    into six languages costs seven entries, not one per page.
    """
    restrictions = {
        restriction.pk: restriction
        for restriction in PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    }
    entries = []
    for pk, restriction in restrictions.items():
        guarded = {restriction.page.path: VIA_PAGE}
        while True:
            inside = under(outermost(guarded))
            pages = Page.objects.filter(inside).order_by()
            found = dict(
                Page.objects.filter(
                    Q(alias_of__in=pages.values("pk"))
                    | Q(translation_key__in=pages.values("translation_key"))
                )
                .exclude(inside)
                .order_by()
                .values_list("path", "alias_of_id")
            )
            if not found:
                break
            for path in outermost(found):
                # An alias in another locale (wagtail-localize's synchronised trees) is both.
                guarded[path] = VIA_TRANSLATION if found[path] is None else VIA_ALIAS
        entries.extend(Guard(path, pk, via) for path, via in guarded.items())
    entries.sort(key=lambda entry: (entry.path, entry.restriction_id))
    return Guards(entries=entries, restrictions=restrictions)


def get_guards(request=None):
    """The portal's guards for the current content version (one cache read when warm)."""
    return cached_by_version(request, "core:guards", load_guards)


def private_paths(request=None):
    """The tree paths of every private subtree (see the module's docstring)."""
    return get_guards(request).paths


def without_restricted(queryset, request=None, field_name="path"):
    """The pages (or rows whose `field_name` is a page's tree path) the public may see out of
    `queryset`: Wagtail's `.public()` extended to aliases and translations, without its query."""
    paths = private_paths(request)
    if not paths:
        return queryset
    return queryset.exclude(under(paths, field_name))


def public_occurrences(rows, request=None):
    """The occurrence rows of pages the public may see (each row points to its page)."""
    return without_restricted(rows, request, field_name="page__path")


def view_restrictions_for(page):
    """The restrictions a visitor must pass to see `page` (Guards.restrictions_for)."""
    return get_guards().restrictions_for(page.path)


class CachedViewRestrictionsMixin:
    """Wagtail's serve-time view-restriction check by this module's rule, without its two
    queries per page view.

    `Page.get_view_restrictions` reads the ancestors' alias links, then the restrictions. Here
    the restrictions that apply (on this page or an ancestor, on the source of an alias, on a
    translation) come from the cached guards; a page with none gets an empty queryset, which
    costs no query, and the admin still gets the queryset it expects (its privacy dialog names
    a source page's restriction as inherited).
    """

    def get_view_restrictions(self):
        ids = [restriction.pk for restriction in view_restrictions_for(self)]
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)


def serve_like_page(page, request, respond):
    """`respond()` behind the `on_serve_page` hooks, as Wagtail's serve view answers for `page`:
    a password form, or a login redirect, for a visitor who has not passed the page's view
    restrictions (then back to this URL), and never cached when there are any."""

    def chain(page, request, args, kwargs):
        return respond()

    for hook in reversed(hooks.get_hooks("on_serve_page")):
        chain = hook(chain)
    return chain(page, request, (), {})
