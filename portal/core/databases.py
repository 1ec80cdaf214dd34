"""The shared cache's own database under SQLite: a router that keeps its table there, and the
table created whenever that database is opened without it.

portal/database_config.py decides whether there is such a database (SQLite with a file: yes;
PostgreSQL: no, the shared cache stays in the main database). Django's DatabaseCache routes its
table as a model of the app label `django_cache`; `migrate` only ever sees the main database,
so the cache file is disposable: deleted, it comes back empty at the next connection.
"""

from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.db.backends.signals import connection_created

from . import upstream
from .database_config import SHARED_CACHE_DATABASE

CACHE_APP_LABEL = upstream.DATABASE_CACHE_APP_LABEL


def shared_cache_database():
    """The alias of the shared cache's own database, or None when it is the main database."""
    return SHARED_CACHE_DATABASE if SHARED_CACHE_DATABASE in settings.DATABASES else None


class SharedCacheRouter:
    """The shared cache's table in its own database when there is one, and nothing else there."""

    def db_for_read(self, model, **hints):
        if model._meta.app_label == CACHE_APP_LABEL:
            return shared_cache_database()
        return None

    db_for_write = db_for_read

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        cache_database = shared_cache_database()
        if cache_database is None:
            return None
        if app_label == CACHE_APP_LABEL:
            return db == cache_database
        return False if db == cache_database else None


def create_shared_cache_table(sender, connection, **kwargs):
    """On opening the shared cache's database, create its table if the file has none yet."""
    if connection.alias != SHARED_CACHE_DATABASE:
        return
    tables = {
        settings.CACHES[alias]["LOCATION"]
        for alias in settings.CACHES
        if upstream.is_database_cache(caches[alias])
    }
    if tables <= set(connection.introspection.table_names()):
        return
    # BEGIN IMMEDIATE (the database's transaction mode): two workers opening a new file at
    # once create the table one after the other, the second finding it there.
    with transaction.atomic(using=connection.alias):
        call_command("createcachetable", database=connection.alias, verbosity=0)


def connect():
    connection_created.connect(create_shared_cache_table, dispatch_uid="portal-shared-cache-table")
