"""Chart geometry (pure): horizontal bar charts and the coverage map, drawn as SVG by the templates
in insight/templates/insight/svg/. Each chart has a title, a description and the data as a table
beside it (the page shows the ``Table`` the chart was made from).

Colours come from CSS classes on the page (the CSP allows no style attributes); a standalone SVG
or PNG export carries the same rules in its own <style> element (``STANDALONE_CSS``).

The map's scale is viridis (perceptually uniform and readable with every common form of colour
blindness): near is light yellow, far is dark; "no location" is dark purple with a hatch pattern
too, so it is told apart without colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
import json
from pathlib import Path

from django.conf import settings

from register.maps import frame, geometry_path

from .rules.coverage import CLASSES, distance_class

MUNICIPALITIES_GEOJSON = Path(settings.BASE_DIR) / "geo" / "data" / "nl_gemeenten_2025.geojson"

COLOURS = ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154")  # viridis, near to none

STANDALONE_CSS = (
    "text{font-family:sans-serif;font-size:12px;fill:#1a1a1a}"
    ".bar{fill:#21918c}.bar-label{font-size:11px}.axis{stroke:#5a5a5a;stroke-width:1}"
    + "".join(f".c{i}{{fill:{c}}}" for i, c in enumerate(COLOURS))
    + ".municipality{stroke:#ffffff;stroke-width:.3}.hatch{stroke:#ffffff;stroke-width:1}"
)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as shown
    y: float
    width: float
    text_x: float  # where the value is written, just right of the bar


@dataclass(frozen=True)
class BarChart:
    title: str
    description: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_width: int
    bar_height: int
    unit: str


def bar_chart(title: str, items, *, unit: str = "", maximum: float | None = None, width: int = 640,
              label_width: int = 220, bar_height: int = 18, gap: int = 6) -> BarChart:
    """`items`: (label, value, shown text). Bars scale to `maximum` (default: the largest value)."""
    items = list(items)
    top = maximum if maximum is not None else max((float(v) for _l, v, _t in items), default=0.0)
    room = width - label_width - 60
    bars = tuple(
        Bar(label, float(value), text, gap + i * (bar_height + gap), bar_width, round(label_width + bar_width + 4, 1))
        for i, (label, value, text) in enumerate(items)
        for bar_width in [round(room * float(value) / top, 1) if top else 0.0]
    )
    height = gap + len(bars) * (bar_height + gap)
    description = "; ".join(f"{bar.label}: {bar.text}{unit}" for bar in bars)
    return BarChart(title, description, bars, width, max(height, 20), label_width, bar_height, unit)


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
