"""Admin registration for districts: the houses' and managers' snippets, the residents' proposals,
the dashboard panels, and which form submissions each user may read."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView as SnippetEditView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .dashboard import dashboard_panels
from .editorial import districts_for_user
from .models import CommunityManager, NeighbourhoodHouse, Proposal, ProposalFormPage


class InstancePermissionMixin:
    """Wagtail's generic edit and delete views check the model permission only; also check the
    instance against the model's permission policy (see districts.permissions)."""

    instance_permission = "change"

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        policy = policy_registry.get_by_type(self.model)
        if not policy.user_has_permission_for_instance(self.request.user, self.instance_permission, instance):
            raise PermissionDenied
        return instance


class ScopedSnippetEditView(InstancePermissionMixin, SnippetEditView):
    pass


class NeighbourhoodHouseViewSet(SnippetViewSet):
    model = NeighbourhoodHouse
    icon = "home"
    menu_label = _("Neighbourhood houses")
    list_display = ["name", "street_address", "phone", "locale"]
    list_filter = ["locale", "step_free"]
    search_fields = ["name", "street_address"]
    edit_view_class = ScopedSnippetEditView


class CommunityManagerViewSet(SnippetViewSet):
    model = CommunityManager
    icon = "user"
    menu_label = _("Community Managers")
    list_display = ["name", "role", "email", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]
    edit_view_class = ScopedSnippetEditView


class DistrictSnippets(SnippetViewSetGroup):
    items = (NeighbourhoodHouseViewSet, CommunityManagerViewSet)
    menu_icon = "site"
    menu_label = _("Districts")
    menu_name = "districts"


register_snippet(DistrictSnippets)


# --- Residents' proposals ------------------------------------------------------------------


class ProposalIndexView(generic.IndexView):
    def get_base_queryset(self):
        policy = policy_registry.get_by_type(Proposal)
        return policy.instances_user_has_any_permission_for(
            self.request.user, {"view", "change"}
        ).select_related("page", "initiative")


class ProposalEditView(InstancePermissionMixin, generic.EditView):
    pass


class ProposalDeleteView(InstancePermissionMixin, generic.DeleteView):
    instance_permission = "delete"


class ProposalHistoryView(InstancePermissionMixin, HistoryView):
    instance_permission = "view"


class ProposalUsageView(InstancePermissionMixin, UsageView):
    instance_permission = "view"


class ProposalViewSet(ModelViewSet):
    """Community Managers follow up their districts' proposals: status and resulting initiative.
    The answers themselves, with the CSV export, are also under Forms, per form page."""

    model = Proposal
    name = "proposals"
    icon = "comment"
    menu_label = _("Residents' proposals")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = ProposalIndexView
    edit_view_class = ProposalEditView
    delete_view_class = ProposalDeleteView
    history_view_class = ProposalHistoryView
    usage_view_class = ProposalUsageView
    list_display = ["__str__", "district_title", "category", "status", "initiative"]
    list_filter = ["status"]


@hooks.register("register_admin_viewset")
def register_proposal_viewset():
    return ProposalViewSet()


@hooks.register("filter_form_submissions_for_user")
def only_managers_read_proposals(user, editable_forms):
    """Editors may edit a district's proposal form page, but only the district's Community
    Managers (who may publish there) read what residents sent through it.

    A form's submissions gather those sent through all its language versions (see
    ProposalFormPage.get_submissions), so the copies that only follow the Italian page
    (aliases) are left out of the list of forms.
    """
    proposal_forms = editable_forms.type(ProposalFormPage)
    allowed = proposal_forms.filter(alias_of__isnull=True)
    if not user.is_superuser:
        in_districts = proposal_forms.none()
        for district in districts_for_user(user, {"publish"}):
            in_districts |= proposal_forms.descendant_of(district)
        allowed = allowed.filter(pk__in=in_districts.values("pk"))
    return editable_forms.exclude(pk__in=proposal_forms.values("pk")) | allowed


# --- Dashboard -----------------------------------------------------------------------------


@hooks.register("construct_homepage_panels")
def add_district_panels(request, panels):
    panels.extend(dashboard_panels(request))
