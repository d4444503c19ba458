from dataclasses import replace

import pytest

from certification.rules.report import Verdict

from .builders import (
    WEEK,
    V,
    check,
    criteria_2019_2022,
    passing,
    researcher,
    texts,
    with_norm,
    without_roles,
)


def with_researchers(*members):
    d = passing()
    return replace(d, staff=(*without_roles(d.staff, "senior_researcher"), *members))


@pytest.mark.parametrize(
    "researchers, verdict",
    [
        ([(24, 1), (8, 0)], Verdict.MET),  # three days with patient care, and one day
        ([(23.5, 8), (8, 0)], Verdict.NOT_MET),  # nobody three days a week
        ([(24, 8), (7.5, 0)], Verdict.NOT_MET),  # the second less than a day
        ([(24, 0), (8, 0)], Verdict.NOT_MET),  # no direct patient care
        ([(24, 8)], Verdict.NOT_MET),  # only one
        ([(8, 0), (36, 4)], Verdict.MET),  # order does not matter
        ([(24, 4), (24, 4)], Verdict.MET),
    ],
)
def test_criterion_7_needs_one_researcher_three_days_in_patient_care_and_another_one_day(researchers, verdict):
    members = [researcher(f"Dr. Onderzoeker {i}", hours, clinical) for i, (hours, clinical) in enumerate(researchers)]
    assert check(with_researchers(*members), 7).verdict is verdict


def test_the_reason_names_both_researchers_and_their_hours():
    result = check(with_researchers(researcher("Dr. Els Vos", 24, 8), researcher("Dr. Mo Ait", 8)), 7)
    assert (
        "Senior onderzoeker 'Dr. Els Vos' werkt 24 uur per week op de eenheid en doet directe patiëntenzorg (8 uur)"
        in texts(result)
    )
    assert "'Dr. Mo Ait' werkt er 8 uur per week" in texts(result)


def test_a_researcher_who_left_the_week_before_the_visitation_does_not_count():
    result = check(
        with_researchers(researcher("Dr. Els Vos", 24, 8), researcher("Dr. Mo Ait", 8, end_date=V - WEEK)), 7
    )
    assert result.verdict is Verdict.NOT_MET
    assert (
        "Senior onderzoeker 'Dr. Mo Ait' telt niet: vertrokken op 2022-06-08, voor de visitatiedatum 2022-06-15."
        in texts(result)
    )


def test_a_researcher_with_only_a_phd_equivalent_is_put_to_the_committee():
    member = researcher("Drs. Mo Ait", 8, phd="equivalent", phd_equivalent_explanation="twintig jaar onderzoek")
    result = check(with_researchers(researcher("Dr. Els Vos", 24, 8), member), 7)
    assert result.verdict is Verdict.NEEDS_REVIEW
    assert (
        "Senior onderzoeker 'Drs. Mo Ait' is niet gepromoveerd maar heeft volgens het dossier een vergelijkbaar niveau (twintig jaar onderzoek)"
        in texts(result)
    )
    assert "Dit kan alleen als de commissie het niveau van 'Drs. Mo Ait' erkent." in texts(result)


def test_a_phd_equivalent_is_put_to_the_committee_even_when_the_norm_is_met_without_them():
    members = [
        researcher("Dr. Els Vos", 24, 8),
        researcher("Dr. Mo Ait", 8),
        researcher("Drs. Lin Xu", 8, phd="equivalent"),
    ]
    result = check(with_researchers(*members), 7)
    assert result.verdict is Verdict.NEEDS_REVIEW
    assert "Dit kan alleen" not in texts(result)


def test_a_researcher_without_a_phd_or_equivalent_does_not_count():
    result = check(with_researchers(researcher("Dr. Els Vos", 24, 8), researcher("Mo Ait MSc", 8, phd="none")), 7)
    assert result.verdict is Verdict.NOT_MET
    assert (
        "Senior onderzoeker 'Mo Ait MSc' telt niet: niet gepromoveerd en geen vergelijkbaar niveau opgegeven."
        in texts(result)
    )


@pytest.mark.parametrize(
    "changes, missing",
    [
        ({"cv": ""}, "cv van senior onderzoeker 'Dr. Mo Ait'"),
        ({"research_hours_per_week": 0}, "uren onderzoek per week van senior onderzoeker 'Dr. Mo Ait'"),
    ],
)
def test_a_researcher_without_cv_or_research_hours_misses_evidence(changes, missing):
    result = check(with_researchers(researcher("Dr. Els Vos", 24, 8), researcher("Dr. Mo Ait", 8, **changes)), 7)
    assert result.verdict is Verdict.NOT_MET
    assert missing in [m.text for m in result.missing]


def test_the_researcher_hours_are_read_from_the_criteria_set():
    stricter = with_norm(criteria_2019_2022(), 7, "senior_researchers", other_min_hours=16)
    dossier = with_researchers(researcher("Dr. Els Vos", 24, 8), researcher("Dr. Mo Ait", 8))
    assert (check(dossier, 7).verdict, check(dossier, 7, stricter).verdict) == (Verdict.MET, Verdict.NOT_MET)
