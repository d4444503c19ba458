"""The desk's figures for criterion 3: answered requests per department and quarter, and the supra-regional share."""

from datetime import date

import pytest

from consultation import figures
from consultation.models import ConsultationRequest
from consultation.tests.builders import desk_department, referrer, staff_of, step, submitted, with_geo
from geo.models import Municipality
from register.tests.factories import LocationFactory

YEAR = (date(2026, 1, 1), date(2026, 12, 31))
UTRECHT_PC4, AMSTERDAM_PC4 = "3511", "1011"  # the department's location is in Utrecht (GM0344)


@pytest.fixture
def desk(db):
    with_geo()
    department = desk_department()
    return department, staff_of(department), referrer()


def answered(person, staff, department, received, answered_on, **overrides):
    request = submitted(person, department, on=received, **overrides)
    return step(staff, request, "answered", answered_on, note="Ons advies is ...")


def counts(department, start=YEAR[0], end=YEAR[1]):
    found = figures.quarter_counts_for(department.pk, start, end)
    return [(c.year, c.quarter, c.kind, c.count, c.supra_regional) for c in found]


def test_a_request_counts_in_the_quarter_it_was_answered_not_the_quarter_it_arrived(desk):
    department, staff, person = desk
    answered(person, staff, department, received=date(2026, 3, 30), answered_on=date(2026, 4, 2))
    assert counts(department) == [(2026, 2, "consultation", 1, 0)]


def test_consultations_and_second_opinions_are_counted_apart(desk):
    department, staff, person = desk
    answered(person, staff, department, date(2026, 5, 4), date(2026, 5, 6))
    answered(person, staff, department, date(2026, 5, 4), date(2026, 5, 7), kind="second_opinion")
    answered(person, staff, department, date(2026, 5, 4), date(2026, 5, 8), kind="second_opinion")
    assert counts(department) == [(2026, 2, "consultation", 1, 0), (2026, 2, "second_opinion", 2, 0)]


def test_other_kinds_of_request_are_not_counted_for_criterion_3(desk):
    department, staff, person = desk
    answered(person, staff, department, date(2026, 5, 4), date(2026, 5, 6), kind="treatment")
    assert counts(department) == []


def test_a_request_not_yet_answered_is_not_counted(desk):
    department, _staff, person = desk
    submitted(person, department, on=date(2026, 5, 4))
    assert counts(department) == []


def test_only_answers_within_the_period_are_counted(desk):
    department, staff, person = desk
    answered(person, staff, department, date(2026, 5, 4), date(2026, 5, 6))
    assert counts(department, date(2026, 5, 7), date(2026, 12, 31)) == []
    assert counts(department, date(2026, 5, 6), date(2026, 5, 6)) == [(2026, 2, "consultation", 1, 0)]


def test_a_request_forwarded_before_its_answer_counts_for_the_department_that_answered(desk):
    department, staff, person = desk
    other = desk_department()
    request = submitted(person, department, on=date(2026, 5, 4))
    step(staff, request, "forwarded", date(2026, 5, 5), department_id=other.pk)
    step(staff_of(other), request, "answered", date(2026, 5, 8), note="Ons advies is ...")
    assert counts(department) == []
    assert counts(other) == [(2026, 2, "consultation", 1, 0)]


def test_a_move_of_the_request_after_its_answer_does_not_move_the_count(desk):
    # The rules refuse a forward after the answer; should the request move anyway (an admin correction),
    # the answered event still names the department that answered.
    department, staff, person = desk
    other = desk_department()
    request = answered(person, staff, department, date(2026, 5, 4), date(2026, 5, 6))
    ConsultationRequest.objects.filter(pk=request.pk).update(department=other)
    assert counts(department) == [(2026, 2, "consultation", 1, 0)]
    assert counts(other) == []


def test_a_patient_from_another_zorgkantoor_region_than_every_location_is_supra_regional(desk):
    department, staff, person = desk
    answered(person, staff, department, date(2026, 5, 4), date(2026, 5, 6), patient_pc4=UTRECHT_PC4)
    answered(person, staff, department, date(2026, 5, 4), date(2026, 5, 7), patient_pc4=AMSTERDAM_PC4)
    [count] = figures.quarter_counts_for(department.pk, *YEAR)
    assert (count.count, count.supra_regional, count.share) == (2, 1, 0.5)


def test_a_patient_in_the_region_of_any_location_of_the_department_is_not_supra_regional(desk):
    department, staff, person = desk
    LocationFactory(department=department, name="Amsterdam", municipality=Municipality.objects.get(code="GM0363"))
    answered(person, staff, department, date(2026, 5, 4), date(2026, 5, 7), patient_pc4=AMSTERDAM_PC4)
    [count] = figures.quarter_counts_for(department.pk, *YEAR)
    assert (count.count, count.supra_regional) == (1, 0)


def test_the_department_regions_are_the_zorgkantoor_regions_of_its_locations(desk):
    department, _staff, _person = desk
    utrecht = Municipality.objects.get(code="GM0344").zorgkantoor_region_id
    assert figures.department_regions(department.pk) == {utrecht}


def test_reading_the_answered_requests_takes_two_queries_however_many_there_are(desk, django_assert_num_queries):
    department, staff, person = desk
    for day in (4, 5, 6):
        answered(person, staff, department, date(2026, 5, day), date(2026, 5, 8))
    with django_assert_num_queries(2):
        rows = figures.answered_requests(department.pk, *YEAR)
    assert len(rows) == 3


def test_the_requests_behind_a_quarter_are_exactly_the_ones_it_counts(desk):
    department, staff, person = desk
    counted = answered(person, staff, department, date(2026, 3, 30), date(2026, 4, 2))
    answered(person, staff, department, date(2026, 3, 2), date(2026, 3, 4))  # Q1
    answered(person, staff, department, date(2026, 4, 6), date(2026, 4, 8), kind="second_opinion")
    behind = figures.answered_in_quarter(department.pk, "consultation", 2026, 2)
    assert list(behind.values_list("pk", flat=True)) == [counted.pk]
    assert figures.answered_in_quarter(department.pk, "consultation", 2026, 5).count() == 0


def test_the_requests_behind_the_fourth_quarter_end_on_the_last_day_of_the_year(desk):
    department, staff, person = desk
    late = answered(person, staff, department, date(2026, 12, 28), date(2026, 12, 31))
    assert list(figures.answered_in_quarter(department.pk, "consultation", 2026, 4)) == [late]


def test_the_desk_never_imports_certification():
    # Dependencies point one way: certification reads the desk's figures, the desk knows nothing of it.
    import ast
    from pathlib import Path

    root = Path(figures.__file__).resolve().parent
    importers = []
    for source in root.rglob("*.py"):
        if "tests" in source.relative_to(root).parts:
            continue  # tests may borrow test files (a PDF) from anywhere
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(name == "certification" or name.startswith("certification.") for name in names):
                importers.append(str(source.relative_to(root)))
    assert importers == []


def test_the_inbox_lists_only_the_requests_behind_a_dossiers_quarter_figure(desk, client):
    from accounts.testing import login_verified
    from django.urls import reverse

    department, staff, person = desk
    counted = submitted(person, department, on=date(2026, 7, 1))
    step(staff, counted, "answered", date(2026, 7, 3), note="Advies.")
    other_quarter = submitted(person, department, on=date(2026, 3, 2))
    step(staff, other_quarter, "answered", date(2026, 3, 4), note="Advies.")
    login_verified(client, staff)
    page = client.get(reverse("consultation:inbox"), {"afdeling": department.pk, "beantwoord": "2026-Q3",
                                                      "soort": "consultation", "lijst": "beantwoord"})
    assert counted.reference in page.content.decode()
    assert other_quarter.reference not in page.content.decode()
