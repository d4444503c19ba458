"""SQL of the text search: which departments have a word of the text in which column.

Only the words of a text need SQL (the full-text index: FTS5 on SQLite,
tsvector with the 'dutch' configuration on PostgreSQL); filters, target
groups, age groups and distance are numpy columns over cached snapshots
(snapshot.Facets, LocationTable), and so is the target-group column of the
index (see engine._term_points). Built as a string (no ORM compilation per
search: it cost more than running the query), with parameters for every
value. The same SQL runs on SQLite and PostgreSQL; only the match of one
column comes from the backend.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db import connections


@dataclass(frozen=True)
class Sql:
    sql: str
    params: tuple = ()


def column_hits(backend, terms, columns: dict[str, int]) -> Sql:
    """``(term number, points, ids)`` per term and column of `columns` ({column: points}), in one
    statement: `ids` is the comma-separated ids of the departments with a stem of the term in that
    column, or NULL (see ids())."""
    branches, params = [], []
    for number, term in enumerate(terms):
        for column, points in columns.items():
            subquery, column_params = backend.matches(term.stems, column)
            branches.append(f"SELECT {int(number)}, {int(points)}, (SELECT {backend.id_list('m.id')} FROM ({subquery}) m)")
            params += column_params
    return Sql(" UNION ALL ".join(branches), tuple(params))


def ids(id_list: str | None) -> np.ndarray:
    """The ids of a backend's id_list() value."""
    if not id_list:
        return np.array([], dtype=np.int64)
    return np.array(id_list.split(","), dtype=np.int64)


def fetch(statement: Sql, using: str = "default") -> list[tuple]:
    with connections[using].cursor() as cursor:
        cursor.execute(statement.sql, list(statement.params))
        return cursor.fetchall()
