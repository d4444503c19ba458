"""Per-process snapshots of the register that every search reads: departments and locations.

Both are numpy arrays, loaded once per index stamp (and per highest location
id, so bulk-inserted locations are noticed too):

- ``DepartmentTable``: the indexed departments, each one's place in the
  alphabetical order of its folded name (then id), compared in Python so
  SQLite and PostgreSQL order alike whatever their collation, and whether it
  is certified.
- ``LocationTable``: every location's department, id and coordinates, sorted
  by department; ``nearest()`` gives each department's nearest location to a
  point in one vectorised pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db import connection

from geo.distance import haversine_km_many

from ..models import Department, Location, SearchDocument

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
class Nearest:
    """Per department of the table (ids ascending): its nearest location and the distance."""

    department_ids: np.ndarray
    location_ids: np.ndarray
    km: np.ndarray

    def lookup(self, department_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(km, location id) for each of `department_ids`: inf and -1 for a department without location."""
        km = np.full(department_ids.shape, np.inf)
        locations = np.full(department_ids.shape, -1, dtype=np.int64)
        if len(self.department_ids) and len(department_ids):
            at = np.minimum(np.searchsorted(self.department_ids, department_ids), len(self.department_ids) - 1)
            found = self.department_ids[at] == department_ids
            km[found] = self.km[at[found]]
            locations[found] = self.location_ids[at[found]]
        return km, locations


@dataclass(frozen=True)
class LocationTable:
    department_ids: np.ndarray  # sorted, then by location id
    location_ids: np.ndarray
    lats: np.ndarray
    lons: np.ndarray
    starts: np.ndarray  # index of each department's first location
    departments: np.ndarray  # the department of each group (ascending)

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
        starts = np.flatnonzero(np.r_[True, departments[1:] != departments[:-1]]) if len(departments) else np.array(
            [], dtype=np.int64
        )
        return cls(departments, locations, lats, lons, starts, departments[starts])

    def nearest(self, lat: float, lon: float) -> Nearest:
        """Each department's nearest location to (lat, lon); ties go to the lowest location id."""
        if not len(self.department_ids):
            empty = np.array([], dtype=np.int64)
            return Nearest(empty, empty, np.array([], dtype=float))
        km = haversine_km_many(lat, lon, self.lats, self.lons)
        group_min = np.minimum.reduceat(km, self.starts)
        sizes = np.diff(np.r_[self.starts, len(km)])
        is_min = km == np.repeat(group_min, sizes)
        first_min = np.minimum.reduceat(np.where(is_min, np.arange(len(km)), len(km)), self.starts)
        return Nearest(self.departments, self.location_ids[first_min], group_min)
