from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistrictsConfig(AppConfig):
    name = "districts"
    verbose_name = _("Districts")

    def ready(self):
        # Django requires the app registry to be ready before models are imported.
        from wagtail.permissions import register_permission_policy

        from portal.core.signals import register_content_app

        from .models import CommunityManager, NeighbourhoodHouse, Proposal
        from .permissions import DistrictSnippetPermissionPolicy, ProposalPermissionPolicy

        # Before any admin view asks for these models' policies (see wagtail.permissions).
        register_permission_policy(
            NeighbourhoodHouse, DistrictSnippetPermissionPolicy(NeighbourhoodHouse, "house")
        )
        register_permission_policy(
            CommunityManager, DistrictSnippetPermissionPolicy(CommunityManager, "manager")
        )
        register_permission_policy(Proposal, ProposalPermissionPolicy(Proposal))
        register_content_app(self.label, resident_submissions={"proposal"})
