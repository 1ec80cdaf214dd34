"""gunicorn settings for the Procfile's web process; every value can be set by environment.

The application is loaded once in the master (`preload_app`) and each worker is a fork of it:
a worker starts in milliseconds, shares the imported code with the others (copy on write), and
recycling one costs nothing a reader notices. A worker's memory levels off after its first few
thousand requests (docs/PERFORMANCE.md has the measurement), so workers are recycled only
after `max_requests` requests, as a guard against a leak in a library, not as routine. Code
changes need a restart (`kill -HUP` reloads the configuration, not the preloaded code).
"""

import os

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"  # noqa: S104 (PaaS binds all)
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "10000"))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips


def post_fork(server, worker):
    """Nothing the master opened while loading the application is shared by two workers: each
    opens its own database connections (and cache connections, lazily) on its first request."""
    from django.db import connections

    connections.close_all()
