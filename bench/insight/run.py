"""The coverage computation at 100 times the real register, next to a plain numpy floor, in one run.

    .venv/bin/python bench/insight/run.py [--scale 100] [--groups 20] [--repeat 5]

No database: it reads the 4,067 postcode areas and 342 municipalities from geo/data/ (the files the app
loads), places `137 × scale` synthetic locations (the demo register has 137) at random postcode areas
(deterministic seed), gives each location's department 1 to 3 of `--groups` target groups, and times

- **insight**: ``insight.rules.coverage.coverage`` for every target group (the function behind the page
  and the command: postcode-area and municipality distances, national, regional and municipal shares);
- **floor**: for the same qualifying locations, one ``numpy`` haversine distance matrix from every
  postcode area to them and its row minimum (the least any correct computation must do).

It prints the median of `--repeat` runs of both and their ratio. The pages (dashboard, coverage,
demand, department) against /healthz over HTTP: bench/insight/pages.py.
"""

from __future__ import annotations

import argparse
import csv
import platform
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from insight.rules import coverage  # noqa: E402  (pure: no Django needed)

REAL_LOCATIONS = 137


def geography() -> coverage.Geography:
    with (ROOT / "geo/data/nl_gemeenten_2025.csv").open(encoding="utf-8") as handle:
        municipalities = sorted(csv.DictReader(handle), key=lambda row: row["gemeente_code"])
    index = {row["gemeente_code"]: i for i, row in enumerate(municipalities)}
    with (ROOT / "geo/data/nl_postcodes_pc4.csv").open(encoding="utf-8") as handle:
        areas = [row for row in csv.DictReader(handle) if row["gemeente_code"] in index]
    provinces = sorted({row["province_code"] for row in municipalities})
    return coverage.Geography(
        pc4_codes=tuple(a["postcode"] for a in areas),
        pc4_lats=np.array([float(a["lat"]) for a in areas]),
        pc4_lons=np.array([float(a["lon"]) for a in areas]),
        pc4_population=np.array([float(a["population_2021"] or 0) for a in areas]),
        pc4_municipality=np.array([index[a["gemeente_code"]] for a in areas]),
        municipality_codes=tuple(m["gemeente_code"] for m in municipalities),
        municipality_names=tuple(m["gemeente_name"] for m in municipalities),
        municipality_lats=np.array([float(m["pop_weighted_lat"]) for m in municipalities]),
        municipality_lons=np.array([float(m["pop_weighted_lon"]) for m in municipalities]),
        municipality_population=np.array([float(m["population"]) for m in municipalities]),
        regions={"province": (tuple(provinces), tuple(provinces),
                              np.array([provinces.index(m["province_code"]) for m in municipalities]))},
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--groups", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    geo = geography()
    rng = random.Random("topggz-insight-bench")
    n = REAL_LOCATIONS * args.scale
    picks = [rng.randrange(len(geo.pc4_codes)) for _ in range(n)]
    locations = coverage.Locations.of((i // 2, geo.pc4_lats[p], geo.pc4_lons[p]) for i, p in enumerate(picks))
    groups = {g: set() for g in range(args.groups)}
    for department in range(n // 2 + 1):
        for g in rng.sample(range(args.groups), rng.randint(1, 3)):
            groups[g].add(department)
    qualifying = {g: locations.only(ids) for g, ids in groups.items()}

    def insight():
        for g, locs in qualifying.items():
            coverage.coverage(geo, locs, str(g))

    def floor():
        from geo.distance import haversine_km_matrix

        for locs in qualifying.values():
            haversine_km_matrix(geo.pc4_lats, geo.pc4_lons, locs.lats, locs.lons).min(axis=1)

    timings = {"insight": [], "floor": []}
    insight(), floor()  # warm up
    for _ in range(args.repeat):
        for name, run in (("insight", insight), ("floor", floor)):
            start = time.perf_counter()
            run()
            timings[name].append(time.perf_counter() - start)
    a, b = statistics.median(timings["insight"]), statistics.median(timings["floor"])
    print(f"insight coverage bench, {time.strftime('%Y-%m-%d %H:%M')}, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}, numpy {np.__version__}")
    print(f"{len(geo.pc4_codes)} postcode areas, {n} locations (x{args.scale}), {args.groups} target groups, "
          f"{sum(len(q) for q in qualifying.values())} qualifying location-group pairs")
    print(f"insight (all groups): {a * 1000:.0f} ms   floor (numpy matrix + min): {b * 1000:.0f} ms   ratio {a / b:.2f}")


if __name__ == "__main__":
    main()
