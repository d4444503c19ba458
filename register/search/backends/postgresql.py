"""PostgreSQL: per column a generated ``strip(to_tsvector('dutch', ...))`` with a GIN index, and pg_trgm.

The documents' words are stemmed by PostgreSQL's 'dutch' configuration, the
same Snowball algorithm register.search.text uses, so a stem made in Python
is the lexeme PostgreSQL stored (a PostgreSQL test checks this). A query of
plain lexemes ("a | b") is answered by the GIN index exactly, without
rechecking rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection

from ..lexicon import Lexicon
from .base import COLUMNS, SearchBackend, check_stems


class PostgresBackend(SearchBackend):
    vendor = "postgresql"

    def matches(self, stems: Sequence[str], column: str | None = None) -> tuple[str, list]:
        query = " | ".join(f"'{s}'" for s in check_stems(stems))
        columns = COLUMNS if column is None else (column,)
        if not set(columns) <= set(COLUMNS):
            raise ValueError(f"unknown column {column!r}")
        return (
            " UNION ".join(
                f"SELECT department_id AS id FROM register_searchdocument WHERE {c}_vector @@ CAST(%s AS tsquery)"
                for c in columns
            ),
            [query] * len(columns),
        )

    def id_list(self, column: str) -> str:
        return f"string_agg(({column})::text, ',')"

    def similar_words(self, words: list[str], lexicon: Lexicon) -> dict[str, list[str]]:
        """pg_trgm's `%` (similarity >= pg_trgm.similarity_threshold, 0.3), through its GIN index."""
        result: dict[str, list[str]] = {word: [] for word in words}
        if not words:
            return result
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT q.word, t.word FROM unnest(%s::text[]) AS q(word)"
                " JOIN register_searchterm t ON t.word %% q.word",
                [list(words)],
            )
            for word, candidate in cursor.fetchall():
                result[word].append(candidate)
        return result
