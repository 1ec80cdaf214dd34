"""Fixtures of the followers' tests: a real SMTP server, followers built by factories."""

import pytest

from districts.management.commands.vapid_keys import new_key_pair
from tests.support.push_service import PushService
from tests.support.smtp import SMTPServer


@pytest.fixture(scope="session")
def _smtp_process_server():
    server = SMTPServer().start()
    yield server
    server.stop()


@pytest.fixture
def smtp_server(_smtp_process_server, settings):
    """The SMTP server of this test process, empty, with Django's SMTP backend pointed at it."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _smtp_process_server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    _smtp_process_server.clear()
    yield _smtp_process_server
    _smtp_process_server.clear()


@pytest.fixture(scope="session")
def _vapid_pair():
    return new_key_pair()


@pytest.fixture
def vapid(_vapid_pair, settings):
    """A VAPID key pair in the settings (as `manage.py vapid_keys` prints it): Web Push on."""
    settings.VAPID_PRIVATE_KEY, settings.VAPID_PUBLIC_KEY = _vapid_pair
    settings.VAPID_SUBJECT = "mailto:quartieri@example.org"
    return settings


@pytest.fixture(scope="session")
def _push_process_service():
    service = PushService().start()
    yield service
    service.stop()


@pytest.fixture
def push_service(_push_process_service, vapid, settings):
    """The local push service of this test process (tests/support/push_service.py), empty, with
    VAPID keys set and its http://127.0.0.1 endpoints accepted."""
    settings.FOLLOW_PUSH_ALLOW_INSECURE_ENDPOINTS = True
    _push_process_service.clear()
    yield _push_process_service
    _push_process_service.clear()
