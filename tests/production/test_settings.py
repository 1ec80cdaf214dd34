"""Production settings: configured only by environment, refusing to start without secrets."""

import json
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
    "PORTAL_BASE_URL": "https://quartieri.example",
}


def production_values(expression, **env):
    """`expression` (Python, with `s` the settings and `storages`) evaluated under the production
    settings, PRODUCTION_ENV and `env` (None removes a variable), read back as JSON."""
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        f"from django.core.files.storage import storages; print(json.dumps({expression}))"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.production", **PRODUCTION_ENV}
    for name, value in env.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "TRUSTED_PROXY_COUNT", "PORTAL_BASE_URL"])
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


@pytest.mark.parametrize(
    "base", ["quartieri.example", "https://quartieri.example/it/", "ftp://quartieri.example", "https://"]
)
def test_a_portal_base_url_that_is_not_scheme_and_host_stops_start_up(base):
    result = run_manage("check", env_overrides={**PRODUCTION_ENV, "PORTAL_BASE_URL": base})
    assert result.returncode != 0
    assert (
        "The environment variable PORTAL_BASE_URL must be the portal's public scheme and host"
        in result.stderr
    )


def test_wagtails_base_urls_follow_the_portal_base_url():
    values = production_values(
        "[s.PORTAL_BASE_URL, s.WAGTAILADMIN_BASE_URL, s.WAGTAILAPI_BASE_URL]",
        PORTAL_BASE_URL="https://quartieri.example/",
        WAGTAILADMIN_BASE_URL=None,
        WAGTAILAPI_BASE_URL=None,
    )
    assert values == ["https://quartieri.example"] * 3


def test_development_serves_the_demo_on_127_0_0_1_port_8000():
    """`make run`: load_demo's configure_site points the Site at the development default."""
    code = "import django; django.setup(); from django.conf import settings as s; print(s.PORTAL_BASE_URL)"
    env = {k: v for k, v in os.environ.items() if k not in ("PORTAL_BASE_URL", "DJANGO_SETTINGS_MODULE")}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'portal.settings.dev'; {code}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "http://127.0.0.1:8000"


def test_hsts_preload_and_subdomains_are_opt_in():
    expression = "[s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD]"
    assert production_values(expression) == [31536000, False, False]
    opted_in = production_values(expression, SECURE_HSTS_INCLUDE_SUBDOMAINS="true", SECURE_HSTS_PRELOAD="1")
    assert opted_in == [31536000, True, True]
    result = run_manage("check", env_overrides={**PRODUCTION_ENV, "SECURE_HSTS_PRELOAD": "sometimes"})
    assert result.returncode != 0
    assert "SECURE_HSTS_PRELOAD must be true or false" in result.stderr


def test_the_deployment_checks_pass_with_hsts_opted_in_too():
    env = {**PRODUCTION_ENV, "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true", "SECURE_HSTS_PRELOAD": "true"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=env)
    assert result.returncode == 0, result.stderr + result.stdout


def test_x_forwarded_proto_is_trusted_only_behind_a_proxy():
    expression = "s.SECURE_PROXY_SSL_HEADER"
    assert production_values(expression, TRUSTED_PROXY_COUNT="0") is None
    assert production_values(expression, TRUSTED_PROXY_COUNT="1") == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_outgoing_mail_has_a_timeout_and_runs_in_the_worker():
    expression = "[s.EMAIL_TIMEOUT, s.TASKS['background']['BACKEND']]"
    assert production_values(expression) == [10, "django_tasks_db.DatabaseBackend"]
    assert production_values(expression, EMAIL_TIMEOUT="3")[0] == 3
    assert "worker: " in (ROOT / "Procfile").read_text()
    assert "manage.py db_worker --backend background" in (ROOT / "Procfile").read_text()


def test_image_upload_limits_are_tunable():
    expression = "[s.WAGTAILIMAGES_MAX_UPLOAD_SIZE, s.WAGTAILIMAGES_MAX_IMAGE_PIXELS]"
    assert production_values(expression) == [10 * 1024 * 1024, 50_000_000]
    tuned = production_values(
        expression, WAGTAILIMAGES_MAX_UPLOAD_SIZE="5000000", WAGTAILIMAGES_MAX_IMAGE_PIXELS="24000000"
    )
    assert tuned == [5_000_000, 24_000_000]


def test_documents_go_through_the_portal_and_s3_files_are_signed_except_renditions():
    """No real S3 here: the storages the settings build, and the URLs they would hand out
    (boto3 signs locally, without asking the server)."""
    local = production_values("[s.WAGTAILDOCS_SERVE_METHOD, type(storages['default']).__name__]")
    assert local == ["serve_view", "FileSystemStorage"]

    expression = (
        "[s.WAGTAILDOCS_SERVE_METHOD, s.WAGTAILIMAGES_RENDITION_STORAGE, "
        "storages['default'].querystring_auth, storages['default'].querystring_expire, "
        "storages['default'].url('documents/verbale.pdf'), "
        "storages['default'].url('original_images/foto.jpg'), "
        "storages['renditions'].querystring_auth, storages['renditions'].url('images/foto.width-800.jpg')]"
    )
    values = production_values(
        expression,
        AWS_STORAGE_BUCKET_NAME="quartieri-media",
        AWS_S3_REGION_NAME="eu-south-1",
        AWS_S3_CUSTOM_DOMAIN="media.quartieri.example",
        AWS_ACCESS_KEY_ID="AKIAEXAMPLEEXAMPLE00",
        AWS_SECRET_ACCESS_KEY="example-secret-key-for-signing-only",
        AWS_QUERYSTRING_EXPIRE="600",
    )
    method, rendition_storage, signed, expire, document, original, renditions_signed, rendition = values
    # The portal's view checks the collection's privacy, then redirects to a signed URL.
    assert (method, rendition_storage, signed, expire) == ("redirect", "renditions", True, 600)
    for url in (document, original):
        assert "quartieri-media" in url and "X-Amz-Signature=" in url and "X-Amz-Expires=600" in url
        assert "media.quartieri.example" not in url
    assert renditions_signed is False
    assert rendition == "https://media.quartieri.example/images/foto.width-800.jpg"
