"""The desk's rules and the replay are pure: they run without Django or a database."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, sys
from consultation.rules import bsn, calendar, clocks, config, escalation, lifecycle, quarters, waiting
from consultation.rules.replay import replay_data, render_text, to_json
report = replay_data(json.load(open("consultation/examples/balie-2027.json", encoding="utf-8")))
assert report.valid, report.errors
render_text(report)
to_json(report)
print(sorted(name for name in sys.modules if name == "django" or name.startswith("django.")))
"""


def test_the_rules_and_the_replay_run_without_importing_django():
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
