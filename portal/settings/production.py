"""Production: configured only by the environment. Security-relevant values have no defaults."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def require_env(name):
    """Return the environment variable `name` or stop start-up naming it."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


def env_flag(name, default=False):
    """A yes/no environment variable (true/false, 1/0, yes/no, on/off); anything else stops start-up."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in ("true", "1", "yes", "on"):
        return True
    if value in ("false", "0", "no", "off"):
        return False
    raise ImproperlyConfigured(f"The environment variable {name} must be true or false, not {value!r}.")


def base_url(name):
    """A required "https://host[:port]" variable, without a trailing slash."""
    value = require_env(name).rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path or parts.query:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be the portal's public scheme and host, "
            f"like https://quartieri.example.org, not {value!r}."
        )
    return value


DEBUG = False
SECRET_KEY = require_env("SECRET_KEY")
# The dummy machine translator reverses words: fine for trying the editor, never for residents.
if "dummy" in (WAGTAILLOCALIZE_MACHINE_TRANSLATOR or {}).get("CLASS", "").lower():  # noqa: F405
    raise ImproperlyConfigured("The dummy machine translator must not be used in production.")
ALLOWED_HOSTS = [host.strip() for host in require_env("ALLOWED_HOSTS").split(",") if host.strip()]
# How many reverse proxies append to X-Forwarded-For (0 when clients connect to gunicorn
# directly): sign-in throttling and rate limits count per client address, so a wrong value
# either lets X-Forwarded-For be forged or counts every client as the proxy.
_proxies = require_env("TRUSTED_PROXY_COUNT")
if not _proxies.isdigit():
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be a whole number (0 without a reverse proxy).")
TRUSTED_PROXY_COUNT = int(_proxies)
# Every absolute URL (API, JSON-LD, feeds, sitemap, robots, calendars, e-mails) is built from
# it, never from the request's Host header; the release phase points the default Site at it.
PORTAL_BASE_URL = base_url("PORTAL_BASE_URL")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", PORTAL_BASE_URL)
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL", PORTAL_BASE_URL)
CSRF_TRUSTED_ORIGINS = [
    origin.strip() for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if origin.strip()
]

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"
# Seconds an SMTP connection may wait for the server. Mail is sent by the worker
# (`manage.py db_worker`), never inside a resident's request, and never waits forever.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Quartieri <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# X-Forwarded-Proto says whether the client used HTTPS only when a proxy we trust set it:
# without one (TRUSTED_PROXY_COUNT=0) any client could claim HTTPS, and get secure-only answers
# over plain HTTP.
if TRUSTED_PROXY_COUNT > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
# A platform's health probe speaks plain HTTP to the process: answer it rather than redirect.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
# Opt-in: includeSubDomains forces HTTPS on every subdomain of the host (perhaps not the
# portal's to decide), and preload asks browsers to hard-code it, hard to undo for months.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD")
# `check --deploy` warns about each of them off: here that is a decision, not an oversight.
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"


# --- Media on S3-compatible storage (AWS S3, MinIO, Scaleway, OVH…) when a bucket is named ----
# Documents and original images stay private in the bucket: the portal's document view checks
# the collection's privacy, then redirects to a signed URL that expires after
# AWS_QUERYSTRING_EXPIRE seconds (never a permanent public link). Only the renditions the pages
# show (the bucket's `images/` folder) are public, from AWS_S3_CUSTOM_DOMAIN if set.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    _bucket = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
        "default_acl": None,
        "file_overwrite": False,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_bucket,
            # A custom domain would turn signing off (django-storages signs bucket URLs only).
            "querystring_auth": True,
            "querystring_expire": int(os.environ.get("AWS_QUERYSTRING_EXPIRE", "3600")),
        },
    }
    STORAGES["renditions"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_bucket,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
        },
    }
    WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
    WAGTAILDOCS_SERVE_METHOD = "redirect"

# --- Frontend cache (CDN or reverse proxy) purged by Wagtail on publish ---------------------
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_API_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["CLOUDFLARE_API_TOKEN"],
        "ZONEID": require_env("CLOUDFLARE_ZONE_ID"),
    }
# Each translation is purged at its own address (translated slugs), by portal/core/frontend_purge.py
# and Wagtail's handlers: Wagtail's guess (the same path under every language prefix) is off.
WAGTAILFRONTENDCACHE_LANGUAGES = []
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]  # noqa: F405
