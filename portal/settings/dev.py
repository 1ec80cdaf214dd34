"""Local development: SQLite, console e-mail, debug pages, a throwaway secret key."""

from .base import *  # noqa: F403

# The demo content and its commands (`load_demo`), never installed in production.
INSTALLED_APPS = [*INSTALLED_APPS, "portal.demo"]  # noqa: F405

DEBUG = True
SECRET_KEY = "django-insecure-quartieri-development-only"  # noqa: S105 (dev only)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
