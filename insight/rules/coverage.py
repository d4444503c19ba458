"""Coverage and gaps (pure: numpy, no database). The pages, the exports and
``python manage.py insight coverage`` all use these functions.

Definitions (issue 15):

- A **qualifying location** belongs to a department that is certified on the day, serves the
  target group (and the age group, when one is chosen) and has its high-specialist treatment
  offer open (not paused): ``qualifies``.
- A **postcode area's distance** is the great-circle distance from its point to the nearest
  qualifying location; a **municipality's** is from its population-weighted centre:
  ``nearest_km``.
- The **population share within R km** is the population of the postcode areas whose distance is
  at most R, divided by the population of all postcode areas: ``shares`` (per region: of the
  postcode areas in that region, ``shares_by``).
- A **white spot** is a municipality whose distance is more than ``WHITE_SPOT_KM`` (or that has
  no qualifying location at all).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from geo.distance import haversine_km_matrix

RADII = (25, 50, 100)
WHITE_SPOT_KM = 50.0
CHUNK = 512  # origins per block of the distance matrix (bounds memory: CHUNK × locations × 8 bytes)

# Distance classes of the map, with a colour-blind-safe sequential scale (cividis-like, light to dark
# blue-grey-yellow reversed: near is light). The last class is "no location at all".
CLASSES = ((0, 25), (25, 50), (50, 100), (100, None))


@dataclass(frozen=True)
class DepartmentFacts:
    """What ``qualifies`` needs of a department (read by insight.selectors)."""

    pk: int
    status: str
    certified_from: date | None
    certified_until: date | None
    target_groups: frozenset[str]  # codes
    age_groups: frozenset[str]  # codes
    treatment_open: bool  # has a treatment offer, and it is not paused


def is_certified_on(facts: DepartmentFacts, today: date) -> bool:
    return (
        facts.status == "certified"
        and facts.certified_from is not None
        and facts.certified_until is not None
        and facts.certified_from <= today <= facts.certified_until
    )


def qualifies(facts: DepartmentFacts, today: date, target_group: str, age_group: str | None = None) -> bool:
    return (
        is_certified_on(facts, today)
        and facts.treatment_open
        and target_group in facts.target_groups
        and (age_group is None or age_group in facts.age_groups)
    )


@dataclass(frozen=True)
class Locations:
    """Locations as arrays: their department and coordinates."""

    department_ids: np.ndarray
    lats: np.ndarray
    lons: np.ndarray

    @classmethod
    def of(cls, rows: Iterable[tuple[int, float, float]]) -> Locations:
        data = np.asarray(list(rows), dtype=float).reshape(-1, 3)
        return cls(data[:, 0].astype(np.int64), data[:, 1], data[:, 2])

    def only(self, department_ids: Iterable[int]) -> Locations:
        keep = np.isin(self.department_ids, np.fromiter(department_ids, dtype=np.int64))
        return Locations(self.department_ids[keep], self.lats[keep], self.lons[keep])

    def without(self, department_id: int) -> Locations:
        keep = self.department_ids != department_id
        return Locations(self.department_ids[keep], self.lats[keep], self.lons[keep])

    def plus(self, lat: float, lon: float, department_id: int = -1) -> Locations:
        return Locations(
            np.append(self.department_ids, department_id), np.append(self.lats, lat), np.append(self.lons, lon)
        )

    def __len__(self) -> int:
        return len(self.lats)


def nearest_km(lats, lons, locations: Locations) -> np.ndarray:
    """For each origin, the great-circle distance in km to the nearest location (inf without any)."""
    lats = np.asarray(lats, dtype=float)
    lons = np.asarray(lons, dtype=float)
    result = np.full(len(lats), np.inf)
    if not len(locations) or not len(lats):
        return result
    for start in range(0, len(lats), CHUNK):
        block = haversine_km_matrix(lats[start:start + CHUNK], lons[start:start + CHUNK], locations.lats, locations.lons)
        result[start:start + CHUNK] = block.min(axis=1)
    return result


def shares(distances: np.ndarray, population: np.ndarray, radii: Sequence[int] = RADII) -> dict[int, float]:
    """{R: population within R km / all population} (0.0 when there is no population)."""
    population = np.asarray(population, dtype=float)
    total = population.sum()
    return {r: float(population[distances <= r].sum() / total) if total else 0.0 for r in radii}


def shares_by(
    distances: np.ndarray, population: np.ndarray, groups: np.ndarray, n_groups: int, radii: Sequence[int] = RADII
) -> np.ndarray:
    """Per group (an index 0..n_groups-1 per postcode area): the shares within each radius, shape (n_groups, len(radii)).
    A group without population has share 0."""
    population = np.asarray(population, dtype=float)
    totals = np.bincount(groups, weights=population, minlength=n_groups)
    result = np.zeros((n_groups, len(radii)))
    for column, r in enumerate(radii):
        within = np.bincount(groups, weights=np.where(distances <= r, population, 0.0), minlength=n_groups)
        np.divide(within, totals, out=result[:, column], where=totals > 0)
    return result


def distance_class(km: float) -> int:
    """The map's class of a distance: 0..len(CLASSES)-1, and len(CLASSES) for no location (inf)."""
    if not np.isfinite(km):
        return len(CLASSES)
    for index, (low, high) in enumerate(CLASSES):
        if high is None or km < high:
            return index
    return len(CLASSES) - 1


def round_km(km: float) -> float | None:
    """One decimal; None for "no location"."""
    return round(float(km), 1) if np.isfinite(km) else None


def white_spots(codes: Sequence[str], distances: np.ndarray, limit: float = WHITE_SPOT_KM) -> list[tuple[str, float | None]]:
    """(code, km) of the municipalities further than `limit` km from a qualifying location, furthest first."""
    far = [(code, round_km(km)) for code, km in zip(codes, distances) if not km <= limit]
    return sorted(far, key=lambda item: (-(item[1] if item[1] is not None else np.inf), item[0]))


@dataclass(frozen=True)
class Geography:
    """Postcode areas and municipalities as arrays (read by insight.selectors, or built by hand in tests)."""

    pc4_codes: tuple[str, ...]
    pc4_lats: np.ndarray
    pc4_lons: np.ndarray
    pc4_population: np.ndarray
    pc4_municipality: np.ndarray  # index into municipality_codes
    municipality_codes: tuple[str, ...]
    municipality_names: tuple[str, ...]
    municipality_lats: np.ndarray  # population-weighted centre
    municipality_lons: np.ndarray
    municipality_population: np.ndarray
    # region kind ("province", "ggd", "zorgkantoor") -> (codes, names, index per municipality)
    regions: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Coverage:
    """One target group's (and age group's) coverage."""

    target_group: str
    age_group: str | None
    locations: int
    pc4_km: np.ndarray
    municipality_km: np.ndarray
    shares: dict[int, float]
    region_shares: dict  # kind -> array (n_regions, len(RADII))
    municipality_shares: np.ndarray


def coverage(geography: Geography, locations: Locations, target_group: str, age_group: str | None = None) -> Coverage:
    """Distances and shares for the given qualifying locations."""
    pc4_km = nearest_km(geography.pc4_lats, geography.pc4_lons, locations)
    municipality_km = nearest_km(geography.municipality_lats, geography.municipality_lons, locations)
    n_municipalities = len(geography.municipality_codes)
    region_shares = {}
    for kind, (codes, _names, index) in geography.regions.items():
        region_shares[kind] = shares_by(pc4_km, geography.pc4_population, index[geography.pc4_municipality], len(codes))
    return Coverage(
        target_group,
        age_group,
        len(locations),
        pc4_km,
        municipality_km,
        shares(pc4_km, geography.pc4_population),
        region_shares,
        shares_by(pc4_km, geography.pc4_population, geography.pc4_municipality, n_municipalities),
    )


@dataclass(frozen=True)
class WhatIf:
    before: dict[int, float]
    after: dict[int, float]
    changed_municipalities: list[tuple[str, float | None, float | None]]  # code, km before, km after

    def difference(self, radius: int) -> float:
        return self.after[radius] - self.before[radius]


def what_if(geography: Geography, before: Locations, after: Locations) -> WhatIf:
    """Shares and municipality distances with one set of qualifying locations against another."""
    pc4_before = nearest_km(geography.pc4_lats, geography.pc4_lons, before)
    pc4_after = nearest_km(geography.pc4_lats, geography.pc4_lons, after)
    m_before = nearest_km(geography.municipality_lats, geography.municipality_lons, before)
    m_after = nearest_km(geography.municipality_lats, geography.municipality_lons, after)
    changed = [
        (code, round_km(b), round_km(a))
        for code, b, a in zip(geography.municipality_codes, m_before, m_after)
        if round_km(b) != round_km(a)
    ]
    changed.sort(key=lambda item: -abs((item[2] or 1e9) - (item[1] or 1e9)))
    return WhatIf(shares(pc4_before, geography.pc4_population), shares(pc4_after, geography.pc4_population), changed)
