"""Great-circle distances on a spherical Earth. Pure functions, no database.

All coordinates are WGS84 degrees, all distances kilometres. The haversine
formula on a sphere of mean radius 6371.0088 km (IUGG R1) is accurate to about
0.5 % against the ellipsoid, plenty for travel-distance questions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _haversine_np(lat1, lon1, lat2, lon2) -> np.ndarray:
    """haversine_km() on numpy arrays that broadcast against each other."""
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = np.radians(lon2 - lon1) / 2
    a = np.sin(half_dphi) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


def _coordinates(lats, lons) -> tuple[np.ndarray, np.ndarray]:
    """Two 1-D float arrays of equal length, or ValueError."""
    lats = np.asarray(lats, dtype=float)
    lons = np.asarray(lons, dtype=float)
    if lats.ndim != 1 or lats.shape != lons.shape:
        raise ValueError(f"lats and lons must be 1-D and of equal length, got {lats.shape} and {lons.shape}")
    return lats, lons


def haversine_km_many(lat: float, lon: float, lats, lons) -> np.ndarray:
    """Distances in km from one origin to N points; returns shape (N,)."""
    lats, lons = _coordinates(lats, lons)
    return _haversine_np(float(lat), float(lon), lats, lons)


def haversine_km_matrix(lats1, lons1, lats2, lons2) -> np.ndarray:
    """Distances in km from each of N points to each of M points; returns shape (N, M).

    Memory is N × M × 8 bytes (e.g. 4,067 PC4s × 500 locations ≈ 16 MB).
    """
    lats1, lons1 = _coordinates(lats1, lons1)
    lats2, lons2 = _coordinates(lats2, lons2)
    return _haversine_np(lats1[:, np.newaxis], lons1[:, np.newaxis], lats2[np.newaxis, :], lons2[np.newaxis, :])


@dataclass(frozen=True)
class BoundingBox:
    """A lat/lon rectangle in degrees (inclusive bounds)."""

    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float

    def contains(self, lat: float, lon: float) -> bool:
        return self.min_lat <= lat <= self.max_lat and self.min_lon <= lon <= self.max_lon

    def lookups(self, lat_field: str = "lat", lon_field: str = "lon") -> dict[str, float]:
        """Django filter keyword arguments, e.g. qs.filter(**box.lookups("lat", "lon"))."""
        return {
            f"{lat_field}__gte": self.min_lat,
            f"{lat_field}__lte": self.max_lat,
            f"{lon_field}__gte": self.min_lon,
            f"{lon_field}__lte": self.max_lon,
        }


def bounding_box(lat: float, lon: float, radius_km: float) -> BoundingBox:
    """The smallest lat/lon rectangle that holds every point within radius_km.

    Use it as a cheap SQL prefilter, then compute exact distances. The
    longitude half-width is asin(sin(d) / cos(lat)) for angular radius d (the
    meridians touching the circle), which is wider than the naive
    d / cos(lat). When the circle reaches a pole or crosses the 180°
    meridian the box spans all longitudes (a safe superset).
    """
    if radius_km < 0:
        raise ValueError("radius_km must not be negative")
    angular = radius_km / EARTH_RADIUS_KM
    dlat = math.degrees(angular)
    min_lat, max_lat = lat - dlat, lat + dlat
    if min_lat <= -90 or max_lat >= 90:
        return BoundingBox(max(min_lat, -90.0), min(max_lat, 90.0), -180.0, 180.0)
    dlon = math.degrees(math.asin(min(1.0, math.sin(angular) / math.cos(math.radians(lat)))))
    if lon - dlon < -180 or lon + dlon > 180:
        return BoundingBox(min_lat, max_lat, -180.0, 180.0)
    return BoundingBox(min_lat, max_lat, lon - dlon, lon + dlon)
