"""setup_editorial: groups, page and collection permissions, workflows; idempotent and safe."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
)

from districts.editorial import districts_for_user, setup_editorial

pytestmark = pytest.mark.django_db


def page_actions(group, page):
    return {
        permission.permission.codename.removesuffix("_page")
        for permission in GroupPagePermission.objects.filter(group=group, page=page).select_related(
            "permission"
        )
    }


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Group,
            GroupPagePermission,
            GroupCollectionPermission,
            Workflow,
            WorkflowPage,
            Collection,
        )
    } | {"GroupApprovalTask": GroupApprovalTask.objects.count()}


def test_each_district_gets_its_groups_on_every_locale_copy(editorial):
    editors = Group.objects.get(name="San Salvario editors")
    managers = Group.objects.get(name="San Salvario Community Managers")
    for copy in (editorial.ss, editorial.ss_en):
        assert page_actions(editors, copy) == {"add", "change"}
        assert page_actions(managers, copy) == {"add", "change", "publish", "lock", "unlock"}
    assert page_actions(editors, editorial.ms) == set()
    assert editors.permissions.filter(codename="access_admin").exists()
    assert not editors.permissions.filter(codename="change_proposal").exists()
    assert managers.permissions.filter(codename="change_proposal").exists()


def test_a_workflow_per_district_approved_by_its_managers(editorial):
    workflow = Workflow.objects.get(name="Community Manager approval — San Salvario")
    (task,) = [task.specific for task in workflow.tasks]
    assert isinstance(task, GroupApprovalTask)
    assert list(task.groups.values_list("name", flat=True)) == ["San Salvario Community Managers"]
    assert set(WorkflowPage.objects.filter(workflow=workflow).values_list("page_id", flat=True)) == {
        editorial.ss.pk,
        editorial.ss_en.pk,
    }
    assert editorial.ms.get_workflow().name == "Community Manager approval — Mirafiori Sud"


def test_a_collection_per_district_for_its_two_groups_only(editorial):
    collection = Collection.objects.get(name="San Salvario")
    granted = GroupCollectionPermission.objects.filter(collection=collection)
    assert set(granted.values_list("group__name", flat=True)) == {
        "San Salvario editors",
        "San Salvario Community Managers",
    }
    assert {"add_image", "change_image", "choose_image", "add_document", "choose_document"} <= set(
        granted.values_list("permission__codename", flat=True)
    )


def model_permissions(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


def test_translators_can_submit_translations_and_edit_every_locale(editorial):
    translators = Group.objects.get(name="Translators")
    assert translators.permissions.filter(codename="submit_translation").exists()
    homes = {page.pk for page in (editorial.ss.get_parent(), editorial.ss_en.get_parent())}
    granted = GroupPagePermission.objects.filter(group=translators)
    assert set(granted.values_list("page_id", flat=True)) == homes
    assert set(granted.values_list("permission__codename", flat=True)) == {"change_page"}


def test_houses_and_managers_are_changed_by_community_managers_and_translated_by_translators(editorial):
    """Translators see the records and translate them (submit_translation); only the districts'
    Community Managers hold the permission to change them, which districts.permissions narrows
    to their own districts."""
    assert model_permissions("Translators") == {
        "access_admin",
        "submit_translation",
        "view_neighbourhoodhouse",
        "view_communitymanager",
        "change_category",
        "change_audience",
        "view_spokenlanguage",
        # Notices are translated in the translation editor too (districts.permissions).
        "view_notice",
    }
    assert {"change_neighbourhoodhouse", "change_communitymanager"} <= model_permissions(
        "San Salvario Community Managers"
    )
    editors = model_permissions("San Salvario editors")
    assert {"view_neighbourhoodhouse", "view_communitymanager"} <= editors
    assert not {"change_neighbourhoodhouse", "change_communitymanager", "submit_translation"} & editors


def test_a_run_withdraws_what_earlier_versions_granted_translators(editorial):
    from django.contrib.auth.models import Permission

    translators = Group.objects.get(name="Translators")
    translators.permissions.add(
        *Permission.objects.filter(codename__in=["change_neighbourhoodhouse", "change_communitymanager"])
    )
    out = StringIO()
    call_command("setup_editorial", stdout=out)
    assert "withdrew 2 group permissions" in out.getvalue()
    assert not {"change_neighbourhoodhouse", "change_communitymanager"} & model_permissions("Translators")
    assert {"change_neighbourhoodhouse", "change_communitymanager"} <= model_permissions(
        "Mirafiori Sud Community Managers"
    )
    assert not setup_editorial().withdrawn


def test_a_second_run_creates_nothing(editorial):
    before = counts()
    permissions = {group.name: model_permissions(group.name) for group in Group.objects.all()}
    report = setup_editorial()
    assert not report.created
    assert not report.withdrawn
    assert counts() == before
    assert {group.name: model_permissions(group.name) for group in Group.objects.all()} == permissions


def test_the_command_reports_and_leaves_a_workflow_chosen_by_hand(editorial):
    other = Workflow.objects.create(name="Chosen by hand")
    WorkflowPage.objects.filter(page=editorial.ss_en).update(workflow=other)
    out, err = StringIO(), StringIO()
    call_command("setup_editorial", stdout=out, stderr=err)
    assert "nothing created" in out.getvalue()
    assert "Chosen by hand" in err.getvalue()
    assert WorkflowPage.objects.get(page=editorial.ss_en).workflow == other


def test_a_new_locale_copy_is_covered_on_the_next_run(editorial, site_tree):
    from wagtail.models import Locale

    from tests.factories import publish_translation

    fr = Locale.objects.create(language_code="fr")
    publish_translation(editorial.ss.get_parent(), fr)
    ss_fr = publish_translation(editorial.ss, fr)
    setup_editorial()
    assert page_actions(Group.objects.get(name="San Salvario editors"), ss_fr) == {"add", "change"}
    assert ss_fr.get_workflow().name == "Community Manager approval — San Salvario"


def test_the_users_districts(editorial, editor, sara, imma):
    assert set(districts_for_user(editor)) == {editorial.ss, editorial.ss_en}
    assert set(districts_for_user(sara, {"publish"})) == {editorial.ss, editorial.ss_en}
    assert not districts_for_user(editor, {"publish"}).exists()
    assert set(districts_for_user(imma)) == {editorial.ms}
