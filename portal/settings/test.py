"""Settings for the pytest suite: fast hashing, isolated media, no outside services."""

import tempfile

from .base import *  # noqa: F403

# The demo content and its commands (`load_demo`), never installed in production.
INSTALLED_APPS = [*INSTALLED_APPS, "portal.demo"]  # noqa: F405

DEBUG = False
SECRET_KEY = "quartieri-test-secret-key"  # noqa: S105 (tests only)
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="quartieri-test-media-"))  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
PORTAL_BASE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILAPI_BASE_URL = "http://testserver"
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405
# Background tasks run at once, inside the test; tests/proposals/test_background_mail.py runs
# the database queue and its worker.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
# Tests that exercise the page cache switch it on themselves.
PAGE_CACHE_SECONDS = 0
# The translation editor's machine translation without an outside service (never in production).
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
# Followers' messages without a pause between them; tests/follow/ tests the limits themselves.
FOLLOW_RATE_LIMITS = {"email": 0, "push": 0}
