"""Through the admin's own views: an editor works in their district and nowhere else."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page

from initiatives.models import EventPage, Occurrence
from tests.factories import CategoryFactory, EventPageFactory, days_from_now
from tests.test_admin import event_form_data, next_saturday

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


def refused(response):
    """Wagtail answers 403, or redirects to the dashboard with a permission message."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"] in (reverse("wagtailadmin_home"), "/admin/")


def test_the_explorer_shows_the_own_district_only(as_editor, editorial):
    home = editorial.ss.get_parent()
    response = as_editor.get(reverse("wagtailadmin_explore", args=[home.id]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "San Salvario" in content
    assert "Mirafiori Sud" not in content


def test_another_districts_page_cannot_be_opened_edited_published_or_deleted(as_editor, editorial):
    event = EventPageFactory(parent=editorial.ms, title="Festa al parco")
    edit_url = reverse("wagtailadmin_pages:edit", args=[event.id])
    assert refused(as_editor.get(edit_url))
    data = event_form_data(
        event.category,
        start=f"{days_from_now(3):%Y-%m-%d %H:%M}",
        end=f"{days_from_now(3, 20):%Y-%m-%d %H:%M}",
        recurrence="",
        title="Festa rubata",
        slug=event.slug,
    )
    assert refused(as_editor.post(edit_url, data))
    assert refused(as_editor.post(reverse("wagtailadmin_pages:delete", args=[event.id])))
    assert refused(as_editor.post(reverse("wagtailadmin_pages:unpublish", args=[event.id])))
    assert refused(as_editor.get(reverse("wagtailadmin_pages:add_subpage", args=[editorial.ms.id])))
    event.refresh_from_db()
    assert (event.title, event.live) == ("Festa al parco", True)


def test_the_own_district_in_another_language_is_editable(as_editor, editorial):
    response = as_editor.get(reverse("wagtailadmin_pages:edit", args=[editorial.ss_en.id]))
    assert response.status_code == 200


def test_an_editor_creates_an_event_and_submits_it_without_publishing(as_editor, editorial):
    category = CategoryFactory(slug="workshops")
    saturday = next_saturday()
    data = event_form_data(
        category, start=f"{saturday:%Y-%m-%d} 10:00", end=f"{saturday:%Y-%m-%d} 12:00", recurrence=""
    )
    del data["action-publish"]
    data["action-submit"] = "Submit for moderation"
    url = reverse("wagtailadmin_pages:add", args=["initiatives", "eventpage", editorial.ss.id])
    response = as_editor.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    event = EventPage.objects.get(slug="ciclofficina")
    assert event.get_parent().pk == editorial.ss.pk
    assert not event.live
    assert event.workflow_in_progress
    assert event.current_workflow_state.workflow.name == "Community Manager approval — San Salvario"
    assert not Occurrence.objects.filter(translation_key=event.translation_key).exists()


def test_an_editor_cannot_publish_even_in_the_own_district(as_editor, editorial):
    event = EventPageFactory(parent=editorial.ss, publish=False, title="Bozza")
    data = event_form_data(
        event.category,
        start=f"{days_from_now(3):%Y-%m-%d %H:%M}",
        end=f"{days_from_now(3, 20):%Y-%m-%d %H:%M}",
        recurrence="",
        title="Bozza",
        slug=event.slug,
    )
    response = as_editor.post(reverse("wagtailadmin_pages:edit", args=[event.id]), data)
    assert response.status_code in (302, 403)
    assert not Page.objects.get(pk=event.pk).live


def upload(client, collection):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Foto della festa",
            "file": SimpleUploadedFile("festa.png", get_test_image_file().file.getvalue()),
            "collection": collection.pk,
            "tags": "",
        },
    )


def test_images_go_into_the_own_districts_collection_only(as_editor, editorial):
    own = Collection.objects.get(name="San Salvario")
    other = Collection.objects.get(name="Mirafiori Sud")
    Image = get_image_model()

    upload(as_editor, other)
    assert not Image.objects.filter(collection=other).exists()

    response = upload(as_editor, own)
    assert response.status_code == 302
    assert Image.objects.filter(collection=own, title="Foto della festa").exists()


def test_another_districts_house_cannot_be_changed(as_editor, client, editorial, sara):
    """Houses and Community Managers: editors read them; managers change their own only."""
    house_url = "wagtailsnippets_districts_neighbourhoodhouse:edit"
    assert refused(as_editor.get(reverse(house_url, args=[editorial.ss.house.pk])))
    client.force_login(sara)
    assert client.get(reverse(house_url, args=[editorial.ss.house.pk])).status_code == 200
    assert refused(client.get(reverse(house_url, args=[editorial.ms.house.pk])))


def test_documents_go_into_the_own_districts_collection_only(as_editor, editorial):
    from wagtail.documents import get_document_model

    Document = get_document_model()
    for name in ("Mirafiori Sud", "San Salvario"):
        as_editor.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Volantino",
                "file": SimpleUploadedFile("volantino.pdf", b"%PDF-1.4 volantino"),
                "collection": Collection.objects.get(name=name).pk,
                "tags": "",
            },
        )
    # With one collection allowed, Wagtail files everything there, whatever the form says.
    assert set(Document.objects.values_list("collection__name", flat=True)) == {"San Salvario"}
