"""The triage rules are pure: scoring, the JSON readers, intake checks and quarter counts run without Django."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, sys
from datetime import date
from triage.rules.tooljson import load_tools, load_answers
from triage.rules.scoring import score
from triage.rules.render import render_text, to_dict
from triage.rules.intake import Lookups, read_intake_csv
from triage.rules.quarters import StartedTreatment, treatment_counts
from triage.rules.analysis import agreement, summarise_scores
from triage.rules.disclosure import protect_row
tools, errors = load_tools(json.load(open("triage/examples/voorbeeld-hoogspecialistisch.json")))
answers, errors = load_answers(json.load(open("triage/examples/antwoorden-hoogspecialistisch.json")))
scoring = score(tools[0], answers.answers)
assert scoring.outcome == "high_specialist", scoring
render_text(scoring); to_dict(scoring)
lookups = Lookups(target_groups={"psychotrauma": "psychotrauma"}, age_groups={})
rows, errors = read_intake_csv(b"startdatum;doelgroep;eigen_criteria;hoogspecialistisch\\n2026-01-05;psychotrauma;Eigen;ja\\n",
                               source="q.csv", lookups=lookups, today=date(2026, 6, 1), quarter=(2026, 1))
assert len(rows) == 1 and not errors, errors
assert treatment_counts([StartedTreatment(1, date(2026, 1, 5), True)])[0].started == 1
agreement([("high_specialist", True, 3)]); summarise_scores({3: 2}); protect_row([1, 9], 10)
print(sorted(name for name in sys.modules if name == "django" or name.startswith("django.")))
"""


def test_the_triage_rules_run_without_importing_django():
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
