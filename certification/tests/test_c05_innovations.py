from dataclasses import replace

from certification.format.dossier import Innovation
from certification.rules.report import Verdict

from .builders import check, criteria_2019_2022, passing, texts, with_norm


def innovation(title, design="RCT"):
    return Innovation(
        title=title,
        target_group="volwassenen",
        description="wat",
        innovative_aspect="nieuw",
        difference_from_regular_care="anders",
        effectiveness_design=design,
    )


def test_two_innovations_each_researched_for_effectiveness_meet_criterion_5():
    result = check(passing(innovations=(innovation("A"), innovation("B"))), 5)
    assert result.verdict is Verdict.MET


def test_an_innovation_without_an_effectiveness_design_does_not_count_and_is_named():
    result = check(passing(innovations=(innovation("A"), innovation("Groepsbehandeling online", design=""))), 5)
    assert result.verdict is Verdict.NOT_MET
    assert (
        "Innovatie 'Groepsbehandeling online' telt niet: het design van het effectiviteitsonderzoek ontbreekt."
        in texts(result)
    )


def test_one_innovation_is_not_enough_for_criterion_5():
    assert check(passing(innovations=(innovation("A"),)), 5).verdict is Verdict.NOT_MET


def test_an_innovation_without_its_description_misses_evidence():
    result = check(passing(innovations=(innovation("A"), replace(innovation("B"), innovative_aspect=""))), 5)
    assert result.verdict is Verdict.NOT_MET
    assert "het innovatieve karakter voor patiënten bij innovatie 'B'" in [m.text for m in result.missing]


def test_the_number_of_innovations_is_read_from_the_criteria_set():
    three = with_norm(criteria_2019_2022(), 5, "innovations_with_design", min_innovations=3)
    assert check(passing(innovations=(innovation("A"), innovation("B"))), 5, three).verdict is Verdict.NOT_MET
