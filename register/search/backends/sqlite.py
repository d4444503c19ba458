"""SQLite: an FTS5 table (register_search_fts) over the Python-stemmed columns.

Typo candidates come from the lexicon's in-memory trigram index (SQLite has no pg_trgm).
"""

from __future__ import annotations

from collections.abc import Sequence

from .base import COLUMNS, SearchBackend, check_stems

FTS_TABLE = "register_search_fts"


class SqliteBackend(SearchBackend):
    vendor = "sqlite"

    def matches(self, stems: Sequence[str], column: str | None = None) -> tuple[str, list]:
        expression = " OR ".join(f'"{s}"' for s in check_stems(stems))
        if column is not None:
            if column not in COLUMNS:
                raise ValueError(f"unknown column {column!r}")
            expression = f"{{{column}_stems}} : ({expression})"
        return f"SELECT rowid AS id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [expression]

    def id_list(self, column: str) -> str:
        return f"group_concat({column}, ',')"
