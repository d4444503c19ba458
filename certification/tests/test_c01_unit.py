from dataclasses import replace

import pytest

from certification.format.dossier import Location
from certification.rules.report import Verdict

from .builders import WEEK, V, check, passing, texts


def test_a_unit_with_every_piece_of_evidence_meets_criterion_1():
    result = check(passing(), 1)
    assert result.verdict is Verdict.MET
    assert "1g zorginhoudelijke medewerkers" in texts(result)


def dep(**changes):
    return lambda d: replace(d, department=replace(d.department, **changes))


def pat(**changes):
    return lambda d: replace(d, patients=replace(d.patients, **changes))


@pytest.mark.parametrize(
    "change, missing",
    [
        (dep(target_group=""), "1a: beschrijving van de doelgroep"),
        (dep(age_groups=()), "1a: leeftijdsgroep(en) van de doelgroep"),
        (pat(treated_per_year=()), "1b: totaal aantal patiënten dat de eenheid jaarlijks behandelt"),
        (dep(locations=()), "1c: locaties van de eenheid met omvang en zorgfuncties"),
        (
            dep(locations=(Location(name="Kliniek Noord", size="10 bedden"),)),
            "1c: zorgfuncties van locatie 'Kliniek Noord'",
        ),
        (dep(specialist_offer=""), "1d: hoogspecialistisch zorgaanbod en het onderscheid met specialistische ggz"),
        (dep(organigram=""), "1e: organigram van instelling en eenheid (bijlage)"),
        (dep(chain_position=""), "1f: positie in de regionale en landelijke zorgketen"),
        (lambda d: replace(d, staff=()), "1g: overzicht van de zorginhoudelijke medewerkers op de visitatiedatum"),
        (
            lambda d: replace(d, staff=(replace(d.staff[0], function=""), *d.staff[1:])),
            "1g: functie van 'Prof. dr. Marieke van Dalen'",
        ),
    ],
)
def test_a_unit_missing_one_piece_of_evidence_fails_criterion_1_and_says_which(change, missing):
    result = check(change(passing()), 1)
    assert result.verdict is Verdict.NOT_MET
    assert missing in [str(m) for m in result.missing]


def test_the_staff_list_only_asks_details_of_people_attached_on_the_visitation_day():
    dossier = passing()
    gone = replace(dossier.staff[0], name="Oud-medewerker", function="", end_date=V - WEEK)
    assert check(replace(dossier, staff=(*dossier.staff, gone)), 1).verdict is Verdict.MET
