"""One search backend per database vendor: how a term is matched and how typos are looked up.

Both backends return, for a list of stems and an optional column, a subquery
of department ids; everything else (reading the text, scoring, ordering) is
shared, so SQLite and PostgreSQL give the same results.
"""

from django.db import connection

from .base import COLUMNS, SearchBackend


def current() -> SearchBackend:
    """The backend for the default database connection."""
    if connection.vendor == "postgresql":
        from .postgresql import PostgresBackend

        return PostgresBackend()
    from .sqlite import SqliteBackend

    return SqliteBackend()


__all__ = ["COLUMNS", "SearchBackend", "current"]
