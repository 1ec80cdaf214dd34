"""Notices in the admin: an editor writes and submits them, the district's Community Manager
approves or publishes directly (urgent ones too), each only in their own districts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState

from districts.models import Notice
from tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_districts_notice:add"
EDIT = "wagtailsnippets_districts_notice:edit"
LIST = "wagtailsnippets_districts_notice:list"


def form_data(target, **changes):
    starts = timezone.localtime(timezone.now()).replace(microsecond=0) - datetime.timedelta(hours=1)
    data = {
        "title": "Sportello chiuso oggi",
        "text": "Torna domani alle 9.",
        "level": "urgent",
        "starts": f"{starts:%Y-%m-%d %H:%M}",
        "ends": f"{starts + datetime.timedelta(days=1):%Y-%m-%d %H:%M}",
        "scope": "district",
        "district": str(target.pk),
        "house": "",
        "initiative": "",
    }
    data.update(changes)
    return data


def add(client, user, data, action=None):
    client.force_login(user)
    if action:
        data = {**data, f"action-{action}": action}
    return client.post(reverse(ADD) + "?locale=it", data)


def test_an_editor_cannot_publish_even_an_urgent_notice(client, editorial, editor):
    response = add(client, editor, form_data(editorial.ss), action="publish")
    notice = Notice.objects.get(title="Sportello chiuso oggi")
    assert response.status_code == 302
    assert not notice.live
    assert "Sportello chiuso oggi" not in client.get(editorial.ss.url).content.decode()


def test_an_editor_submits_and_the_districts_manager_approves(client, editorial, editor, sara, imma):
    add(client, editor, form_data(editorial.ss, level="information"))
    notice = Notice.objects.get(title="Sportello chiuso oggi")
    client.post(
        reverse(EDIT, args=[notice.pk]),
        {**form_data(editorial.ss, level="information"), "action-submit": "1"},
    )
    notice.refresh_from_db()
    assert notice.workflow_in_progress
    task_state = notice.current_workflow_task_state
    assert task_state.task.name == "Approval by the San Salvario Community Managers"

    url = reverse(
        "wagtailsnippets_districts_notice:workflow_action", args=[notice.pk, "approve", task_state.pk]
    )
    client.force_login(imma)
    client.post(url, {"comment": ""})
    notice.refresh_from_db()
    assert not notice.live

    client.force_login(sara)
    assert client.post(url, {"comment": "Ok"}).status_code == 302
    notice.refresh_from_db()
    assert notice.live
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED
    client.logout()
    assert "Sportello chiuso oggi" in client.get(editorial.ss.url).content.decode()


def test_the_manager_publishes_an_urgent_notice_directly(client, editorial, sara):
    assert add(client, sara, form_data(editorial.ss), action="publish").status_code == 302
    assert Notice.objects.get(title="Sportello chiuso oggi").live
    client.logout()
    html = client.get(editorial.ss.url).content.decode()
    assert "Sportello chiuso oggi" in html and "notices--banner" in html


def test_nobody_writes_for_another_district_or_the_whole_portal(client, editorial, editor, sara):
    response = add(client, sara, form_data(editorial.ms), action="publish")
    assert response.status_code == 200
    assert not Notice.objects.exists()
    response = add(client, editor, form_data(editorial.ss, scope="portal", district=""))
    assert response.status_code == 200
    assert not Notice.objects.exists()


def test_each_sees_and_edits_only_their_districts_notices(client, editorial, editor, sara, imma):
    ours = NoticeFactory(district=editorial.ss, title="Avviso di San Salvario")
    theirs = NoticeFactory(district=editorial.ms, title="Avviso di Mirafiori")
    house = NoticeFactory(house=editorial.ms.house, title="Avviso della Casa nel Parco")
    portal = NoticeFactory(scope="portal", title="Avviso per tutti")
    client.force_login(editor)
    listing = client.get(reverse(LIST)).content.decode()
    assert "Avviso di San Salvario" in listing
    assert (
        "Avviso di Mirafiori" not in listing
        and "Casa nel Parco" not in listing
        and "per tutti" not in listing
    )
    assert client.get(reverse(EDIT, args=[ours.pk])).status_code == 200
    assert client.get(reverse(EDIT, args=[theirs.pk])).status_code in (302, 403)
    assert client.get(reverse(EDIT, args=[portal.pk])).status_code in (302, 403)
    client.force_login(imma)
    assert client.get(reverse(EDIT, args=[house.pk])).status_code == 200
    unpublish = reverse("wagtailsnippets_districts_notice:unpublish", args=[ours.pk])
    client.post(unpublish)
    ours.refresh_from_db()
    assert ours.live
    client.force_login(sara)
    client.post(unpublish)
    ours.refresh_from_db()
    assert not ours.live


def test_setup_editorial_grants_notice_permissions(editorial, editor, sara):
    assert editor.has_perm("districts.change_notice") and not editor.has_perm("districts.publish_notice")
    assert sara.has_perm("districts.publish_notice")


def test_a_translator_translates_a_notice_in_the_translation_editor_only(client, editorial, translator, sara):
    from wagtail_localize.models import Translation

    notice = NoticeFactory(district=editorial.ss, title="Casa chiusa")
    client.force_login(translator)
    assert "Casa chiusa" in client.get(reverse(LIST)).content.decode()
    # The facts stay the Italian record's: no edit form for a translator.
    assert client.get(reverse(EDIT, args=[notice.pk])).status_code in (302, 403)
    url = reverse("wagtail_localize:submit_snippet_translation", args=["districts", "notice", notice.pk])
    assert client.post(url, {"locales": [editorial.en.pk]}).status_code == 302
    target = Translation.objects.get(target_locale=editorial.en).get_target_instance()
    editor_page = client.get(reverse(EDIT, args=[target.pk]))
    assert editor_page.status_code == 200
    assert (
        "translation-editor" in editor_page.content.decode()
        or "wagtail-localize" in editor_page.content.decode()
    )
