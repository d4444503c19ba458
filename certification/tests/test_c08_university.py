from dataclasses import replace
from datetime import date

import pytest

from certification.format.dossier import ProfessorRole, UniversityAgreement
from certification.rules.report import Verdict

from .builders import DAY, WEEK, V, check, passing, person, texts, without_roles


def professor(name="Prof. dr. Ida Smit", hours=4, contribution="leidt de onderzoekslijn", **kw):
    return person(
        name, professor=ProfessorRole(hours_per_week=hours, contribution=contribution, chair="Psychiatrie"), **kw
    )


def agreement(partner="Universiteit van Nergenshuizen", document="overeenkomst", **kw):
    return UniversityAgreement(
        partner=partner, partner_kind="university", description="wederzijds", document=document, **kw
    )


def dossier(professors=(), agreements=None):
    d = passing()
    return replace(
        d,
        staff=(*without_roles(d.staff, "professor"), *professors),
        university_agreements=tuple(agreements if agreements is not None else [agreement()]),
    )


def test_a_professor_with_hours_and_a_contribution_and_a_formal_agreement_meet_criterion_8():
    result = check(dossier([professor()]), 8)
    assert result.verdict is Verdict.MET
    assert (
        "Hoogleraar 'Prof. dr. Ida Smit' (Psychiatrie): 4 uur per week aan de eenheid verbonden, bijdrage beschreven."
        in texts(result)
    )


@pytest.mark.parametrize(
    "member, reason",
    [
        (professor(hours=0), "Hoogleraar 'Prof. dr. Ida Smit' telt niet: het aantal uren"),
        (
            professor(contribution=" "),
            "Hoogleraar 'Prof. dr. Ida Smit' telt niet: de bijdrage aan de topklinische functies is niet beschreven.",
        ),
        (professor(end_date=V - WEEK), "Hoogleraar 'Prof. dr. Ida Smit' telt niet: vertrokken op 2022-06-08"),
    ],
)
def test_a_professor_without_hours_or_contribution_or_who_left_does_not_count(member, reason):
    result = check(dossier([member]), 8)
    assert result.verdict is Verdict.NOT_MET
    assert reason in texts(result)


def test_a_unit_without_a_professor_fails_criterion_8():
    assert check(dossier([]), 8).verdict is Verdict.NOT_MET


@pytest.mark.parametrize(
    "item, verdict",
    [
        (agreement(end_date=V), Verdict.MET),  # still in force on the visitation day
        (agreement(end_date=V - DAY), Verdict.NOT_MET),
        (agreement(start_date=V + DAY), Verdict.NOT_MET),
        (agreement(start_date=date(2015, 1, 1)), Verdict.MET),
        (agreement(document=""), Verdict.NOT_MET),
    ],
)
def test_criterion_8_needs_a_formal_agreement_in_force_on_the_visitation_day_with_the_document(item, verdict):
    assert check(dossier([professor()], [item]), 8).verdict is verdict


def test_an_agreement_without_its_document_is_named():
    result = check(dossier([professor()], [agreement(partner="UMC Nergens", document="")]), 8)
    assert (
        "Samenwerking met 'UMC Nergens' telt niet: de formele samenwerkingsovereenkomst is niet bijgevoegd."
        in texts(result)
    )


def test_an_agreement_without_mutual_benefit_misses_evidence():
    item = replace(agreement(partner="UMC Nergens"), description="")
    result = check(dossier([professor()], [item]), 8)
    assert result.verdict is Verdict.NOT_MET
    assert "8b: wederzijds profijt van de samenwerking met 'UMC Nergens'" in [str(m) for m in result.missing]
