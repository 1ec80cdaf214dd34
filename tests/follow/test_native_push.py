"""FCM and APNs delivery (districts/follow/native_push.py): off by default (a follower reached
only through native tokens gets a `skipped` delivery, its endpoints kept), dispatched by platform
beside Web Push, our payload mapped to FCM's message and APNs' request, and the start-up checks
of a platform configured without its library or with a file the portal cannot read."""

import json
import runpy

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from districts.checks import native_push_settings
from districts.follow import native_push
from districts.follow.delivery import deliver
from districts.follow.push import SENDERS, send_to_follower
from districts.models import Delivery, PushEndpoint
from tests.factories import DeviceFollowerFactory
from tests.support.push_service import make_subscription

PAYLOAD = {
    "title": "Evento annullato",
    "body": "Il laboratorio di giovedì è annullato.",
    "url": "http://testserver/it/san-salvario/laboratorio/",
    "tag": "alert:date:1",
    "lang": "it",
    "dir": "ltr",
}


@pytest.fixture(autouse=True)
def nothing_configured(settings):
    """As the portal comes: neither FCM nor APNs, whatever the environment says."""
    settings.FOLLOW_FCM_CREDENTIALS = settings.FOLLOW_APNS_KEY = ""
    settings.FOLLOW_APNS_KEY_ID = settings.FOLLOW_APNS_TEAM_ID = settings.FOLLOW_APNS_TOPIC = ""


def native(follower, platform, address="device-1"):
    return PushEndpoint.objects.create(follower=follower, platform=platform, endpoint=address)


def alert(follower, key="alert:date:1"):
    return deliver(follower, "push", "alert", key, lambda: send_to_follower(follower, PAYLOAD))


# Off by default: skipped, never failed nor sent.


@pytest.mark.django_db
def test_with_nothing_configured_native_endpoints_are_skipped_and_kept(settings):
    assert not native_push.fcm_configured() and not native_push.apns_configured()
    follower = DeviceFollowerFactory()
    native(follower, PushEndpoint.Platform.FCM, "fcm-token")
    native(follower, PushEndpoint.Platform.APNS, "apns-token")

    first = alert(follower)
    again = alert(follower)

    row = Delivery.objects.get()
    assert not first.sent and not again.sent
    assert row.status == Delivery.Status.SKIPPED and row.attempts == 1
    assert "not configured" in row.error
    assert sorted(follower.endpoints.values_list("endpoint", "failures")) == [
        ("apns-token", 0),
        ("fcm-token", 0),
    ]


@pytest.mark.django_db
def test_web_push_is_sent_beside_a_native_endpoint_that_is_off(push_service):
    follower = DeviceFollowerFactory()
    subscription, _key = make_subscription(push_service)
    PushEndpoint.objects.create(
        follower=follower,
        endpoint=subscription["endpoint"],
        p256dh=subscription["keys"]["p256dh"],
        auth=subscription["keys"]["auth"],
    )
    fcm = native(follower, PushEndpoint.Platform.FCM)

    outcome = alert(follower)

    assert outcome.sent and outcome.delivery.status == Delivery.Status.SENT
    assert push_service.payloads(subscription)[0]["title"] == PAYLOAD["title"]
    fcm.refresh_from_db()
    assert fcm.failures == 0 and fcm.last_success_at is None


@pytest.mark.django_db
def test_web_push_without_a_vapid_key_is_skipped_too(settings):
    settings.VAPID_PRIVATE_KEY = settings.VAPID_PUBLIC_KEY = ""
    follower = DeviceFollowerFactory()
    PushEndpoint.objects.create(follower=follower, endpoint="https://push.example/x", p256dh="k", auth="a")
    assert alert(follower).delivery.status == Delivery.Status.SKIPPED


def test_every_platform_has_its_sender():
    assert set(SENDERS) == set(PushEndpoint.Platform)
    assert SENDERS[PushEndpoint.Platform.FCM] is native_push.send_fcm
    assert SENDERS[PushEndpoint.Platform.APNS] is native_push.send_apns


@pytest.mark.parametrize(
    "setting, value, configured",
    [
        ("FOLLOW_FCM_CREDENTIALS", "/srv/fcm.json", native_push.fcm_configured),
        ("FOLLOW_APNS_KEY", "/srv/apns.p8", native_push.apns_configured),
    ],
)
def test_a_platform_is_on_only_when_configured(settings, setting, value, configured):
    settings.FOLLOW_APNS_KEY_ID, settings.FOLLOW_APNS_TEAM_ID = "ABC123DEFG", "TEAM123456"
    settings.FOLLOW_APNS_TOPIC = "org.quartieri.app"
    assert not configured()
    setattr(settings, setting, value)
    assert configured()


def test_the_settings_are_read_from_the_environment(monkeypatch, settings):
    monkeypatch.delenv("FOLLOW_APNS_KEY", raising=False)
    monkeypatch.setenv("FOLLOW_FCM_CREDENTIALS", " /srv/fcm.json ")
    monkeypatch.setenv("FOLLOW_APNS_TOPIC", "org.quartieri.app")
    monkeypatch.setenv("FOLLOW_APNS_SANDBOX", "True")
    read = runpy.run_path(str(settings.BASE_DIR / "portal" / "settings" / "base.py"))
    assert read["FOLLOW_FCM_CREDENTIALS"] == "/srv/fcm.json"
    assert read["FOLLOW_APNS_TOPIC"] == "org.quartieri.app" and read["FOLLOW_APNS_SANDBOX"] is True
    assert read["FOLLOW_APNS_KEY"] == ""
    monkeypatch.delenv("FOLLOW_APNS_SANDBOX")
    assert (
        runpy.run_path(str(settings.BASE_DIR / "portal" / "settings" / "base.py"))["FOLLOW_APNS_SANDBOX"]
        is False
    )


def test_apns_needs_its_ids_and_topic_besides_the_key(settings):
    settings.FOLLOW_APNS_KEY = "/srv/apns.p8"
    assert not native_push.apns_configured()


# The payload mapped to each service.


def test_the_fcm_message_carries_the_text_the_link_and_the_language():
    message = native_push.fcm_message("fcm-token", PAYLOAD)
    assert message == {
        "token": "fcm-token",
        "notification": {"title": PAYLOAD["title"], "body": PAYLOAD["body"]},
        "data": {"url": PAYLOAD["url"], "tag": "alert:date:1", "lang": "it", "dir": "ltr"},
        "android": {
            "priority": "normal",
            "ttl": native_push.TIME_TO_LIVE,
            "collapse_key": "alert:date:1",
            "notification": {"tag": "alert:date:1"},
        },
        "apns": {"headers": {"apns-priority": "5", "apns-collapse-id": "alert:date:1"}},
    }
    assert all(isinstance(value, str) for value in message["data"].values())


def test_an_urgent_arabic_message_is_high_priority_and_right_to_left():
    payload = {**PAYLOAD, "lang": "ar", "dir": "rtl", "urgency": "high", "title": "إغلاق استثنائي"}
    message = native_push.fcm_message("t", payload)
    assert message["android"]["priority"] == "high"
    assert message["apns"]["headers"]["apns-priority"] == "10"
    assert message["data"]["dir"] == "rtl" and message["notification"]["title"] == "إغلاق استثنائي"
    request = native_push.apns_request("t", payload)
    assert request["priority"] == 10 and request["message"]["dir"] == "rtl"


def test_the_apns_request_carries_the_alert_and_the_link():
    assert native_push.apns_request("apns-token", PAYLOAD) == {
        "device_token": "apns-token",
        "message": {
            "aps": {"alert": {"title": PAYLOAD["title"], "body": PAYLOAD["body"]}, "sound": "default"},
            "url": PAYLOAD["url"],
            "tag": "alert:date:1",
            "lang": "it",
            "dir": "ltr",
        },
        "time_to_live": native_push.TIME_TO_LIVE,
        "priority": 5,
        "push_type": "alert",
        "collapse_key": "alert:date:1",
    }


def test_a_long_tag_becomes_a_collapse_id_apns_accepts():
    tag = "alert:date:" + "è" * 60
    collapsed = native_push.collapse_id(tag)
    assert len(collapsed.encode()) <= 64 and collapsed == native_push.collapse_id(tag)
    assert native_push.apns_request("t", {**PAYLOAD, "tag": tag})["collapse_key"] == collapsed
    assert native_push.collapse_id("short") == "short"


def test_a_payload_without_a_tag_collapses_nothing():
    payload = {key: value for key, value in PAYLOAD.items() if key != "tag"}
    assert "collapse_key" not in native_push.apns_request("t", payload)
    assert "collapse_key" not in native_push.fcm_message("t", payload)["android"]
    assert "apns-collapse-id" not in native_push.fcm_message("t", payload)["apns"]["headers"]


# Start-up checks.


def ids(errors):
    return sorted(error.id for error in errors)


@pytest.fixture
def library(tmp_path, monkeypatch):
    """Makes an importable package of that name (found, never imported by the check)."""

    def install(name):
        package = tmp_path / "site" / name
        package.mkdir(parents=True)
        (package / "__init__.py").write_text("")
        monkeypatch.syspath_prepend(str(tmp_path / "site"))

    return install


@pytest.fixture
def service_account(tmp_path):
    path = tmp_path / "fcm.json"
    path.write_text(json.dumps({"type": "service_account", "project_id": "quartieri"}))
    return str(path)


@pytest.fixture
def apns_key(tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    path = tmp_path / "AuthKey_ABC123DEFG.p8"
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return str(path)


def test_nothing_configured_nothing_to_report():
    assert native_push_settings() == []


def test_fcm_without_its_library_is_reported(settings, service_account):
    settings.FOLLOW_FCM_CREDENTIALS = service_account
    (error,) = native_push_settings()
    assert error.id == "districts.E101" and "firebase-admin is not installed" in error.msg
    assert "requirements-native-push.txt" in error.hint


def test_fcm_configured_with_its_library_and_a_service_account_passes(settings, service_account, library):
    library("firebase_admin")
    settings.FOLLOW_FCM_CREDENTIALS = service_account
    assert native_push_settings() == []


def test_an_unreadable_or_wrong_fcm_file_is_reported(settings, library, tmp_path):
    library("firebase_admin")
    settings.FOLLOW_FCM_CREDENTIALS = str(tmp_path / "missing.json")
    (error,) = native_push_settings()
    assert error.id == "districts.E102" and "missing.json" in error.msg and "cannot be read" in error.msg
    wrong = tmp_path / "wrong.json"
    wrong.write_text("not json")
    settings.FOLLOW_FCM_CREDENTIALS = str(wrong)
    (error,) = native_push_settings()
    assert error.id == "districts.E102" and "not a service account" in error.msg


def test_apns_configured_with_its_library_key_and_ids_passes(settings, apns_key, library):
    library("aioapns")
    settings.FOLLOW_APNS_KEY = apns_key
    settings.FOLLOW_APNS_KEY_ID, settings.FOLLOW_APNS_TEAM_ID = "ABC123DEFG", "TEAM123456"
    settings.FOLLOW_APNS_TOPIC = "org.quartieri.app"
    assert native_push_settings() == []


def test_apns_without_library_ids_or_a_readable_key_is_reported(settings, tmp_path):
    settings.FOLLOW_APNS_KEY = str(tmp_path / "AuthKey.p8")
    settings.FOLLOW_APNS_TEAM_ID = "TEAM123456"
    errors = native_push_settings()
    assert ids(errors) == ["districts.E103", "districts.E104", "districts.E105"]
    assert "FOLLOW_APNS_KEY_ID, FOLLOW_APNS_TOPIC are not" in errors[-1].msg
    (tmp_path / "AuthKey.p8").write_text("hello")
    assert "not an APNs signing key" in native_push_settings()[1].msg


def test_the_check_stops_manage_py_check(settings, tmp_path):
    settings.FOLLOW_FCM_CREDENTIALS = str(tmp_path / "missing.json")
    with pytest.raises(SystemCheckError, match=r"districts\.E102"):
        call_command("check", "districts")
