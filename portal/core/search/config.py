"""WAGTAILSEARCH_BACKENDS from the environment (read by the settings, so no Django imports here).

SEARCH_BACKEND unset or "database": the database's own full-text search (`portal.core.search.backend`:
SQLite's FTS5, or PostgreSQL with each locale's text-search configuration). For larger
installations "elasticsearch7", "elasticsearch8", "elasticsearch9", "opensearch2" or
"opensearch3" with SEARCH_URL (comma-separated for a cluster); the matching client package
(`elasticsearch>=8,<9`, `opensearch-py`…) must then be installed, as it is not by default.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

EXTERNAL_BACKENDS = ("elasticsearch7", "elasticsearch8", "elasticsearch9", "opensearch2", "opensearch3")


def search_backends(environ):
    name = environ.get("SEARCH_BACKEND", "").strip().lower()
    if name in ("", "database", "db"):
        backend = {"BACKEND": "portal.core.search.backend"}
        if environ.get("SEARCH_CONFIG", "").strip():
            # PostgreSQL only: the configuration for queries over several locales.
            backend["SEARCH_CONFIG"] = environ["SEARCH_CONFIG"].strip()
        return {"default": backend}
    if name not in EXTERNAL_BACKENDS:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND={name!r} is not known: use database (the default) or one of "
            + ", ".join(EXTERNAL_BACKENDS)
            + "."
        )
    urls = [url.strip() for url in environ.get("SEARCH_URL", "").split(",") if url.strip()]
    if not urls:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND={name} needs SEARCH_URL, e.g. https://user:pass@host:9200"
        )
    for url in urls:
        if urlsplit(url).scheme not in ("http", "https"):
            raise ImproperlyConfigured(f"SEARCH_URL must be http(s) URLs, not {url!r}")
    return {
        "default": {
            "BACKEND": f"wagtail.search.backends.{name}",
            "URLS": urls,
            "INDEX_PREFIX": environ.get("SEARCH_INDEX_PREFIX", "quartieri_"),
            "TIMEOUT": int(environ.get("SEARCH_TIMEOUT", "5")),
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }
