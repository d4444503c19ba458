"""Criterion 2 from intake registrations: the figures triage counts give the checker's verdict on the same figures.

The registrations are made through triage's services (as a department's form or upload would), counted with
``triage.figures`` (what the dossier is filled from) and checked with the pure checker; the expected verdict
is worked out by hand from the same registrations: the started treatments in the quarters that lie entirely in
the year before the visitation, pooled, at least half high-specialist.
"""

from dataclasses import replace
from datetime import date

import pytest

from certification.format.dossier import StartedQuarter
from certification.format.periods import Quarter
from certification.rules.report import Verdict
from register.tests.factories import DepartmentFactory
from triage import figures, services
from triage.tests.builders import bureau, intake

from .builders import V, check, passing, texts

# The year before V (2022-06-15) is 2021-06-15 .. 2022-06-14: quarters 2021-Q3, 2021-Q4 and 2022-Q1 count;
# 2021-Q2 and 2022-Q2 lie only partly inside and do not.
IN_WINDOW = {"2021-Q3": (date(2021, 7, 1), date(2021, 9, 30)), "2021-Q4": (date(2021, 10, 1), date(2021, 12, 31)),
             "2022-Q1": (date(2022, 1, 1), date(2022, 3, 31))}
OUTSIDE = {"2021-Q2": (date(2021, 6, 20), date(2021, 6, 30)), "2022-Q2": (date(2022, 4, 1), date(2022, 6, 10))}


def register(department, per_quarter: dict[str, tuple[int, int]]):
    """(started, high-specialist) per quarter, on the quarter's first and last day alternately."""
    staff = bureau()
    for label, (started, high) in per_quarter.items():
        first, last = {**IN_WINDOW, **OUTSIDE}[label]
        for n in range(started):
            services.register_intake(
                user=staff, department_id=department.pk, intake=intake(first if n % 2 == 0 else last, high=n < high)
            )


def dossier_from_registrations(department):
    counts = figures.treatment_counts_for(department.pk, date(2021, 1, 1), date(2022, 12, 31))
    rows = tuple(StartedQuarter(quarter=Quarter(c.year, c.quarter), started=c.started, high_specialist=c.high_specialist)
                 for c in counts)
    d = passing(visitation_date=V)
    return replace(d, patients=replace(d.patients, treatments_started=rows))


def by_hand(per_quarter) -> tuple[int, int]:
    eligible = [v for k, v in per_quarter.items() if k in IN_WINDOW]
    return sum(h for _s, h in eligible), sum(s for s, _h in eligible)


SCENARIOS = {
    "exactly half": {"2021-Q3": (10, 5), "2021-Q4": (6, 3)},
    "one short of half": {"2021-Q3": (10, 5), "2021-Q4": (7, 3)},
    "the best quarter alone would pass, pooled does not": {"2021-Q3": (4, 4), "2021-Q4": (10, 2), "2022-Q1": (6, 2)},
    "quarters outside the year do not count": {"2021-Q2": (9, 0), "2021-Q4": (8, 5), "2022-Q2": (9, 0)},
    "outside the year would have passed, inside does not": {"2021-Q2": (9, 9), "2022-Q1": (5, 2), "2022-Q2": (9, 9)},
}


@pytest.mark.parametrize("per_quarter", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_criterion_2_from_registrations_equals_the_checkers_verdict_on_the_same_figures(db, per_quarter):
    department = DepartmentFactory()
    register(department, per_quarter)
    high, started = by_hand(per_quarter)
    result = check(dossier_from_registrations(department), 2)
    assert result.verdict is (Verdict.MET if 2 * high >= started else Verdict.NOT_MET)
    assert f"{high} van de {started} gestarte behandelingen" in texts(result)


def test_the_figures_for_one_department_ignore_another_departments_registrations(db):
    department, other = DepartmentFactory(), DepartmentFactory()
    register(department, {"2021-Q4": (4, 1)})
    register(other, {"2021-Q4": (10, 10)})
    assert check(dossier_from_registrations(department), 2).verdict is Verdict.NOT_MET
