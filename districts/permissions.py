"""Permission policies that narrow model-wide Django permissions to the user's own districts.

Django's model permissions say "may change houses"; these policies add "…the houses of the
districts whose pages you may edit", and "…the proposals sent to districts you publish for".
"""

from wagtail.permission_policies import ModelPermissionPolicy

from .editorial import EDITING_ACTIONS, districts_for_user

SCOPED_ACTIONS = {"change", "delete"}


class DistrictSnippetPermissionPolicy(ModelPermissionPolicy):
    """Houses and Community Managers: anyone with the permission may view them all, but may
    change only those that a district page they can edit points to (in any locale)."""

    def __init__(self, model, district_field):
        super().__init__(model)
        self.district_field = district_field

    def translation_keys_for_user(self, user):
        return set(
            districts_for_user(user, EDITING_ACTIONS)
            .filter(**{f"{self.district_field}__isnull": False})
            .values_list(f"{self.district_field}__translation_key", flat=True)
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, {action}, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        actions = set(actions)
        if not self.user_has_any_permission(user, actions):
            return False
        if user.is_superuser or not actions <= SCOPED_ACTIONS:
            return True
        return instance.translation_key in self.translation_keys_for_user(user)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if user.is_superuser or not set(actions) <= SCOPED_ACTIONS:
            return instances
        return instances.filter(translation_key__in=self.translation_keys_for_user(user))


class ProposalPermissionPolicy(ModelPermissionPolicy):
    """Residents' proposals: only those sent to a district whose pages the user may publish
    (its Community Managers), whatever the language of the form they were sent through."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, {action}, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not self.user_has_any_permission(user, actions):
            return False
        return self.visible_to(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.visible_to(user)

    def visible_to(self, user):
        proposals = self.model._default_manager.all()
        if user.is_superuser:
            return proposals
        return proposals.in_subtrees(districts_for_user(user, {"publish"}))
