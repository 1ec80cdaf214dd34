"""Offline sync: what an app that keeps the API's content needs to learn what changed.

- `?updated_since=` on the listings (pages, occurrences, images, documents) gives what changed
  after a moment: a page by its `last_published_at`, anything else by a `SyncRecord`.
- `/api/v2/deleted/?since=` (portal/core/api/deleted.py) gives what left the public's view: the
  tombstones written here on unpublish, delete, a view restriction added, a move under a
  restricted page, and the files no public content uses any more.

Some changes have no date of their own: a page made public again (a restriction removed, moved
out of a private section) keeps its `last_published_at`; a file comes into view when a page
starts using it. Those get a `changed` record, which the listings read too. A record replaces
the object's earlier one, so an object back in view loses its tombstone.

Records are kept `API_TOMBSTONE_DAYS` days (`manage.py purge_sync_records`, daily): an app whose
last sync is older must sync in full, and the endpoints say so (410).
"""

import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, IntegerField, Q
from django.db.models.functions import Cast
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from wagtail.api.v2.utils import BadRequestError
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from .api.strict import GoneError
from .models import PublicFile, SyncRecord
from .visibility import load_guards, under

# Snippets shown to the public, whose pictures and documents the API lists ("app_label.Model");
# the content apps register theirs from `AppConfig.ready`.
PUBLIC_SNIPPETS = set()


def register_public_snippets(*labels):
    PUBLIC_SNIPPETS.update(labels)


def tombstone_days():
    return getattr(settings, "API_TOMBSTONE_DAYS", 90)


class SinceTooOld(GoneError):
    """The asked moment is older than the records kept: the app must sync in full."""


def parse_since(value, name):
    """An ISO 8601 date-time with an offset or `Z` (400 otherwise); 410 (`SinceTooOld`) if it is
    older than the records kept, since what left the public's view before is forgotten."""
    try:
        moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None or "T" not in value.upper():
        raise BadRequestError(
            _("%(name)s must be an ISO 8601 date-time such as 2026-11-28T10:00:00Z, got '%(value)s'")
            % {"name": name, "value": value}
        )
    if moment.tzinfo is None:
        raise BadRequestError(
            _("%(name)s must give its offset from UTC (such as Z or +01:00)") % {"name": name}
        )
    if moment < timezone.now() - datetime.timedelta(days=tombstone_days()):
        raise SinceTooOld(
            _(
                "%(name)s is older than the %(days)s days of changes the API keeps: sync again in "
                "full (list everything without updated_since)"
            )
            % {"name": name, "days": tombstone_days()}
        )
    return moment


def changed_ids(object_type, since):
    """Ids of `object_type` with a `changed` record after `since` (came back, changed undated)."""
    return SyncRecord.objects.filter(object_type=object_type, change=SyncRecord.CHANGED, at__gt=since).values(
        "object_id"
    )


def occurrence_keys_since(since):
    """Translation keys whose occurrences an app must replace: those of pages published, or
    rebuilt, moved or made public again after `since`."""
    recorded = SyncRecord.objects.filter(
        object_type__in=[SyncRecord.OCCURRENCE_SOURCE, SyncRecord.PAGE],
        change=SyncRecord.CHANGED,
        at__gt=since,
        translation_key__isnull=False,
    ).values_list("translation_key", flat=True)
    published = Page.objects.filter(last_published_at__gt=since).values_list("translation_key", flat=True)
    return set(recorded) | set(published)


# --- Writing records ---------------------------------------------------------------------------


def record(change, object_type, object_id, translation_key=None, locale=""):
    SyncRecord.objects.update_or_create(
        object_type=object_type,
        object_id=object_id,
        defaults={
            "change": change,
            "translation_key": translation_key,
            "locale": locale,
            "at": timezone.now(),
        },
    )


def record_pages(change, pages):
    """A record for each of `pages` (rows with pk, translation_key and locale), and a `changed`
    one for their public translations, whose `meta.translations` name them (or no longer do)."""
    pages = list(pages)
    for page in pages:
        record(change, SyncRecord.PAGE, page.pk, page.translation_key, page.locale.language_code)
    if pages:
        record_translations({page.translation_key for page in pages}, [page.pk for page in pages])


def record_translations(translation_keys, besides):
    """`changed` records for the live, public pages of these translation groups but `besides`."""
    siblings = Page.objects.filter(translation_key__in=translation_keys, live=True).exclude(pk__in=besides)
    paths = load_guards().paths
    if paths:
        siblings = siblings.exclude(under(paths))
    for page in siblings.select_related("locale"):
        record(SyncRecord.CHANGED, SyncRecord.PAGE, page.pk, page.translation_key, page.locale.language_code)


def record_occurrence_sources(translation_keys):
    """The dates of these pages were rebuilt: every page of their translation groups (an
    occurrence names the page of the asked locale, or the page it falls back to)."""
    keys = set(translation_keys)
    if not keys:
        return
    for page in Page.objects.filter(translation_key__in=keys).select_related("locale"):
        record(
            SyncRecord.CHANGED,
            SyncRecord.OCCURRENCE_SOURCE,
            page.pk,
            page.translation_key,
            page.locale.language_code,
        )


def private_live_page_ids():
    """Live pages that the portal's rule (portal/core/visibility.py) keeps from the public,
    read now (not from the cache: this is called between two states of the tree)."""
    paths = load_guards().paths
    if not paths:
        return set()
    return set(Page.objects.filter(under(paths), live=True).values_list("pk", flat=True))


def record_visibility_change(before, after):
    """Tombstones for live pages that became private, `changed` records for those that became
    public again (their `last_published_at` does not move)."""
    hidden, shown = after - before, before - after
    pages = Page.objects.filter(pk__in=hidden | shown, live=True).select_related("locale")
    record_pages(SyncRecord.GONE, [page for page in pages if page.pk in hidden])
    record_pages(SyncRecord.CHANGED, [page for page in pages if page.pk in shown])


# --- Public files ---------------------------------------------------------------------------


def public_file_ids(model):
    """Ids of the `model` files (images, documents) that the API lists to the public: used by a
    live, public page or a public snippet, outside restricted collections
    (portal/api/files.py lists them by the same rule, per request)."""
    page_type = ContentType.objects.get_for_model(Page)
    snippet_types = [ContentType.objects.get_for_model(apps.get_model(label)) for label in PUBLIC_SNIPPETS]
    pages = Page.objects.filter(live=True)
    paths = load_guards().paths
    if paths:
        pages = pages.exclude(under(paths))
    references = (
        ReferenceIndex.objects.filter(
            Q(
                base_content_type=page_type,
                object_id__in=pages.annotate(key=Cast("pk", CharField())).values("key"),
            )
            | Q(base_content_type__in=snippet_types),
            to_content_type=ContentType.objects.get_for_model(model),
        )
        .annotate(target=Cast("to_object_id", IntegerField()))
        .values("target")
    )
    files = model.objects.filter(pk__in=references)
    restricted = [
        restriction.collection.path
        for restriction in CollectionViewRestriction.objects.select_related("collection")
    ]
    if restricted:
        hidden = Collection.objects.filter(under(restricted)).values("pk")
        files = files.exclude(collection__in=hidden)
    return set(files.values_list("pk", flat=True))


def refresh_public_files():
    """Compare the files listed now with those listed at the last change: tombstones for those
    that left, `changed` records for those that came into view."""
    for object_type, model in (
        (SyncRecord.IMAGE, get_image_model()),
        (SyncRecord.DOCUMENT, get_document_model()),
    ):
        now = public_file_ids(model)
        known = set(PublicFile.objects.filter(object_type=object_type).values_list("object_id", flat=True))
        for pk in now - known:
            record(SyncRecord.CHANGED, object_type, pk)
        for pk in known - now:
            record(SyncRecord.GONE, object_type, pk)
        PublicFile.objects.filter(object_type=object_type, object_id__in=known - now).delete()
        PublicFile.objects.bulk_create(
            [PublicFile(object_type=object_type, object_id=pk) for pk in now - known]
        )


def after_commit(function):
    """`function()` once the change is committed (now, outside a transaction)."""
    transaction.on_commit(function)


# --- Receivers ---------------------------------------------------------------------------------


def published(sender, instance, **kwargs):
    if not (load_guards().is_private(instance.path)):
        record_pages(SyncRecord.CHANGED, [instance])
    after_commit(refresh_public_files)


def unpublished(sender, instance, **kwargs):
    record_pages(SyncRecord.GONE, [instance])
    after_commit(refresh_public_files)


def page_deleting(sender, instance, **kwargs):
    """Note the page's locale while it can be read (a tombstone names it)."""
    if sender is Page:
        instance._sync_locale = instance.locale.language_code


def page_deleted_with_locale(sender, instance, **kwargs):
    if sender is Page:
        locale = getattr(instance, "_sync_locale", "")
        record(SyncRecord.GONE, SyncRecord.PAGE, instance.pk, instance.translation_key, locale)
        record_translations({instance.translation_key}, [instance.pk])
        after_commit(refresh_public_files)


# The private pages before a restriction or a move changes, by (model, pk): Wagtail's move
# signals do not pass the same object before and after.
_private_before = {}


def change_key(instance):
    """A restriction is the same object before and after (its pk is new once saved); a moved
    page is the same row."""
    return ("page", instance.pk) if isinstance(instance, Page) else id(instance)


def before_visibility_change(sender, instance, **kwargs):
    _private_before[change_key(instance)] = private_live_page_ids()


def after_visibility_change(sender, instance, **kwargs):
    before = _private_before.pop(change_key(instance), None)
    if before is None:
        return
    record_visibility_change(before, private_live_page_ids())
    after_commit(refresh_public_files)


def after_move(sender, instance, **kwargs):
    """A moved page changes its URL, and may leave or enter the public's view."""
    before = _private_before.pop(change_key(instance), None)
    after = private_live_page_ids()
    if before is not None:
        record_visibility_change(before, after)
    moved = Page.objects.descendant_of(instance, inclusive=True).filter(live=True).exclude(pk__in=after)
    record_pages(SyncRecord.CHANGED, moved.select_related("locale"))
    after_commit(refresh_public_files)


def file_saved(sender, instance, created=False, raw=False, **kwargs):
    """A picture or document edited (its file replaced): listed again if the public sees it."""
    if raw:
        return
    object_type = SyncRecord.IMAGE if sender is get_image_model() else SyncRecord.DOCUMENT
    if PublicFile.objects.filter(object_type=object_type, object_id=instance.pk).exists():
        record(SyncRecord.CHANGED, object_type, instance.pk)


def content_saved(sender, raw=False, **kwargs):
    """A public snippet saved or deleted may start or stop using a file."""
    if not raw and sender._meta.label in PUBLIC_SNIPPETS:
        after_commit(refresh_public_files)


def connect():
    page_published.connect(published, dispatch_uid="portal-sync-published")
    page_unpublished.connect(unpublished, dispatch_uid="portal-sync-unpublished")
    pre_delete.connect(page_deleting, sender=Page, dispatch_uid="portal-sync-page-deleting")
    post_delete.connect(page_deleted_with_locale, sender=Page, dispatch_uid="portal-sync-page-deleted")
    pre_save.connect(
        before_visibility_change, sender=PageViewRestriction, dispatch_uid="portal-sync-r-saving"
    )
    post_save.connect(after_visibility_change, sender=PageViewRestriction, dispatch_uid="portal-sync-r-saved")
    pre_delete.connect(
        before_visibility_change, sender=PageViewRestriction, dispatch_uid="portal-sync-r-deleting"
    )
    post_delete.connect(
        after_visibility_change, sender=PageViewRestriction, dispatch_uid="portal-sync-r-deleted"
    )
    pre_page_move.connect(before_visibility_change, dispatch_uid="portal-sync-moving")
    post_page_move.connect(after_move, dispatch_uid="portal-sync-moved")
    for model in (get_image_model(), get_document_model()):
        post_save.connect(
            file_saved, sender=model, dispatch_uid=f"portal-sync-file-{model._meta.label_lower}"
        )
    post_save.connect(content_saved, dispatch_uid="portal-sync-content-saved")
    post_delete.connect(content_saved, dispatch_uid="portal-sync-content-deleted")
