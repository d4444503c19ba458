from dataclasses import replace

import pytest

from certification.format.dossier import ServiceQuarter
from certification.format.periods import Quarter
from certification.rules.report import Verdict

from .builders import check, passing, texts


def service(name, *rows, **changes):
    d = passing()
    quarters = tuple(ServiceQuarter(quarter=Quarter.parse(q), count=c, supra_regional_share=s) for q, c, s in rows)
    return replace(d, **{name: replace(getattr(d, name), quarters=quarters, **changes)})


def test_consultations_and_second_opinions_with_a_supra_regional_share_meet_criterion_3():
    assert check(passing(), 3).verdict is Verdict.MET


@pytest.mark.parametrize("name", ["consultation", "second_opinion"])
def test_a_small_supra_regional_share_is_enough(name):
    assert check(service(name, ("2022-Q1", 1, 0.01)), 3).verdict is Verdict.MET


@pytest.mark.parametrize(
    "name, label", [("consultation", "Consultatie & advies"), ("second_opinion", "Second opinions")]
)
def test_no_supra_regional_share_fails_criterion_3(name, label):
    result = check(service(name, ("2022-Q1", 40, 0.0)), 3)
    assert result.verdict is Verdict.NOT_MET
    assert f"{label}: 2022-Q1: 40 (bovenregionaal 0%); er is geen bovenregionaal aandeel" in texts(result)


@pytest.mark.parametrize("name", ["consultation", "second_opinion"])
def test_figures_only_from_outside_the_year_before_the_visitation_fail_criterion_3(name):
    result = check(service(name, ("2021-Q1", 40, 0.5)), 3)
    assert result.verdict is Verdict.NOT_MET
    assert "in 2021-Q1 telt niet: het kwartaal valt niet geheel in 2021-06-15 t/m 2022-06-14" in texts(result)


def test_no_consultations_in_the_quarter_fail_criterion_3():
    result = check(service("consultation", ("2022-Q1", 0, 0.5)), 3)
    assert result.verdict is Verdict.NOT_MET
    assert "Geen consultatie & advies uitgevoerd" in texts(result)


@pytest.mark.parametrize(
    "field, missing",
    [
        ("example", "3b: voorbeeld van een typische second opinionvraag"),
        ("example_benefit", "3b: wat consultvrager en patiënt aan de voorbeeld-second opinion hebben"),
        ("requesters", "3b: aanvragers van second opinion"),
    ],
)
def test_a_second_opinion_description_without_its_parts_misses_evidence(field, missing):
    d = passing()
    result = check(replace(d, second_opinion=replace(d.second_opinion, **{field: ""})), 3)
    assert result.verdict is Verdict.NOT_MET
    assert missing in [str(m) for m in result.missing]
