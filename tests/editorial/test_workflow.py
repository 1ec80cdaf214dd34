"""Community Manager approval: an editor's event waits, goes live on approval, comes back on rejection."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from initiatives.models import EventPage, Occurrence
from tests.factories import CategoryFactory
from tests.test_admin import event_form_data, next_saturday

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(client, editorial, editor):
    """Luca adds an event to San Salvario and submits it for moderation, through the admin."""
    client.force_login(editor)
    saturday = next_saturday()
    data = event_form_data(
        CategoryFactory(slug="workshops"),
        start=f"{saturday:%Y-%m-%d} 10:00",
        end=f"{saturday:%Y-%m-%d} 12:00",
        recurrence="",
    )
    del data["action-publish"]
    data["action-submit"] = "Submit for moderation"
    url = reverse("wagtailadmin_pages:add", args=["initiatives", "eventpage", editorial.ss.id])
    assert client.post(url, data).status_code == 302
    client.logout()
    return EventPage.objects.get(slug="ciclofficina")


def act(client, user, page, action, comment=""):
    client.force_login(user)
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.id, action, task_state.id])
    return client.post(url, {"comment": comment})


def test_the_submitted_event_waits_for_the_districts_manager(client, submitted, sara, imma):
    assert not submitted.live
    assert submitted.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS

    client.force_login(sara)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "awaiting-review" in dashboard
    assert submitted.title in dashboard

    client.force_login(imma)
    assert submitted.title not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_districts_managers_are_told_by_e_mail(sara, imma, submitted):
    (message,) = mail.outbox
    assert message.to == [sara.email]
    assert submitted.title in message.subject


def test_another_districts_manager_cannot_approve(client, submitted, imma):
    response = act(client, imma, submitted, "approve")
    assert response.status_code in (302, 403)
    submitted.refresh_from_db()
    assert not submitted.live
    assert submitted.workflow_in_progress


def test_approval_by_the_manager_publishes_the_event(client, submitted, sara):
    response = act(client, sara, submitted, "approve", comment="Perfetto, grazie!")
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.live
    assert not submitted.workflow_in_progress
    assert WorkflowState.objects.get(requested_by__username="luca").status == WorkflowState.STATUS_APPROVED
    assert Occurrence.objects.filter(translation_key=submitted.translation_key).exists()


def test_a_rejected_event_comes_back_to_the_editor_with_the_comment(client, submitted, sara, editor):
    comment = "Manca l'orario di fine: puoi aggiungerlo?"
    response = act(client, sara, submitted, "reject", comment=comment)
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert not submitted.live
    state = WorkflowState.objects.get(requested_by=editor)
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == comment

    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[submitted.id]))
    assert response.status_code == 200
    assert "Manca l&#x27;orario di fine" in response.content.decode()
    assert any(editor.email in message.to for message in mail.outbox)
