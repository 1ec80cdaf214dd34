"""Production settings: configured only by environment, refusing to start without secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env_overrides, drop=()):
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update({"DJANGO_SETTINGS_MODULE": "portal.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-secret-for-the-test-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "quartieri.example",
    "TRUSTED_PROXY_COUNT": "1",
}


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "TRUSTED_PROXY_COUNT"])
def test_a_missing_required_variable_stops_start_up_naming_it(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_manage("check", env_overrides=env, drop=(missing,))
    assert result.returncode != 0
    assert f"The environment variable {missing} must be set in production." in result.stderr


def test_deployment_checks_report_nothing():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_never_uses_demo_or_console_backends():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.EMAIL_BACKEND, s.STORAGES['staticfiles']['BACKEND'], s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.production", **PRODUCTION_ENV}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "django.core.mail.backends.smtp.EmailBackend",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "True",
        "True",
        "True",
    ]


def test_media_storage_and_cdn_purging_are_configured_by_environment():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "from django.core.files.storage import storages; "
        "print(type(storages['default']).__name__, storages['default'].bucket_name, "
        "sorted(s.WAGTAILFRONTENDCACHE), 'wagtail.contrib.frontend_cache' in s.INSTALLED_APPS, "
        "s.CACHES['default']['BACKEND'].rsplit('.', 1)[1])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        **PRODUCTION_ENV,
        "AWS_STORAGE_BUCKET_NAME": "quartieri-media",
        "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
        "FRONTEND_CACHE_PURGE_URL": "http://127.0.0.1:8080",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    expected = ["S3Storage", "quartieri-media", "['proxy']", "True", "TolerantRedisCache"]
    assert result.stdout.split() == expected


def test_a_proxy_count_that_is_not_a_whole_number_stops_start_up():
    result = run_manage("check", env_overrides={**PRODUCTION_ENV, "TRUSTED_PROXY_COUNT": "-1"})
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT must be a whole number" in result.stderr
