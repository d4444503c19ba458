"""python manage.py consultation replay: output formats, exit codes, and region data from the database."""

import json
from pathlib import Path

import pytest
from django.core.management import ManagementUtility
from django.db import connections

from geo.models import Municipality
from geo.testing import load_small_geo
from register.tests.factories import LocationFactory

from .test_replay import BROKEN

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "balie-2027.json"

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(capsys, monkeypatch):
    """Run the command as from the command line; gives (exit status, stdout, stderr)."""
    monkeypatch.setattr(connections, "close_all", lambda: None)

    def run_command(*args):
        try:
            ManagementUtility(["manage.py", "consultation", *map(str, args)]).execute()
            status = 0
        except SystemExit as exit_:
            status = exit_.code
        out, err = capsys.readouterr()
        return status, out, err

    return run_command


def write(tmp_path, data) -> Path:
    path = tmp_path / "events.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_example_replays_with_exit_0_and_a_text_report(run):
    status, out, err = run("replay", EXAMPLE)
    assert (status, err) == (0, "")
    assert out.startswith("Consultatiebalie: herberekening op 2027-06-30 (13 verzoek(en))")
    assert "Verzoek R-2027-003: verzoek om behandeling; status in behandeling" in out
    assert "triage (5 werkdagen): uiterlijk 2026-12-30; besloten 2026-12-28: op tijd (3 werkdagen gebruikt)" in out
    assert "Per afdeling en kwartaal" in out


def test_the_json_format_prints_the_report_as_json(run):
    status, out, _ = run("replay", EXAMPLE, "--format", "json")
    report = json.loads(out)
    assert (status, report["today"], len(report["requests"])) == (0, "2027-06-30", 13)
    assert {r["status"] for r in report["requests"]} >= {"at_desk", "waiting_info", "declined"}


def test_today_on_the_command_line_wins_over_the_files(run):
    # On 1 July R-2027-006's triage clock (due 1 July) has 0 working days left.
    status, out, _ = run("replay", EXAMPLE, "--format", "json", "--today", "2027-07-01")
    request = next(r for r in json.loads(out)["requests"] if r["request"] == "R-2027-006")
    assert (status, request["assignments"][0]["clocks"]["triage"]["working_days_left"]) == (0, 0)


def test_invalid_input_exits_with_2_and_lists_every_error_on_stderr(run, tmp_path):
    status, out, err = run("replay", write(tmp_path, BROKEN))
    assert (status, out) == (2, "")
    assert "De gebeurtenissen zijn ongeldig (10 fout(en)):" in err
    assert "  $.colour: onbekend veld" in err
    assert "  $.events[2] (verzoek R1): 'accepted' kan niet bij status 'in_progress'" in err
    assert '  $.events[3].on (verzoek R2): "2027-02-30" is geen geldige datum' in err
    assert '  $.events[5].department (verzoek R3): onbekende afdeling "zz"' in err


def test_invalid_input_in_json_format_also_prints_the_errors_as_json(run, tmp_path):
    status, out, err = run("replay", write(tmp_path, BROKEN), "--format", "json")
    data = json.loads(out)
    assert (status, data["valid"], len(data["errors"])) == (2, False, 10)
    assert "De gebeurtenissen zijn ongeldig" in err


def test_a_missing_file_exits_with_2(run, tmp_path):
    status, _, err = run("replay", tmp_path / "nope.json")
    assert status == 2
    assert "bestand niet gevonden" in err


def test_a_file_that_is_not_json_exits_with_2(run, tmp_path):
    path = tmp_path / "events.json"
    path.write_text("{", encoding="utf-8")
    status, _, err = run("replay", path)
    assert status == 2
    assert "geen geldige JSON" in err


def test_departments_and_postcodes_not_in_the_file_come_from_the_database(run, tmp_path):
    load_small_geo()
    LocationFactory(department__slug="angst-utrecht", municipality=Municipality.objects.get(code="GM0344"))
    data = {
        "today": "2027-06-30",
        "events": [
            {
                "request": "R1",
                "on": "2027-04-06",
                "kind": "received",
                "request_kind": "consultation",
                "department": "angst-utrecht",
                "patient_pc4": "9711",
            },
            {"request": "R1", "on": "2027-04-08", "kind": "answered"},
        ],
    }
    status, out, err = run("replay", write(tmp_path, data), "--format", "json")
    assert (status, err) == (0, "")
    [quarter] = json.loads(out)["quarters"]
    # Groningen (9711, ZK09) lies outside Utrecht's ZK23: supra-regional.
    assert (quarter["department"], quarter["label"], quarter["supra_regional"], quarter["unknown_region"]) == (
        "angst-utrecht",
        "2027-Q2",
        1,
        0,
    )


def test_the_files_regions_win_over_the_database(run, tmp_path):
    load_small_geo()
    LocationFactory(department__slug="angst-utrecht", municipality=Municipality.objects.get(code="GM0344"))
    data = {
        "today": "2027-06-30",
        "departments": {"angst-utrecht": {"regions": ["ZK09"]}},
        "events": [
            {
                "request": "R1",
                "on": "2027-04-06",
                "kind": "received",
                "request_kind": "consultation",
                "department": "angst-utrecht",
                "patient_pc4": "9711",
            },
            {"request": "R1", "on": "2027-04-08", "kind": "answered"},
        ],
    }
    status, out, _ = run("replay", write(tmp_path, data), "--format", "json")
    assert (status, json.loads(out)["quarters"][0]["supra_regional"]) == (0, 0)


def test_a_department_neither_in_the_file_nor_in_the_database_is_an_error(run, tmp_path):
    data = {"events": [{"request": "R1", "on": "2027-04-06", "kind": "routed", "department": "nergens"}]}
    status, _, err = run("replay", write(tmp_path, data), "--today", "2027-06-30")
    assert status == 2
    assert 'onbekende afdeling "nergens"' in err
