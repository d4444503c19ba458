"""SQL of the candidate query: the departments with a word of the text, and the words' points.

Only the text needs SQL (the full-text index: FTS5 on SQLite, tsvector on
PostgreSQL); filters, target groups, age groups and distance are numpy
columns over cached snapshots (snapshot.Facets, LocationTable). Conditions are
``d.id IN (subquery)`` on a subquery of candidate ids called ``d``. Built as
strings (no ORM compilation per search: it cost more than running the query),
with parameters for every value. The same SQL runs on SQLite and PostgreSQL;
only the text match comes from the backend.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connections

from .scoring import COLUMN_POINTS


@dataclass(frozen=True)
class Sql:
    sql: str
    params: tuple = ()


def ids_in(subquery: str, params=()) -> Sql:
    return Sql(f"d.id IN ({subquery})", tuple(params))


def text_ids(backend, stems, column=None) -> Sql:
    """The ids of departments with one of `stems` in `column` (None: in any column)."""
    subquery, params = backend.matches(stems, column)
    return Sql(subquery, tuple(params))


def matches(backend, stems, column=None) -> Sql:
    ids = text_ids(backend, stems, column)
    return ids_in(ids.sql, ids.params)


def term_points(terms, backend) -> Sql:
    """Per query word, the points of the strongest column that has it (see scoring.py), summed."""
    parts = []
    for term in terms:
        branches = [(matches(backend, term.stems, column), points) for column, points in COLUMN_POINTS.items()]
        parts.append(_case(branches))
    return Sql(" + ".join(p.sql for p in parts), sum((p.params for p in parts), ()))


def _case(branches) -> Sql:
    whens = " ".join(f"WHEN {condition.sql} THEN {int(points)}" for condition, points in branches)
    return Sql(f"CASE {whens} ELSE 0 END", sum((condition.params for condition, _ in branches), ()))


def select(columns: list[Sql], where: Sql | None, source: Sql) -> Sql:
    """SELECT d.id, <columns> FROM (<source>) d [WHERE ...]: `source` is a subquery of ids."""
    sql = "SELECT d.id" + "".join(f", {c.sql}" for c in columns)
    params = sum((c.params for c in columns), ()) + source.params
    sql += f" FROM ({source.sql}) d"
    if where is not None:
        sql += f" WHERE {where.sql}"
        params += where.params
    return Sql(sql, params)


def fetch(statement: Sql, using: str = "default") -> list[tuple]:
    with connections[using].cursor() as cursor:
        cursor.execute(statement.sql, list(statement.params))
        return cursor.fetchall()
