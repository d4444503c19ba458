"""python manage.py certification check: verdicts, output formats and exit codes."""

import json

import pytest
from django.core.management import ManagementUtility
from django.db import connections

from certification.models import CriteriaSet

from .builders import DATA, EXAMPLES, FIGUREHEAD_LEFT, PASSING, TOO_FEW
from .test_jsonio import INVALID_ERRORS

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(capsys, monkeypatch):
    """Run the command as from the command line; gives (exit status, stdout, stderr).

    Goes through ``ManagementUtility`` so argument parsing and the mapping of
    ``CommandError(returncode=...)`` to the exit status are the real ones.
    Only ``connections.close_all`` (called at the end of a command-line run)
    is switched off, so the test's transaction survives on PostgreSQL.
    """
    monkeypatch.setattr(connections, "close_all", lambda: None)

    def run_command(*args):
        try:
            ManagementUtility(["manage.py", "certification", *map(str, args)]).execute()
            status = 0
        except SystemExit as exit_:
            status = exit_.code
        out, err = capsys.readouterr()
        return status, out, err

    return run_command


@pytest.mark.parametrize("name, status", [(PASSING, 0), (FIGUREHEAD_LEFT, 1), (TOO_FEW, 1)])
def test_the_exit_status_says_whether_every_criterion_is_met(run, name, status):
    assert run("check", EXAMPLES / name)[0] == status


def test_the_text_output_prints_every_criterion_with_its_verdict_and_reasons(run):
    status, out, _ = run("check", EXAMPLES / FIGUREHEAD_LEFT)
    assert "Criteriaset 2019-2022 (TOPGGz-criteria 2019-2022); visitatiedatum 2022-06-15" in out
    assert sum(line.startswith(("Algemene voorwaarden:", "Criterium ")) for line in out.splitlines()) == 15
    assert "Criterium 4. Boegbeeld: VOLDOET NIET" in out
    assert "Boegbeeld 'Prof. dr. Hendrik Zwart' telt niet: vertrokken op 2022-06-08" in out
    assert "Eindoordeel: voldoet niet" in out


def test_the_json_output_is_the_report(run):
    status, out, _ = run("check", EXAMPLES / TOO_FEW, "--format", "json")
    report = json.loads(out)
    assert (status, report["verdict"], report["criteria_set"]) == (1, "not_met", "2019-2022")
    assert [r["verdict"] for r in report["results"] if r["key"] in ("2", "7", "10")] == [
        "not_met",
        "needs_review",
        "not_met",
    ]


def test_a_needs_review_verdict_alone_exits_with_1(run, tmp_path):
    data = json.loads((EXAMPLES / PASSING).read_text(encoding="utf-8"))
    data["staff"][2]["roles"] = {"senior_researcher": {}}
    data["staff"][2]["phd"] = "equivalent"
    path = tmp_path / "review.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    status, out, _ = run("check", path)
    assert status == 1
    assert "Eindoordeel: ter beoordeling door de commissie (14 voldoet, 0 voldoet niet, 1 ter beoordeling)" in out


def test_an_invalid_dossier_exits_with_2_and_lists_every_error_by_json_path(run):
    status, out, err = run("check", DATA / "ongeldig-dossier.json")
    assert status == 2
    assert out == ""
    assert f"Het dossier is ongeldig ({len(INVALID_ERRORS)} fout(en)):" in err
    for path, message in INVALID_ERRORS:
        assert f"  {path}: {message}" in err


def test_an_invalid_dossier_in_json_format_lists_the_errors_as_json(run):
    status, out, _ = run("check", DATA / "ongeldig-dossier.json", "--format", "json")
    assert status == 2
    assert json.loads(out) == {"valid": False, "errors": [{"path": p, "message": m} for p, m in INVALID_ERRORS]}


def test_a_missing_file_exits_with_2(run, tmp_path):
    status, _, err = run("check", tmp_path / "bestaat-niet.json")
    assert status == 2
    assert "$: bestand niet gevonden" in err


def test_the_criteria_set_can_be_chosen_by_code_or_id(run):
    pk = CriteriaSet.objects.get(code="2019-2022").pk
    assert run("check", EXAMPLES / PASSING, "--criteria-set", "2019-2022")[0] == 0
    assert run("check", EXAMPLES / PASSING, "--criteria-set", pk)[0] == 0


def test_an_unknown_criteria_set_exits_with_2(run):
    status, _, err = run("check", EXAMPLES / PASSING, "--criteria-set", "1999-2002")
    assert status == 2
    assert "$.criteria_set: criteriaset '1999-2002' bestaat niet" in err


def test_a_visitation_date_without_a_set_in_force_exits_with_2(run, tmp_path):
    data = json.loads((EXAMPLES / PASSING).read_text(encoding="utf-8"))
    data["visitation_date"] = "2031-01-01"
    del data["criteria_set"]
    path = tmp_path / "toekomst.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    status, _, err = run("check", path)
    assert status == 2
    assert "$.visitation_date: er is geen gepubliceerde criteriaset van kracht op 2031-01-01" in err


def test_the_command_needs_a_subcommand(run):
    assert run()[0] == 2
