"""Subscribing on the site: the form, the confirmation e-mail through a real SMTP server, the
double opt-in, and every bad input answered without a 500."""

import datetime
import re
import time

import pytest
from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.test import Client
from django.utils import timezone

from districts.follow import subscribe
from districts.follow.links import CONFIRM_SALT, confirmation_token
from districts.models import Delivery, Follower
from tests.factories import CategoryFactory, FollowerFactory

pytestmark = pytest.mark.django_db

URL = "/it/follow/"


@pytest.fixture(autouse=True)
def _empty_limits():
    caches["shared"].clear()
    yield
    caches["shared"].clear()


def form_data(**overrides):
    data = {
        "email": "giulia@example.org",
        "language": "it",
        "weekly_digest": "on",
        "alerts": "on",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def link_in(text):
    match = re.search(r"http://testserver(/\S+/follow/confirm/\S+/)", text)
    assert match, text
    return match.group(1)


def test_the_form_ticks_the_district_of_the_link_and_is_never_cached(client, district, page_cache):
    url = f"{URL}?district={district.translation_key}"
    client.get(url)  # the directory and the chrome's fragments built once
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(rf'<input[^>]*value="{district.translation_key}"[^>]*checked', html)
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert re.search(r'<input[^>]*name="consent"[^>]*required', html)
    assert response["Cache-Control"] == "private, no-store"
    assert "X-Cache" not in response


def test_the_form_page_costs_few_queries(client, district, django_assert_num_queries):
    client.get(URL)  # the directory and the chrome built once
    # The request's site and the content version; the choices come from the directory.
    with django_assert_num_queries(2):
        assert client.get(f"{URL}?district={district.translation_key}").status_code == 200


def test_the_district_page_and_the_footer_lead_to_the_form(client, district):
    html = client.get(district.url).content.decode()
    assert f'href="/it/follow/?district={district.translation_key}"' in html
    assert 'href="/it/follow/"' in html


def test_an_unknown_district_in_the_link_is_ignored(client, district):
    assert client.get(f"{URL}?district=nonsense").status_code == 200


def test_subscribe_confirm_in_french_through_a_real_smtp_server(client, district, smtp_server):
    response = client.post("/fr/follow/", form_data(language="fr", districts=str(district.translation_key)))
    assert response.status_code == 302 and response["Location"] == "/fr/follow/sent/"
    assert client.get(response["Location"]).status_code == 200
    follower = Follower.objects.get()
    assert follower.confirmed_at is None and follower.kind == "email"
    assert follower.districts == [str(district.translation_key)]
    assert "Quartieri" in follower.consent_text and follower.consent_text == follower.consent_text.strip()
    assert "J’accepte" in follower.consent_text or "J'accepte" in follower.consent_text  # as shown: French

    message = smtp_server.only_message(to="giulia@example.org")
    assert "List-Unsubscribe" not in message
    assert message["Content-Language"] == "fr"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Bonjour" in text and 'lang="fr"' in html and 'dir="ltr"' in html
    link = link_in(text)
    assert link.startswith("/fr/follow/confirm/")
    assert Delivery.objects.get().kind == Delivery.Kind.CONFIRMATION

    # Opening the link (as a mail scanner would) confirms nothing: the button does.
    page = client.get(link)
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    follower.refresh_from_db()
    assert follower.confirmed_at is None
    done = client.post(link)
    assert done.status_code == 200
    follower.refresh_from_db()
    assert follower.confirmed_at is not None


def test_the_confirmation_in_arabic_is_right_to_left(client, smtp_server, home):
    client.post("/ar/follow/", form_data(language="ar"))
    message = smtp_server.only_message()
    html = message.get_body(("html",)).get_content()
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert "مرحب" in message.get_body(("plain",)).get_content()


def test_bad_input_is_a_form_error(client, home):
    CategoryFactory(slug="corsi")
    cases = [
        form_data(email="not an address"),
        form_data(districts="not-a-district"),
        form_data(categories="nothing-of-the-kind"),
        form_data(language="xx"),
        form_data(weekly_digest=None, alerts=None),
        form_data(consent=None),
        form_data(email="\x00@example.org"),
    ]
    for data in cases:
        response = client.post(URL, data)
        assert response.status_code == 200, data
        assert 'class="error-summary"' in response.content.decode(), data
    assert not Follower.objects.exists()


def test_an_address_already_subscribed_is_not_revealed(client, home, smtp_server):
    confirmed = FollowerFactory(email="known@example.org")
    unknown = client.post(URL, form_data(email="new@example.org"))
    known = client.post(URL, form_data(email="KNOWN@example.org", language="en"))
    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    confirmed.refresh_from_db()
    assert confirmed.language == "it"  # nothing changed by the form
    text = smtp_server.only_message(to="known@example.org").get_body(("plain",)).get_content()
    assert f"/it/follow/manage/{confirmed.key}/" in text
    assert "/follow/confirm/" not in text


def test_an_unconfirmed_address_is_sent_again_at_most_once_in_a_few_minutes(client, home, smtp_server, clock):
    start = timezone.now()
    clock.set(start)
    client.post(URL, form_data())
    client.post(URL, form_data())
    assert len(smtp_server.messages()) == 1
    clock.set(start + subscribe.RESEND_AFTER + datetime.timedelta(seconds=1))
    client.post(URL, form_data())
    assert len(smtp_server.messages()) == 2
    assert Follower.objects.count() == 1


def test_the_honeypot_answers_as_if_it_had_worked(client, home, mailoutbox):
    response = client.post(URL, form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not Follower.objects.exists() and not mailoutbox


def test_too_many_subscriptions_from_one_address_get_a_friendly_429(client, home):
    for number in range(subscribe.RATE_LIMIT):
        assert client.post(URL, form_data(email=f"r{number}@example.org")).status_code == 302
    response = client.post(URL, form_data(email="one-more@example.org"))
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "<h1>" in response.content.decode()


class SignedLongAgo(signing.TimestampSigner):
    """Signs as if it were FOLLOW_UNCONFIRMED_DAYS and one more day ago."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - (settings.FOLLOW_UNCONFIRMED_DAYS + 1) * 86400)


def test_a_tampered_or_expired_link_is_a_400_and_a_purged_one_a_404(client, home):
    follower = FollowerFactory(confirmed_at=None)
    token = confirmation_token(follower)
    assert client.get(f"/it/follow/confirm/{token}x/").status_code == 400
    assert client.post(f"/it/follow/confirm/{token}x/").status_code == 400
    assert client.get("/it/follow/confirm/nonsense/").status_code == 400
    expired = SignedLongAgo(salt=CONFIRM_SALT).sign(follower.key)
    assert client.get(f"/it/follow/confirm/{expired}/").status_code == 400
    assert client.post(f"/it/follow/confirm/{expired}/").status_code == 400
    follower.refresh_from_db()
    assert follower.confirmed_at is None
    follower.delete()
    assert client.get(f"/it/follow/confirm/{token}/").status_code == 404


def test_csrf_protects_the_form(home):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(URL, form_data()).status_code == 403
    assert not Follower.objects.exists()
