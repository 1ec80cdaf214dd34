"""Sign-in throttling through real requests: every login form, per account and client address,
the page and document password forms, the lockout page (portal/signin.py, django-axes).
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

pytestmark = pytest.mark.django_db

PASSWORD = "a-correct-horse-battery"
ATTACKER = "203.0.113.9"
ELSEWHERE = "198.51.100.20"
PROXY = "10.0.0.1"
LIMIT = 3


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.LOGIN_FAILURE_LIMIT = LIMIT
    settings.LOGIN_FAILURE_WINDOW = 900


@pytest.fixture
def staff(django_user_model):
    return {
        name: django_user_model.objects.create_user(name, password=PASSWORD, is_superuser=True)
        for name in ("sara", "imma")
    }


def admin_login():
    return reverse("wagtailadmin_login")


def front_end_login(language="it"):
    """Wagtail's front-end login (/<lang>/_util/login/), which signs staff into the admin too."""
    with translation.override(language):
        return reverse("wagtailcore_login")


def sign_in(client, url, username, password):
    return client.post(url, {"username": username, "password": password})


def assert_lockout_page(response, *, language, text):
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 900
    assert "no-cache" in response["Cache-Control"]
    assert response["X-Frame-Options"] == "DENY"  # the header middleware wraps axes' answer
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert "<h1>" in html and '<main id="main-content"' in html
    assert text in html


@pytest.mark.parametrize("login", [admin_login, front_end_login], ids=["admin", "front-end"])
def test_wrong_passwords_lock_that_account_from_that_client_only(login, staff):
    url = login()
    attacker = Client(REMOTE_ADDR=ATTACKER, HTTP_ACCEPT_LANGUAGE="en")
    for _ in range(LIMIT - 1):
        assert sign_in(attacker, url, "sara", "wrong").status_code == 200  # the form, with its error
    locked = sign_in(attacker, url, "sara", "wrong")
    assert locked.status_code == 429
    # Locked: even the right password is refused from that client.
    assert sign_in(attacker, url, "sara", PASSWORD).status_code == 429

    # Sara from her own address, and another member of staff, are not locked out.
    assert sign_in(Client(REMOTE_ADDR=ELSEWHERE), url, "sara", PASSWORD).status_code == 302
    assert sign_in(Client(REMOTE_ADDR=ELSEWHERE), url, "imma", PASSWORD).status_code == 302
    assert sign_in(Client(REMOTE_ADDR=ATTACKER), url, "imma", PASSWORD).status_code == 302


@pytest.mark.parametrize("login", [admin_login, front_end_login], ids=["admin", "front-end"])
@pytest.mark.parametrize(
    "username",
    ["sa\x00ra", "x" * 10_000, "", "<script>alert(1)</script>"],
    ids=["nul", "long", "empty", "markup"],
)
def test_hostile_user_names_get_the_form_again(login, username, staff):
    hostile = Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="\x00, ::1, garbage")
    response = sign_in(hostile, login(), username, "wrong\x00")
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_failures_on_both_login_forms_add_up(staff):
    attacker = Client(REMOTE_ADDR=ATTACKER)
    assert sign_in(attacker, admin_login(), "sara", "wrong").status_code == 200
    assert sign_in(attacker, front_end_login(), "sara", "wrong").status_code == 200
    assert sign_in(attacker, admin_login(), "sara", "wrong").status_code == 429
    assert sign_in(attacker, front_end_login("en"), "sara", PASSWORD).status_code == 429


def test_the_lockout_page_speaks_the_readers_language():
    english = Client(REMOTE_ADDR=ATTACKER, HTTP_ACCEPT_LANGUAGE="en")
    for _ in range(LIMIT):
        response = sign_in(english, admin_login(), "nobody", "wrong")
    assert_lockout_page(
        response,
        language="en",
        text="Too many failed sign-in attempts. Please wait 15 minutes and try again.",
    )
    italian = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(LIMIT):
        response = sign_in(italian, front_end_login("it"), "nessuno", "sbagliata")
    assert_lockout_page(response, language="it", text="Troppi tentativi di accesso non riusciti.")


def test_a_successful_sign_in_clears_the_count(staff):
    sara = Client(REMOTE_ADDR=ELSEWHERE)
    for _ in range(LIMIT - 1):
        sign_in(sara, admin_login(), "sara", "wrong")
    assert sign_in(sara, admin_login(), "sara", PASSWORD).status_code == 302
    sara.logout()
    for _ in range(LIMIT - 1):
        assert sign_in(sara, admin_login(), "sara", "wrong").status_code == 200


def test_the_lock_lifts_after_the_window_and_nothing_piles_up(staff):
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(LIMIT):
        sign_in(attacker, admin_login(), "sara", "wrong")
    assert sign_in(attacker, admin_login(), "sara", PASSWORD).status_code == 429
    # Fifteen minutes without another try.
    last_failure = AccessAttempt.objects.get().attempt_time
    AccessAttempt.objects.update(attempt_time=last_failure - timedelta(seconds=901))
    assert sign_in(attacker, admin_login(), "sara", PASSWORD).status_code == 302
    # Expired attempts are deleted; successful sign-ins and failures leave no log behind.
    assert not AccessAttempt.objects.exists()
    assert not AccessLog.objects.exists()
    assert not AccessFailureLog.objects.exists()


def test_forwarded_for_is_ignored_without_a_trusted_proxy(staff, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for number in range(LIMIT):
        forged = Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
        response = sign_in(forged, admin_login(), "sara", "wrong")
    assert response.status_code == 429


def test_behind_a_trusted_proxy_only_the_trusted_hop_counts(staff, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(LIMIT):
        # The attacker changes the part of the header it writes itself; the proxy appends
        # the address it really sees.
        attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, {ATTACKER}")
        response = sign_in(attacker, admin_login(), "sara", "wrong")
    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == ATTACKER
    # Sara reaches the site through the same proxy, from another address.
    sara = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ELSEWHERE)
    assert sign_in(sara, admin_login(), "sara", PASSWORD).status_code == 302


# --- The password forms of protected pages and documents ----------------------------------


@pytest.fixture
def protected_page(district):
    restriction = PageViewRestriction.objects.create(
        page=district,
        restriction_type=PageViewRestriction.PASSWORD,
        password="quartiere-segreto",  # noqa: S106 (a test page's password)
    )
    with translation.override("it"):
        url = reverse("wagtailcore_authenticate_with_password", args=[restriction.id, district.id])
    return district, url


def wrong_passwords_message(language):
    with translation.override(language):
        message = gettext("Too many wrong passwords. Please wait %(minutes)d minutes and try again.")
    return message % {"minutes": 15}


def try_password(client, url, password, return_url="/"):
    return client.post(url, {"password": password, "return_url": return_url})


def test_the_page_password_form_is_throttled_per_client_and_page(protected_page):
    page, url = protected_page
    assert Client().get(page.url).status_code == 200  # the password form, not the page
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(LIMIT - 1):
        answer = try_password(attacker, url, "indovino")
        assert answer.status_code == 200
        assert "password" in answer.content.decode().lower()
    locked = try_password(attacker, url, "indovino")
    assert_lockout_page(locked, language="it", text=wrong_passwords_message("it"))
    # The right password is no longer even compared from that client…
    assert try_password(attacker, url, "quartiere-segreto", page.url).status_code == 429
    # …while a resident elsewhere gets in.
    resident = Client(REMOTE_ADDR=ELSEWHERE)
    assert try_password(resident, url, "quartiere-segreto", page.url).status_code == 302
    assert "San Salvario" in resident.get(page.url).content.decode()


def test_page_password_failures_do_not_lock_the_staff_accounts(protected_page, staff):
    _page, url = protected_page
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(LIMIT):
        try_password(attacker, url, "indovino")
    assert sign_in(attacker, admin_login(), "sara", PASSWORD).status_code == 302


def test_the_document_collection_password_form_is_throttled(db):
    collection = Collection.get_first_root_node().add_child(name="Verbali")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="verbali-2026",  # noqa: S106 (a test collection's password)
    )
    url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.id])
    attacker = Client(REMOTE_ADDR=ATTACKER, HTTP_ACCEPT_LANGUAGE="en")
    for _ in range(LIMIT - 1):
        assert try_password(attacker, url, "indovino").status_code == 200
    assert_lockout_page(
        try_password(attacker, url, "indovino"),
        language="en",
        text=wrong_passwords_message("en"),
    )
    assert try_password(Client(REMOTE_ADDR=ELSEWHERE), url, "verbali-2026").status_code == 302


def test_hostile_page_password_posts_get_the_form_or_a_404(protected_page):
    page, url = protected_page
    hostile = Client(REMOTE_ADDR=ATTACKER)
    assert hostile.post(url, {}).status_code == 200
    assert try_password(hostile, url, "quartiere\x00segreto", "javascript:alert(1)").status_code == 200
    assert try_password(hostile, url, "x" * 100_000).status_code == 429  # each counted
    with translation.override("it"):
        missing = reverse("wagtailcore_authenticate_with_password", args=[999_999, page.id])
    assert try_password(Client(REMOTE_ADDR=ELSEWHERE), missing, "x").status_code == 404
