"""The insight rules are pure: the capacity checks, coverage, demand counts and table exports run without Django."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys
from datetime import date
import numpy as np
from insight.rules.capacity import read_csv, template_csv
from insight.rules import coverage, demand
from insight.rules.tables import Table, to_csv
reports, errors = read_csv(template_csv().encode(), offer_kinds={"treatment"}, today=date(2026, 12, 6))
assert reports and not errors, errors
km = coverage.nearest_km([52.0], [5.0], coverage.Locations.of([(1, 52.1, 5.0)]))
assert 11 < km[0] < 11.2
demand.flow([]); to_csv(Table("t", "t", ("a",), ((1,),)))
print(sorted(name for name in sys.modules if name == "django" or name.startswith("django.")))
"""


def test_the_insight_rules_run_without_importing_django():
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
