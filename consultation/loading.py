"""The eight supra-regional tables for highly complex care, from consultation/data/regional_tables.csv.

Each table is a group of zorgkantoor regions; the bureau may change the grouping in the admin.
Idempotent: existing tables keep their regions unless ``replace`` is given.
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction

from geo.models import HealthRegion

from .models import RegionalTable

TABLES_CSV = Path(__file__).resolve().parent / "data" / "regional_tables.csv"


def load_regional_tables(*, replace: bool = False) -> int:
    """Create the tables that are missing (with their regions); returns how many were created."""
    created = 0
    known = set(HealthRegion.objects.filter(kind=HealthRegion.Kind.ZORGKANTOOR).values_list("code", flat=True))
    with TABLES_CSV.open(encoding="utf-8") as handle, transaction.atomic():
        for row in csv.DictReader(handle):
            table, new = RegionalTable.objects.get_or_create(code=row["code"], defaults={"name": row["name"]})
            if new or replace:
                table.regions.set([code for code in row["regions"].split() if code in known])
                created += new
    return created
