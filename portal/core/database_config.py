"""DATABASES from the environment, tuned per engine (read by the settings, so no Django imports here).

SQLite (the embedded configuration) is tuned so that concurrent writes wait instead of failing
with "database is locked": a write-ahead log (readers never block the writer, nor it them), a
busy timeout (a write waits for the one in progress) and transactions that take the write lock
when they begin (`BEGIN IMMEDIATE`: a deferred transaction that reads and then writes cannot
wait for the lock, SQLite fails it at once). The `shared` cache (the page-cache version, the
rate-limit counters, /healthz's probe: frequent small writes) gets a second SQLite file beside
the main one, so that it never queues behind a resident's proposal or an editor's publish, nor
they behind it; portal/databases.py routes its table there and creates it.

PostgreSQL connections get a connect timeout, a statement timeout (the server cancels a runaway
query before gunicorn kills the worker and leaves the query running) and TCP keepalives (a
connection dropped by a firewall or a failover is noticed within about two minutes, not hours);
the shared cache stays in the main database.
"""

from pathlib import Path

SQLITE = "django.db.backends.sqlite3"
POSTGRESQL = "django.db.backends.postgresql"
# The alias of the shared cache's own SQLite database.
SHARED_CACHE_DATABASE = "cache"


def configure_databases(default, environ):
    """DATABASES for the main database `default` (dj-database-url's dict), tuned for its engine.

    `environ` gives DB_BUSY_TIMEOUT (SQLite, seconds, default 20), DB_CONNECT_TIMEOUT
    (PostgreSQL, seconds, default 5) and DB_STATEMENT_TIMEOUT_MS (PostgreSQL, default 25000;
    0: none). Under SQLite with a file, a second alias SHARED_CACHE_DATABASE is returned.
    """
    default = {**default, "OPTIONS": dict(default.get("OPTIONS") or {})}
    databases = {"default": default}
    if default["ENGINE"] == SQLITE:
        default["OPTIONS"].update(_sqlite_options(environ, synchronous="FULL"))
        cache_file = shared_cache_file(default["NAME"])
        if cache_file is not None:
            databases[SHARED_CACHE_DATABASE] = {
                **default,
                "NAME": str(cache_file),
                "OPTIONS": {**default["OPTIONS"], **_sqlite_options(environ, synchronous="NORMAL")},
                # No models live there: the test run creates the cache table in it without
                # replaying every app's migrations.
                "TEST": {"MIGRATE": False},
            }
    elif default["ENGINE"] == POSTGRESQL:
        default["OPTIONS"] = _postgresql_options(default["OPTIONS"], environ)
    return databases


def _sqlite_options(environ, synchronous):
    return {
        # sqlite3.connect's busy timeout in seconds, below gunicorn's 30 s request timeout.
        "timeout": float(environ.get("DB_BUSY_TIMEOUT", "20")),
        "transaction_mode": "IMMEDIATE",
        # FULL: a committed proposal survives a power cut too (with a write-ahead log, NORMAL may
        # lose the last transactions then); a lost cache entry costs nothing, so the cache has NORMAL.
        "init_command": f"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous};",
    }


def _postgresql_options(options, environ):
    """libpq parameters; those given in DATABASE_URL's query string win."""
    tuned = {
        "connect_timeout": int(environ.get("DB_CONNECT_TIMEOUT", "5")),
        "keepalives": 1,
        "keepalives_idle": 60,
        "keepalives_interval": 10,
        "keepalives_count": 5,
        **options,
    }
    statement_timeout = int(environ.get("DB_STATEMENT_TIMEOUT_MS", "25000"))
    server_options = tuned.get("options", "")
    # 0 sends no statement_timeout at all (behind PgBouncer, which refuses the `options` startup
    # parameter, set it on the database role instead).
    if statement_timeout and "statement_timeout" not in server_options:
        tuned["options"] = f"{server_options} -c statement_timeout={statement_timeout}".strip()
    return tuned


def shared_cache_file(name):
    """The shared cache's SQLite file beside the main one (db.sqlite3 → db.cache.sqlite3), or
    None for an in-memory main database."""
    name = str(name or "")
    if not name or name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        return None
    path = Path(name)
    return path.with_name(f"{path.stem}.cache{path.suffix}")
