"""Invalidate the cached answers that show what changed, whenever published content changes.

The project's content apps register themselves here from their `AppConfig.ready`
(`register_content_app`); Wagtail's own content (pages, images, documents) is known from the
start. A change to a page, its view restriction or its dates empties the scope the page is in
(portal/core/scopes.py: the apps say which, `register_page_scope`) and what shows every scope;
a change to anything else (a snippet, an image, a district or the home page, a move) empties
everything.
"""

from django.apps import apps as global_apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal
from wagtail.models import COMMENTS_RELATION_NAME, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import frontend_purge, scopes
from .page_cache import bump_version, invalidate

# Sent by a content app once public data it keeps outside the saved models is committed (the
# occurrence table: `translation_keys` names the pages whose dates were rebuilt). The page cache
# bumps its content version on it, so that pages rendered with the old data are not served after
# the new data is in the table.
content_changed = Signal()

# App labels whose saved and deleted models change what residents see.
CONTENT_APPS = {"wagtailcore", "wagtailimages", "wagtaildocs"}
# Models residents create (a new one changes no public page; a later edit by staff may).
RESIDENT_SUBMISSIONS = set()
# Models that are bookkeeping or derived data, never read by a page directly.
IGNORED_MODELS = {"revision", "pagelogentry", "modellogentry", "referenceindex", "rendition"}


# Functions that say which scope a page's content is in (portal/core/scopes.py), or None.
PAGE_SCOPE_FINDERS = []
# Past this many pages at once (a nightly rebuild of every date), everything is emptied.
MOST_PAGES_PLACED = 50


def register_page_scope(finder):
    """`finder(page)`: the scope of the content at `page` (a `Page`, not necessarily specific),
    or None if the page is not within one; for the content apps' `AppConfig.ready`."""
    PAGE_SCOPE_FINDERS.append(finder)


def scopes_of(pages):
    """The scopes of `pages`; none (meaning everything) if one of them is within none."""
    names = set()
    for page in pages:
        name = next((found for finder in PAGE_SCOPE_FINDERS if (found := finder(page))), None)
        if name is None:
            return set()
        names.add(name)
    return names


def invalidate_pages(pages, withdrawn=False):
    invalidate(*scopes_of(pages), withdrawn=withdrawn)


def published(sender, instance, **kwargs):
    invalidate_pages([instance])
    frontend_purge.purge_pages(listing_ancestors(instance))


def unpublished(sender, instance, **kwargs):
    invalidate_pages([instance], withdrawn=True)
    frontend_purge.purge_pages(listing_ancestors(instance))


def listing_ancestors(page):
    """The pages between the site's root and `page` that list it (an initiative and its events),
    for the frontend cache; the root and the district pages are purged with their scopes."""
    if not frontend_purge.enabled():
        return []
    return page.get_ancestors().live().filter(depth__gt=3)


def pages_rebuilt(sender, translation_keys=(), **kwargs):
    """Derived data of these pages (their dates) was committed."""
    keys = set(translation_keys or ())
    if not keys or len(keys) > MOST_PAGES_PLACED:
        invalidate()
        return
    invalidate_pages(Page.objects.filter(translation_key__in=keys).only("path", "depth"))


def register_content_app(app_label, derived_models=(), resident_submissions=()):
    """Let saves and deletes of `app_label`'s models invalidate the page cache, except its
    `derived_models` (rebuilt from others, announced by `content_changed`) and the first save of
    its `resident_submissions` (model names, lower case)."""
    CONTENT_APPS.add(app_label)
    IGNORED_MODELS.update(derived_models)
    RESIDENT_SUBMISSIONS.update(resident_submissions)


# What Wagtail writes on a page when an editor saves a draft, autosaves or locks it: nothing a
# resident sees (publishing sends page_published). Saves limited to these fields keep the cache.
DRAFT_BOOKKEEPING_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    COMMENTS_RELATION_NAME,
    "locked",
    "locked_at",
    "locked_by",
}


def bump_for_content_model(sender, raw=False, created=False, **kwargs):
    meta = sender._meta
    # Historical models saved by data migrations run before the cache table exists.
    if raw or meta.apps is not global_apps:
        return
    # A resident's new proposal changes no public page (only a manager's later status change
    # may); not bumping here also keeps a flood of submissions from emptying the cache.
    if created and meta.model_name in RESIDENT_SUBMISSIONS:
        return
    update_fields = kwargs.get("update_fields")
    if update_fields and set(update_fields) <= DRAFT_BOOKKEEPING_FIELDS:
        return
    if meta.app_label not in CONTENT_APPS or meta.model_name in IGNORED_MODELS:
        return
    deleted = kwargs.get("signal") is post_delete
    instance = kwargs.get("instance")
    if isinstance(instance, Page):
        # A page saved not live, other than a new draft, may have just been taken down.
        invalidate_pages([instance], withdrawn=deleted or not (instance.live or created))
    elif isinstance(instance, PageViewRestriction):
        invalidate_restricted(instance)
    else:
        invalidate(withdrawn=deleted)


def invalidate_restricted(restriction):
    """A view restriction changed: what it guards left (or may have left) the public's view."""
    try:
        page = Page.objects.only("path", "depth").get(pk=restriction.page_id)
    except Page.DoesNotExist:  # deleted with its page, which emptied its scope already
        return
    invalidate_pages([page], withdrawn=True)


def bump_for_restriction_groups(sender, instance, action, **kwargs):
    """A restriction's groups changed (saved after the restriction itself): the cached rule of
    what the public may see and the API's "passed" check read them."""
    if action in ("post_add", "post_remove", "post_clear"):
        invalidate_restricted(instance)


def connect():
    page_published.connect(published, dispatch_uid="portal-cache-published")
    page_unpublished.connect(unpublished, dispatch_uid="portal-cache-unpublished")
    # A move may take a page out of a district, into a private subtree or out of a menu.
    post_page_move.connect(bump_version, dispatch_uid="portal-cache-moved")
    # Publishing bumps before the occurrence table follows (initiatives/signals.py receives
    # page_published after this module): bump again once the new dates are committed, or a
    # page rendered in between would keep the old dates under the new numbers.
    content_changed.connect(pages_rebuilt, dispatch_uid="portal-cache-content-changed")
    scopes.invalidated.connect(frontend_purge.purge_scopes, dispatch_uid="portal-frontend-purge")
    post_save.connect(bump_for_content_model, dispatch_uid="portal-cache-saved")
    post_delete.connect(bump_for_content_model, dispatch_uid="portal-cache-deleted")
    m2m_changed.connect(
        bump_for_restriction_groups,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="portal-cache-restriction-groups",
    )
