"""Load the Dutch reference geography from the CSV files in geo/data/.

The loader is idempotent: it compares the files with what is already stored,
inserts the missing rows, updates the rows that differ and leaves the rest
alone, so a second run writes nothing. Rows that are in the database but no
longer in the files are reported as "stale" and kept, because other apps may
still point at them (the foreign keys are PROTECT).

Everything runs in one transaction with bulk_create / bulk_update and works
the same on SQLite and PostgreSQL. Use `load_geo()` from code or
`python manage.py load_geo`; `ensure_geo_loaded()` loads only when the
geography tables are empty (for the demo-data loader).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import models, transaction

from .models import HealthRegion, Municipality, PostcodeArea, Province

DATA_DIR = Path(__file__).resolve().parent / "data"

PROVINCES_CSV = "nl_provincies.csv"
REGIONS_CSV = "nl_zorgregios_2025.csv"
MUNICIPALITIES_CSV = "nl_gemeenten_2025.csv"
POSTCODES_CSV = "nl_postcodes_pc4.csv"

# region_type in nl_zorgregios_2025.csv -> HealthRegion.kind
REGION_KINDS = {
    "ggd_region": HealthRegion.Kind.GGD,
    "zorgkantoor_region": HealthRegion.Kind.ZORGKANTOOR,
}


class GeoDataError(ValueError):
    """The data files are inconsistent (e.g. a code refers to nothing)."""


@dataclass(frozen=True)
class SyncCounts:
    """What one model's synchronisation did."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    stale: int = 0  # in the database but not in the files (kept)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def __str__(self):
        text = f"{self.created} nieuw, {self.updated} bijgewerkt, {self.unchanged} ongewijzigd"
        return text + (f", {self.stale} niet meer in de bron" if self.stale else "")


@dataclass(frozen=True)
class LoadResult:
    """Per-model counts of one `load_geo()` run."""

    provinces: SyncCounts
    health_regions: SyncCounts
    municipalities: SyncCounts
    postcode_areas: SyncCounts

    @property
    def changed(self) -> bool:
        return any(counts.changed for counts in self.as_dict().values())

    def as_dict(self) -> dict[str, SyncCounts]:
        return {
            "provinces": self.provinces,
            "health_regions": self.health_regions,
            "municipalities": self.municipalities,
            "postcode_areas": self.postcode_areas,
        }


# --- reading the files -------------------------------------------------------


def read_csv(name: str, data_dir: Path = DATA_DIR) -> list[dict[str, str]]:
    """Return the rows of a UTF-8 CSV file in `data_dir` as dicts."""
    with open(Path(data_dir) / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _int(value: str) -> int:
    """Parse a count; an empty cell (suppressed by CBS) becomes 0."""
    return int(value) if value.strip() else 0


def build_provinces(rows: Iterable[dict[str, str]]) -> list[Province]:
    """Unsaved Province objects from nl_provincies.csv rows."""
    return [
        Province(
            code=row["province_code"],
            name=row["province_name"],
            population=_int(row["population"]),
            pop_weighted_lat=float(row["pop_weighted_lat"]),
            pop_weighted_lon=float(row["pop_weighted_lon"]),
        )
        for row in rows
    ]


def build_health_regions(rows: Iterable[dict[str, str]]) -> list[HealthRegion]:
    """Unsaved HealthRegion objects (GGD and zorgkantoor) from nl_zorgregios_2025.csv rows."""
    regions = []
    for row in rows:
        if row["region_type"] not in REGION_KINDS:
            raise GeoDataError(f"Unknown region_type {row['region_type']!r} for {row['region_code']}")
        regions.append(
            HealthRegion(
                code=row["region_code"],
                kind=REGION_KINDS[row["region_type"]],
                name=row["region_name"],
                population=_int(row["population"]),
                pop_weighted_lat=float(row["pop_weighted_lat"]),
                pop_weighted_lon=float(row["pop_weighted_lon"]),
            )
        )
    return regions


def build_municipalities(rows: Iterable[dict[str, str]]) -> list[Municipality]:
    """Unsaved Municipality objects (foreign keys set by code) from nl_gemeenten_2025.csv rows."""
    return [
        Municipality(
            code=row["gemeente_code"],
            name=row["gemeente_name"],
            province_id=row["province_code"],
            population=_int(row["population"]),
            land_area_km2=float(row["land_area_km2"]),
            centroid_lat=float(row["centroid_lat"]),
            centroid_lon=float(row["centroid_lon"]),
            pop_weighted_lat=float(row["pop_weighted_lat"]),
            pop_weighted_lon=float(row["pop_weighted_lon"]),
            ggd_region_id=row["ggd_region_code"],
            zorgkantoor_region_id=row["zorgkantoor_region_code"],
        )
        for row in rows
    ]


def build_postcode_areas(rows: Iterable[dict[str, str]]) -> list[PostcodeArea]:
    """Unsaved PostcodeArea objects from nl_postcodes_pc4.csv rows.

    Missing population (8 PC4s) is stored as 0, a missing woonplaats (14) as "".
    """
    return [
        PostcodeArea(
            code=row["postcode"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            point_type=row["point_type"],
            place_name=row["woonplaats"].strip(),
            municipality_id=row["gemeente_code"],
            population=_int(row["population_2021"]),
            area_km2=float(row["area_km2"]),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class GeoObjects:
    """Everything to store, in dependency order, not yet saved."""

    provinces: list[Province]
    health_regions: list[HealthRegion]
    municipalities: list[Municipality]
    postcode_areas: list[PostcodeArea]


def read_geo_objects(data_dir: Path = DATA_DIR) -> GeoObjects:
    """Read and cross-check all four CSV files."""
    objects = GeoObjects(
        provinces=build_provinces(read_csv(PROVINCES_CSV, data_dir)),
        health_regions=build_health_regions(read_csv(REGIONS_CSV, data_dir)),
        municipalities=build_municipalities(read_csv(MUNICIPALITIES_CSV, data_dir)),
        postcode_areas=build_postcode_areas(read_csv(POSTCODES_CSV, data_dir)),
    )
    check_references(objects)
    return objects


def check_references(objects: GeoObjects) -> None:
    """Raise GeoDataError when a code points at nothing or at the wrong region kind."""
    provinces = {p.code for p in objects.provinces}
    kinds = {r.code: r.kind for r in objects.health_regions}
    municipalities = {m.code for m in objects.municipalities}
    for m in objects.municipalities:
        if m.province_id not in provinces:
            raise GeoDataError(f"{m.code}: unknown province {m.province_id}")
        if kinds.get(m.ggd_region_id) != HealthRegion.Kind.GGD:
            raise GeoDataError(f"{m.code}: {m.ggd_region_id} is not a GGD region")
        if kinds.get(m.zorgkantoor_region_id) != HealthRegion.Kind.ZORGKANTOOR:
            raise GeoDataError(f"{m.code}: {m.zorgkantoor_region_id} is not a zorgkantoor region")
    for pc in objects.postcode_areas:
        if pc.municipality_id not in municipalities:
            raise GeoDataError(f"PC4 {pc.code}: unknown municipality {pc.municipality_id}")


# --- writing -----------------------------------------------------------------


def _data_fields(model: type[models.Model]) -> list[str]:
    """Attribute names of all concrete non-primary-key fields (FKs as *_id)."""
    return [f.attname for f in model._meta.concrete_fields if not f.primary_key]


def sync_model(model: type[models.Model], objects: list[models.Model]) -> SyncCounts:
    """Insert missing rows and update differing ones; never delete.

    Compares on the primary key; a row whose data fields all equal the stored
    values is not written at all.
    """
    fields = _data_fields(model)
    stored = {row[0]: row[1:] for row in model.objects.values_list("pk", *fields)}
    to_create, to_update = [], []
    for obj in objects:
        current = stored.get(obj.pk)
        if current is None:
            to_create.append(obj)
        elif tuple(getattr(obj, f) for f in fields) != tuple(current):
            to_update.append(obj)
    model.objects.bulk_create(to_create)
    if to_update:
        model.objects.bulk_update(to_update, fields)
    return SyncCounts(
        created=len(to_create),
        updated=len(to_update),
        unchanged=len(objects) - len(to_create) - len(to_update),
        stale=len(stored.keys() - {obj.pk for obj in objects}),
    )


def load_geo(data_dir: Path = DATA_DIR) -> LoadResult:
    """Load (or bring up to date) provinces, regions, municipalities and PC4 areas."""
    objects = read_geo_objects(data_dir)
    with transaction.atomic():
        return LoadResult(
            provinces=sync_model(Province, objects.provinces),
            health_regions=sync_model(HealthRegion, objects.health_regions),
            municipalities=sync_model(Municipality, objects.municipalities),
            postcode_areas=sync_model(PostcodeArea, objects.postcode_areas),
        )


def geo_counts() -> dict[str, int]:
    """Number of stored rows per table (regions split by kind)."""
    regions = HealthRegion.objects
    return {
        "provinces": Province.objects.count(),
        "ggd_regions": regions.filter(kind=HealthRegion.Kind.GGD).count(),
        "zorgkantoor_regions": regions.filter(kind=HealthRegion.Kind.ZORGKANTOOR).count(),
        "municipalities": Municipality.objects.count(),
        "postcode_areas": PostcodeArea.objects.count(),
    }


def ensure_geo_loaded() -> dict[str, int]:
    """Load the full geography if any geography table is empty; return the row counts.

    Tables that already hold data (even a partial test set) are left alone.
    """
    if not all(model.objects.exists() for model in (Province, HealthRegion, Municipality, PostcodeArea)):
        load_geo()
    return geo_counts()
