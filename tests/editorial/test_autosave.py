"""Autosave in the page editor (WAGTAIL_AUTOSAVE_INTERVAL): on, every 5 s rather than 0.5 s.

Wagtail's autosave posts the whole form with `Accept: application/json` (a normal submit asks
for HTML); while the form does not validate yet it is answered 400 with a JSON error code, by
design. tests/browser/conftest.py tells those expected answers from real errors by that header
and that code: these tests hold Wagtail to the contract the browser guard relies on.
"""

import json

import pytest
from django.urls import reverse

from initiatives.models import EventPage
from tests.factories import CategoryFactory
from tests.test_admin import event_form_data, next_saturday

pytestmark = pytest.mark.django_db
AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def add_event_url(editorial):
    return reverse("wagtailadmin_pages:add", args=["initiatives", "eventpage", editorial.ss.id])


@pytest.fixture
def luca(client, editor):
    client.force_login(editor)
    return client


def test_the_page_editor_autosaves_every_five_seconds(luca, add_event_url):
    html = luca.get(add_event_url).content.decode()
    assert 'data-controller="w-init w-unsaved w-autosave"' in " ".join(html.split())
    assert 'data-w-autosave-interval-value="5000"' in html


def form(**values):
    """The whole create form as the browser sends it (autosave posts every field), saved as a draft."""
    saturday = next_saturday()
    values = {"start": f"{saturday:%Y-%m-%d} 18:00", "end": f"{saturday:%Y-%m-%d} 20:00", **values}
    data = event_form_data(CategoryFactory(slug="culture", name="Eventi culturali"), **values)
    del data["action-publish"]
    return data


def test_an_autosave_of_a_half_filled_form_is_answered_400_with_a_validation_code(luca, add_event_url):
    half_filled = form(slug="circolo-di-lettura", summary="", start="", end="")
    response = luca.post(add_event_url, half_filled, **AUTOSAVE)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    answer = json.loads(response.content)
    assert (answer["success"], answer["error_code"]) == (False, "validation_error")
    # The same form sent by the editor's button is a page with the errors, never a 400.
    assert luca.post(add_event_url, half_filled).status_code == 200
    assert not EventPage.objects.filter(slug="circolo-di-lettura").exists()


def test_an_autosave_of_a_complete_form_keeps_a_draft(luca, add_event_url):
    response = luca.post(add_event_url, form(), **AUTOSAVE)
    assert response.status_code == 200, response.content
    answer = json.loads(response.content)
    event = EventPage.objects.get(slug="ciclofficina")
    assert answer["success"] and answer["url"] == reverse("wagtailadmin_pages:edit", args=[event.id])
    assert not event.live
