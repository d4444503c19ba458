from dataclasses import replace

import pytest
from dateutil.relativedelta import relativedelta

from certification.rules.report import Verdict

from .builders import DAY, V, check, passing, texts

THREE_YEARS_BEFORE = V - relativedelta(years=3)


def department(**changes):
    return replace(passing().department, **changes)


def test_a_unit_specialised_exactly_three_years_before_the_visitation_meets_the_general_condition():
    result = check(passing(department=department(specialised_since=THREE_YEARS_BEFORE)), 0)
    assert result.verdict is Verdict.MET


def test_a_unit_specialised_a_day_less_than_three_years_fails_the_general_condition():
    result = check(passing(department=department(specialised_since=THREE_YEARS_BEFORE + DAY)), 0)
    assert result.verdict is Verdict.NOT_MET
    assert "Gespecialiseerd in de doelgroep sinds 2019-06-16" in texts(result)


def test_a_unit_without_a_specialisation_date_misses_evidence():
    result = check(passing(department=department(specialised_since=None)), 0)
    assert result.verdict is Verdict.NOT_MET
    assert "datum sinds wanneer de eenheid in de doelgroep gespecialiseerd is" in texts(result)


@pytest.mark.parametrize(
    "field, missing",
    [
        ("strengths", "zelfevaluatie: sterke kanten"),
        ("weaknesses", "zelfevaluatie: zwakke kanten"),
        ("development_points", "zelfevaluatie: ontwikkelpunten voor de komende vier jaar"),
    ],
)
def test_an_incomplete_self_evaluation_fails_the_general_conditions(field, missing):
    dossier = passing()
    result = check(replace(dossier, self_evaluation=replace(dossier.self_evaluation, **{field: " "})), 0)
    assert result.verdict is Verdict.NOT_MET
    assert missing in texts(result)
