"""Where a proposal form sends residents' data changes only with the Community Manager's approval.

The addresses are the form page's `to_address` or, when it is empty, the e-mail of the district's
Community Manager (ProposalFormPage.recipients). An editor may propose a change; it goes live
when San Salvario's Community Manager approves it, never through publishing, reverting, moving,
copying, translating or syncing translations. The manager's e-mail itself is tested in
test_snippet_scope.py.
"""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Permission
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from districts.models import DistrictPage, ProposalFormPage
from tests.factories import ProposalFormPageFactory, translate_with_localize

pytestmark = pytest.mark.django_db

ELSEWHERE = "raccolta@altrove.example"


@pytest.fixture
def form_page(editorial):
    return ProposalFormPageFactory(parent=editorial.ss)


def live(page):
    """The page as residents get it: its published version."""
    return ProposalFormPage.objects.get(pk=page.pk)


def form_data(page, action, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "privacy_text": page.privacy_text,
        "thank_you_text": page.thank_you_text,
        "to_address": page.to_address,
        "from_address": page.from_address,
        "subject": page.subject,
        "form_fields": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(changes)
    data.update(
        {"publish": {"action-publish": "Publish"}, "submit": {"action-submit": "Submit for moderation"}}[
            action
        ]
    )
    return nested_form_data(data)


def new_form_data(**fields):
    """A new form page, submitted for moderation."""
    data = {
        "title": "Proponi un'idea",
        "slug": "proponi",
        "intro": "Scrivici.",
        "privacy_text": "Privacy.",
        "thank_you_text": "Grazie.",
        "to_address": "",
        "from_address": "",
        "subject": "",
        "form_fields": inline_formset([]),
        "comments": inline_formset([]),
        "action-submit": "Submit for moderation",
    }
    data.update(fields)
    return nested_form_data(data)


def refused(response):
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"] in (reverse("wagtailadmin_home"), "/admin/")


def approve(client, manager, page):
    client.force_login(manager)
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.id, "approve", task_state.id])
    return client.post(url, {"comment": ""})


def test_the_form_writes_to_the_districts_manager(form_page, editorial):
    assert live(form_page).recipients() == [editorial.ss.manager.email]


def test_an_editor_cannot_publish_a_new_recipient(client, editor, form_page, editorial):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[form_page.id])
    response = client.post(url, form_data(form_page, "publish", to_address=ELSEWHERE))
    assert response.status_code == 302  # saved as a draft
    assert Page.objects.get(pk=form_page.pk).get_latest_revision().content["to_address"] == ELSEWHERE
    assert live(form_page).recipients() == [editorial.ss.manager.email]


def test_a_new_recipient_goes_live_with_the_managers_approval_and_not_before(
    client, editor, sara, form_page, editorial
):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[form_page.id])
    assert client.post(url, form_data(form_page, "submit", to_address=ELSEWHERE)).status_code == 302
    assert live(form_page).recipients() == [editorial.ss.manager.email]

    # While the manager reviews it, the page is locked for its editor: nothing slips in.
    response = client.post(url, form_data(form_page, "submit", to_address="ancora@altrove.example"))
    assert response.status_code == 200  # "The page could not be saved as it is locked"
    assert Page.objects.get(pk=form_page.pk).get_latest_revision().content["to_address"] == ELSEWHERE

    assert approve(client, sara, form_page).status_code == 302
    assert live(form_page).recipients() == [ELSEWHERE]


def test_reverting_to_an_old_revision_needs_the_approval_too(client, editor, form_page, editorial):
    old = form_page.get_latest_revision()
    form_page.to_address = "casa@sansalvario.example"
    form_page.save_revision().publish()
    old.content["to_address"] = ELSEWHERE
    old.save()

    client.force_login(editor)
    url = reverse("wagtailadmin_pages:revisions_revert", args=[form_page.id, old.id])
    assert client.get(url).status_code == 200
    client.post(url, form_data(form_page, "publish", to_address=ELSEWHERE))
    assert live(form_page).recipients() == ["casa@sansalvario.example"]


def test_an_editor_moves_and_copies_the_form_only_as_drafts(client, editor, form_page, editorial):
    """Under another district page a form falls back to that district's manager."""
    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[form_page.id, editorial.ss_en.id])
    )
    assert refused(response)
    assert live(form_page).get_parent().pk == editorial.ss.pk

    client.post(
        reverse("wagtailadmin_pages:copy", args=[form_page.id]),
        {
            "new_title": form_page.title,
            "new_slug": "proponi-copia",
            "new_parent_page": editorial.ss_en.id,
            "publish_copies": "on",
        },
    )
    copies = ProposalFormPage.objects.child_of(editorial.ss_en)
    assert copies.exists()
    assert not copies.live().exists()


# --- Translations ------------------------------------------------------------------------------


def test_where_the_form_writes_is_not_offered_to_override_in_a_translation(editorial):
    from wagtail_localize.models import OverridableSegment

    form_page = ProposalFormPageFactory(
        parent=editorial.ss, to_address="casa@sansalvario.example", from_address="portale@example.org"
    )
    translate_with_localize(form_page, editorial.en)
    translate_with_localize(editorial.ss, editorial.en, {"San Salvario": "San Salvario"})
    paths = set(OverridableSegment.objects.values_list("context__path", flat=True))
    assert not paths & {"to_address", "from_address", "house", "manager"}


def override_all(client, translation, value):
    """PUT `value` into every overridable segment of `translation`'s source, as the editor's
    "Synchronised values" section would."""
    from wagtail_localize.models import OverridableSegment

    for segment in OverridableSegment.objects.filter(source=translation.source):
        client.put(
            reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk]),
            urlencode({"value": value}),
            content_type="application/x-www-form-urlencoded",
        )


def localize_translation(instance, locale):
    from wagtail_localize.models import Translation

    return Translation.objects.get(source__object_id=instance.translation_key, target_locale=locale)


def test_a_translation_cannot_change_where_the_form_writes(client, translator, sara, editorial):
    """A translator's overrides, then the Community Manager publishing the translated words."""
    form_page = ProposalFormPageFactory(parent=editorial.ss, to_address="casa@sansalvario.example")
    english = translate_with_localize(form_page, editorial.en)
    client.force_login(translator)
    override_all(client, localize_translation(form_page, editorial.en), ELSEWHERE)

    client.force_login(sara)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("wagtailadmin_pages:edit", args=[english.id]), {"action": "publish"})
    assert live(english).recipients() == ["casa@sansalvario.example"]


def test_a_translation_cannot_change_the_districts_manager(
    client, translator, sara, imma, form_page, editorial
):
    english_district = translate_with_localize(editorial.ss, editorial.en, {"San Salvario": "San Salvario"})
    english_form = translate_with_localize(form_page, editorial.en)
    client.force_login(translator)
    override_all(client, localize_translation(editorial.ss, editorial.en), str(editorial.ms.manager_id))

    client.force_login(sara)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("wagtailadmin_pages:edit", args=[english_district.id]), {"action": "publish"})
    assert DistrictPage.objects.get(pk=english_district.pk).manager_id == editorial.ss.manager_id
    assert live(english_form).recipients() == [editorial.ss.manager.email]


def test_an_editor_cannot_publish_a_translation(client, editor, form_page, editorial):
    english = translate_with_localize(form_page, editorial.en, publish=False)
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[english.id])).status_code == 200
    response = client.post(reverse("wagtailadmin_pages:edit", args=[english.id]), {"action": "publish"})
    assert refused(response)
    assert not live(english).live


def test_syncing_translations_does_not_publish_a_form_awaiting_approval(
    client, editor, translator, editorial
):
    """An editor adds a form that writes elsewhere and submits it; a translator translates it and
    syncs it with "Publish immediately": the English form must not go live before the manager
    has approved the Italian one."""
    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["districts", "proposalformpage", editorial.ss.id]),
        new_form_data(to_address=ELSEWHERE),
    )
    assert response.status_code == 302
    italian = ProposalFormPage.objects.get(locale=editorial.it)
    assert not italian.live

    client.force_login(translator)
    submit = reverse("wagtail_localize:submit_page_translation", args=[italian.id])
    assert client.post(submit, {"locales": [editorial.en.pk]}).status_code == 302
    english = ProposalFormPage.objects.get(locale=editorial.en)
    assert not english.live

    sync = reverse(
        "wagtail_localize:update_translations", args=[localize_translation(italian, editorial.en).source_id]
    )
    assert 'name="publish_translations"' not in client.get(sync).content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(sync, {"publish_translations": "on"})
    assert refused(response)
    assert not live(english).live

    # Without publishing, the sync itself is the translator's job.
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(sync, {}).status_code == 302
    assert not live(english).live


def test_a_translation_waits_for_its_form_to_be_approved(client, editor, translator, sara, editorial):
    """Even the manager cannot publish the English form ahead of the Italian one she has not
    approved yet: its addresses come from that unapproved draft."""
    client.force_login(editor)
    client.post(
        reverse("wagtailadmin_pages:add", args=["districts", "proposalformpage", editorial.ss.id]),
        new_form_data(to_address=ELSEWHERE),
    )
    italian = ProposalFormPage.objects.get(locale=editorial.it)
    client.force_login(translator)
    submit = reverse("wagtail_localize:submit_page_translation", args=[italian.id])
    assert client.post(submit, {"locales": [editorial.en.pk]}).status_code == 302
    english = ProposalFormPage.objects.get(locale=editorial.en)

    client.force_login(sara)
    edit = reverse("wagtailadmin_pages:edit", args=[english.id])
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(edit, {"action": "publish"}).status_code == 302
    assert not live(english).live
    response = client.get(edit)
    messages = [str(message) for message in response.context["messages"]]
    # The message is in the manager's admin language (Italian by default), like the rest of the admin.
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        expected = translation.gettext(
            "“%(title)s” is not published in its own language yet: translations are published after it."
        ) % {"title": italian.get_admin_display_title()}
    assert expected in messages

    sara.user_permissions.add(Permission.objects.get(codename="submit_translation"))
    sync = reverse(
        "wagtail_localize:update_translations", args=[localize_translation(italian, editorial.en).source_id]
    )
    assert 'name="publish_translations"' not in client.get(sync).content.decode()

    assert approve(client, sara, italian).status_code == 302
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(edit, {"action": "publish"}).status_code == 302
    assert live(english).live
    assert live(english).recipients() == live(italian).recipients() == [ELSEWHERE]


def test_the_districts_manager_may_sync_and_publish(client, sara, form_page, editorial):
    english = translate_with_localize(form_page, editorial.en, publish=False)
    sara.user_permissions.add(Permission.objects.get(codename="submit_translation"))
    client.force_login(sara)
    sync = reverse(
        "wagtail_localize:update_translations", args=[localize_translation(form_page, editorial.en).source_id]
    )
    assert 'name="publish_translations"' in client.get(sync).content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(sync, {"publish_translations": "on"}).status_code == 302
    assert live(english).live
