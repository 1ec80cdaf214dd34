"""Web Push end to end against a local push service (tests/support/push_service.py) that checks
the VAPID signature and decrypts the payload as a browser would: sending, endpoints gone, the
site's "notify me" endpoint, the service worker and the control on the district page."""

import json

import pytest
from django.core.management import call_command
from py_vapid import Vapid

from districts.follow.delivery import deliver
from districts.follow.notify import MAX_BODY
from districts.follow.push import send_to_follower, vapid_key
from districts.models import Delivery, Follower, PushEndpoint
from tests.factories import DeviceFollowerFactory
from tests.support.push_service import make_subscription

pytestmark = pytest.mark.django_db

PAYLOAD = {
    "title": "Chiusura straordinaria",
    "body": "La Casa del Quartiere è chiusa domani.",
    "url": "http://testserver/it/san-salvario/",
    "tag": "notice-1",
    "lang": "it",
    "dir": "ltr",
}


def endpoint_for(follower, subscription):
    return PushEndpoint.objects.create(
        follower=follower,
        endpoint=subscription["endpoint"],
        p256dh=subscription["keys"]["p256dh"],
        auth=subscription["keys"]["auth"],
    )


def test_a_notification_reaches_the_push_service_signed_and_encrypted(push_service, settings):
    follower = DeviceFollowerFactory()
    subscription, _key = make_subscription(push_service)
    endpoint_for(follower, subscription)

    sent = send_to_follower(follower, PAYLOAD)

    (received,) = push_service.requests(subscription)
    assert received.error == ""
    assert sent == 1
    assert received.claims["sub"] == settings.VAPID_SUBJECT
    assert received.claims["k"] == settings.VAPID_PUBLIC_KEY
    assert received.payload["title"] == PAYLOAD["title"]
    assert received.payload["body"] == PAYLOAD["body"]
    assert received.payload["url"] == PAYLOAD["url"]
    assert received.payload["lang"] == "it" and received.payload["dir"] == "ltr"
    assert received.payload["icon"].startswith("http://testserver/static/")
    assert PushEndpoint.objects.get().last_success_at is not None


def test_a_pem_private_key_signs_too(push_service, settings):
    settings.VAPID_PRIVATE_KEY = vapid_key(settings.VAPID_PRIVATE_KEY).private_pem().decode()
    follower = DeviceFollowerFactory()
    subscription, _key = make_subscription(push_service)
    endpoint_for(follower, subscription)
    send_to_follower(follower, PAYLOAD)
    assert push_service.payloads(subscription)[0]["title"] == PAYLOAD["title"]


@pytest.mark.parametrize("status", [404, 410])
def test_an_endpoint_gone_is_deleted_and_the_delivery_is_gone_when_none_is_left(push_service, status):
    follower = DeviceFollowerFactory()
    alive, _ = make_subscription(push_service)
    gone, _ = make_subscription(push_service)
    endpoint_for(follower, alive)
    endpoint_for(follower, gone)
    push_service.answer(gone, status)

    first = deliver(follower, "push", "alert", "alert:1", lambda: send_to_follower(follower, PAYLOAD))
    assert first.sent
    assert list(follower.endpoints.values_list("endpoint", flat=True)) == [alive["endpoint"]]

    push_service.answer(alive, status)
    second = deliver(follower, "push", "alert", "alert:2", lambda: send_to_follower(follower, PAYLOAD))
    assert not second.sent
    assert second.delivery.status == Delivery.Status.GONE
    assert not follower.endpoints.exists()


def test_a_failing_push_service_counts_a_failure_and_keeps_the_endpoint(push_service):
    follower = DeviceFollowerFactory()
    subscription, _ = make_subscription(push_service)
    endpoint_for(follower, subscription)
    push_service.answer(subscription, 500)
    outcome = deliver(follower, "push", "alert", "alert:3", lambda: send_to_follower(follower, PAYLOAD))
    assert outcome.delivery.status == Delivery.Status.FAILED
    assert PushEndpoint.objects.get().failures == 1


def test_vapid_keys_prints_a_pair_pywebpush_and_browsers_accept(capsys):
    call_command("vapid_keys")
    lines = dict(line.split("=", 1) for line in capsys.readouterr().out.split())
    key = Vapid.from_string(lines["VAPID_PRIVATE_KEY"])
    public = Vapid.from_raw_public(lines["VAPID_PUBLIC_KEY"].encode())
    assert key.public_key.public_numbers() == public.public_key.public_numbers()
    assert len(lines["VAPID_PUBLIC_KEY"]) == 87  # 65 bytes in base64url, as applicationServerKey


# --- The site's endpoint -------------------------------------------------------------------------


def post(client, body, language="it", **extra):
    return client.post(
        f"/{language}/follow/push/",
        json.dumps(body) if not isinstance(body, (str, bytes)) else body,
        content_type="application/json",
        **extra,
    )


def test_a_browser_subscribes_to_a_district(client, push_service, district, django_assert_num_queries):
    subscription, _ = make_subscription(push_service)
    key = str(district.translation_key)
    with django_assert_num_queries(24):  # 15 of them: the rate limit in the shared cache
        response = post(client, {"subscription": subscription, "district": key, "language": "ar"})
    assert response.status_code == 201, response.json()
    assert response.json() == {"status": "subscribed", "districts": [key], "language": "ar"}
    assert response["Cache-Control"] == "no-store"
    follower = Follower.objects.get()
    assert follower.kind == Follower.Kind.DEVICE and follower.is_confirmed
    assert follower.alerts and not follower.weekly_digest
    assert follower.language == "ar" and follower.districts == [key]
    assert "إشعار" in follower.consent_text  # the wording shown, in the follower's language
    endpoint = follower.endpoints.get()
    assert endpoint.platform == "webpush" and endpoint.endpoint == subscription["endpoint"]

    # The portal can now reach that browser.
    send_to_follower(follower, PAYLOAD)
    assert push_service.payloads(subscription)[0]["title"] == PAYLOAD["title"]


def test_the_same_browser_again_updates_its_follower(client, push_service, district, other_district):
    subscription, _ = make_subscription(push_service)
    first, second = str(district.translation_key), str(other_district.translation_key)
    assert post(client, {"subscription": subscription, "district": first}).status_code == 201
    renewed, _ = make_subscription(push_service)
    subscription["keys"] = renewed["keys"]
    response = post(client, {"subscription": subscription, "district": second, "language": "fr"})
    assert response.status_code == 200
    assert response.json()["districts"] == [first, second]
    follower = Follower.objects.get()
    assert follower.language == "fr"
    assert PushEndpoint.objects.get().p256dh == renewed["keys"]["p256dh"]

    status = post(client, {"action": "status", "endpoint": subscription["endpoint"]})
    assert status.json() == {"status": "subscribed", "districts": [first, second]}


def test_unsubscribing_drops_the_district_then_the_endpoint(client, push_service, district, other_district):
    subscription, _ = make_subscription(push_service)
    first, second = str(district.translation_key), str(other_district.translation_key)
    post(client, {"subscription": subscription, "district": first})
    post(client, {"subscription": subscription, "district": second})

    response = post(
        client, {"action": "unsubscribe", "endpoint": subscription["endpoint"], "district": first}
    )
    assert response.json() == {"status": "subscribed", "districts": [second]}

    response = client.delete(
        "/it/follow/push/",
        json.dumps({"endpoint": subscription["endpoint"], "district": second}),
        content_type="application/json",
    )
    assert response.json() == {"status": "unsubscribed", "districts": []}
    assert not PushEndpoint.objects.exists() and not Follower.objects.exists()
    # Unknown endpoints are simply not subscribed.
    assert post(client, {"action": "status", "endpoint": subscription["endpoint"]}).json()["status"] == (
        "unsubscribed"
    )


def test_a_subscription_without_district_follows_every_district(client, push_service):
    subscription, _ = make_subscription(push_service)
    response = post(client, {"subscription": subscription})
    assert response.status_code == 201 and response.json()["districts"] == []


def good_subscription(push_service):
    return make_subscription(push_service)[0]


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda s: {"subscription": "nope"}, "subscription"),
        (lambda s: {"subscription": {**s, "endpoint": "ftp://push.example/x"}}, "https://"),
        (lambda s: {"subscription": {**s, "endpoint": "http://push.example.org/x"}}, "https://"),
        (lambda s: {"subscription": {**s, "endpoint": "https://push.example.org:port/x"}}, "URL"),
        (lambda s: {"subscription": {**s, "endpoint": "https://x/" + "a" * 1000}}, "URL"),
        (lambda s: {"subscription": {**s, "keys": {**s["keys"], "p256dh": "abc!"}}}, "base64url"),
        (lambda s: {"subscription": {**s, "keys": {**s["keys"], "p256dh": "AAAA"}}}, "65 bytes"),
        (lambda s: {"subscription": {**s, "keys": {**s["keys"], "p256dh": "BA" + "A" * 85}}}, "P-256"),
        (lambda s: {"subscription": {**s, "keys": {**s["keys"], "auth": "AAAA"}}}, "16 bytes"),
        (lambda s: {"subscription": {**s, "keys": {**s["keys"], "auth": 12}}}, "base64url"),
        (lambda s: {"subscription": s, "district": "not-a-uuid"}, "district"),
        (lambda s: {"subscription": s, "district": "00000000-0000-0000-0000-000000000000"}, "district"),
        (lambda s: {"subscription": s, "language": "xx"}, "language"),
        (lambda s: {"subscription": s, "action": "explode"}, "action"),
        (lambda s: {"action": "unsubscribe", "endpoint": None}, "URL"),
        (lambda s: [1, 2], "JSON object"),
        (lambda s: "{not json", "JSON"),
    ],
)
def test_bad_input_gets_a_400_with_a_message(client, push_service, home, change, words):
    response = post(client, change(good_subscription(push_service)), language="en")
    assert response.status_code == 400
    assert words in response.json()["message"]
    assert not Follower.objects.exists()


def test_the_endpoint_takes_json_from_our_own_pages_only(client, push_service, settings):
    subscription = good_subscription(push_service)
    form = client.post("/it/follow/push/", {"subscription": "x"})
    assert form.status_code == 415 and "JSON" in form.json()["message"]
    foreign = post(client, {"subscription": subscription}, HTTP_ORIGIN="https://evil.example")
    assert foreign.status_code == 403 and foreign.json()["message"]
    ours = post(client, {"subscription": subscription}, HTTP_ORIGIN="http://testserver")
    assert ours.status_code == 201
    assert client.get("/it/follow/push/").status_code == 405
    big = post(client, {"subscription": subscription, "padding": "x" * MAX_BODY})
    assert big.status_code == 413


def test_plain_http_endpoints_are_refused_outside_tests_and_debug(client, push_service, settings):
    settings.FOLLOW_PUSH_ALLOW_INSECURE_ENDPOINTS = False
    response = post(client, {"subscription": good_subscription(push_service)})
    assert response.status_code == 400 and "https://" in response.json()["message"]


def test_the_endpoint_is_rate_limited_per_client(client, push_service, settings):
    settings.FOLLOW_PUSH_RATE_LIMIT = 2
    subscription = good_subscription(push_service)
    for _ in range(2):
        assert post(client, {"action": "status", "endpoint": subscription["endpoint"]}).status_code == 200
    limited = post(client, {"action": "status", "endpoint": subscription["endpoint"]})
    assert limited.status_code == 429 and limited["Retry-After"].isdigit()
    assert limited.json()["message"]


def test_without_vapid_keys_there_is_no_control_and_the_endpoint_says_so(client, district, settings):
    settings.VAPID_PRIVATE_KEY = settings.VAPID_PUBLIC_KEY = ""
    response = post(client, {"subscription": {}}, language="en")
    assert response.status_code == 503
    assert response.json()["message"] == "Notifications are not available on this portal."
    page = client.get(district.url)
    assert page.status_code == 200
    assert b"data-notify-me" not in page.content
    assert b"notify.js" not in page.content


def test_the_district_page_offers_the_control_with_the_public_key(client, vapid, district):
    response = client.get(district.url)
    html = response.content.decode()
    assert "data-notify-me" in html
    assert f'data-public-key="{vapid.VAPID_PUBLIC_KEY}"' in html
    assert f'data-district="{district.translation_key}"' in html
    assert 'data-endpoint="/it/follow/push/"' in html and 'data-worker="/sw.js"' in html
    assert "Ricevi una notifica" in html  # the consent wording, in the page's language
    # Hidden until the script finds Web Push in the browser: nothing to press without it.
    assert 'aria-labelledby="notify-me-heading" hidden' in html


def test_the_service_worker_is_served_from_our_origin(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "Service-Worker-Allowed" not in response
    body = response.content.decode()
    assert 'addEventListener("push"' in body and 'addEventListener("notificationclick"' in body
    assert "showNotification" in body and "openWindow" in body
    assert "importScripts" not in body and "http" not in body.replace("https", "")
    assert len(response.content) < 4096
