"""Fixtures of the followers' tests: a real SMTP server, followers built by factories."""

import pytest

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
