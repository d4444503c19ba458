"""Criterion-3 quarter counts: counted in the quarter answered, with the supra-regional share."""

from datetime import date

import pytest

from consultation.rules.quarters import AnsweredRequest, QuarterCount, is_supra_regional, quarter_counts, quarter_of

D = date


@pytest.mark.parametrize(
    "day, expected",
    [(D(2027, 1, 1), (2027, 1)), (D(2027, 3, 31), (2027, 1)), (D(2027, 4, 1), (2027, 2)), (D(2027, 12, 31), (2027, 4))],
)
def test_a_date_lies_in_its_calendar_quarter(day, expected):
    assert quarter_of(day) == expected


def test_a_patient_outside_every_region_of_the_departments_locations_is_supra_regional():
    assert is_supra_regional("ZK02", {"ZK16", "ZK04"})
    assert not is_supra_regional("ZK04", {"ZK16", "ZK04"})


def test_an_unknown_patient_region_counts_as_not_supra_regional():
    assert not is_supra_regional(None, {"ZK16"})


def test_a_department_without_known_regions_counts_nobody_as_supra_regional():
    assert not is_supra_regional("ZK02", set())


def row(department, kind, answered_on, region, regions=frozenset({"ZK16", "ZK04"})):
    return AnsweredRequest(department, kind, answered_on, region, frozenset(regions))


def test_requests_are_counted_in_the_quarter_they_were_answered_per_department_and_kind():
    counts = quarter_counts(
        [
            row("trauma", "consultation", D(2027, 3, 31), "ZK02"),
            row("trauma", "consultation", D(2027, 4, 1), "ZK16"),
            row("trauma", "consultation", D(2027, 6, 30), "ZK30"),
            row("trauma", "second_opinion", D(2027, 5, 1), "ZK04"),
            row("angst", "consultation", D(2027, 5, 1), "ZK02", {"ZK23"}),
        ]
    )
    assert counts == [
        QuarterCount("angst", 2027, 2, "consultation", 1, 1, 0),
        QuarterCount("trauma", 2027, 1, "consultation", 1, 1, 0),
        QuarterCount("trauma", 2027, 2, "consultation", 2, 1, 0),
        QuarterCount("trauma", 2027, 2, "second_opinion", 1, 0, 0),
    ]


def test_the_supra_regional_share_is_the_supra_regional_count_over_all_counted():
    [count] = quarter_counts(
        [
            row("trauma", "consultation", D(2027, 4, 2), "ZK02"),
            row("trauma", "consultation", D(2027, 4, 3), "ZK16"),
            row("trauma", "consultation", D(2027, 4, 4), None),
            row("trauma", "consultation", D(2027, 4, 5), "ZK30"),
        ]
    )
    assert (count.count, count.supra_regional, count.unknown_region, count.share, count.label) == (
        4,
        2,
        1,
        0.5,
        "2027-Q2",
    )
