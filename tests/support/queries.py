"""Counting the queries of every database of the portal, not only "default".

Under SQLite the shared cache (the page-cache version, rate limits) has a database of its own
(portal/database_config.py); a query there is a query all the same, and counting every database
gives the same figures on SQLite and on PostgreSQL, where the shared cache is in the main one.
"""

from django.db import connections
from django.test.utils import CaptureQueriesContext


class CaptureAllQueries:
    """CaptureQueriesContext over every database: `len()`, `captured_queries` (grouped by database)."""

    def __init__(self):
        self.contexts = [CaptureQueriesContext(connections[alias]) for alias in connections]

    def __enter__(self):
        for context in self.contexts:
            context.__enter__()
        return self

    def __exit__(self, *exc_info):
        for context in reversed(self.contexts):
            context.__exit__(*exc_info)

    @property
    def captured_queries(self):
        return [query for context in self.contexts for query in context.captured_queries]

    def __len__(self):
        return sum(len(context) for context in self.contexts)

    def __iter__(self):
        return iter(self.captured_queries)

    def __getitem__(self, index):
        return self.captured_queries[index]
