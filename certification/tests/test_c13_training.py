from dataclasses import replace

import pytest

from certification.format.dossier import Occupancy, Training, TrainingPlace
from certification.rules.report import Verdict

from .builders import check, criteria_2019_2022, passing, texts, with_norm

FULL = tuple(Occupancy(year=y, occupied=1) for y in (2019, 2020, 2021))


def with_places(*places, participation="erkend als praktijkinstelling"):
    return passing(training=Training(participation=participation, places=places))


@pytest.mark.parametrize(
    "discipline",
    [
        "psychiater",
        "medisch_specialist",
        "klinisch_psycholoog",
        "klinisch_neuropsycholoog",
        "verpleegkundig_specialist",
    ],
)
def test_one_training_place_for_an_art_14_big_profession_meets_criterion_13(discipline):
    assert check(with_places(TrainingPlace(discipline=discipline, places=1, occupancy=FULL)), 13).verdict is Verdict.MET


def test_a_training_place_for_a_profession_outside_art_14_does_not_count():
    result = check(with_places(TrainingPlace(discipline="gz_psycholoog", places=1, occupancy=FULL)), 13)
    assert result.verdict is Verdict.NOT_MET
    assert "Opleidingsplaats 'gz psycholoog' telt niet: geen art. 14 BIG-beroep uit de criteria" in texts(result)


def test_a_training_place_with_no_places_available_does_not_count():
    result = check(with_places(TrainingPlace(discipline="psychiater", places=0, occupancy=FULL)), 13)
    assert result.verdict is Verdict.NOT_MET
    assert "Opleidingsplaats 'psychiater' telt niet: er is geen plaats beschikbaar." in texts(result)


def test_a_training_place_without_the_occupancy_of_one_of_the_last_three_calendar_years_misses_evidence():
    result = check(with_places(TrainingPlace(discipline="psychiater", places=1, occupancy=FULL[1:])), 13)
    assert result.verdict is Verdict.NOT_MET
    assert [m.text for m in result.missing] == ["bezetting van de opleidingsplaats psychiater in 2019"]


def test_an_empty_year_is_allowed_as_occupancy():
    occupancy = (*FULL[:2], Occupancy(year=2021, occupied=0))
    assert (
        check(with_places(TrainingPlace(discipline="psychiater", places=1, occupancy=occupancy)), 13).verdict
        is Verdict.MET
    )


def test_a_unit_without_describing_its_participation_in_training_misses_evidence():
    result = check(with_places(TrainingPlace(discipline="psychiater", places=1, occupancy=FULL), participation=""), 13)
    assert result.verdict is Verdict.NOT_MET
    assert "13a: hoe de eenheid participeert in de art. 14 BIG-opleidingen" in [str(m) for m in result.missing]


def test_the_list_of_art_14_professions_is_read_from_the_criteria_set():
    narrow = with_norm(criteria_2019_2022(), 13, "training_places", disciplines=["psychiater"])
    dossier = with_places(TrainingPlace(discipline="klinisch_psycholoog", places=1, occupancy=FULL))
    assert (check(dossier, 13).verdict, check(dossier, 13, narrow).verdict) == (Verdict.MET, Verdict.NOT_MET)


def test_the_passing_example_lists_its_places_by_name():
    result = check(replace(passing()), 13)
    assert "Opleidingsplaats psychiater: 1 plaats(en); bezetting 2019: 1, 2020: 1, 2021: 1." in texts(result)
