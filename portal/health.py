"""`/healthz`: is the database answering, is the cache answering. Never cached, and never a write
to a database (platforms probe every few seconds)."""

import time

from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from portal.core import upstream


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_caches():
    for alias in ("default", "shared"):
        cache = caches[alias]
        try:
            if hasattr(cache, "probe"):  # portal.core.cache.TolerantRedisCache answers empty when down
                cache.probe()
                continue
            if upstream.is_database_cache(cache):
                # A read proves the table answers (DatabaseCache.set would hide a failed write
                # anyway); a probe every few seconds writes nothing to the database.
                cache.get("portal:healthz")
                continue
            cache.set("portal:healthz", "ok", 10)
            if cache.get("portal:healthz") != "ok":
                raise RuntimeError(f"cache {alias} did not return what was stored")
        except Exception as error:
            error.cache_alias = alias
            raise


@never_cache
def healthz(request):
    checks = {}
    healthy = True
    for name, check in (("database", _check_database), ("cache", _check_caches)):
        started = time.perf_counter()
        try:
            check()
            checks[name] = {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}
        except Exception as error:  # report, never raise: this is the page that says what is wrong
            healthy = False
            checks[name] = {"ok": False, "error": error.__class__.__name__}
            if hasattr(error, "cache_alias"):  # "shared" lives in the database unless REDIS_URL
                checks[name]["alias"] = error.cache_alias
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks}, status=200 if healthy else 503
    )
