"""The Community Managers' view of following (districts/follow/admin_views.py, figures.py): the
Followers report under Reports and the dashboard panel. Each manager sees the figures of their
own districts, superusers every district, nobody an address; others are refused."""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from districts.dashboard import FollowersPanel
from districts.follow import figures
from districts.models import Delivery
from tests.editorial import conftest as people
from tests.editorial.conftest import client_for
from tests.editorial.test_district_permissions import refused
from tests.factories import DeviceFollowerFactory, FollowerFactory

pytestmark = pytest.mark.django_db

# The districts and people of the editorial tests (tests/editorial/conftest.py), fixtures here too.
editorial, editor, sara, imma, translator, superuser = (
    people.editorial,
    people.editor,
    people.sara,
    people.imma,
    people.translator,
    people.superuser,
)

REPORT = reverse("districts_follow_report")


@pytest.fixture
def following(editorial):
    """San Salvario: 2 e-mail followers (one without the digest), 1 device, 1 unconfirmed;
    Mirafiori Sud: 1 e-mail follower; both: 1; every district: 1 e-mail follower, 1 device."""
    ss, ms = str(editorial.ss.translation_key), str(editorial.ms.translation_key)
    FollowerFactory(districts=[ss], email="mario@example.org")
    FollowerFactory(districts=[ss], weekly_digest=False)
    DeviceFollowerFactory(districts=[ss])
    FollowerFactory(districts=[ss], confirmed_at=None, email="nuovo@example.org")
    FollowerFactory(districts=[ms], email="imma.resident@example.org")
    FollowerFactory(districts=[ss, ms])
    FollowerFactory(districts=[])
    DeviceFollowerFactory(districts=[])
    follower = FollowerFactory(districts=[ss, ms], email="other@example.org")
    now = timezone.now()

    def delivery(kind, status, districts, key, ago=1, error=""):
        return Delivery.objects.create(
            follower=follower,
            channel="email",
            kind=kind,
            status=status,
            districts=districts,
            dedupe_key=key,
            created_at=now - datetime.timedelta(days=ago),
            sent_at=now - datetime.timedelta(days=ago) if status == "sent" else None,
            error=error,
        )

    delivery("digest", "sent", [ss], "digest-ss")
    delivery("digest", "sent", [ms], "digest-ms")
    delivery("digest", "sent", [], "digest-all")
    delivery(
        "alert", "failed", [ss], "alert-ss", error="550 5.1.1 <mario@example.org>: Recipient address rejected"
    )
    delivery("alert", "gone", [ms], "alert-ms", error="410 https://push.example.net/secret-token gone")
    delivery("digest", "sent", [ss], "digest-ss-old", ago=40)
    return editorial


def test_a_manager_sees_only_the_figures_of_their_districts(
    client, following, sara, django_assert_num_queries
):
    client = client_for(client, sara)
    client.get(REPORT)  # warm the content types and the session
    with django_assert_num_queries(16):
        response = client.get(REPORT)
    assert response.status_code == 200
    followers = {row.title or "all": row for row in response.context["followers"]}
    assert list(followers) == ["San Salvario", "all"]
    ss = followers["San Salvario"]
    assert (ss.email, ss.devices, ss.digest, ss.alerts, ss.pending) == (4, 1, 3, 5, 1)
    everywhere = followers["all"]
    assert (everywhere.email, everywhere.devices, everywhere.pending) == (1, 1, 0)
    assert response.context["total"] == 7  # each counted once
    sent = {entry.title or "portal": entry.counts for entry in response.context["sent"]}
    assert sent == {
        "San Salvario": {"digest": {"sent": 1}, "alert": {"failed": 1}},
        "portal": {"digest": {"sent": 1}},
    }
    (failure,) = response.context["failures"]
    assert failure["districts"] == ["San Salvario"]
    content = response.content.decode()
    assert "Mirafiori Sud" not in content
    assert "Recipient address rejected" in content
    assert "Al massimo gli ultimi 20 invii non riusciti." in content
    assert "Inviati negli ultimi 30 giorni" in content
    for address in ("mario@example.org", "nuovo@example.org", "other@example.org"):
        assert address not in content


def test_the_query_count_does_not_grow_with_followers_and_deliveries(
    client, following, superuser, django_assert_num_queries
):
    client = client_for(client, superuser)
    client.get(REPORT)
    with django_assert_num_queries(12) as captured:
        client.get(REPORT)
    FollowerFactory.create_batch(5, districts=[str(following.ms.translation_key)])
    with django_assert_num_queries(len(captured)):
        client.get(REPORT)


def test_a_superuser_sees_every_district_and_no_address(client, following, superuser):
    response = client_for(client, superuser).get(REPORT)
    assert response.status_code == 200
    titles = [row.title for row in response.context["followers"]]
    assert titles == ["Mirafiori Sud", "San Salvario", None]
    ms = response.context["followers"][0]
    assert (ms.email, ms.devices) == (3, 0)
    assert response.context["total"] == 8
    errors = sorted(failure["error"] for failure in response.context["failures"])
    assert errors == ["410 [URL] gone", "550 5.1.1 <[address]>: Recipient address rejected"]
    content = response.content.decode()
    assert "secret-token" not in content and "mario@example.org" not in content
    assert "imma.resident@example.org" not in content


def test_imma_sees_mirafiori_only(client, following, imma):
    response = client_for(client, imma).get(REPORT)
    assert [row.title for row in response.context["followers"]] == ["Mirafiori Sud", None]
    assert "San Salvario" not in response.content.decode()


@pytest.mark.parametrize("person", ["editor", "translator"])
def test_editors_and_translators_are_refused(client, following, person, request):
    user = request.getfixturevalue(person)
    response = client_for(client, user).get(REPORT)
    assert refused(response)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert REPORT not in home  # neither the menu item nor the panel


def test_anonymous_visitors_are_sent_to_sign_in(client, following):
    response = client.get(REPORT)
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_the_report_is_in_the_reports_menu_of_managers(client, following, sara):
    content = client_for(client, sara).get(reverse("wagtailadmin_home")).content.decode()
    assert REPORT in content


def test_an_empty_report_says_so(client, editorial, sara):
    response = client_for(client, sara).get(REPORT)
    content = response.content.decode()
    # In Italian, the admin's language here.
    assert "Non è stato inviato nulla negli ultimi 30 giorni." in content
    assert "Nessun invio non riuscito negli ultimi 30 giorni." in content
    assert "Non è ancora stato inviato alcun riepilogo settimanale." in content
    assert "Tutti i quartieri: residenti che seguono ogni quartiere" in content


def test_the_dashboard_panel_of_a_manager(following, sara, django_assert_num_queries):
    request = RequestFactory().get("/admin/")
    request.user = sara
    FollowersPanel(request).render_html({})  # warm the content types
    with django_assert_num_queries(3):
        html = FollowersPanel(request).render_html({})
    assert "Residenti che seguono i tuoi quartieri (ciascuno contato una volta): 7" in html
    assert "Invii non riusciti negli ultimi 30 giorni: 1" in html
    assert "Ultimo riepilogo settimanale inviato:" in html
    assert REPORT in html


def test_the_dashboard_panel_is_not_shown_to_editors(following, editor):
    request = RequestFactory().get("/admin/")
    request.user = editor
    assert FollowersPanel(request).render_html({}) == ""


def test_errors_are_masked():
    assert figures.masked("<a.b+c@example.org> refused by https://fcm.googleapis.com/x?y=1") == (
        "<[address]> refused by [URL]"
    )
