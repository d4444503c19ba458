from dataclasses import replace

import pytest

from certification.rules.report import Verdict

from .builders import (
    DAY,
    WEEK,
    V,
    check,
    criteria_2019_2022,
    figurehead,
    passing,
    texts,
    with_norm,
    without_roles,
)


def with_figureheads(*members):
    d = passing()
    return replace(d, staff=(*without_roles(d.staff, "figurehead"), *members))


@pytest.mark.parametrize(
    "figureheads, verdict",
    [
        ([(16, 16)], Verdict.MET),  # one figurehead, exactly two days and 16 hours of clinical care
        ([(16, 15.5)], Verdict.NOT_MET),
        ([(15.5, 16)], Verdict.NOT_MET),  # not attached two days
        ([(16, 8), (16, 8)], Verdict.MET),  # two together 16 hours of clinical care, each attached 16
        ([(16, 8), (16, 7.5)], Verdict.NOT_MET),
        ([(16, 10), (15, 10)], Verdict.NOT_MET),  # the second is attached too few hours to count
        ([(16, 6), (16, 6), (16, 6)], Verdict.NOT_MET),  # at most two may be combined
        ([(16, 10), (16, 2), (16, 6)], Verdict.MET),  # the two with most clinical hours are combined
    ],
)
def test_criterion_4_needs_16_clinical_hours_from_one_or_two_figureheads_attached_16_hours(figureheads, verdict):
    members = [
        figurehead(f"Dr. Boegbeeld {i}", attached, clinical) for i, (attached, clinical) in enumerate(figureheads)
    ]
    assert check(with_figureheads(*members), 4).verdict is verdict


def test_the_reason_names_the_figurehead_and_the_hours():
    result = check(with_figureheads(figurehead("Dr. Eline Bos", 24, 16)), 4)
    assert "Boegbeeld 'Dr. Eline Bos' (dwang): 24 uur per week verbonden, 16 uur klinische zorg" in texts(result)


def test_two_figureheads_together_are_named():
    result = check(with_figureheads(figurehead("Dr. Eline Bos", 16, 8), figurehead("Dr. Tim Ras", 16, 8)), 4)
    assert "Boegbeelden 'Dr. Eline Bos' en 'Dr. Tim Ras' doen samen 16 uur klinische zorg per week" in texts(result)


def test_a_figurehead_attached_too_few_hours_is_named():
    result = check(with_figureheads(figurehead("Dr. Eline Bos", 15.5, 16)), 4)
    assert "Boegbeeld 'Dr. Eline Bos' telt niet: 15,5 uur per week aan de eenheid verbonden, minder dan 16." in texts(
        result
    )


def test_a_figurehead_who_left_the_week_before_the_visitation_does_not_count():
    result = check(with_figureheads(figurehead("Dr. Eline Bos", 32, 20, end_date=V - WEEK)), 4)
    assert result.verdict is Verdict.NOT_MET
    assert "Boegbeeld 'Dr. Eline Bos' telt niet: vertrokken op 2022-06-08, voor de visitatiedatum 2022-06-15." in texts(
        result
    )


def test_a_figurehead_whose_last_day_is_the_visitation_day_counts_with_a_note_to_report_it():
    result = check(with_figureheads(figurehead("Dr. Eline Bos", 32, 20, end_date=V)), 4)
    assert result.verdict is Verdict.MET
    assert "Boegbeeld 'Dr. Eline Bos' vertrekt op 2022-06-15" in texts(result)


def test_a_figurehead_starting_after_the_visitation_does_not_count():
    result = check(with_figureheads(figurehead("Dr. Eline Bos", 32, 20, start_date=V + DAY)), 4)
    assert result.verdict is Verdict.NOT_MET
    assert "begint pas op 2022-06-16" in texts(result)


def test_a_figurehead_without_a_cv_misses_evidence():
    result = check(with_figureheads(figurehead("Dr. Eline Bos", 32, 20, cv="")), 4)
    assert result.verdict is Verdict.NOT_MET
    assert "cv van boegbeeld 'Dr. Eline Bos'" in [m.text for m in result.missing]


def test_a_unit_without_figureheads_fails_criterion_4():
    result = check(with_figureheads(), 4)
    assert result.verdict is Verdict.NOT_MET
    assert "geen boegbeeld dat minstens 16 uur per week aan de eenheid verbonden is" in texts(result)


def test_a_figurehead_without_a_field_misses_evidence():
    member = figurehead("Dr. Eline Bos", 32, 20)
    member = replace(member, figurehead=replace(member.figurehead, field=""))
    result = check(with_figureheads(member), 4)
    assert result.verdict is Verdict.NOT_MET
    assert "(deel)terrein van boegbeeld 'Dr. Eline Bos'" in [m.text for m in result.missing]


def test_the_figurehead_hours_are_read_from_the_criteria_set():
    stricter = with_norm(criteria_2019_2022(), 4, "figurehead_hours", min_clinical_hours=20)
    dossier = with_figureheads(figurehead("Dr. Eline Bos", 32, 18))
    assert (check(dossier, 4).verdict, check(dossier, 4, stricter).verdict) == (Verdict.MET, Verdict.NOT_MET)
