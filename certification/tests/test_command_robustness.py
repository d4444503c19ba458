"""manage.py certification check on hostile or broken input: numbers that are not numbers, crashes, no database."""

import pytest

from .builders import EXAMPLES, PASSING
from .test_command import run  # noqa: F401 - the fixture that runs the command as from the command line

pytestmark = pytest.mark.django_db


def with_figurehead_hours(tmp_path, value: str):
    text = (EXAMPLES / PASSING).read_text(encoding="utf-8")
    assert '"hours_per_week": 32,' in text  # the figurehead, Prof. dr. Marieke van Dalen
    path = tmp_path / "dossier.json"
    path.write_text(text.replace('"hours_per_week": 32,', f'"hours_per_week": {value},', 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_a_figurehead_with_hours_that_are_not_a_number_is_invalid_input_not_a_met_criterion(run, tmp_path, value):
    status, out, err = run("check", with_figurehead_hours(tmp_path, value))
    assert status == 2
    assert "Criterium 4" not in out
    assert "$.staff[0].hours_per_week:" in err


def test_a_five_thousand_digit_number_is_invalid_input_with_its_path_not_a_traceback(run, tmp_path):
    status, _, err = run("check", with_figurehead_hours(tmp_path, "9" * 5000))
    assert status == 2
    assert "$.staff[0].hours_per_week: 99999999999999999999… is een geheel getal van 5.000 cijfers" in err
    assert "Traceback" not in err


def test_deeply_nested_json_is_invalid_input_not_a_traceback(run, tmp_path):
    path = tmp_path / "diep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    status, _, err = run("check", path)
    assert status == 2
    assert "te diep genest" in err
    assert "Traceback" not in err


def test_the_json_output_lists_refused_numbers_by_path(run, tmp_path):
    import json

    status, out, _ = run("check", with_figurehead_hours(tmp_path, "NaN"), "--format", "json")
    assert status == 2
    assert json.loads(out)["errors"] == [
        {"path": "$.staff[0].hours_per_week", "message": "NaN is geen getal (JSON kent NaN en Infinity niet)"}
    ]


def test_an_internal_error_exits_3_with_one_line_and_no_traceback(run, monkeypatch):
    def broken(dossier, criteria):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("certification.management.commands.certification.check_dossier", broken)
    status, out, err = run("check", EXAMPLES / PASSING)
    assert status == 3
    assert err.strip().splitlines() == ["Interne fout (ZeroDivisionError): division by zero. Meld dit met het dossierbestand."]
    assert "Traceback" not in err + out


def test_exit_status_3_differs_from_not_met_and_invalid():
    from certification.management.commands.certification import EXIT_ERROR, EXIT_INVALID, EXIT_MET, EXIT_NOT_MET

    assert len({EXIT_MET, EXIT_NOT_MET, EXIT_INVALID, EXIT_ERROR}) == 4
    assert EXIT_ERROR == 3


def test_without_a_migrated_database_the_check_uses_the_criteria_sets_shipped_with_the_code(run, monkeypatch):
    monkeypatch.setattr("certification.management.commands.certification.database_ready", lambda: False)
    status, out, err = run("check", EXAMPLES / PASSING)
    assert status == 0
    assert "Criteriaset 2019-2022" in out
    assert "criteriasets uit de code" in err


def test_a_criteria_set_that_is_neither_in_the_database_nor_shipped_is_invalid_input(run, monkeypatch):
    monkeypatch.setattr("certification.management.commands.certification.database_ready", lambda: False)
    status, _, err = run("check", EXAMPLES / PASSING, "--criteria-set", "2030-2033")
    assert status == 2
    assert "criteriaset '2030-2033' bestaat niet" in err
