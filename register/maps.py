"""Small maps without any tile service: province outlines and markers as inline SVG.

The outlines come from geo/data/nl_provincies_2025.geojson (WGS84, CBS / PDOK).
They are projected once per process with a simple equirectangular projection
(longitudes scaled by cos 52.2°, the latitude of the middle of the country),
rounded to 0.1 SVG unit (about 100 m) and written as relative path commands,
which keeps the whole country under 15 kB of markup.

The SVG is drawn by templates/register/_map.html: colours come from CSS
classes (no style attributes, so the CSP holds) and it works without
JavaScript. A page that shows a map must also credit "Bron: CBS / PDOK".
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

GEOJSON_PATH = Path(settings.BASE_DIR) / "geo" / "data" / "nl_provincies_2025.geojson"

# The projection: SVG units per degree of latitude, and the map's frame in degrees.
UNITS_PER_DEGREE = 100.0
X_SCALE = math.cos(math.radians(52.2))
WEST, EAST = 3.30, 7.28
SOUTH, NORTH = 50.70, 53.60
PADDING = 2.0  # SVG units around the frame

MARKER_RADIUS = 8.0


@dataclass(frozen=True)
class ProvinceShape:
    code: str
    name: str
    path: str  # the SVG path data


@dataclass(frozen=True)
class MapMarker:
    number: int
    x: float
    y: float
    label: str  # what the marker stands for, e.g. "Locatie Zuid, Utrecht"


@dataclass(frozen=True)
class SvgMap:
    view_box: str
    width: float
    height: float
    provinces: tuple[ProvinceShape, ...]
    markers: tuple[MapMarker, ...]
    marker_radius: float = MARKER_RADIUS


def project(lat: float, lon: float) -> tuple[float, float]:
    """SVG coordinates (x to the east, y to the south) of a WGS84 point, rounded to 0.1."""
    x = (lon - WEST) * X_SCALE * UNITS_PER_DEGREE + PADDING
    y = (NORTH - lat) * UNITS_PER_DEGREE + PADDING
    return round(x, 1), round(y, 1)


def frame() -> tuple[float, float]:
    """Width and height of the map in SVG units."""
    width, height = project(SOUTH, EAST)
    return round(width + PADDING, 1), round(height + PADDING, 1)


def _number(tenths: int) -> str:
    """A coordinate in tenths as short SVG text: 12.5, 3, -0.5 -> "12.5", "3", "-.5"."""
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), 10)
    if tenth == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole}.{tenth}" if whole else f"{sign}.{tenth}"


def ring_path(ring: list[list[float]]) -> str:
    """One closed ring as "m x y l dx dy ... z", from rounded absolute points (no drift)."""
    points: list[tuple[int, int]] = []
    for lon, lat in ring:
        x, y = project(lat, lon)
        point = (round(x * 10), round(y * 10))
        if not points or points[-1] != point:
            points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    if len(points) < 3:
        return ""
    parts = [f"M{_number(points[0][0])} {_number(points[0][1])}l"]
    deltas = []
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        dx, dy = _number(x1 - x0), _number(y1 - y0)
        deltas.append(f"{dx}{'' if dy.startswith('-') else ' '}{dy}")
    parts.append(" ".join(deltas))
    parts.append("z")
    return "".join(parts)


def geometry_path(geometry: dict) -> str:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return "".join(ring_path(ring) for polygon in polygons for ring in polygon)


@lru_cache(maxsize=1)
def province_shapes() -> tuple[ProvinceShape, ...]:
    """The twelve provinces as SVG paths, computed once per process."""
    with GEOJSON_PATH.open(encoding="utf-8") as handle:
        collection = json.load(handle)
    shapes = [
        ProvinceShape(
            code=feature["properties"]["code"],
            name=feature["properties"]["name"],
            path=geometry_path(feature["geometry"]),
        )
        for feature in collection["features"]
    ]
    return tuple(sorted(shapes, key=lambda shape: shape.code))


def locations_map(locations) -> SvgMap:
    """A map of the Netherlands with one numbered marker per location, in the given order.

    `locations` are objects with latitude, longitude, name and city (register
    Locations); the numbers start at 1 and match a numbered list on the page.
    """
    width, height = frame()
    markers = tuple(
        MapMarker(number=number, x=x, y=y, label=f"{location.name}, {location.city}")
        for number, location in enumerate(locations, start=1)
        for x, y in [project(location.latitude, location.longitude)]
    )
    return SvgMap(
        view_box=f"0 0 {_number(round(width * 10))} {_number(round(height * 10))}",
        width=width,
        height=height,
        provinces=province_shapes(),
        markers=markers,
    )
