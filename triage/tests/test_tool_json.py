"""Tools as JSON: the published schema, all-or-nothing import with errors by path, export that reads back."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from triage import services
from triage.models import Tool, ToolVersion
from triage.rules.tooljson import SCHEMA_DIR, load_tools, parse_json, tools_document
from triage.rules.tools import tool_problems
from triage.tests.builders import EXAMPLE_CODE, bureau, pure_tool, tool_dict

EXAMPLE_FILE = Path(__file__).resolve().parents[1] / "examples" / "voorbeeld-hoogspecialistisch.json"


def messages(errors):
    return {e.path: e.message for e in errors}


def test_the_published_schemas_are_valid_json_schema():
    for path in SCHEMA_DIR.glob("*.schema.json"):
        Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


def test_the_shipped_example_is_valid_and_clearly_marked_as_an_example():
    tools, errors = load_tools(json.loads(EXAMPLE_FILE.read_text(encoding="utf-8")))
    assert errors == []
    (tool,) = tools
    assert tool.status == "example"
    assert "niet gevalideerd" in tool.name
    assert 6 <= len(tool.items) <= 10  # a short questionnaire, as the Decision Tools are
    assert tool.characteristics() == ("severe_complex_rare", "insufficient_benefit", "expected_benefit")


def test_exporting_and_reading_back_gives_the_same_tool():
    tool = pure_tool()
    tools, errors = load_tools(json.loads(json.dumps(tools_document([tool]))))
    assert errors == [] and tools == [tool]


def test_schema_errors_name_their_json_path():
    data = {"tools": [tool_dict(status="draft", cutoffs={"specialist": 3}, items=[{"key": "A b", "question": "", "weight": 0}])]}
    _tools, errors = load_tools(data)
    found = messages(errors)
    assert "$.tools[0].status" in found
    assert "$.tools[0].cutoffs.high_specialist" in found
    assert found["$.tools[0].items[0].key"].startswith('"A b" heeft niet de vorm')
    assert found["$.tools[0].items[0].question"] == "mag niet leeg zijn"
    assert found["$.tools[0].items[0].weight"] == "moet minstens 1 zijn, niet 0"


def test_a_high_specialist_cut_off_below_the_specialist_one_is_refused():
    _tools, errors = load_tools({"tools": [tool_dict(cutoffs={"specialist": 5, "high_specialist": 4})]})
    assert "ligt onder" in messages(errors)["$.tools[0].cutoffs.high_specialist"]


def test_a_cut_off_above_the_highest_score_is_refused():
    _tools, errors = load_tools({"tools": [tool_dict(cutoffs={"specialist": 3, "high_specialist": 11})]})
    assert "nooit voorkomen" in messages(errors)["$.tools[0].cutoffs.high_specialist"]


def test_requiring_all_characteristics_needs_an_item_for_each():
    data = tool_dict()
    data["items"][2]["characteristic"] = ""
    _tools, errors = load_tools({"tools": [data]})
    assert "expected_benefit" in messages(errors)["$.tools[0].high_specialist_requires_all_characteristics"]


def test_duplicate_item_keys_and_tool_codes_are_refused():
    data = tool_dict()
    data["items"][1]["key"] = "a"
    _tools, errors = load_tools({"tools": [data, tool_dict()]})
    found = messages(errors)
    assert "twee keer" in found["$.tools[0].items[1].key"]
    assert "ook in $.tools[0]" in found["$.tools[1].code"]


def test_unknown_target_groups_are_refused_when_the_vocabulary_is_given():
    _tools, errors = load_tools({"tools": [tool_dict(target_groups=["bestaat-niet"])]}, known_target_groups={"psychotrauma"})
    assert messages(errors) == {"$.tools[0].target_groups[0]": "onbekende doelgroep 'bestaat-niet'"}


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b"{", "geen geldige JSON"),
        (b"\xff\xfe", "geen UTF-8"),
        (b'{"tools": [NaN]}', "NaN is geen getal"),
    ],
)
def test_a_file_that_is_not_json_says_why(raw, expected):
    _data, errors = parse_json(raw)
    assert expected in errors[0].message


def test_tool_problems_are_empty_for_a_usable_tool():
    assert tool_problems(pure_tool()) == []


# ------------------------------------------------------------------ importing into the database


def test_an_import_with_one_bad_tool_saves_nothing(db):
    before = ToolVersion.objects.count()
    outcome = services.import_tools(user=bureau(), data={"tools": [tool_dict(code="goed"), tool_dict(code="fout", cutoffs={"specialist": 9, "high_specialist": 2})]})
    assert not outcome.ok
    assert ToolVersion.objects.count() == before
    assert not Tool.objects.filter(code__in=["goed", "fout"]).exists()


def test_an_import_creates_a_draft_version_unless_asked_to_publish(db):
    outcome = services.import_tools(user=bureau(), data={"tools": [tool_dict()]})
    (version,) = outcome.created
    assert version.number == 1 and not version.is_published
    assert [i.key for i in version.items.order_by("position")] == ["a", "b", "c", "d"]
    assert list(version.target_groups.values_list("code", flat=True)) == ["psychotrauma"]


def test_importing_the_same_tool_twice_changes_nothing_and_a_changed_one_becomes_the_next_version(db):
    user = bureau()
    services.import_tools(user=user, data={"tools": [tool_dict()]}, publish=True)
    again = services.import_tools(user=user, data={"tools": [tool_dict()]}, publish=True)
    assert again.created == [] and again.unchanged == ["proef-dt"]
    changed = services.import_tools(user=user, data={"tools": [tool_dict(cutoffs={"specialist": 4, "high_specialist": 6})]}, publish=True)
    assert [v.number for v in changed.created] == [2]


def test_only_the_bureau_imports_tools(db):
    from django.core.exceptions import PermissionDenied

    from accounts.roles import Role
    from triage.tests.builders import person

    with pytest.raises(PermissionDenied):
        services.import_tools(user=person(Role.ANALYST), data={"tools": [tool_dict()]})


def test_the_example_tool_is_shipped_published_by_a_migration(db):
    version = ToolVersion.objects.get(tool__code=EXAMPLE_CODE)
    assert version.is_published and version.is_example and version.number == 1
