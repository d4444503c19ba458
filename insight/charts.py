"""The insight pages' charts (pure). Bar charts are data (``topggz.charts.BarChart``), drawn by matplotlib
when their image is asked for (insight.views.chart_image and export_chart); the page shows them as
<img> beside the table they were made from.

The coverage map is geometry from the boundary data, drawn inline by
insight/templates/insight/svg/map.svg. Colours come from CSS classes on the page (the CSP allows no
style attributes); a standalone SVG or PNG export carries the same rules in its own <style> element
(``STANDALONE_CSS``). The map's scale is viridis (perceptually uniform and readable with every
common form of colour blindness): near is light yellow, far is dark; "no location" is dark purple
with a hatch pattern too, so it is told apart without colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
import json
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language

from register.maps import frame, geometry_path
from topggz.charts import BarChart

from .rules.coverage import CLASSES, distance_class

MUNICIPALITIES_GEOJSON = Path(settings.BASE_DIR) / "geo" / "data" / "nl_gemeenten_2025.geojson"

COLOURS = ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154")  # viridis, near to none

STANDALONE_CSS = (
    "".join(f".c{i}{{fill:{c}}}" for i, c in enumerate(COLOURS))
    + ".municipality{stroke:#ffffff;stroke-width:.3}.hatch{stroke:#ffffff;stroke-width:1}"
)


def bar_chart(title: str, items, *, unit: str = "", maximum: float | None = None) -> BarChart:
    """`items`: (label, value, shown text). Bars scale to `maximum` (default: the largest value); the
    description names every bar with its value (the table beside the chart has the same numbers)."""
    items = tuple((str(label), float(value), str(text)) for label, value, text in items)
    description = "; ".join(f"{label}: {text}{unit}" for label, _value, text in items)
    return BarChart(title, description, items, unit, maximum, (get_language() or "nl")[:2])


@dataclass(frozen=True)
class MapArea:
    code: str
    name: str
    path: str
    css_class: int
    text: str  # "12,3 km" or "geen locatie"


@dataclass(frozen=True)
class CoverageMap:
    title: str
    description: str
    view_box: str
    width: float
    height: float
    areas: tuple[MapArea, ...]
    legend: tuple[tuple[int, str], ...]


@lru_cache(maxsize=1)
def municipality_paths() -> dict[str, tuple[str, str]]:
    """{code: (name, SVG path)} of the 342 municipalities, computed once per process."""
    with MUNICIPALITIES_GEOJSON.open(encoding="utf-8") as handle:
        collection = json.load(handle)
    return {
        feature["properties"]["code"]: (feature["properties"]["name"], geometry_path(feature["geometry"]))
        for feature in collection["features"]
    }


def legend() -> tuple[tuple[int, str], ...]:
    labels = []
    for index, (low, high) in enumerate(CLASSES):
        labels.append((index, f"{low} tot {high} km" if high is not None else f"{low} km of meer"))
    labels.append((len(CLASSES), "geen locatie"))
    return tuple(labels)


def km_text(km) -> str:
    return "geen locatie" if km is None else f"{km:.1f} km".replace(".", ",")


def coverage_map(title: str, description: str, distances: dict[str, float | None], paths=None) -> CoverageMap:
    """`distances`: {municipality code: km (one decimal) or None}; municipalities without an outline are left out."""
    paths = paths if paths is not None else municipality_paths()
    width, height = frame()
    areas = tuple(
        MapArea(code, name, path, distance_class(float("inf") if km is None else km), km_text(km))
        for code, (name, path) in sorted(paths.items())
        for km in [distances.get(code)]
        if code in distances
    )
    return CoverageMap(title, description, f"0 0 {width} {height}", width, height, areas, legend())
