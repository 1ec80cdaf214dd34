"""Who may do what in which district: the groups, page and collection permissions and moderation
workflows that `setup_editorial` creates, and the questions the admin asks about a user's districts.

Per district (named after its page in the default locale):

- "<District> editors" add and edit pages below every locale's copy of the district page and
  submit them for moderation; they do not publish. The same for the district's notices: they
  write them and submit them to the district's workflow, whatever their level. They add,
  change and choose images and documents in the district's collection.
- "<District> Community Managers" can do the same and also publish, lock and unlock; they are
  the reviewers of the workflow "Community Manager approval — <District>", attached to every
  locale's copy of the district page (and followed by the district's notices,
  `Notice.get_workflow`); they publish notices directly, urgent ones first of all; they read
  and answer the district's residents' proposals.
  They alone (with superusers) change their districts' house and Community Manager records:
  the addresses, phones and e-mails residents use, and the e-mail that receives the proposals
  of a form without an address of its own (districts.permissions).
- "Translators" (one group for the portal) submit pages and snippets for translation with
  wagtail-localize and translate them in every district; a Community Manager publishes their
  pages. They translate houses and Community Managers only through wagtail-localize's
  translation editor, which edits the words and leaves the facts to the Italian record: they
  do not hold the permission to change those records.

Everything is created with get-or-create, never reset, so the command is safe to run on a live
site after every deployment and after adding a district or a locale. The one exception is
WITHDRAWN: permissions that earlier versions granted and that are taken back on every run.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import DistrictPage

EDITOR_PAGE_ACTIONS = ("add", "change")
MANAGER_PAGE_ACTIONS = ("add", "change", "publish", "lock", "unlock")
# Translators edit the pages that wagtail-localize creates for them; they create none themselves.
TRANSLATOR_PAGE_ACTIONS = ("change",)
# Any of these on a district page makes it one of "the user's districts".
EDITING_ACTIONS = frozenset({"add", "change", "publish"})
# …and this one makes the user one of the district's Community Managers.
PUBLISHING_ACTIONS = frozenset({"publish"})

COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
ACCESS_ADMIN = ("wagtailadmin", "access_admin")
# Editors read the shared snippets; they pick them in pages through choosers.
EDITOR_MODEL_PERMISSIONS = [
    ACCESS_ADMIN,
    ("districts", "view_neighbourhoodhouse"),
    ("districts", "view_communitymanager"),
    ("initiatives", "view_category"),
    ("initiatives", "view_audience"),
    ("initiatives", "view_spokenlanguage"),
    # Notices of their districts (districts.permissions): written and submitted for approval.
    ("districts", "view_notice"),
    ("districts", "add_notice"),
    ("districts", "change_notice"),
]
# Managers also keep their house and their own profile up to date (only those of their own
# districts: see districts.permissions) and answer the residents' proposals.
MANAGER_MODEL_PERMISSIONS = EDITOR_MODEL_PERMISSIONS + [
    ("districts", "change_neighbourhoodhouse"),
    ("districts", "change_communitymanager"),
    ("districts", "view_proposal"),
    ("districts", "change_proposal"),
    ("districts", "delete_proposal"),
    # …and publish their districts' notices directly, urgent ones included.
    ("districts", "publish_notice"),
    ("districts", "delete_notice"),
    ("districts", "lock_notice"),
    ("districts", "unlock_notice"),
]
# Translators see the houses and managers and translate them (submit_translation); changing
# them is the districts' Community Managers' job.
TRANSLATOR_MODEL_PERMISSIONS = [
    ACCESS_ADMIN,
    ("wagtail_localize", "submit_translation"),
    ("districts", "view_neighbourhoodhouse"),
    ("districts", "view_communitymanager"),
    ("initiatives", "change_category"),
    ("initiatives", "change_audience"),
    ("initiatives", "view_spokenlanguage"),
    # Notices: translated in the translation editor, published by a Community Manager.
    ("districts", "view_notice"),
]

TRANSLATORS_GROUP = "Translators"

# Granted by earlier versions, taken back on every run: with them translators changed every
# house's and Community Manager's address, phone and e-mail, live.
WITHDRAWN = {
    TRANSLATORS_GROUP: [
        ("districts", "change_neighbourhoodhouse"),
        ("districts", "change_communitymanager"),
    ],
}


def editors_group_name(district_title):
    return f"{district_title} editors"


def managers_group_name(district_title):
    return f"{district_title} Community Managers"


def workflow_name(district_title):
    return f"Community Manager approval — {district_title}"


def task_name(district_title):
    return f"Approval by the {district_title} Community Managers"


# --- The user's districts ----------------------------------------------------------------


def districts_for_user(user, actions=EDITING_ACTIONS):
    """Every locale's copy of the districts where `user` has any of `actions` on the district page."""
    if not user.is_active:
        return DistrictPage.objects.none()
    if user.is_superuser:
        return DistrictPage.objects.all()
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, set(actions))
    return DistrictPage.objects.filter(pk__in=pages.values("pk"))


# --- Setting it up -----------------------------------------------------------------------


@dataclass
class Report:
    created: Counter = field(default_factory=Counter)
    withdrawn: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    districts: list[str] = field(default_factory=list)


def source_districts():
    """One page per district: its copy in the default locale, else its first copy that is no alias."""
    default = Locale.get_default()
    chosen = {}
    for page in DistrictPage.objects.order_by("path"):
        rank = (page.locale_id != default.pk, page.alias_of_id is not None)
        if page.translation_key not in chosen or rank < chosen[page.translation_key][0]:
            chosen[page.translation_key] = (rank, page)
    return sorted((page for _rank, page in chosen.values()), key=lambda page: page.path)


class EditorialSetup:
    def __init__(self):
        self.report = Report()
        self._permissions = {}

    def permission(self, app_label, codename):
        if (app_label, codename) not in self._permissions:
            self._permissions[app_label, codename] = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
        return self._permissions[app_label, codename]

    def page_permission(self, action):
        return self.permission("wagtailcore", f"{action}_page")

    def get_or_create(self, model, label=None, **lookup):
        obj, created = model.objects.get_or_create(**lookup)
        if created:
            self.report.created[label or model._meta.verbose_name_plural] += 1
        return obj

    # ----------------------------------------------------------------------------------

    def run(self):
        with transaction.atomic():
            for district in source_districts():
                self.district(district)
            self.translators()
        return self.report

    def group(self, name, model_permissions):
        group = self.get_or_create(Group, "groups", name=name)
        wanted = {self.permission(*natural_key) for natural_key in model_permissions}
        granted = set(group.permissions.all())
        missing = wanted - granted
        if missing:
            group.permissions.add(*missing)
            self.report.created["group permissions"] += len(missing)
        withdrawn = {self.permission(*natural_key) for natural_key in WITHDRAWN.get(name, [])}
        stale = (withdrawn - wanted) & granted
        if stale:
            group.permissions.remove(*stale)
            self.report.withdrawn["group permissions"] += len(stale)
        return group

    def grant_pages(self, group, pages, actions):
        for page in pages:
            for action in actions:
                self.get_or_create(
                    GroupPagePermission,
                    "page permissions",
                    group=group,
                    page=page,
                    permission=self.page_permission(action),
                )

    def district(self, district):
        title = district.title
        self.report.districts.append(title)
        copies = list(DistrictPage.objects.filter(translation_key=district.translation_key).order_by("path"))
        editors = self.group(editors_group_name(title), EDITOR_MODEL_PERMISSIONS)
        managers = self.group(managers_group_name(title), MANAGER_MODEL_PERMISSIONS)
        self.grant_pages(editors, copies, EDITOR_PAGE_ACTIONS)
        self.grant_pages(managers, copies, MANAGER_PAGE_ACTIONS)
        self.workflow(title, managers, copies)
        self.collection(title, [editors, managers])

    def workflow(self, title, managers, copies):
        task = GroupApprovalTask.objects.filter(name=task_name(title)).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=task_name(title))
            self.report.created["approval tasks"] += 1
        if not task.groups.filter(pk=managers.pk).exists():
            task.groups.add(managers)
        workflow = self.get_or_create(Workflow, "workflows", name=workflow_name(title))
        if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        for page in copies:
            existing = WorkflowPage.objects.filter(page=page).select_related("workflow").first()
            if existing is None:
                WorkflowPage.objects.create(page=page, workflow=workflow)
                self.report.created["workflow pages"] += 1
            elif existing.workflow_id != workflow.pk:
                self.report.warnings.append(
                    f"{page.url_path} ({page.locale.language_code}) uses the workflow "
                    f"“{existing.workflow.name}”, left as it is."
                )

    def collection(self, title, groups):
        root = Collection.get_first_root_node()
        collection = root.get_children().filter(name=title).first()
        if collection is None:
            collection = root.add_child(name=title)
            self.report.created["collections"] += 1
        for group in groups:
            for natural_key in COLLECTION_PERMISSIONS:
                self.get_or_create(
                    GroupCollectionPermission,
                    "collection permissions",
                    group=group,
                    collection=collection,
                    permission=self.permission(*natural_key),
                )

    def translators(self):
        group = self.group(TRANSLATORS_GROUP, TRANSLATOR_MODEL_PERMISSIONS)
        # The top page of every locale's tree (its home page): the whole portal, in every language.
        self.grant_pages(group, Page.objects.filter(depth=2).order_by("path"), TRANSLATOR_PAGE_ACTIONS)


def setup_editorial():
    return EditorialSetup().run()
