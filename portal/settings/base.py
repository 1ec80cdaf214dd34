"""Settings shared by every environment; dev, test and production refine them."""

import os
from pathlib import Path

import dj_database_url
from csp.utils import DEFAULT_DIRECTIVES
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.core.database_config import configure_databases
from portal.core.search.config import search_backends

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    # The project's floors, bottom to top (docs/ARCHITECTURE.md): the core wires its signals
    # first. portal.demo is added by the development and test settings only.
    "portal.core",
    "initiatives",
    "districts",
    "search",
    "portal",
    "home",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    # Swagger UI's files for the API reference (/api/v2/docs/), from PyPI: no CDN, no npm.
    "drf_spectacular_sidecar",
    "recurrence",
    # django.contrib.admin only provides the jQuery that django-recurrence's widget loads;
    # its own URLs are not mounted.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Background work: Django's task framework (backport) and its database queue.
    "django_tasks",
    "django_tasks_db",
    # The Content-Security-Policy (portal/security.py); installed for its system checks.
    "csp",
    # Sign-in throttling (portal/signin.py).
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.core.api.http.ApiHttpMiddleware",
    "portal.core.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.security.ContentSecurityPolicyMiddleware",
    "portal.security.PermissionsPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Turns a locked-out sign-in into portal.signin's page, inside the header middleware.
    "axes.middleware.AxesMiddleware",
    # Last, so that it is the first to turn a view's database outage into a 503.
    "portal.unavailable.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# Database: SQLite by default, anything dj-database-url understands through DATABASE_URL.
# A kept connection is tested before each request reuses it, so the site recovers by itself
# when the database comes back; an unreachable server fails in seconds, not at the TCP timeout.
# portal/database_config.py tunes each engine (SQLite: WAL, busy timeout, the shared cache in
# its own file; PostgreSQL: statement timeout, keepalives); portal/databases.py routes the cache.
DATABASES = configure_databases(
    dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    ),
    os.environ,
)
DATABASE_ROUTERS = ["portal.core.databases.SharedCacheRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. Italian is the source language of the content.
LANGUAGE_CODE = "it"
LANGUAGES = [
    ("it", "Italiano"),
    ("en", "English"),
    ("fr", "Français"),
    ("ar", "العربية"),
    ("ro", "Română"),
    ("zh-hans", "中文"),
    ("es", "Español"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# The language a reader picks in the switcher is remembered for a year (`/` opens in it).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Rome"
USE_TZ = True

# Static and media files. WhiteNoise serves static files in every environment.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Quartieri"
# Staff pictures are uploaded in the admin, never fetched from Gravatar, which would send a hash of
# each editor's e-mail address to a third party from every admin page (and fails offline).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# No call home to releases.wagtail.io from the dashboard: upgrades follow requirements.txt.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Autosave: an editor's changes are kept as a draft this many milliseconds after they stop typing
# (0: off). On, because the houses' volunteers write on shared computers and weak connections;
# every 5 s rather than Wagtail's 0.5 s, because each autosave validates the whole form and
# writes a revision (and a draft save counts as a content change for the page cache), and a
# form still half-filled is answered 400 until it validates.
WAGTAIL_AUTOSAVE_INTERVAL = int(os.environ.get("WAGTAIL_AUTOSAVE_INTERVAL", "5000"))

# A form sent with an expired security cookie gets a page in the reader's language.
CSRF_FAILURE_VIEW = "portal.errors.csrf_failure"
# The public scheme and host of the portal ("https://quartieri.example.org"): every absolute URL
# (API, JSON-LD, feeds, sitemap, robots, e-mails) is built from it, never from the request's
# Host header. Production requires it.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# How many reverse proxies in front of the portal append to X-Forwarded-For (0: none, the client
# address is REMOTE_ADDR). One setting for sign-in throttling, the proposals' rate limit and
# X-Forwarded-Proto. Production requires it.
_proxies = os.environ.get("TRUSTED_PROXY_COUNT", "0").strip() or "0"
if not _proxies.isdigit():
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be a whole number (0 without a reverse proxy).")
TRUSTED_PROXY_COUNT = int(_proxies)
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", PORTAL_BASE_URL)
# Search: the database's full-text search in each locale's language, or Elasticsearch/OpenSearch
# with SEARCH_BACKEND and SEARCH_URL (search/config.py).
WAGTAILSEARCH_BACKENDS = search_backends(os.environ)
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Uploaded images: at most this many bytes and pixels (a phone photo of 48 megapixels is about
# 10 MB; each pixel costs 3–4 bytes of memory while renditions are made). Wagtail's upload form
# says which limit a file broke. The originals are stored without EXIF location data
# (portal/image_metadata.py).
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("WAGTAILIMAGES_MAX_UPLOAD_SIZE", str(10 * 1024 * 1024)))
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(os.environ.get("WAGTAILIMAGES_MAX_IMAGE_PIXELS", "50000000"))
# Documents are served by the portal's view, which applies the collections' privacy settings
# (production with S3 redirects from that view to a short-lived signed URL instead).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_LIMIT_MAX = 100
# The headless API (portal/core/api/http.py): how long apps and CDNs may reuse a response, and the
# web origins allowed to call it from a browser (comma-separated, "*" for any; empty = closed).
API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", "60"))
# How long a draft previewed "As in the app" may be read through the API with its token
# (portal/core/preview.py).
API_PREVIEW_SECONDS = int(os.environ.get("API_PREVIEW_SECONDS", "900"))
# How long the API remembers what left the public's view for apps that sync (portal/core/sync.py,
# `manage.py purge_sync_records`): an app whose last sync is older must sync in full.
API_TOMBSTONE_DAYS = int(os.environ.get("API_TOMBSTONE_DAYS", "90"))
CORS_ALLOWED_ORIGINS = [
    origin.strip() for origin in os.environ.get("CORS_ALLOWED_ORIGINS", "").split(",") if origin.strip()
]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# wagtail-localize: the Italian tree is the source that other locales follow.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False


def machine_translator(environ):
    """The translation editor's machine translator, from MACHINE_TRANSLATOR (off when unset).

    "deepl" needs DEEPL_API_KEY; "libretranslate" needs LIBRETRANSLATE_URL (and its API key in
    LIBRETRANSLATE_API_KEY if the server asks for one); "dummy" only reverses the words, for
    trying the editor in development (production settings refuse it).
    """
    name = environ.get("MACHINE_TRANSLATOR", "").strip().lower()

    def required(variable):
        value = environ.get(variable, "").strip()
        if not value:
            raise ImproperlyConfigured(f"MACHINE_TRANSLATOR={name} needs the variable {variable}.")
        return value

    if name in ("", "off", "none"):
        return None
    if name == "deepl":
        return {
            "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
            "OPTIONS": {"AUTH_KEY": required("DEEPL_API_KEY")},
        }
    if name == "libretranslate":
        return {
            "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
            "OPTIONS": {
                "LIBRETRANSLATE_URL": required("LIBRETRANSLATE_URL").rstrip("/"),
                "API_KEY": environ.get("LIBRETRANSLATE_API_KEY", ""),
            },
        }
    if name == "dummy":
        return {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
    raise ImproperlyConfigured(
        f"MACHINE_TRANSLATOR={name!r} is not known: use deepl, libretranslate or leave it unset."
    )


WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator(os.environ)

# The time zone in which events are entered, stored and expanded.
EVENTS_TIME_ZONE = "Europe/Rome"
# How far ahead recurring events are expanded.
OCCURRENCES_HORIZON_DAYS = int(os.environ.get("OCCURRENCES_HORIZON_DAYS", "400"))
OCCURRENCES_MAX_PER_EVENT = int(os.environ.get("OCCURRENCES_MAX_PER_EVENT", "1000"))

# Background work of the portal (the proposals' e-mail: districts/tasks.py) is queued in the
# database under "background" and run by the worker process, `manage.py db_worker --backend
# background` (the Procfile's `worker`, started by `make run`). Wagtail's own tasks (search
# and reference index, file clean-up, CDN purges) stay on "default" and run at once, as they
# always have: a published page is searchable at once, and nothing but e-mail waits for the worker.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# Following a district (districts/follow/). Web Push signs with a VAPID key pair (RFC 8292):
# the private key (PEM or base64url DER), its public half (base64url, uncompressed point) and the
# contact the push services may write to. Without a private key the "notify me" control is not
# offered and no push is sent. FCM and APNs delivery (for an app that does not use Web Push) is
# off unless configured (docs/FOLLOWING.md).
VAPID_PRIVATE_KEY = os.environ.get("VAPID_PRIVATE_KEY", "")
VAPID_PUBLIC_KEY = os.environ.get("VAPID_PUBLIC_KEY", "")
VAPID_SUBJECT = os.environ.get("VAPID_SUBJECT", "mailto:quartieri@localhost")
# FCM: the path of the Firebase service account's JSON file. APNs: the path of the token
# signing key (.p8), its key id, the team id and the app's bundle id (topic); the sandbox for
# development builds of the app. Both need requirements-native-push.txt; `manage.py check` says
# what is missing.
FOLLOW_FCM_CREDENTIALS = os.environ.get("FOLLOW_FCM_CREDENTIALS", "").strip()
FOLLOW_APNS_KEY = os.environ.get("FOLLOW_APNS_KEY", "").strip()
FOLLOW_APNS_KEY_ID = os.environ.get("FOLLOW_APNS_KEY_ID", "").strip()
FOLLOW_APNS_TEAM_ID = os.environ.get("FOLLOW_APNS_TEAM_ID", "").strip()
FOLLOW_APNS_TOPIC = os.environ.get("FOLLOW_APNS_TOPIC", "").strip()
FOLLOW_APNS_SANDBOX = os.environ.get("FOLLOW_APNS_SANDBOX", "").strip().lower() in {"1", "true", "yes", "on"}
# Messages a second per channel from one worker (0: no limit), and attempts before giving up.
FOLLOW_RATE_LIMITS = {
    "email": float(os.environ.get("FOLLOW_EMAIL_PER_SECOND", "10")),
    "push": float(os.environ.get("FOLLOW_PUSH_PER_SECOND", "50")),
}
FOLLOW_MAX_ATTEMPTS = 3
# An e-mail subscription not confirmed within this many days is erased.
FOLLOW_UNCONFIRMED_DAYS = 7

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# Human-facing labels used in the admin.
ADMIN_SITE_TITLE = _("Quartieri administration")

# Local format overrides (English with the 24-hour clock used in Italy).
FORMAT_MODULE_PATH = ["portal.formats"]

# Residents' proposals: at most PROPOSALS_RATE_LIMIT per PROPOSALS_RATE_WINDOW seconds from one
# client (its address as TRUSTED_PROXY_COUNT says); how many months proposals are kept before
# `purge_proposals` anonymises them.
PROPOSALS_RATE_LIMIT = int(os.environ.get("PROPOSALS_RATE_LIMIT", "3"))
PROPOSALS_RATE_WINDOW = int(os.environ.get("PROPOSALS_RATE_WINDOW", "600"))
PROPOSALS_RETENTION_MONTHS = int(os.environ.get("PROPOSALS_RETENTION_MONTHS", "24"))


# --- Caches ---------------------------------------------------------------------------------
# `default` holds rendered pages and per-process data: local memory, or Redis with REDIS_URL.
# `shared` holds what every worker must agree on (the page-cache version, login and form rate
# limits): the database, or Redis with REDIS_URL. Without Redis the portal keeps answering,
# uncached (portal/cache.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.core.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "quartieri",
        },
        "shared": {
            "BACKEND": "portal.core.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "quartieri-shared",
        },
    }
else:
    CACHES = {
        # Per process and bounded: past PAGE_CACHE_MAX_ENTRIES the least recently read third
        # is dropped (a flood of distinct searches cannot grow a worker's memory). Pages share it
        # with the data and fragments kept by content version: one visit of the demo's 140 pages
        # in three languages leaves about 1,500 entries (5 MB), so 10,000 (some 35 MB) keeps every
        # page and several versions' worth of data, the oldest dropped first.
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "quartieri",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_MAX_ENTRIES", "10000"))},
        },
        "shared": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_shared_cache",
        },
    }
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_BROWSER_SECONDS = int(os.environ.get("PAGE_CACHE_BROWSER_SECONDS", "60"))
# How long nginx or a CDN in front may keep a public answer (`s-maxage`); what a publish
# changes besides the page itself reaches it only when this runs out.
PAGE_CACHE_SHARED_SECONDS = int(os.environ.get("PAGE_CACHE_SHARED_SECONDS", PAGE_CACHE_BROWSER_SECONDS))
# How long an answer whose content changed (nothing withdrawn) may be served while one request
# rebuilds it, here and by a proxy (`stale-while-revalidate`).
PAGE_CACHE_STALE_SECONDS = int(os.environ.get("PAGE_CACHE_STALE_SECONDS", "30"))

# --- Security headers and login throttling --------------------------------------------------
DEFAULT_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
    "font-src 'self'; connect-src 'self'; frame-src https://www.youtube-nocookie.com "
    "https://www.youtube.com https://player.vimeo.com; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def content_security_policy(environ):
    """django-csp's setting from the policy as the header says it, in the environment variable
    CONTENT_SECURITY_POLICY (DEFAULT_CONTENT_SECURITY_POLICY when unset; none when empty).

    The admin is left out (Wagtail's inline scripts); portal/security.py leaves out signed-in
    editors too. A directive django-csp does not know stops start-up rather than vanish.
    """
    text = environ.get("CONTENT_SECURITY_POLICY", DEFAULT_CONTENT_SECURITY_POLICY)
    directives = {"default-src": None}  # django-csp would add `default-src 'self'` otherwise
    for part in text.split(";"):
        if not part.split():
            continue
        name, *sources = part.split()
        name = name.lower()
        if name not in DEFAULT_DIRECTIVES:
            raise ImproperlyConfigured(f"CONTENT_SECURITY_POLICY: unknown directive {name!r}.")
        directives[name] = sources or True  # `upgrade-insecure-requests` has no sources
    if set(directives) == {"default-src"}:
        return None
    return {"EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"], "DIRECTIVES": directives}


CONTENT_SECURITY_POLICY = content_security_policy(os.environ)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_WINDOW = int(os.environ.get("LOGIN_FAILURE_WINDOW", "900"))

# --- Sign-in throttling: django-axes (portal/signin.py says why these values) ---------------
# Every authenticate() goes through axes' backend first; page and document password forms are
# counted by portal/password_throttle.py. LOGIN_FAILURE_LIMIT failures per account and client
# address lock that pair out until LOGIN_FAILURE_WINDOW seconds pass without another try.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = "portal.signin.failure_limit"
AXES_COOLOFF_TIME = "portal.signin.cool_off"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "portal.core.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "portal.signin.lockout_response"
# Nothing grows without bound: no row per successful sign-in, no failure log; the attempts
# table holds only the current window (axes deletes expired rows on every attempt).
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# django.contrib.admin is not mounted: `manage.py axes_reset_username NAME` unlocks an account.
AXES_ENABLE_ADMIN = False
