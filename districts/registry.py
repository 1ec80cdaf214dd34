"""What districts registers with the core: its neighbourhood houses, Community Managers and live
district pages, in the cached directory (portal/core/directory.py), and the introductions of
its public district pages, in the search's spelling vocabulary (portal/core/search/query.py), and
the periodic jobs of its followers with the clock (portal/core/schedule.py). Called by
`DistrictsConfig.ready`."""

import datetime

from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.images.shortcuts import get_rendition_or_not_found

from portal.core import scopes
from portal.core.directory import PageTree, Translated, register_table
from portal.core.frontend_purge import register_listing_pages
from portal.core.schedule import register_job
from portal.core.search.query import register_vocabulary
from portal.core.visibility import without_restricted

from .models import CommunityManager, DistrictPage, NeighbourhoodHouse

MANAGER_PHOTO_SPEC = "fill-400x400"
# The district page's portrait (districts/district_page.html): made with the directory too, so
# that the cached manager carries it (a prefetched image looks for no other rendition).
MANAGER_CARD_SPEC = "fill-200x200"


def houses():
    return NeighbourhoodHouse.objects.prefetch_related("opening_hours", "closures")


def managers():
    """The managers with their photo's renditions, made now so that they travel in the cache."""
    photos = get_image_model().objects.prefetch_renditions(MANAGER_PHOTO_SPEC, MANAGER_CARD_SPEC)
    found = list(CommunityManager.objects.prefetch_related(Prefetch("photo", queryset=photos)))
    for manager in found:
        if manager.photo is not None:
            # A missing original file must not stop every page that reads the directory.
            for spec in (MANAGER_PHOTO_SPEC, MANAGER_CARD_SPEC):
                get_rendition_or_not_found(manager.photo, spec)
    return found


def live_districts():
    """The live district pages of every locale, in tree order, with what their pages read."""
    return (
        DistrictPage.objects.live()
        .only(
            "id",
            "title",
            "slug",
            "path",
            "depth",
            "url_path",
            "translation_key",
            "locale",
            "house",
            "manager",
            "live",
        )
        .order_by("path")
    )


def vocabulary(locale):
    """The introductions of the public district pages of `locale`."""
    return without_restricted(DistrictPage.objects.live().filter(locale=locale)).values_list(
        "intro", flat=True
    )


def district_listings(names):
    """The district pages (every language) of the scopes `names`, for the frontend cache."""
    districts = DistrictPage.objects.live()
    if scopes.SITE in names:
        return districts
    return districts.filter(translation_key__in=scopes.tree_keys(names))


def register():
    register_listing_pages(district_listings)
    register_table("houses", houses, Translated)
    register_table("managers", managers, Translated)
    register_table("districts", live_districts, PageTree)
    register_vocabulary(vocabulary)
    register_jobs()


def register_jobs():
    """The districts' periodic jobs (docs/FOLLOWING.md). Their tasks are named by path: the
    clock imports them when it queues them."""
    register_job(
        "purge_proposals",
        "districts.tasks.purge_proposals",
        daily_at="04:15",
        description="Anonymises the residents' proposals older than PROPOSALS_RETENTION_MONTHS.",
    )
    register_job(
        "follow_purge_unconfirmed",
        "districts.follow.purge.purge_unconfirmed_task",
        daily_at="04:30",
        description="Deletes e-mail subscriptions never confirmed within FOLLOW_UNCONFIRMED_DAYS.",
    )
    register_job(
        "follow_delivery_retention",
        "districts.follow.retention.purge_old_deliveries_task",
        daily_at="04:45",
        description="Deletes the record of messages sent more than 180 days ago.",
    )
    # Friday at 17:00: residents plan their weekend and the week ahead, and the houses have
    # published what they run next week (events are mostly entered early in the week). Not
    # caught up after six hours: a digest at night, or days late, is worse than none.
    register_job(
        "follow_weekly_digest",
        "districts.follow.digest.send_weekly_digests",
        weekly_on=(4, "17:00"),
        grace=datetime.timedelta(hours=6),
        description="Sends the weekly digest (what is on next week) to its followers.",
    )
    register_job(
        "follow_notice_alerts",
        "districts.follow.alerts.send_due_notice_alerts",
        every=datetime.timedelta(minutes=5),
        description="Sends the alerts of urgent notices that have come into force.",
    )
