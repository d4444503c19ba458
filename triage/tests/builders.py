"""Builders for triage tests: tools (pure and stored), people in every role, results and registrations."""

from __future__ import annotations

import copy
from datetime import date

from accounts.roles import Role
from accounts.tests.factories import UserFactory, make_member
from triage import services
from triage.models import ToolVersion
from triage.rules.intake import Intake
from triage.rules.tooljson import tool_from_dict

# a: severe (1), b: insufficient benefit (2), c: expected benefit (3), d: no characteristic (4). Max 10.
SMALL_TOOL = {
    "code": "proef-dt",
    "name": "Proeflijst",
    "status": "validated",
    "target_groups": ["psychotrauma"],
    "explanation": "Een lijst voor de tests.",
    "source": "Tests",
    "cutoffs": {"specialist": 3, "high_specialist": 6},
    "high_specialist_requires_all_characteristics": True,
    "items": [
        {"key": "a", "question": "Vraag a?", "weight": 1, "characteristic": "severe_complex_rare"},
        {"key": "b", "question": "Vraag b?", "weight": 2, "characteristic": "insufficient_benefit"},
        {"key": "c", "question": "Vraag c?", "weight": 3, "characteristic": "expected_benefit"},
        {"key": "d", "question": "Vraag d?", "help_text": "Uitleg bij d.", "weight": 4},
    ],
}
EXAMPLE_CODE = "voorbeeld-hoogspecialistisch"


def tool_dict(**changes) -> dict:
    data = copy.deepcopy(SMALL_TOOL)
    data.update(changes)
    return data


def pure_tool(**changes):
    return tool_from_dict(tool_dict(**changes))


def stored_tool(publish: bool = True, **changes) -> ToolVersion:
    """The small tool as the next version of its code, published unless told otherwise."""
    outcome = services.import_tools(user=None, data={"tools": [tool_dict(**changes)]}, publish=publish)
    assert outcome.ok, outcome.errors
    code = changes.get("code", SMALL_TOOL["code"])
    return ToolVersion.objects.filter(tool__code=code).order_by("-number").first()


def example_version() -> ToolVersion:
    return ToolVersion.objects.get(tool__code=EXAMPLE_CODE, number=1)


def person(role=Role.REFERRER, departments=()):
    user = UserFactory(role=role, is_superuser=role == Role.BUREAU_ADMIN)
    for department in departments:
        make_member(user, department)
    return user


def bureau():
    return person(Role.BUREAU_ADMIN)


def intake(started_on: date, high: bool = True, **values) -> Intake:
    values.setdefault("target_group", "psychotrauma")
    values.setdefault("own_criteria", "" if values.get("tool") else "Eigen intakecriteria")
    return Intake(started_on=started_on, high_specialist=high, **values)
