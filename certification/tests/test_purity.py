"""The checker, the dossier and the JSON loader are pure: they run without Django or a database."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys
from certification.rules.checker import check_dossier
from certification.format.jsonio import load_dossier_file
from certification.rules.criteria import CriteriaSetData
import json
criteria = CriteriaSetData.from_dict(json.load(open("certification/migrations/data/criteria_2019_2022.json")))
report = check_dossier(load_dossier_file("certification/examples/voldoet-aan-alle-criteria.json"), criteria)
assert report.all_met
loaded = sorted(name for name in sys.modules if name == "django" or name.startswith("django."))
print(loaded)
"""


def test_the_checker_runs_without_importing_django():
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


READERS = """
import sys
from certification.publications.bibliography import parse_publications
from certification.publications.names import UnitAuthorMatcher
parsed = parse_publications("x.bib", b"@article{a, author={van Dalen, M.}, title={T}, year={2021}, journal={J}}")
assert UnitAuthorMatcher(["Marieke van Dalen"]).matches(parsed.candidates[0].authors[0])
print(sorted(name for name in sys.modules if name == "django" or name.startswith("django.")))
"""


def test_the_publication_file_readers_run_without_importing_django():
    result = subprocess.run([sys.executable, "-c", READERS], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
