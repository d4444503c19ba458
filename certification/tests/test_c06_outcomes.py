from dataclasses import replace

import pytest

from certification.format.dossier import Instrument
from certification.rules.report import Verdict

from .builders import check, passing


def test_a_complete_outcome_measurement_meets_criterion_6():
    assert check(passing(), 6).verdict is Verdict.MET


@pytest.mark.parametrize(
    "changes, missing",
    [
        ({"instruments": ()}, "6a: meetinstrumenten en meetmomenten"),
        ({"instruments": (Instrument(name="Y-BOCS"),)}, "6a: meetmomenten van 'Y-BOCS'"),
        ({"individual_use": ""}, "6b: hoe uitkomsten worden gebruikt bij de individuele behandeling"),
        ({"group_results": ""}, "6c: resultaten van het zorgaanbod op groepsniveau"),
        ({"appreciation_method": ""}, "6d: hoe de waardering door patiënten wordt gemeten"),
        ({"appreciation_results": ""}, "6d: uitkomsten van de waardering door patiënten"),
        ({"adjustment_example": ""}, "6e: concreet voorbeeld van een aanpassing op basis van effectmetingen"),
    ],
)
def test_an_outcome_measurement_missing_a_part_fails_criterion_6_and_says_which(changes, missing):
    d = passing()
    result = check(replace(d, outcome_measurement=replace(d.outcome_measurement, **changes)), 6)
    assert result.verdict is Verdict.NOT_MET
    assert [str(m) for m in result.missing] == [missing]
