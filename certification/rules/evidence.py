"""Required evidence ("vereiste onderbouwing") as named, checkable pieces.

A criteria set lists evidence keys per criterion or sub-item; the checker
looks each key up here and reports what is missing, naming the records.
Each check takes the dossier and the visitation date and returns the list
of missing things in Dutch (empty: present). New keys need code; choosing
which keys a criterion requires is data.

"Present" means filled in: whether the content is good enough is for the
committee (see the review points of each criterion).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from certification.format.dossier import Dossier, StaffMember


@dataclass(frozen=True)
class EvidenceSpec:
    label: str
    check: Callable[[Dossier, date], list[str]]


def _blank(text: str) -> bool:
    return not (text or "").strip()


def _need(text: str, what: str) -> list[str]:
    return [what] if _blank(text) else []


def _self_evaluation(d: Dossier, v: date) -> list[str]:
    s = d.self_evaluation
    return (
        _need(s.strengths, "zelfevaluatie: sterke kanten")
        + _need(s.weaknesses, "zelfevaluatie: zwakke kanten")
        + _need(s.development_points, "zelfevaluatie: ontwikkelpunten voor de komende vier jaar")
    )


def _target_group(d: Dossier, v: date) -> list[str]:
    missing = _need(d.department.target_group, "beschrijving van de doelgroep")
    if not d.department.diagnoses:
        missing.append("diagnose(s) van de doelgroep")
    if not d.department.age_groups:
        missing.append("leeftijdsgroep(en) van de doelgroep")
    return missing


def _patients_per_year(d: Dossier, v: date) -> list[str]:
    return [] if d.patients.treated_per_year else ["totaal aantal patiënten dat de eenheid jaarlijks behandelt"]


def _locations(d: Dossier, v: date) -> list[str]:
    if not d.department.locations:
        return ["locaties van de eenheid met omvang en zorgfuncties"]
    missing = []
    for loc in d.department.locations:
        if _blank(loc.size):
            missing.append(f"omvang van locatie '{loc.name}'")
        if not loc.care_functions:
            missing.append(f"zorgfuncties van locatie '{loc.name}'")
    return missing


def _specialist_offer(d: Dossier, v: date) -> list[str]:
    return _need(
        d.department.specialist_offer, "hoogspecialistisch zorgaanbod en het onderscheid met specialistische ggz"
    )


def _management(d: Dossier, v: date) -> list[str]:
    return _need(d.department.management, "aansturing en positionering in de organisatie") + _need(
        d.department.organigram, "organigram van instelling en eenheid (bijlage)"
    )


def _chain_position(d: Dossier, v: date) -> list[str]:
    return _need(d.department.chain_position, "positie in de regionale en landelijke zorgketen")


def _staff_list(d: Dossier, v: date) -> list[str]:
    current = [m for _, m in d.staff_on(v)]
    if not current:
        return ["overzicht van de zorginhoudelijke medewerkers op de visitatiedatum"]
    missing = []
    for m in current:
        for attr, what in (("discipline", "discipline"), ("function", "functie")):
            if _blank(getattr(m, attr)):
                missing.append(f"{what} van '{m.name}'")
        if m.fte <= 0:
            missing.append(f"fte van '{m.name}'")
    return missing


def _intake_criteria(d: Dossier, v: date) -> list[str]:
    return _need(d.patients.intake_criteria, "criteria voor een hoogspecialistische zorgvraag")


def _treatments_started(d: Dossier, v: date) -> list[str]:
    return [] if d.patients.treatments_started else ["gestarte behandelingen per kwartaal"]


def _outflow_criteria(d: Dossier, v: date) -> list[str]:
    return _need(d.patients.outflow_criteria, "uitstroomcriteria")


def _service(attr: str, name: str):
    def check(d: Dossier, v: date) -> list[str]:
        s = getattr(d, attr)
        return (
            _need(s.description, f"beschrijving van de {name}")
            + _need(s.requesters, f"aanvragers van {name}")
            + _need(s.professionals, f"professionals die de {name} uitvoeren")
            + _need(s.example, f"voorbeeld van een typische {name}vraag")
            + _need(s.example_benefit, f"wat consultvrager en patiënt aan de voorbeeld-{name} hebben")
        )

    return check


def _role_members(d: Dossier, v: date, role: str) -> list[StaffMember]:
    return [m for _, m in d.staff_on(v) if getattr(m, role) is not None]


def _figurehead_details(d: Dossier, v: date) -> list[str]:
    missing = []
    for m in _role_members(d, v, "figurehead"):
        missing += _need(m.figurehead.field, f"(deel)terrein van boegbeeld '{m.name}'")
        missing += _need(m.cv, f"cv van boegbeeld '{m.name}'")
    return missing


def _innovation_details(d: Dossier, v: date) -> list[str]:
    missing = []
    for inn in d.innovations:
        for attr, what in (
            ("target_group", "doelgroep"),
            ("description", "waaruit de innovatie bestaat"),
            ("innovative_aspect", "het innovatieve karakter voor patiënten"),
            ("difference_from_regular_care", "het verschil met reguliere zorg"),
        ):
            missing += _need(getattr(inn, attr), f"{what} bij innovatie '{inn.title}'")
    return missing


def _outcome_instruments(d: Dossier, v: date) -> list[str]:
    om = d.outcome_measurement
    if not om.instruments:
        return ["meetinstrumenten en meetmomenten"]
    return [f"meetmomenten van '{i.name}'" for i in om.instruments if _blank(i.moments)]


def _outcome_field(attr: str, what: str):
    def check(d: Dossier, v: date) -> list[str]:
        return _need(getattr(d.outcome_measurement, attr), what)

    return check


def _patient_appreciation(d: Dossier, v: date) -> list[str]:
    om = d.outcome_measurement
    return _need(om.appreciation_method, "hoe de waardering door patiënten wordt gemeten") + _need(
        om.appreciation_results, "uitkomsten van de waardering door patiënten"
    )


def _senior_researcher_details(d: Dossier, v: date) -> list[str]:
    missing = []
    for m in _role_members(d, v, "senior_researcher"):
        missing += _need(m.cv, f"cv van senior onderzoeker '{m.name}'")
        if m.research_hours_per_week <= 0:
            missing.append(f"uren onderzoek per week van senior onderzoeker '{m.name}'")
    return missing


def _agreement_details(d: Dossier, v: date) -> list[str]:
    return [
        f"wederzijds profijt van de samenwerking met '{a.partner}'"
        for a in d.university_agreements
        if _blank(a.description)
    ]


def _studies(d: Dossier, v: date) -> list[str]:
    if not d.studies:
        return ["overzicht van de lopende onderzoeken over de afgelopen drie jaar"]
    missing = []
    for s in d.studies:
        missing += _need(s.subject, f"onderwerp van onderzoek '{s.title}'")
        missing += _need(s.phase, f"fase van onderzoek '{s.title}'")
        if not s.researchers:
            missing.append(f"uitvoerende onderzoekers van '{s.title}'")
    return missing


def _phd_study_details(d: Dossier, v: date) -> list[str]:
    missing = []
    for s in d.studies:
        if s.is_phd_study:
            missing += _need(s.phd_candidate, f"promovendus van promotieonderzoek '{s.title}'")
            if not s.promotors:
                missing.append(f"(co)promotoren van promotieonderzoek '{s.title}'")
            missing += _need(s.candidate_involvement, f"betrokkenheid van de promovendus bij de eenheid ('{s.title}')")
    return missing


def _training_participation(d: Dossier, v: date) -> list[str]:
    return _need(d.training.participation, "hoe de eenheid participeert in de art. 14 BIG-opleidingen")


def _board_commitment(d: Dossier, v: date) -> list[str]:
    b = d.board_statement
    missing = _need(b.commitment, "zorginhoudelijk commitment van de raad van bestuur")
    if _blank(b.signed_by) or b.signed_on is None:
        missing.append("ondertekening door de raad van bestuur (naam en datum)")
    return missing


def _board_funding(d: Dossier, v: date) -> list[str]:
    return _need(d.board_statement.funding, "financiering van de topklinische functies door de raad van bestuur")


EVIDENCE: dict[str, EvidenceSpec] = {
    "self_evaluation": EvidenceSpec("zelfevaluatie", _self_evaluation),
    "target_group": EvidenceSpec("doelgroep: diagnose(s) en leeftijdsgroepen", _target_group),
    "patients_per_year": EvidenceSpec("aantal patiënten per jaar", _patients_per_year),
    "locations": EvidenceSpec("locaties met omvang en zorgfuncties", _locations),
    "specialist_offer": EvidenceSpec("hoogspecialistisch zorgaanbod", _specialist_offer),
    "management": EvidenceSpec("aansturing, positionering en organigram", _management),
    "chain_position": EvidenceSpec("positie in de zorgketen", _chain_position),
    "staff_list": EvidenceSpec("zorginhoudelijke medewerkers (naam, discipline, functie, fte)", _staff_list),
    "intake_criteria": EvidenceSpec("criteria hoogspecialistische zorgvraag", _intake_criteria),
    "treatments_started": EvidenceSpec("gestarte behandelingen per kwartaal", _treatments_started),
    "outflow_criteria": EvidenceSpec("uitstroomcriteria", _outflow_criteria),
    "consultation": EvidenceSpec("consultatie & advies", _service("consultation", "consultatie & advies")),
    "second_opinion": EvidenceSpec("second opinions", _service("second_opinion", "second opinion")),
    "figurehead_details": EvidenceSpec("(deel)terrein en cv per boegbeeld", _figurehead_details),
    "innovation_details": EvidenceSpec("beschrijving per innovatie", _innovation_details),
    "outcome_instruments": EvidenceSpec("meetinstrumenten en meetmomenten", _outcome_instruments),
    "outcome_individual_use": EvidenceSpec(
        "gebruik bij de individuele behandeling",
        _outcome_field("individual_use", "hoe uitkomsten worden gebruikt bij de individuele behandeling"),
    ),
    "outcome_group_results": EvidenceSpec(
        "resultaten op groepsniveau",
        _outcome_field("group_results", "resultaten van het zorgaanbod op groepsniveau"),
    ),
    "patient_appreciation": EvidenceSpec("waardering door patiënten", _patient_appreciation),
    "outcome_adjustment_example": EvidenceSpec(
        "aanpassing van het zorgaanbod",
        _outcome_field("adjustment_example", "concreet voorbeeld van een aanpassing op basis van effectmetingen"),
    ),
    "senior_researcher_details": EvidenceSpec(
        "cv en onderzoeksuren per senior onderzoeker", _senior_researcher_details
    ),
    "agreement_details": EvidenceSpec("wederzijds profijt per samenwerkingsverband", _agreement_details),
    "studies": EvidenceSpec("overzicht lopende onderzoeken", _studies),
    "phd_study_details": EvidenceSpec("promovendus, (co)promotoren en betrokkenheid", _phd_study_details),
    "training_participation": EvidenceSpec("participatie in art. 14 BIG-opleidingen", _training_participation),
    "board_commitment": EvidenceSpec("commitment van de raad van bestuur", _board_commitment),
    "board_funding": EvidenceSpec("financiering van de topklinische functies", _board_funding),
}
