"""Permission policies that narrow model-wide Django permissions to the user's own districts.

Django's model permissions say "may change houses"; these policies add "…the houses of the
districts you publish for", "…and translate those of the districts whose pages you translate",
"…the proposals sent to districts you publish for" and "…the notices of your districts".
"""

from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from .editorial import EDITING_ACTIONS, PUBLISHING_ACTIONS, districts_for_user
from .models import Notice

# wagtail-localize's permission: "may send things to translation and translate them".
SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"
# Edit a translated copy with wagtail-localize's translation editor: its words; the facts follow
# the source (districts.models: facts are synchronised fields that cannot be overridden).
TRANSLATE = "translate"
SCOPED_ACTIONS = frozenset({"change", "delete", TRANSLATE})


class DistrictSnippetPermissionPolicy(ModelPermissionPolicy):
    """Houses and Community Managers, whose facts (address, e-mail, phone) residents rely on and
    whose e-mail receives the proposals of a form that has no address of its own.

    - view: the model permission, every record (the public site shows them all);
    - change, delete: the model permission, and only the records that a district the user may
      publish in points to, in any locale: the district's Community Managers;
    - translate (wagtail-localize's endpoints and translation editor, never the edit form):
      those who may change the record, and translators (`submit_translation`) for the records
      of the districts whose pages they may edit.
    """

    def __init__(self, model, district_field):
        super().__init__(model)
        self.district_field = district_field

    def user_has_permission(self, user, action):
        if action == TRANSLATE:
            return super().user_has_permission(user, "change") or user.has_perm(SUBMIT_TRANSLATION)
        return super().user_has_permission(user, action)

    def district_keys(self, user, page_actions):
        """Translation keys of the records pointed to by the districts where `user` has any of
        `page_actions` (every locale's copy of a record shares its key)."""
        return set(
            districts_for_user(user, page_actions)
            .filter(**{f"{self.district_field}__isnull": False})
            .values_list(f"{self.district_field}__translation_key", flat=True)
        )

    def translation_keys_for_user(self, user, action):
        """The records (by translation key) on which `user` may perform a scoped `action`."""
        keys = set()
        if super().user_has_permission(user, "change" if action == TRANSLATE else action):
            keys |= self.district_keys(user, PUBLISHING_ACTIONS)
        if action == TRANSLATE and user.has_perm(SUBMIT_TRANSLATION):
            keys |= self.district_keys(user, EDITING_ACTIONS)
        return keys

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, {action}, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        for action in actions:
            if not self.user_has_permission(user, action):
                continue
            if user.is_superuser or action not in SCOPED_ACTIONS:
                return True
            if instance.translation_key in self.translation_keys_for_user(user, action):
                return True
        return False

    def instances_user_has_any_permission_for(self, user, actions):
        records = self.model._default_manager.all()
        allowed = [action for action in actions if self.user_has_permission(user, action)]
        if not allowed:
            return records.none()
        if user.is_superuser or any(action not in SCOPED_ACTIONS for action in allowed):
            return records
        keys = set()
        for action in allowed:
            keys |= self.translation_keys_for_user(user, action)
        return records.filter(translation_key__in=keys)


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
        return proposals.in_subtrees(districts_for_user(user, PUBLISHING_ACTIONS))


class NoticePermissionPolicy(ModelPermissionPolicy):
    """Notices: the model permissions (editors: add and change; Community Managers: also
    publish, delete, lock), on the notices of the user's districts only.

    A notice belongs to the district it names, to the district of its house, or to the district
    above its initiative, in any language; one for the whole portal belongs to administrators.
    Editing (view, change, delete, lock, unlock) needs one of the districts the user may edit
    pages in; publishing and unpublishing, one the user may publish pages in. Translating (with
    wagtail-localize's translation editor, never the edit form) is for who may change the
    notice and for translators (`submit_translation`) in the districts whose pages they edit;
    their translations wait, as drafts, for someone who may publish.
    """

    def user_has_permission(self, user, action):
        if action == TRANSLATE:
            return super().user_has_permission(user, "change") or user.has_perm(SUBMIT_TRANSLATION)
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, {action}, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not self.user_has_any_permission(user, actions):
            return False
        if user.is_superuser:
            return True
        allowed = [action for action in actions if self.user_has_permission(user, action)]
        return any(self.visible_to(user, action).filter(pk=instance.pk).exists() for action in allowed)

    def instances_user_has_any_permission_for(self, user, actions):
        notices = self.model._default_manager.all()
        allowed = [action for action in actions if self.user_has_permission(user, action)]
        if not allowed:
            return notices.none()
        if user.is_superuser:
            return notices
        chosen = notices.none()
        for action in allowed:
            chosen |= self.visible_to(user, action)
        return chosen

    def translation_keys_for_user(self, user, action):
        """The notices (by translation key) on which `user` may do `action` (the index view's
        question, as for houses)."""
        if user.is_superuser:
            return set(self.model._default_manager.values_list("translation_key", flat=True))
        if not self.user_has_permission(user, action):
            return set()
        return set(self.visible_to(user, action).values_list("translation_key", flat=True))

    def visible_to(self, user, action):
        """The notices of the districts where `user` may do `action` with pages."""
        page_actions = PUBLISHING_ACTIONS if action in ("publish", "unpublish") else EDITING_ACTIONS
        return self.model._default_manager.filter(in_districts(districts_for_user(user, page_actions)))


def in_districts(districts):
    """The condition on notices that belong to one of `districts` (district pages, any locale)."""
    paths = list(districts.values_list("path", flat=True))
    keys = list(districts.values_list("translation_key", flat=True))
    house_keys = list(districts.filter(house__isnull=False).values_list("house__translation_key", flat=True))
    condition = Q(scope=Notice.Scope.DISTRICT, district__translation_key__in=keys) | Q(
        scope=Notice.Scope.HOUSE, house__translation_key__in=house_keys
    )
    under = Q()
    for path in paths:
        under |= Q(initiative__path__startswith=path)
    if paths:
        condition |= Q(scope=Notice.Scope.INITIATIVE) & under
    return condition
