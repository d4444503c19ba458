"""Per-process snapshots of the register that every search reads: departments, locations, facets.

All are numpy arrays, loaded once per index stamp (and per highest location
id, so bulk-inserted locations are noticed too):

- ``DepartmentTable``: the indexed departments, each one's place in the
  alphabetical order of its folded name (then id), compared in Python so
  SQLite and PostgreSQL order alike whatever their collation, and whether it
  is certified.
- ``LocationTable``: every location's department, id and coordinates, sorted
  by department; ``nearest()`` gives each department's nearest location to a
  point in one vectorised pass (with a radius, over the locations in its
  bounding box only).
- ``Facets``: per department, what the filters ask (target groups, age
  groups, offer kinds, care functions and provinces of its locations), one
  boolean column per value; a filter is a few numpy operations instead of a
  SQL subquery over the link tables and locations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.db import connection

from geo.distance import EARTH_RADIUS_KM, bounding_box

from geo.models import Municipality

from ..models import Department, Location, Offer, SearchDocument

UNRANKED = np.iinfo(np.int64).max


@dataclass(frozen=True)
class DepartmentTable:
    """Every indexed department: its id, its place in the name order, whether it is certified."""

    ids: np.ndarray  # ascending
    ranks: np.ndarray  # indexed by department id
    certified: np.ndarray  # indexed by department id

    @classmethod
    def load(cls) -> DepartmentTable:
        rows = sorted(
            SearchDocument.objects.order_by().values_list("sort_key", "department_id", "department__status")
        )
        size = max((row[1] for row in rows), default=0) + 1
        ids = np.array([row[1] for row in rows], dtype=np.int64)
        ranks = np.full(size, UNRANKED, dtype=np.int64)
        ranks[ids] = np.arange(len(rows), dtype=np.int64)
        certified = np.zeros(size, dtype=bool)
        certified[ids] = [row[2] == Department.Status.CERTIFIED for row in rows]
        return cls(np.sort(ids), ranks, certified)

    def _get(self, array: np.ndarray, department_ids: np.ndarray, default):
        inside = department_ids < len(array)
        result = np.full(department_ids.shape, default, dtype=array.dtype)
        result[inside] = array[department_ids[inside]]
        return result

    def rank(self, department_ids: np.ndarray) -> np.ndarray:
        return self._get(self.ranks, department_ids, UNRANKED)

    def is_certified(self, department_ids: np.ndarray) -> np.ndarray:
        return self._get(self.certified, department_ids, False)


@dataclass(frozen=True)
class LocationTable:
    department_ids: np.ndarray  # sorted, then by location id
    location_ids: np.ndarray
    lats: np.ndarray
    lons: np.ndarray
    starts: np.ndarray  # index of each department's first location
    phis: np.ndarray  # the latitudes in radians and their cosines, as haversine_km_many computes them
    cos_phis: np.ndarray
    points: np.ndarray  # (3, n): each location as a unit vector, for choosing the nearest without trigonometry
    _rows: dict = field(default_factory=dict, compare=False, repr=False)  # rows_in() of the last `ids`

    @classmethod
    def load(cls) -> LocationTable:
        queryset = Location.objects.order_by("department_id", "pk").values_list(
            "department_id", "pk", "latitude", "longitude"
        )
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return cls.from_rows(rows)

    @classmethod
    def from_rows(cls, rows) -> LocationTable:
        """`rows`: (department id, location id, latitude, longitude), in any order."""
        data = np.asarray(rows, dtype=float).reshape(-1, 4)
        departments = data[:, 0].astype(np.int64)
        locations = data[:, 1].astype(np.int64)
        order = np.lexsort((locations, departments))
        departments, locations, lats, lons = departments[order], locations[order], data[order, 2], data[order, 3]
        phis = np.radians(lats)
        return cls(
            departments, locations, lats, lons, _group_starts(departments), phis, np.cos(phis), _unit_vectors(lats, lons)
        )

    def nearest(self, ids: np.ndarray, lat: float, lon: float, radius: float | None = None):
        """(km, location id) for each department of `ids` (ascending, as Facets.ids): its nearest
        location to (lat, lon), ties to the lowest location id; inf and -1 when it has none.

        With `radius`, only locations within it count; only those inside the
        radius's bounding box are measured at all. Without, every location
        counts and the nearest of each department is chosen without
        trigonometry first (see _choose_anywhere).
        """
        km = np.full(len(ids), np.inf)
        location_ids = np.full(len(ids), -1, dtype=np.int64)
        if not len(self.department_ids) or not len(ids):
            return km, location_ids
        rows = self.rows_in(ids)
        if radius is None:
            chosen = self._choose_anywhere(lat, lon)
            distances = self._km(lat, lon, chosen)
        else:
            box = bounding_box(lat, lon, radius)
            inside = (self.lats >= box.min_lat) & (self.lats <= box.max_lat)
            inside &= (self.lons >= box.min_lon) & (self.lons <= box.max_lon)
            at = np.flatnonzero(inside)
            measured = self._km(lat, lon, at)
            within = measured <= radius
            at, measured = at[within], measured[within]
            if not len(at):
                return km, location_ids
            group = _first_best(measured, _group_starts(self.department_ids[at]), smallest=True)
            chosen, distances = at[group], measured[group]
        group_rows = rows[chosen]
        known = group_rows >= 0  # departments without a document are no candidates
        km[group_rows[known]] = distances[known]
        location_ids[group_rows[known]] = self.location_ids[chosen[known]]
        return km, location_ids

    def _choose_anywhere(self, lat: float, lon: float) -> np.ndarray:
        """The index of each department's nearest location, by the dot product of unit vectors
        (larger is nearer, in the great-circle distance's order: three multiplications a location
        instead of four sines and cosines). Locations at the same point tie exactly."""
        closeness = _unit_vectors(np.array([lat]), np.array([lon]))[:, 0] @ self.points
        return _first_best(closeness, self.starts, smallest=False)

    def rows_in(self, ids: np.ndarray) -> np.ndarray:
        """Each location's department's row in `ids` (-1: not there), worked out once per `ids` array."""
        cached = self._rows.get("ids")
        if cached is not None and cached[0] is ids:
            return cached[1]
        found_rows, found = _rows(ids, self.department_ids)
        rows = np.where(found, found_rows, -1)
        self._rows["ids"] = (ids, rows)
        return rows

    def _km(self, lat: float, lon: float, at) -> np.ndarray:
        """haversine_km_many(lat, lon, self.lats[at], self.lons[at]), the same numbers, with the
        locations' radians and cosines computed once."""
        phi1 = np.radians(float(lat))
        half_dphi = (self.phis[at] - phi1) / 2
        half_dlambda = np.radians(self.lons[at] - float(lon)) / 2
        a = np.sin(half_dphi) ** 2 + np.cos(phi1) * self.cos_phis[at] * np.sin(half_dlambda) ** 2
        return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


FUNCTION_LINKS = Location.care_functions.through._meta.db_table


@dataclass(frozen=True)
class Facets:
    """What the finder's filters ask of each department: one boolean column per value.

    Rows are the departments `ids` (ascending, as DepartmentTable.ids). A
    department has a care function or lies in a province when one of its
    locations does. Values nobody has are absent (no column: nobody).
    """

    ids: np.ndarray
    target_groups: dict  # target group pk -> bool[len(ids)]
    age_groups: dict  # age group pk -> ...
    offers: dict  # Offer.Kind value -> ...
    care_functions: dict  # care function pk -> ...
    provinces: dict  # province code -> ...

    @classmethod
    def load(cls, ids: np.ndarray) -> Facets:
        """Five queries, one per facet (each reads only the link columns)."""
        groups = Department.target_groups.through._meta.db_table
        ages = Department.age_groups.through._meta.db_table
        return cls(
            ids=ids,
            target_groups=cls._columns(ids, f"SELECT department_id, targetgroup_id FROM {groups}"),
            age_groups=cls._columns(ids, f"SELECT department_id, agegroup_id FROM {ages}"),
            offers=cls._columns(ids, f"SELECT department_id, kind FROM {Offer._meta.db_table}"),
            care_functions=cls._columns(
                ids,
                f"SELECT l.department_id, f.carefunction_id FROM {Location._meta.db_table} l"
                f" INNER JOIN {FUNCTION_LINKS} f ON f.location_id = l.id",
            ),
            provinces=cls._columns(
                ids,
                f"SELECT l.department_id, m.province_id FROM {Location._meta.db_table} l"
                f" INNER JOIN {Municipality._meta.db_table} m ON m.code = l.municipality_id",
            ),
        )

    @staticmethod
    def _columns(ids: np.ndarray, sql: str) -> dict:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            rows = cursor.fetchall()
        by_value: dict = {}
        for department_id, value in rows:
            by_value.setdefault(value, []).append(department_id)
        columns = {}
        for value, department_ids in by_value.items():
            rows, found = _rows(ids, np.asarray(department_ids, dtype=np.int64))
            column = np.zeros(len(ids), dtype=bool)
            column[rows[found]] = True  # departments without a document are no candidates
            columns[value] = column
        return columns

    def none(self) -> np.ndarray:
        return np.zeros(len(self.ids), dtype=bool)

    def any_of(self, facet: dict, values) -> np.ndarray:
        """The departments that have at least one of `values` in `facet` (one of the dicts above)."""
        result = self.none()
        for value in values:
            column = facet.get(value)
            if column is not None:
                result |= column
        return result

    def rows(self, department_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(rows, found): the row of each of `department_ids` and whether it has one (an indexed department)."""
        return _rows(self.ids, department_ids)


@dataclass(frozen=True)
class WordColumns:
    """The short columns of the search index, a department's name and its institutions' names, as
    an in-memory word index: per stem, the departments (rows of Facets.ids) whose column has it.

    Built from the documents' ``*_stems`` (the words the SQLite FTS5 table indexes, and the lexemes
    PostgreSQL's 'dutch' configuration makes of them: register.tests.test_search_postgres), so a
    stem selects here what the full-text index selects in that column
    (register.tests.test_finder_queries checks it on both databases). The long column, the
    description, stays in the full-text index.
    """

    columns: dict  # column -> {stem: rows}

    NAMES = ("name", "institutions")

    @classmethod
    def load(cls, ids: np.ndarray) -> WordColumns:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT department_id, {', '.join(f'{name}_stems' for name in cls.NAMES)}"
                f" FROM {SearchDocument._meta.db_table}"
            )
            documents = cursor.fetchall()
        rows, found = _rows(ids, np.array([document[0] for document in documents], dtype=np.int64))
        stems: dict = {name: {} for name in cls.NAMES}
        for document, row, indexed in zip(documents, rows.tolist(), found.tolist()):
            if not indexed:
                continue
            for name, text in zip(cls.NAMES, document[1:]):
                for stem in set((text or "").split()):
                    stems[name].setdefault(stem, []).append(row)
        return cls({name: {stem: np.array(at, dtype=np.int64) for stem, at in by_stem.items()} for name, by_stem in stems.items()})

    def rows(self, column: str, stems) -> np.ndarray:
        """The departments (rows) whose `column` has one of `stems` (a row may occur twice)."""
        by_stem = self.columns[column]
        found = [by_stem[stem] for stem in stems if stem in by_stem]
        if not found:
            return np.array([], dtype=np.int64)
        return found[0] if len(found) == 1 else np.concatenate(found)


def _first_best(values: np.ndarray, starts: np.ndarray, smallest: bool) -> np.ndarray:
    """Per group (runs starting at `starts`), the index of its first smallest (or largest) value: the
    lowest location id, as locations are ordered by id within a department."""
    best = (np.minimum if smallest else np.maximum).reduceat(values, starts)
    sizes = np.diff(np.r_[starts, len(values)])
    at = np.flatnonzero(values == np.repeat(best, sizes))  # every best; a tie gives a group two or more
    if len(at) == len(starts):
        return at
    group = np.repeat(np.arange(len(starts)), sizes)[at]
    return at[np.r_[True, group[1:] != group[:-1]]]


def _unit_vectors(lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """(3, n): the points on the unit sphere."""
    phis, lambdas = np.radians(lats), np.radians(lons)
    return np.stack([np.cos(phis) * np.cos(lambdas), np.cos(phis) * np.sin(lambdas), np.sin(phis)])


def _group_starts(sorted_ids: np.ndarray) -> np.ndarray:
    """The index where each run of equal values in `sorted_ids` starts."""
    if not len(sorted_ids):
        return np.array([], dtype=np.int64)
    return np.flatnonzero(np.r_[True, sorted_ids[1:] != sorted_ids[:-1]])


def _rows(ids: np.ndarray, department_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if not len(ids):
        return np.zeros(len(department_ids), dtype=np.int64), np.zeros(len(department_ids), dtype=bool)
    at = np.minimum(np.searchsorted(ids, department_ids), len(ids) - 1)
    return at, ids[at] == department_ids
