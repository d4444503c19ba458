from dataclasses import replace
from datetime import date

import pytest
from dateutil.relativedelta import relativedelta

from certification.rules.report import Verdict

from .builders import (
    DAY,
    WEEK,
    V,
    check,
    criteria_2019_2022,
    passing,
    study,
    texts,
    with_norm,
)

START = V - relativedelta(years=3)  # 2019-06-15


def with_studies(*studies):
    return passing(studies=studies)


def test_a_phd_study_and_another_study_running_for_exactly_three_years_meet_criterion_9():
    result = check(with_studies(study("Promotie A", START, phd=True), study("Cohort B", START)), 9)
    assert result.verdict is Verdict.MET


def test_a_research_tradition_a_day_short_of_three_years_fails_criterion_9():
    result = check(with_studies(study("Promotie A", START + DAY, phd=True), study("Cohort B", START + DAY)), 9)
    assert result.verdict is Verdict.NOT_MET
    assert (
        "Het eerste onderzoek ('Promotie A') startte op 2019-06-16: de onderzoekstraditie is korter dan 3 jaar"
        in texts(result)
    )
    assert "Van 2019-06-15 t/m 2019-06-15 liepen er 0 onderzoek(en)" in texts(result)


def test_a_phd_study_that_ended_the_week_before_the_visitation_leaves_a_gap():
    result = check(
        with_studies(
            study("Promotie A", START, end=V - WEEK, phd=True), study("Cohort B", START), study("Cohort C", START)
        ),
        9,
    )
    assert result.verdict is Verdict.NOT_MET
    assert (
        "Van 2022-06-09 t/m 2022-06-15 liepen er 2 onderzoek(en): 'Cohort B' en 'Cohort C', waarvan 0 promotieonderzoek; "
        "nodig is steeds minstens 2, waarvan 1 promotieonderzoek."
    ) in texts(result)


def test_a_phd_study_whose_last_day_is_the_visitation_day_still_runs():
    result = check(with_studies(study("Promotie A", START, end=V, phd=True), study("Cohort B", START)), 9)
    assert result.verdict is Verdict.MET


def test_a_single_day_between_two_studies_is_a_gap():
    studies = (
        study("Promotie A", START, phd=True),
        study("Cohort B", START, end=date(2020, 12, 31)),
        study("Cohort C", date(2021, 1, 2)),
    )
    result = check(with_studies(*studies), 9)
    assert result.verdict is Verdict.NOT_MET
    assert "Van 2021-01-01 t/m 2021-01-01 liepen er 1 onderzoek(en): 'Promotie A'" in texts(result)


def test_studies_that_hand_over_without_a_gap_are_running_throughout():
    studies = (
        study("Promotie A", START, end=date(2020, 12, 31), phd=True),
        study("Promotie B", date(2021, 1, 1), phd=True),
        study("Cohort C", date(2010, 1, 1)),
    )
    assert check(with_studies(*studies), 9).verdict is Verdict.MET


def test_two_studies_without_a_phd_study_fail_criterion_9():
    result = check(with_studies(study("Cohort A", START), study("Cohort B", START)), 9)
    assert result.verdict is Verdict.NOT_MET
    assert "waarvan 0 promotieonderzoek" in texts(result)


@pytest.mark.parametrize(
    "changes, missing",
    [
        ({"promotors": ()}, "(co)promotoren van promotieonderzoek 'Promotie A'"),
        ({"phd_candidate": ""}, "promovendus van promotieonderzoek 'Promotie A'"),
        ({"candidate_involvement": ""}, "betrokkenheid van de promovendus bij de eenheid ('Promotie A')"),
        ({"phase": ""}, "fase van onderzoek 'Promotie A'"),
    ],
)
def test_a_study_without_its_details_misses_evidence(changes, missing):
    phd = replace(study("Promotie A", START, phd=True), **changes)
    result = check(with_studies(phd, study("Cohort B", START)), 9)
    assert result.verdict is Verdict.NOT_MET
    assert missing in [m.text for m in result.missing]


def test_the_number_of_running_studies_is_read_from_the_criteria_set():
    three = with_norm(criteria_2019_2022(), 9, "running_studies", min_running=3)
    dossier = with_studies(study("Promotie A", START, phd=True), study("Cohort B", START))
    assert (check(dossier, 9).verdict, check(dossier, 9, three).verdict) == (Verdict.MET, Verdict.NOT_MET)
