"""Previewing a draft "As in the app": the admin's preview gives a token, the API serves that
draft with it and never without it (portal/core/preview.py, portal/api/preview.py)."""

import html
import re
import time
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.editorial.conftest import client_for
from tests.factories import (
    CalendarPageFactory,
    EventPageFactory,
    InitiativePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ProposalFormPageFactory,
)

PAGE_TYPES = [
    "home.HomePage",
    "districts.DistrictPage",
    "districts.ProposalFormPage",
    "initiatives.InitiativePage",
    "initiatives.EventPage",
    "initiatives.CalendarPage",
    "districts.NewsIndexPage",
    "districts.NewsPage",
]


def page_of_type(editorial, label):
    district = editorial.ss
    return {
        "home.HomePage": lambda: district.get_parent().specific,
        "districts.DistrictPage": lambda: district,
        "districts.ProposalFormPage": lambda: ProposalFormPageFactory(parent=district),
        "initiatives.InitiativePage": lambda: InitiativePageFactory(parent=district, title="Doposcuola"),
        "initiatives.EventPage": lambda: EventPageFactory(parent=district, title="Cena di quartiere"),
        "initiatives.CalendarPage": lambda: CalendarPageFactory(parent=district),
        "districts.NewsIndexPage": lambda: NewsIndexPageFactory(parent=district),
        "districts.NewsPage": lambda: NewsPageFactory(parent=NewsIndexPageFactory(parent=district)),
    }[label]()


def save_draft(page, user, title):
    """A draft revision with a new title, as the editor's "Save draft" leaves it."""
    page = type(page).objects.get(pk=page.pk)
    page.title = title
    return page.save_revision(user=user)


def preview_as_app(client, page, revision):
    """The admin's preview of `revision` in the mode "As in the app"."""
    url = reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk])
    return client.get(url, {"mode": "app"})


def issued(response):
    """(token, the API address the app opens) from the preview's HTML."""
    content = response.content.decode()
    token = html.unescape(re.search(r'id="app-preview-token">([^<]+)<', content).group(1))
    address = html.unescape(re.search(r'href="([^"]+)" id="app-preview-url"', content).group(1))
    parts = urlsplit(address)
    return token, f"{parts.path}?{parts.query}"


def draft_absent_everywhere(page, title):
    """The draft's title is nowhere in the public API: listings, detail, find, occurrences."""
    anonymous = Client()
    answers = [
        anonymous.get("/api/v2/pages/", {"limit": 100}),
        anonymous.get("/api/v2/pages/", {"search": title.split()[0]}),
        anonymous.get("/api/v2/pages/", {"type": page.specific_class._meta.label, "fields": "*"}),
        anonymous.get(f"/api/v2/pages/{page.pk}/"),
        anonymous.get("/api/v2/pages/find/", {"html_path": page.url or "/"}, follow=True),
        anonymous.get("/api/v2/occurrences/", {"limit": 100}),
    ]
    for answer in answers:
        assert answer.status_code in (200, 404), answer.content
        assert title not in answer.content.decode()


@pytest.mark.parametrize("label", PAGE_TYPES)
def test_every_page_type_previews_as_in_the_app(client, editorial, superuser, label):
    page = page_of_type(editorial, label)
    assert page.specific_class._meta.label == label
    with translation.override("en"):
        assert ("app", "As in the app") in [(name, str(text)) for name, text in page.specific.preview_modes]
    revision = save_draft(page, superuser, "Bozza segreta dell'anteprima")

    response = preview_as_app(client_for(client, superuser), page, revision)

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    content = response.content.decode()
    assert "<script" not in content and "https://cdn" not in content
    assert "Bozza segreta" in content  # the JSON the API would give, on the page
    token, address = issued(response)
    assert address.startswith("/api/v2/pages/preview/?token=")

    answer = Client().get(address)
    assert answer.status_code == 200, answer.content
    data = answer.json()
    assert data["id"] == page.pk
    assert data["title"] == "Bozza segreta dell'anteprima"
    assert data["meta"]["type"] == label
    assert answer["Cache-Control"] == "private, no-store"
    assert not answer.has_header("ETag")

    draft_absent_everywhere(page, "Bozza segreta dell'anteprima")


def test_the_preview_answer_is_the_detail_of_the_published_draft(client, editorial, superuser):
    """Built by the pages endpoint's own serializer: once published, the detail says the same."""
    page = EventPageFactory(parent=editorial.ss, title="Festa in piazza")
    revision = save_draft(page, superuser, "Festa in piazza Madama Cristina")
    _token, address = issued(preview_as_app(client_for(client, superuser), page, revision))
    previewed = Client().get(address).json()

    revision.publish()
    published = Client().get(f"/api/v2/pages/{page.pk}/").json()

    assert previewed["title"] == published["title"] == "Festa in piazza Madama Cristina"
    assert previewed.keys() == published.keys()
    assert previewed["start"] == published["start"]
    assert previewed["meta"]["html_url"] == published["meta"]["html_url"]


def test_an_editor_of_the_district_gets_a_token(client, editorial, editor):
    page = InitiativePageFactory(parent=editorial.ss, title="Sportello casa")
    revision = save_draft(page, editor, "Sportello casa e lavoro")
    response = preview_as_app(client_for(client, editor), page, revision)
    assert response.status_code == 200
    _token, address = issued(response)
    assert Client().get(address).json()["title"] == "Sportello casa e lavoro"


def test_someone_who_may_not_edit_the_page_gets_no_token(client, editorial, superuser, imma):
    page = InitiativePageFactory(parent=editorial.ss, title="Sportello casa")
    revision = save_draft(page, superuser, "Sportello casa riservato")
    response = preview_as_app(client_for(client, imma), page, revision)
    assert response.status_code in (302, 403)
    assert b"app-preview-token" not in response.content


def test_a_draft_never_published_is_served_only_with_its_token(client, editorial, superuser):
    page = EventPageFactory(parent=editorial.ss, title="Laboratorio di ceramica", publish=False)
    revision = save_draft(page, superuser, "Laboratorio di ceramica per bambini")
    _token, address = issued(preview_as_app(client_for(client, superuser), page, revision))

    assert Client().get(address).json()["title"] == "Laboratorio di ceramica per bambini"
    assert Client().get(f"/api/v2/pages/{page.pk}/").status_code == 404
    draft_absent_everywhere(page, "Laboratorio di ceramica")


@pytest.fixture
def previewed(client, editorial, superuser):
    page = EventPageFactory(parent=editorial.ss, title="Cinema all'aperto")
    revision = save_draft(page, superuser, "Cinema all'aperto, la bozza")
    token, address = issued(preview_as_app(client_for(client, superuser), page, revision))
    return page, token, address


def test_without_a_token_no_draft(previewed):
    page, token, _address = previewed
    anonymous = Client()
    answer = anonymous.get("/api/v2/pages/preview/")
    assert answer.status_code == 400
    assert "token" in answer.json()["message"]
    # The token works on the preview route only: elsewhere it is an unknown parameter.
    for url in (f"/api/v2/pages/{page.pk}/", "/api/v2/pages/"):
        answer = anonymous.get(url, {"token": token})
        assert answer.status_code == 400
        assert "bozza" not in answer.content.decode()
    draft_absent_everywhere(page, "la bozza")


def test_a_tampered_token_is_refused(previewed):
    page, token, _address = previewed
    claims = signing.loads(token, salt="portal.core.preview")
    other = signing.dumps({**claims, "page": page.pk + 1}, salt="portal.core.preview", key="not-our-secret")
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), other, "nonsense", token + "x"):
        answer = Client().get("/api/v2/pages/preview/", {"token": bad})
        assert answer.status_code == 400, bad
        assert answer.json() == {"message": "invalid preview token"}


def test_a_token_naming_another_snapshot_is_refused(previewed, client, superuser):
    """Signed by the portal but with claims that do not match what the key holds."""
    page, token, _address = previewed
    claims = signing.loads(token, salt="portal.core.preview")
    forged = signing.dumps({**claims, "page": page.get_parent().pk}, salt="portal.core.preview")
    answer = Client().get("/api/v2/pages/preview/", {"token": forged})
    assert answer.status_code == 400
    assert "bozza" not in answer.content.decode()


def test_an_expired_token_shows_no_draft(previewed, monkeypatch, settings):
    _page, _token, address = previewed
    later = time.time() + settings.API_PREVIEW_SECONDS + 5
    monkeypatch.setattr(time, "time", lambda: later)
    answer = Client().get(address)
    assert answer.status_code == 400
    assert "expired" in answer.json()["message"]
    assert "bozza" not in answer.content.decode()


def test_a_shorter_lifetime_applies_to_tokens_already_issued(previewed, settings):
    _page, _token, address = previewed
    settings.API_PREVIEW_SECONDS = -1
    answer = Client().get(address)
    assert answer.status_code == 400
    assert "expired" in answer.json()["message"]


def test_a_valid_token_whose_snapshot_is_gone_is_a_404(previewed):
    from django.core.cache import caches

    _page, _token, address = previewed
    caches["shared"].clear()
    answer = Client().get(address)
    assert answer.status_code == 404
    assert answer.json() == {"message": "not found"}


def test_a_token_with_another_parameter_is_refused(previewed):
    _page, token, _address = previewed
    answer = Client().get("/api/v2/pages/preview/", {"token": token, "fields": "*"})
    assert answer.status_code == 400
    assert "fields" in answer.json()["message"]


def test_a_conditional_request_never_matches_the_preview(previewed):
    _page, _token, address = previewed
    public = Client().get("/api/v2/pages/")
    answer = Client().get(address, HTTP_IF_NONE_MATCH=public["ETag"])
    assert answer.status_code == 200
    assert not answer.has_header("ETag")


def test_the_preview_route_is_declared():
    from portal.api.pages import PagesAPIViewSet

    operation = PagesAPIViewSet.openapi_paths()["/pages/preview/"]["get"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/PageItem"
    }
    assert {"400", "404"} <= operation["responses"].keys()
    assert [parameter["name"] for parameter in operation["parameters"]] == ["token"]
