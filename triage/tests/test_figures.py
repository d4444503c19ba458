"""Criterion 2's figures from the registrations: what certification reads, and that triage never imports certification."""

import ast
from datetime import date
from pathlib import Path

import pytest

from register.tests.factories import DepartmentFactory
from triage import figures, services
from triage.tests.builders import bureau, intake

APP = Path(__file__).resolve().parents[1]


@pytest.fixture
def department(db):
    department = DepartmentFactory()
    staff = bureau()
    for day, high in [(2, True), (3, True), (4, False)]:
        services.register_intake(user=staff, department_id=department.pk, intake=intake(date(2026, 1, day), high=high))
    services.register_intake(user=staff, department_id=department.pk, intake=intake(date(2026, 4, 1), high=False))
    services.register_intake(user=staff, department_id=DepartmentFactory().pk, intake=intake(date(2026, 1, 5)))
    return department


def test_quarter_counts_are_per_quarter_of_the_start_date_for_the_department_only(department):
    counts = figures.treatment_counts_for(department.pk, date(2026, 1, 1), date(2026, 12, 31))
    assert [(c.label, c.started, c.high_specialist) for c in counts] == [("2026-Q1", 3, 2), ("2026-Q2", 1, 0)]


def test_the_window_bounds_are_both_included(department):
    counts = figures.treatment_counts_for(department.pk, date(2026, 1, 2), date(2026, 1, 3))
    assert [(c.started, c.high_specialist) for c in counts] == [(2, 2)]


def test_the_registrations_behind_a_quarter_are_what_was_counted(department):
    assert figures.registrations_in_quarter(department.pk, 2026, 1).count() == 3
    assert "kwartaal=2026-Q1" in figures.registrations_url(department.pk, 2026, 1)


def test_triage_never_imports_certification():
    for path in APP.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n == "certification" or n.startswith("certification.") for n in names), f"{path} imports certification"
