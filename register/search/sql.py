"""SQL fragments for the candidate query: conditions on a department and its score.

Every condition is ``d.id IN (subquery)``, on ``register_department d`` or on
a subquery of candidate ids called ``d``; they combine with ``&`` and ``|``. Built as strings (no ORM compilation per
search: it cost more than running the query) from model metadata, with
parameters for every value. The same SQL runs on SQLite and PostgreSQL; only
the text match comes from the backend.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connections

from geo.models import Municipality

from ..models import Department, Location, Offer
from .scoring import AGE_POINTS, COLUMN_POINTS, GROUP_POINTS

DEPARTMENT = Department._meta.db_table
GROUP_LINKS = Department.target_groups.through._meta.db_table
AGE_LINKS = Department.age_groups.through._meta.db_table
FUNCTION_LINKS = Location.care_functions.through._meta.db_table
LOCATION = Location._meta.db_table
OFFER = Offer._meta.db_table
MUNICIPALITY = Municipality._meta.db_table


@dataclass(frozen=True)
class Sql:
    sql: str
    params: tuple = ()

    def __and__(self, other: Sql) -> Sql:
        return Sql(f"({self.sql}) AND ({other.sql})", self.params + other.params)

    def __or__(self, other: Sql) -> Sql:
        return Sql(f"({self.sql}) OR ({other.sql})", self.params + other.params)


NOTHING = Sql("1 = 0")


def all_of(conditions) -> Sql | None:
    result = None
    for condition in conditions:
        result = condition if result is None else result & condition
    return result


def any_of(conditions) -> Sql:
    result = None
    for condition in conditions:
        result = condition if result is None else result | condition
    return result if result is not None else NOTHING


def _marks(values) -> str:
    return ", ".join(["%s"] * len(values))


def ids_in(subquery: str, params=()) -> Sql:
    return Sql(f"d.id IN ({subquery})", tuple(params))


def union(subqueries: list[Sql]) -> Sql:
    """One subquery of the ids any of `subqueries` gives."""
    return Sql(" UNION ".join(q.sql for q in subqueries), sum((q.params for q in subqueries), ()))


def target_group_ids(pks) -> Sql:
    pks = list(pks)
    return Sql(f"SELECT department_id AS id FROM {GROUP_LINKS} WHERE targetgroup_id IN ({_marks(pks)})", tuple(pks))


def age_group_ids(pks) -> Sql:
    pks = list(pks)
    return Sql(f"SELECT department_id AS id FROM {AGE_LINKS} WHERE agegroup_id IN ({_marks(pks)})", tuple(pks))


def text_ids(backend, stems, column=None) -> Sql:
    """The ids of departments with one of `stems` in `column` (None: in any column)."""
    subquery, params = backend.matches(stems, column)
    return Sql(subquery, tuple(params))


def has_target_group(pks) -> Sql:
    ids = target_group_ids(pks)
    return ids_in(ids.sql, ids.params)


def has_age_group(pks) -> Sql:
    ids = age_group_ids(pks)
    return ids_in(ids.sql, ids.params)


def has_offer(kinds) -> Sql:
    kinds = list(kinds)
    return ids_in(f"SELECT department_id FROM {OFFER} WHERE kind IN ({_marks(kinds)})", kinds)


def has_care_function(pks) -> Sql:
    pks = list(pks)
    return ids_in(
        f"SELECT l.department_id FROM {LOCATION} l INNER JOIN {FUNCTION_LINKS} f ON f.location_id = l.id"
        f" WHERE f.carefunction_id IN ({_marks(pks)})",
        pks,
    )


def in_province(code: str) -> Sql:
    return ids_in(
        f"SELECT l.department_id FROM {LOCATION} l INNER JOIN {MUNICIPALITY} m ON m.code = l.municipality_id"
        " WHERE m.province_id = %s",
        [code],
    )


def in_box(box) -> Sql:
    """A location inside the bounding box (the SQL prefilter of a radius search)."""
    return ids_in(
        f"SELECT department_id FROM {LOCATION} WHERE latitude >= %s AND latitude <= %s"
        " AND longitude >= %s AND longitude <= %s",
        [box.min_lat, box.max_lat, box.min_lon, box.max_lon],
    )


def matches(backend, stems, column=None) -> Sql:
    ids = text_ids(backend, stems, column)
    return ids_in(ids.sql, ids.params)


def score(group_pks, age_pks, terms, backend) -> Sql | None:
    """The part of the score that depends on the query (see scoring.py), or None when nothing does."""
    parts: list[Sql] = []
    for pk in group_pks:
        parts.append(_case([(has_target_group([pk]), GROUP_POINTS)]))
    if age_pks:
        parts.append(_case([(has_age_group(age_pks), AGE_POINTS)]))
    for term in terms:
        branches = [(matches(backend, term.stems, column), points) for column, points in COLUMN_POINTS.items()]
        parts.append(_case(branches))  # the strongest column that has the word
    if not parts:
        return None
    return Sql(" + ".join(p.sql for p in parts), sum((p.params for p in parts), ()))


def _case(branches) -> Sql:
    whens = " ".join(f"WHEN {condition.sql} THEN {int(points)}" for condition, points in branches)
    return Sql(f"CASE {whens} ELSE 0 END", sum((condition.params for condition, _ in branches), ()))


def select(columns: list[Sql], where: Sql | None, source: Sql | None = None) -> Sql:
    """SELECT d.id, <columns> FROM <source> d [WHERE ...].

    The source is register_department, or a subquery of ids (the departments
    the text selects), so that a text search only looks at its candidates.
    """
    sql = "SELECT d.id" + "".join(f", {c.sql}" for c in columns)
    params = sum((c.params for c in columns), ())
    if source is None:
        sql += f" FROM {DEPARTMENT} d"
    else:
        sql += f" FROM ({source.sql}) d"
        params += source.params
    if where is not None:
        sql += f" WHERE {where.sql}"
        params += where.params
    return Sql(sql, params)


def fetch(statement: Sql, using: str = "default") -> list[tuple]:
    with connections[using].cursor() as cursor:
        cursor.execute(statement.sql, list(statement.params))
        return cursor.fetchall()
