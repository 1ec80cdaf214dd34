from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _

from districts.checks import native_push_settings
from initiatives.changes import dates_changed
from initiatives.closures import register_closures_provider
from initiatives.district_pages import register_district_page


class DistrictsConfig(AppConfig):
    name = "districts"
    verbose_name = _("Districts")

    def ready(self):
        # Imported here because Django loads apps.py before any model exists: these modules
        # define or import models (Wagtail's permissions, the core's signals, ours).
        from wagtail.permissions import register_permission_policy
        from wagtail.signals import published

        from portal.core.signals import register_content_app, register_page_scope
        from portal.core.sync import register_public_snippets

        from . import registry
        from .cache_scopes import scope_of_page
        from .closures import HouseClosures, rebuild_dates_at
        from .follow.alerts import queue_date_alerts, queue_notice_alert
        from .models import CommunityManager, DistrictPage, NeighbourhoodHouse, Notice, Proposal
        from .models.closures import house_saved
        from .permissions import (
            DistrictSnippetPermissionPolicy,
            NoticePermissionPolicy,
            ProposalPermissionPolicy,
        )

        # initiatives, the floor below, asks for the district page through this registration.
        register_district_page(DistrictPage)
        # ... and for the closures of the houses, which cancel the dates held there.
        register_closures_provider(HouseClosures())
        house_saved.connect(rebuild_dates_at, dispatch_uid="districts-house-closures")
        # ... and tells of dates cancelled or moved, which the followers are alerted of, as
        # they are of urgent notices (districts/follow/alerts.py).
        dates_changed.connect(queue_date_alerts, dispatch_uid="districts-follow-date-alerts")
        published.connect(queue_notice_alert, sender=Notice, dispatch_uid="districts-follow-notice-alerts")

        # Before any admin view asks for these models' policies (see wagtail.permissions).
        register_permission_policy(
            NeighbourhoodHouse, DistrictSnippetPermissionPolicy(NeighbourhoodHouse, "house")
        )
        register_permission_policy(
            CommunityManager, DistrictSnippetPermissionPolicy(CommunityManager, "manager")
        )
        register_permission_policy(Proposal, ProposalPermissionPolicy(Proposal))
        register_permission_policy(Notice, NoticePermissionPolicy(Notice))
        # Followers, their devices, saved events and deliveries are private records that no page
        # or API answer shows: saving them must not empty the page cache (one message sent, one
        # bump of the content version), so they are left out like derived models.
        register_content_app(
            self.label,
            derived_models={"follower", "pushendpoint", "savedevent", "delivery"},
            resident_submissions={"proposal"},
        )
        # Their pictures and documents are public (the API lists them, apps sync them).
        register_public_snippets("districts.CommunityManager", "districts.NeighbourhoodHouse")
        register_page_scope(scope_of_page)
        # Its tables in the core's cached directory, its words in the search's vocabulary.
        registry.register()
        # FCM and APNs configured without their library or with an unreadable key stop start-up.
        checks.register(native_push_settings)
