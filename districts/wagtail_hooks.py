"""Admin registration for districts: the houses' and managers' snippets, scoped per district
(with wagtail-localize's endpoints, see districts.localize_scope), the notices (scoped per
district, moderated by the district's workflow), the residents' proposals, the dashboard panels,
and which form submissions each user may read."""

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_localize.models import Translation

from . import cache_scopes, localize_scope
from .dashboard import dashboard_panels
from .editorial import districts_for_user
from .follow.admin_views import URL_NAME as FOLLOW_REPORT_URL_NAME
from .follow.admin_views import FollowersMenuItem, FollowersReportView
from .models import CommunityManager, NeighbourhoodHouse, Notice, Proposal, ProposalFormPage
from .notice_forms import NoticeForm
from .permissions import TRANSLATE

# wagtail-localize's translation endpoints ask the portal's scope from now on, before any admin
# URL exists (Wagtail loads these hooks to build its URLs).
localize_scope.install()


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


def is_translation_target(instance):
    """Is `instance` the target of an enabled wagtail-localize translation, which its edit view
    opens in the translation editor (wagtail-localize's before_edit_snippet hook)?"""
    return Translation.objects.filter(
        source__object_id=instance.translation_key, target_locale_id=instance.locale_id, enabled=True
    ).exists()


class ScopedSnippetEditView(snippet_views.EditView):
    """Those who may change the record get the edit form; those who may only translate it get
    wagtail-localize's translation editor when the record is a translation, and nothing else:
    never the form that edits the facts."""

    permission_required = None
    any_permission_required = ["change", TRANSLATE]

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        policy = policy_registry.get_by_type(self.model)
        user = self.request.user
        self.may_change = policy.user_has_permission_for_instance(user, "change", instance)
        if not self.may_change and not policy.user_has_permission_for_instance(user, TRANSLATE, instance):
            raise PermissionDenied
        return instance

    def run_before_hook(self):
        response = super().run_before_hook()
        if response is None and not self.may_change:
            raise PermissionDenied
        return response


class ScopedSnippetDeleteView(InstancePermissionMixin, snippet_views.DeleteView):
    instance_permission = "delete"


class ScopedSnippetHistoryView(InstancePermissionMixin, snippet_views.HistoryView):
    pass


class ScopedSnippetUsageView(InstancePermissionMixin, snippet_views.UsageView):
    pass


class ScopedSnippetIndexView(snippet_views.IndexView):
    """Every record is listed (the public site shows them all); each links to its edit view only
    for who may change it, or translate it in the translation editor."""

    @cached_property
    def scope(self):
        """None for superusers, else the translation keys the user may change or translate and
        the (key, locale) of the records that are translation targets; three queries a page."""
        user = self.request.user
        if user.is_superuser:
            return None
        policy = policy_registry.get_by_type(self.model)
        targets = Translation.objects.filter(
            enabled=True, source__specific_content_type=ContentType.objects.get_for_model(self.model)
        ).values_list("source__object_id", "target_locale_id")
        return {
            "change": policy.translation_keys_for_user(user, "change"),
            TRANSLATE: policy.translation_keys_for_user(user, TRANSLATE),
            "targets": set(targets),
        }

    def get_edit_url(self, instance):
        url = reverse(self.edit_url_name, args=[quote(instance.pk)])
        scope = self.scope
        key = instance.translation_key
        if scope is None or key in scope["change"]:
            return url
        if key in scope[TRANSLATE] and (key, instance.locale_id) in scope["targets"]:
            return url
        return None


class DistrictSnippetViewSet(SnippetViewSet):
    index_view_class = ScopedSnippetIndexView
    edit_view_class = ScopedSnippetEditView
    delete_view_class = ScopedSnippetDeleteView
    history_view_class = ScopedSnippetHistoryView
    usage_view_class = ScopedSnippetUsageView


class NeighbourhoodHouseViewSet(DistrictSnippetViewSet):
    model = NeighbourhoodHouse
    icon = "home"
    menu_label = _("Neighbourhood houses")
    list_display = ["name", "street_address", "phone", "locale"]
    list_filter = ["locale", "step_free"]
    search_fields = ["name", "street_address"]


class CommunityManagerViewSet(DistrictSnippetViewSet):
    model = CommunityManager
    icon = "user"
    menu_label = _("Community Managers")
    list_display = ["name", "role", "email", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


# --- Notices ---------------------------------------------------------------------------------


class NoticeIndexView(ScopedSnippetIndexView):
    """Only the notices of the user's districts (districts.permissions.NoticePermissionPolicy),
    each linked to its edit form, or to the translation editor for a translator."""

    def get_base_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        notices = policy.instances_user_has_any_permission_for(self.request.user, {"view", "change"})
        return super().get_base_queryset().filter(pk__in=notices.values("pk"))


def scoped(view_class, permission="change"):
    """`view_class` that also checks the notice against the policy (its district)."""
    return type(
        f"Scoped{view_class.__name__}",
        (InstancePermissionMixin, view_class),
        {"instance_permission": permission},
    )


class NoticeViewSet(SnippetViewSet):
    model = Notice
    icon = "warning"
    menu_label = _("Notices")
    list_display = ["title", "level", "starts", "ends", "scope", "locale"]
    list_filter = ["locale", "level", "scope", "live"]
    search_fields = ["title"]
    copy_view_enabled = False
    edit_handler = ObjectList(Notice.panels, base_form_class=NoticeForm)
    index_view_class = NoticeIndexView
    edit_view_class = ScopedSnippetEditView
    delete_view_class = scoped(snippet_views.DeleteView, "delete")
    history_view_class = scoped(snippet_views.HistoryView)
    usage_view_class = scoped(snippet_views.UsageView)
    unpublish_view_class = scoped(snippet_views.UnpublishView, "publish")
    lock_view_class = scoped(snippet_views.LockView)
    unlock_view_class = scoped(snippet_views.UnlockView)
    revisions_view_class = scoped(snippet_views.PreviewRevisionView)
    revisions_compare_view_class = scoped(snippet_views.RevisionsCompareView)
    revisions_unschedule_view_class = scoped(snippet_views.RevisionsUnscheduleView, "publish")
    workflow_history_view_class = scoped(snippet_views.WorkflowHistoryView)


class DistrictSnippets(SnippetViewSetGroup):
    items = (NeighbourhoodHouseViewSet, CommunityManagerViewSet, NoticeViewSet)
    menu_icon = "site"
    menu_label = _("Districts")
    menu_name = "districts"
    # Wagtail's default place for a menu item (8999), first of the project's two groups: the
    # order no longer follows INSTALLED_APPS, where initiatives comes before districts.
    menu_order = 8997


register_snippet(DistrictSnippets)


@hooks.register("register_admin_urls", order=-1)
def scope_localize_urls():
    """Ahead of wagtail-localize's own URLs (order 0): see districts.localize_scope."""
    return localize_scope.shadowing_admin_urls()


hooks.register("before_edit_page", localize_scope.translations_follow_their_source, order=-1)
# The page cache keeps a district's pages when another district's content changes.
hooks.register("before_serve_page", cache_scopes.declare_district)


@hooks.register("construct_snippet_listing_buttons")
def hide_translation_buttons_out_of_scope(buttons, snippet, user):
    """wagtail-localize offers "Translate" and "Sync translated snippets" on every record to
    whoever has `submit_translation`; keep them for the records the user may translate."""
    if localize_scope.user_can_translate(user, snippet):
        return
    localize_root = reverse("wagtail_localize:javascript_catalog").removesuffix("jsi18n/")
    buttons[:] = [button for button in buttons if not (button.url or "").startswith(localize_root)]


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


# --- Followers ---------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_follow_report_url():
    return [path("followers/report/", FollowersReportView.as_view(), name=FOLLOW_REPORT_URL_NAME)]


@hooks.register("register_reports_menu_item")
def register_follow_report_menu_item():
    return FollowersMenuItem(
        pgettext_lazy("followers report", "Followers"),
        reverse(FOLLOW_REPORT_URL_NAME),
        name="followers",
        icon_name="group",
        order=1000,
    )


# --- Dashboard -----------------------------------------------------------------------------


@hooks.register("construct_homepage_panels")
def add_district_panels(request, panels):
    panels.extend(dashboard_panels(request))
