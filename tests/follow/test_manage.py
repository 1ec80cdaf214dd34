"""A follower's own pages: the choices edited, and the one-click unsubscribe of RFC 8058 that a
mail client sends without a CSRF token."""

import re

import pytest
from django.test import Client

from districts.follow import mail
from districts.models import Delivery, Follower
from tests.factories import AudienceFactory, FollowerFactory

pytestmark = pytest.mark.django_db


def test_manage_shows_the_choices_and_the_consent_and_saves_changes(client, district, other_district):
    AudienceFactory(slug="famiglie", name="Famiglie")
    follower = FollowerFactory(districts=[str(district.translation_key)])
    url = f"/it/follow/manage/{follower.key}/"
    page = client.get(url)
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    html = page.content.decode()
    assert follower.consent_text in html and '<meta name="robots" content="noindex">' in html
    assert f"/it/follow/export/{follower.key}/" in html and f"/it/follow/erase/{follower.key}/" in html

    saved = client.post(
        url,
        {
            "districts": [str(other_district.translation_key)],
            "audiences": ["famiglie"],
            "language": "fr",
            "alerts": "on",
        },
    )
    assert saved.status_code == 200 and 'role="status"' in saved.content.decode()
    follower.refresh_from_db()
    assert follower.districts == [str(other_district.translation_key)]
    assert follower.audiences == ["famiglie"] and follower.language == "fr"
    assert follower.alerts and not follower.weekly_digest


def test_manage_bad_input_is_a_form_error_and_changes_nothing(client, home):
    follower = FollowerFactory()
    for data in ({"language": "it"}, {"language": "it", "alerts": "on", "districts": ["nope"]}, {}):
        response = client.post(f"/it/follow/manage/{follower.key}/", data)
        assert response.status_code == 200 and 'class="error-summary"' in response.content.decode()
    follower.refresh_from_db()
    assert follower.weekly_digest and follower.alerts and follower.districts == []


@pytest.mark.parametrize("name", ["manage", "unsubscribe", "export", "erase"])
def test_an_unknown_key_is_a_404(client, home, name):
    assert client.get(f"/it/follow/{name}/not-a-key/").status_code == 404
    assert Client(enforce_csrf_checks=True).post(f"/it/follow/{name}/not-a-key/").status_code in (
        403,
        404,
        405,
    )


def test_one_click_unsubscribe_from_the_headers_of_a_real_message(home, smtp_server):
    follower = FollowerFactory(email="lettrice@example.org", language="en")
    mail.message(follower, "This week", "districts/follow/emails/already_following").send()
    message = smtp_server.only_message(to="lettrice@example.org")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.search(r"<([^>]+)>", message["List-Unsubscribe"]).group(1)  # the header may be folded
    assert url == f"http://testserver/en/follow/unsubscribe/{follower.key}/"

    mail_client = Client(enforce_csrf_checks=True)  # no cookie, no token: a mail client
    response = mail_client.post(
        url.removeprefix("http://testserver"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert not Follower.objects.filter(pk=follower.pk).exists()
    # Again (a client retries): the key is gone, a 404, never a 500.
    assert (
        mail_client.post(
            url.removeprefix("http://testserver"),
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        ).status_code
        == 404
    )


def test_unsubscribe_asks_first_and_keeps_the_deliveries_without_the_address(client, home):
    follower = FollowerFactory()
    Delivery.objects.create(
        follower=follower, channel="email", kind="digest", dedupe_key="d:1", status="sent"
    )
    url = f"/it/follow/unsubscribe/{follower.key}/"
    page = client.get(url)
    assert page.status_code == 200 and "<form" in page.content.decode()
    assert Follower.objects.filter(pk=follower.pk).exists()
    assert client.post(url).status_code == 200
    assert not Follower.objects.exists()
    assert Delivery.objects.get().follower is None
