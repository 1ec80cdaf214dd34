"""Keep the occurrence table in step with publishing, unpublishing, moving and deleting.

Each rebuild announces `content_changed` once its rows are committed, which bumps the page
cache's content version after the new dates are in the table (portal/core/signals.py).
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Locale, Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.core.sync import record_occurrence_sources

from .models import EventPage, InitiativePage
from .occurrence_table import DATED_MODELS, announce_after_commit, rebuild_for_key


def _refresh(instance):
    specific = getattr(instance, "specific", instance)
    if isinstance(specific, DATED_MODELS):
        rebuild_for_key(specific.translation_key)
        record_occurrence_sources([specific.translation_key])


def _is_translation_of_a_live_source(page):
    """Rows come from the source-locale page, so publishing a translation changes none."""
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return False
    return Page.objects.filter(
        translation_key=page.translation_key, locale=default, live=True, alias_of__isnull=True
    ).exists()


@receiver(page_published)
def rebuild_on_publish(sender, instance, **kwargs):
    if not _is_translation_of_a_live_source(instance):
        _refresh(instance)
    elif isinstance(getattr(instance, "specific", instance), DATED_MODELS):
        # Same rows, but in this locale they now name the new translation.
        record_occurrence_sources([instance.translation_key])


@receiver(page_unpublished)
def rebuild_on_unpublish(sender, instance, **kwargs):
    _refresh(instance)


@receiver(post_page_move)
def rebuild_on_move(sender, instance, **kwargs):
    """A moved page may change district; moving a district moves its whole subtree."""
    keys = []
    for page in Page.objects.descendant_of(instance, inclusive=True).type(*DATED_MODELS).specific():
        rebuild_for_key(page.translation_key, announce=False)
        keys.append(page.translation_key)
    if keys:
        announce_after_commit(keys)
        record_occurrence_sources(keys)


@receiver(post_delete, sender=EventPage)
@receiver(post_delete, sender=InitiativePage)
def rebuild_on_delete(sender, instance, **kwargs):
    rebuild_for_key(instance.translation_key)
    record_occurrence_sources([instance.translation_key])
