"""The upkeep that every save does by itself, held back while the demo is built and done once after.

Saving a page or a snippet normally updates, there and then, the search index (modelsearch's
task, and `portal.core.search.signals` re-indexing every page that borrows a snippet's words),
Wagtail's reference index (its task), the page cache's version (`portal.core.signals`) and, for
a published event or initiative, its rows of the occurrence table (`initiatives.signals`). The
demo saves well over a thousand objects, most of them several times (created, given a body,
revised, published, translated), so doing that work per save cost most of `load_demo`'s time.

`deferred_upkeep()` holds it back and `Upkeep.catch_up()` does it once, on the final state:

- the tasks of the default task queue (django-tasks) are recorded instead of run, through
  django-tasks' own `DummyBackend`; afterwards the search-index tasks become one `add_bulk` per
  model, and every other task (the reference index, anything a later Wagtail adds) runs once per
  distinct set of arguments, on the configured backend, in the order first asked for;
- the receivers of the portal's own signals that would do the same work per save are
  disconnected (by their `dispatch_uid`s, or the function itself) and connected again as their
  modules connect them; the pages borrowing the words of a snippet saved meanwhile are indexed
  with the rest;
- the occurrence table is rebuilt once (`initiatives.occurrence_table.rebuild_all`, which the
  caller runs) and the page cache is emptied once (`bump_version`).

Deletions are left alone (their receivers stay connected): the demo deletes nothing but
Wagtail's welcome page, and a deleted object's entries must go at once.
"""

from __future__ import annotations

import json
from collections import defaultdict
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.test.utils import override_settings
from django_tasks import task_backends
from wagtail.models import Page
from wagtail.search.backends import get_search_backends
from wagtail.signals import page_published

from initiatives import signals as occurrence_signals
from portal.core import signals as cache_signals
from portal.core import sync
from portal.core.page_cache import bump_version
from portal.core.search import signals as search_signals

# The task modelsearch's post_save receiver enqueues for each saved indexed object, with the
# arguments (app label, model name, primary key): replayed in bulk, not one by one. Not its
# documented API: should modelsearch rename it or change its arguments, its tasks are replayed
# one by one like the others (right, only slower), and tests/home/test_load_demo.py says so.
INDEX_TASK = "modelsearch.tasks.insert_or_update_object_task"
RECORDING_BACKEND = "django_tasks.backends.dummy.DummyBackend"
DEFAULT_QUEUE = "default"
# The page cache's receivers that run on every save and publication (portal/core/signals.py).
CACHE_RECEIVERS = [(post_save, "portal-cache-saved"), (page_published, "portal-cache-published")]
INDEX_CHUNK = 500
# Connected by portal.core after the page cache's receivers (portal/core/sync.py).
SYNC_PUBLISHED = "portal-sync-published"


class Upkeep:
    """What was held back during one `deferred_upkeep()` block."""

    def __init__(self):
        self.results = []  # the recorded TaskResults, in the order they were enqueued
        self.borrowed = defaultdict(set)  # snippet model label -> translation keys saved
        self.deleted = set()  # (app label, model name, primary key as text) deleted meanwhile

    def snippet_saved(self, sender, instance, raw=False, **kwargs):
        if not raw and getattr(instance, "translation_key", None):
            self.borrowed[sender._meta.label].add(instance.translation_key)

    def deleted_object(self, sender, instance, **kwargs):
        self.deleted.add((sender._meta.app_label, sender._meta.model_name, str(instance.pk)))

    @property
    def pending(self):
        return bool(self.results or self.borrowed)

    def catch_up(self):
        """Do once what the saves held back: the reference index (and any other deferred task),
        the search index, the page cache. Call it after the build's transaction committed (the
        translations are published on commit) and outside `deferred_upkeep()`."""
        if not self.pending:
            return
        with transaction.atomic():
            to_index = defaultdict(set)  # (app label, model name) -> primary keys
            seen = set()
            for result in self.results:
                path = result.task.module_path
                if not result.kwargs and tuple(map(str, result.args)) in self.deleted:
                    # A task about an object deleted since (Wagtail's welcome page): its entries
                    # went with it, as the delete receivers stayed connected.
                    continue
                if path == INDEX_TASK and len(result.args) == 3 and not result.kwargs:
                    app_label, model_name, pk = result.args
                    to_index[(app_label, model_name)].add(pk)
                    continue
                key = (path, json.dumps([result.args, result.kwargs], sort_keys=True, default=str))
                if key not in seen:
                    seen.add(key)
                    result.task.enqueue(*result.args, **result.kwargs)
            for label, keys in self.borrowed.items():
                for page_label, lookup in search_signals.BORROWED_WORDS.get(label, []):
                    model = apps.get_model(page_label)
                    pks = model.objects.filter(**{f"{lookup}__translation_key__in": keys}).values_list(
                        "pk", flat=True
                    )
                    to_index[(model._meta.app_label, model._meta.model_name)].update(pks)
            index_objects(to_index)
            bump_version()
        self.results = []
        self.borrowed.clear()
        self.deleted.clear()


def index_objects(to_index):
    """Index the objects {(app label, model name): primary keys} as modelsearch's
    `insert_or_update_object` would one by one (the most specific instance, if it is among its
    model's indexed objects), with one `add_bulk` per model and backend."""
    specific = defaultdict(set)  # indexed model -> primary keys
    page_ids = set()
    for (app_label, model_name), pks in to_index.items():
        model = apps.get_model(app_label, model_name)
        if issubclass(model, Page):
            page_ids.update(int(pk) for pk in pks)
            continue
        for instance in model.objects.filter(pk__in=pks):
            indexed = instance.get_indexed_instance()
            if indexed is not None:
                specific[type(indexed)].add(indexed.pk)
    if page_ids:
        for page in Page.objects.filter(pk__in=page_ids).specific():
            indexed = page.get_indexed_instance()
            if indexed is not None:
                specific[type(indexed)].add(indexed.pk)
    backends = list(get_search_backends(with_auto_update=True))
    for model, pks in specific.items():
        pks = sorted(pks)
        for start in range(0, len(pks), INDEX_CHUNK):
            objects = list(model.get_indexed_objects().filter(pk__in=pks[start : start + INDEX_CHUNK]))
            if objects:
                for backend in backends:
                    backend.add_bulk(model, objects)


def _disconnect(signal, **kwargs):
    if not signal.disconnect(**kwargs):
        raise RuntimeError(f"deferred_upkeep: no receiver {kwargs} to hold back; was it renamed?")


def _reconnect():
    """Connect again what `deferred_upkeep` held back, in the order the apps connect it
    (portal.core, then initiatives): the page cache hears of a publication first, before the
    public-file records (`portal.core.sync`, connected after it by portal.core) and the
    occurrence table, which are taken off and put back after it."""
    page_published.disconnect(occurrence_signals.rebuild_on_publish)
    page_published.disconnect(dispatch_uid=SYNC_PUBLISHED)
    cache_signals.connect()
    search_signals.connect()
    sync.connect()
    page_published.connect(occurrence_signals.rebuild_on_publish)


@contextmanager
def deferred_upkeep():
    """Hold back the per-save upkeep (module docstring); yields the `Upkeep` to catch up on.

    Everything is connected again on the way out, whatever happened; what was recorded is
    dropped if the block raised (its transaction rolled back).
    """
    upkeep = Upkeep()
    queues = {**settings.TASKS, DEFAULT_QUEUE: {"BACKEND": RECORDING_BACKEND}}
    borrowed_models = [apps.get_model(label) for label in search_signals.BORROWED_WORDS]
    try:
        for model in borrowed_models:
            _disconnect(post_save, sender=model, dispatch_uid=f"search-reindex-{model._meta.label}")
            post_save.connect(
                upkeep.snippet_saved, sender=model, weak=False, dispatch_uid="demo-upkeep-borrowed"
            )
        post_delete.connect(upkeep.deleted_object, weak=False, dispatch_uid="demo-upkeep-deleted")
        for signal, uid in CACHE_RECEIVERS:
            _disconnect(signal, dispatch_uid=uid)
        _disconnect(page_published, receiver=occurrence_signals.rebuild_on_publish)
        with override_settings(TASKS=queues):
            recorder = task_backends[DEFAULT_QUEUE]
            try:
                yield upkeep
            finally:
                upkeep.results = list(recorder.results)
    except BaseException:
        upkeep.results = []
        upkeep.borrowed.clear()
        upkeep.deleted.clear()
        raise
    finally:
        post_delete.disconnect(dispatch_uid="demo-upkeep-deleted")
        for model in borrowed_models:
            post_save.disconnect(sender=model, dispatch_uid="demo-upkeep-borrowed")
        _reconnect()
