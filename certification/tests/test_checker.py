"""The checker as a whole: verdicts combine, reports serialise, and a bad criteria set never crashes it."""

import json
from dataclasses import replace
from datetime import date

from certification.rules.checker import check_dossier
from certification.rules.criteria import Norm
from certification.rules.report import Verdict, render_text, worst

from .builders import (
    FIGUREHEAD_LEFT,
    PASSING,
    SEED_2019_2022,
    TOO_FEW,
    criteria_2019_2022,
    example,
    passing,
    texts,
)


def test_the_worst_verdict_wins():
    assert worst([Verdict.MET, Verdict.NEEDS_REVIEW]) is Verdict.NEEDS_REVIEW
    assert worst([Verdict.NEEDS_REVIEW, Verdict.NOT_MET, Verdict.MET]) is Verdict.NOT_MET
    assert worst([]) is Verdict.MET


def test_the_passing_example_meets_every_criterion():
    report = check_dossier(example(PASSING), criteria_2019_2022())
    assert [r.key for r in report.results] == ["algemeen", *map(str, range(1, 15))]
    assert report.all_met


def test_the_example_whose_figurehead_left_fails_the_staffing_research_and_board_criteria():
    report = check_dossier(example(FIGUREHEAD_LEFT), criteria_2019_2022())
    failing = [r.number for r in report.results if r.verdict is Verdict.NOT_MET]
    assert failing == [4, 7, 8, 9, 14]


def test_the_example_with_too_few_publications_fails_other_criteria_and_asks_the_committee_about_a_phd_equivalent():
    report = check_dossier(example(TOO_FEW), criteria_2019_2022())
    assert [r.number for r in report.results if r.verdict is Verdict.NOT_MET] == [2, 10, 11]
    assert [r.number for r in report.results if r.verdict is Verdict.NEEDS_REVIEW] == [7]


def test_the_checker_accepts_the_criteria_set_as_a_plain_dict():
    data = json.loads(SEED_2019_2022.read_text(encoding="utf-8"))
    assert check_dossier(example(), data) == check_dossier(example(), criteria_2019_2022())


def test_the_report_serialises_to_json_with_codes_and_dutch_labels():
    report = check_dossier(example(TOO_FEW), criteria_2019_2022())
    data = json.loads(json.dumps(report.to_dict()))
    assert data["verdict"] == "not_met"
    assert data["counts"] == {"met": 11, "needs_review": 1, "not_met": 3}
    c10 = next(r for r in data["results"] if r["key"] == "10")
    assert c10["verdict_label"] == "voldoet niet"
    assert {
        "text": "Publicatie 'Gezinsbehandeling in de kliniek: eerste resultaten' (2021-11-12) telt niet: congresabstract.",
        "effect": "excluded",
        "path": "$.publications[6]",
    } in c10["reasons"]


def test_the_text_report_gives_each_criterion_its_verdict_and_a_final_verdict():
    text = render_text(check_dossier(example(FIGUREHEAD_LEFT), criteria_2019_2022()))
    assert "Criterium 4. Boegbeeld: VOLDOET NIET" in text
    assert (
        "  - Boegbeeld 'Prof. dr. Hendrik Zwart' telt niet: vertrokken op 2022-06-08, voor de visitatiedatum 2022-06-15."
        in text
    )
    assert text.rstrip().endswith("Eindoordeel: voldoet niet (10 voldoet, 5 voldoet niet, 0 ter beoordeling)")


def test_every_criterion_carries_the_points_the_committee_judges_itself():
    report = check_dossier(example(), criteria_2019_2022())
    assert all(r.review_points for r in report.results)


def test_an_unknown_kind_of_norm_in_a_criteria_set_asks_for_review_instead_of_crashing():
    criteria = criteria_2019_2022()
    c6 = replace(criteria.criterion(6), norms=(Norm(kind="future_rule", params={}),))
    result = check_dossier(
        example(), replace(criteria, criteria=(*[c for c in criteria.criteria if c.number != 6], c6))
    ).result(6)
    assert result.verdict is Verdict.NEEDS_REVIEW
    assert "onbekende normsoort 'future_rule'" in texts(result)


def test_a_norm_with_a_missing_parameter_asks_for_review_instead_of_crashing():
    criteria = criteria_2019_2022()
    c10 = replace(criteria.criterion(10), norms=(Norm(kind="publications", params={"min_publications": 5}),))
    result = check_dossier(
        example(), replace(criteria, criteria=(*[c for c in criteria.criteria if c.number != 10], c10))
    ).result(10)
    assert result.verdict is Verdict.NEEDS_REVIEW
    assert "norm 'publications', parameter years: verplicht veld ontbreekt" in texts(result)


def test_an_unknown_evidence_key_asks_for_review():
    criteria = criteria_2019_2022()
    c14 = replace(criteria.criterion(14), required_evidence=("board_minutes",))
    result = check_dossier(
        example(), replace(criteria, criteria=(*[c for c in criteria.criteria if c.number != 14], c14))
    ).result(14)
    assert result.verdict is Verdict.NEEDS_REVIEW
    assert "De criteriaset vraagt onderbouwing 'board_minutes' die de toetser niet kent." in texts(result)


def test_checking_against_a_set_not_in_force_on_the_visitation_date_says_so():
    report = check_dossier(passing(visitation_date=date(2023, 3, 1)), criteria_2019_2022())
    assert report.result(0).reasons[0].text == (
        "Let op: criteriaset 2019-2022 geldt van 2019-01-01 t/m 2022-12-31; de visitatiedatum 2023-03-01 valt daarbuiten."
    )
