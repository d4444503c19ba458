"""manage.py triage score: the same scoring as the web app, exit 0 on success and 2 with every error on bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from triage import services
from triage.tests.builders import EXAMPLE_CODE, bureau, example_version, person

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "triage" / "examples"


def run(*args, capsys):
    try:
        call_command("triage", "score", *map(str, args))
    except CommandError as error:
        out, err = capsys.readouterr()
        return error.returncode, out, err
    out, err = capsys.readouterr()
    return 0, out, err


def write(tmp_path, data, name="antwoorden.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_the_example_answers_score_high_specialist_as_text(db, capsys):
    code, out, _err = run(EXAMPLE_CODE, EXAMPLES / "antwoorden-hoogspecialistisch.json", capsys=capsys)
    assert code == 0
    assert "Score: 11 van 14" in out
    assert "Uitkomst: hoogspecialistische ggz" in out
    assert out.count("[vervuld]") == 3
    assert "voorbeeldvragenlijst, niet gevalideerd" in out


def test_the_json_output_equals_what_the_web_app_stores_for_the_same_answers(db, capsys):
    answers = json.loads((EXAMPLES / "antwoorden-onvolledig.json").read_text(encoding="utf-8"))["answers"]
    code, out, _err = run(EXAMPLE_CODE, EXAMPLES / "antwoorden-onvolledig.json", "--format", "json", capsys=capsys)
    printed = json.loads(out)
    stored = services.record_result(user=person(), version_id=example_version().pk, answers=answers)
    assert code == 0
    assert (printed["score"], printed["highest_possible_score"], printed["outcome"]) == (stored.score, stored.highest, stored.outcome)
    assert [c for c, state in printed["characteristics"].items() if state == "met"] == stored.characteristics_met
    assert printed["unanswered"] == ["kan_meedoen"]
    assert printed["unknown"] == ["meerdere_behandelingen", "hoogspecialistisch_aanbod"]


def test_version_picks_an_older_published_version(db, capsys, tmp_path):
    services.new_draft(user=bureau(), version_id=example_version().pk)  # a draft 2 is not used
    code, out, _err = run(EXAMPLE_CODE, EXAMPLES / "antwoorden-hoogspecialistisch.json", "--version", "1", capsys=capsys)
    assert code == 0 and "versie 1" in out
    code, _out, err = run(EXAMPLE_CODE, EXAMPLES / "antwoorden-hoogspecialistisch.json", "--version", "2", capsys=capsys)
    assert code == 2
    assert "heeft geen gepubliceerde versie 2; de nieuwste gepubliceerde versie is 1" in err


@pytest.mark.parametrize(
    "content, expected",
    [
        ("{", "$: geen geldige JSON"),
        ({"antwoorden": {}}, "$.answers: verplicht veld ontbreekt"),
        ({"answers": {"zeldzaam": "ja"}}, "$.answers.zeldzaam: moet true of false of null zijn, niet tekst"),
        ({"answers": {"bestaat_niet": True}}, "$.answers.bestaat_niet: de vragenlijst voorbeeld-hoogspecialistisch (versie 1) heeft geen vraag"),
        ({"tool": "andere-lijst", "answers": {}}, "$.tool: het bestand is voor vragenlijst 'andere-lijst'"),
    ],
)
def test_bad_input_exits_2_with_the_error_by_json_path(db, capsys, tmp_path, content, expected):
    code, _out, err = run(EXAMPLE_CODE, write(tmp_path, content), capsys=capsys)
    assert code == 2
    assert expected in err


def test_an_unknown_tool_or_a_missing_file_exits_2(db, capsys, tmp_path):
    code, _out, err = run("bestaat-niet", write(tmp_path, {"answers": {}}), capsys=capsys)
    assert code == 2 and "geen gepubliceerde vragenlijst met de code 'bestaat-niet'" in err
    code, _out, err = run(EXAMPLE_CODE, tmp_path / "nergens.json", capsys=capsys)
    assert code == 2 and "bestand niet gevonden" in err


def test_json_format_reports_errors_as_json_too(db, capsys, tmp_path):
    code, out, _err = run(EXAMPLE_CODE, write(tmp_path, {"answers": {"zeldzaam": 1}}), "--format", "json", capsys=capsys)
    assert code == 2
    assert json.loads(out)["errors"][0]["path"] == "$.answers.zeldzaam"


def test_without_a_database_the_command_scores_with_the_shipped_example(tmp_path):
    env = {"DEBUG": "true", "DATABASE_URL": f"sqlite:///{tmp_path / 'nothing.sqlite3'}", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "manage.py", "triage", "score", EXAMPLE_CODE, str(EXAMPLES / "antwoorden-hoogspecialistisch.json")],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "Uitkomst: hoogspecialistische ggz" in result.stdout
    assert not (tmp_path / "nothing.sqlite3").exists()
