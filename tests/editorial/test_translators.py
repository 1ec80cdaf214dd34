"""Translators submit pages for translation with wagtail-localize and translate them."""

import pytest
from django.urls import reverse

from tests.factories import EventPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_translator_submits_and_opens_a_translation(client, editorial):
    from wagtail_localize.models import Translation

    translator = UserFactory(username="traduttrice", groups=["Translators"])
    event = EventPageFactory(parent=editorial.ss, title="Cena dal mondo")
    client.force_login(translator)
    url = reverse("wagtail_localize:submit_page_translation", args=[event.id])
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [editorial.en.pk]})
    assert response.status_code == 302
    translation = Translation.objects.get(target_locale=editorial.en)
    target = translation.get_target_instance()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[target.id])).status_code == 200


def test_editors_do_not_submit_translations(client, editor, editorial):
    event = EventPageFactory(parent=editorial.ss)
    client.force_login(editor)
    url = reverse("wagtail_localize:submit_page_translation", args=[event.id])
    assert client.get(url).status_code in (302, 403)
