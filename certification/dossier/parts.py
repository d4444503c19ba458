"""Which parts of the dossier serve which criterion. Pure data; no database.

A criteria set is data, so the editor cannot hard-code "criterion 4 shows the
staff". Instead every evidence key (``certification.rules.evidence``) and every
norm kind (``certification.rules``) names the dossier parts it reads, and a
criterion's page shows the parts of its own evidence keys and norms, in the
order they first appear. A new set that reuses the keys gets the right pages
without code changes; a key this module does not know adds no part.

A part is either a group of the dossier's own fields (``fields``) or one
record kind of ``certification.dossier.services.RECORD_KINDS`` (``kind``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from certification.rules.criteria import CriterionData


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    fields: tuple[str, ...] = ()  # Dossier model fields edited together
    kind: str = ""  # a record kind (services.RECORD_KINDS)
    help: str = ""

    @property
    def is_fields(self) -> bool:
        return bool(self.fields)


def _fields(key, title, *fields, help=""):
    return Part(key=key, title=title, fields=tuple(fields), help=help)


def _records(key, title, help=""):
    return Part(key=key, title=title, kind=key, help=help)


PARTS: dict[str, Part] = {
    p.key: p
    for p in (
        _fields("cover", _("Voorblad"), "department_name", "institution", "visitation_date", "criteria_set"),
        _fields("specialised_since", _("Gespecialiseerd sinds"), "specialised_since"),
        _fields("target_group", _("Doelgroep"), "target_group", "diagnoses", "age_groups", "other_characteristics"),
        _records("patient_years", _("Behandelde patiënten per jaar")),
        _records("locations", _("Locaties")),
        _fields("specialist_offer", _("Hoogspecialistisch zorgaanbod"), "specialist_offer"),
        _fields("management", _("Aansturing en positionering"), "management", "organigram"),
        _fields("chain_position", _("Positie in de zorgketen"), "chain_position"),
        _records("staff", _("Medewerkers"), help=_("Ook boegbeelden, senior onderzoekers, hoogleraren en promovendi.")),
        _fields("intake", _("Criteria hoogspecialistische zorgvraag"), "intake_criteria", "decision_tool"),
        _records("treatment_quarters", _("Gestarte behandelingen per kwartaal")),
        _fields("outflow", _("Uitstroomcriteria"), "outflow_criteria"),
        _records("consultation_services", _("Consultatie & advies en second opinion: beschrijving")),
        _records("consultation_quarters", _("Consultatie & advies en second opinion per kwartaal")),
        _records("innovations", _("Innovaties")),
        _records("outcome_instruments", _("Meetinstrumenten")),
        _records("outcome_measurement", _("Effectmeting")),
        _records("university_agreements", _("Samenwerkingsovereenkomsten met universiteit of UMC")),
        _records("studies", _("Onderzoeken")),
        _records("publications", _("Publicaties")),
        _records("presentations", _("Voordrachten")),
        _records("knowledge_transfer", _("Andere activiteiten voor kennisoverdracht")),
        _records("patient_participation", _("Activiteiten voor patiëntenparticipatie")),
        _fields("training_participation", _("Participatie in opleidingen"), "training_participation"),
        _records("training_places", _("Opleidingsplaatsen")),
        _records("training_occupancy", _("Bezetting van de opleidingsplaatsen")),
        _records("board_statement", _("Verklaring van de raad van bestuur")),
        _records("self_evaluation", _("Zelfevaluatie")),
        _records("attachments", _("Bijlagen")),
    )
}

EVIDENCE_PARTS: dict[str, tuple[str, ...]] = {
    "self_evaluation": ("self_evaluation",),
    "target_group": ("target_group",),
    "patients_per_year": ("patient_years",),
    "locations": ("locations",),
    "specialist_offer": ("specialist_offer",),
    "management": ("management", "attachments"),
    "chain_position": ("chain_position",),
    "staff_list": ("staff",),
    "intake_criteria": ("intake",),
    "treatments_started": ("treatment_quarters",),
    "outflow_criteria": ("outflow",),
    "consultation": ("consultation_services", "consultation_quarters"),
    "second_opinion": ("consultation_services", "consultation_quarters"),
    "figurehead_details": ("staff", "attachments"),
    "innovation_details": ("innovations",),
    "outcome_instruments": ("outcome_instruments",),
    "outcome_individual_use": ("outcome_measurement",),
    "outcome_group_results": ("outcome_measurement",),
    "patient_appreciation": ("outcome_measurement",),
    "outcome_adjustment_example": ("outcome_measurement",),
    "senior_researcher_details": ("staff", "attachments"),
    "agreement_details": ("university_agreements",),
    "studies": ("studies",),
    "phd_study_details": ("studies",),
    "training_participation": ("training_participation",),
    "board_commitment": ("board_statement",),
    "board_funding": ("board_statement",),
}

NORM_PARTS: dict[str, tuple[str, ...]] = {
    "specialised_since": ("specialised_since",),
    "high_specialist_share": ("treatment_quarters",),
    "service_quarters": ("consultation_quarters", "consultation_services"),
    "figurehead_hours": ("staff",),
    "innovations_with_design": ("innovations", "studies"),
    "senior_researchers": ("staff",),
    "professors": ("staff",),
    "university_agreements": ("university_agreements", "attachments"),
    "research_tradition": ("studies",),
    "running_studies": ("studies",),
    "publications": ("publications",),
    "presentations_per_year": ("presentations",),
    "training_places": ("training_places", "training_occupancy"),
    # "activities_in_period" names its collection in its parameters.
}


def _norm_parts(norm) -> tuple[str, ...]:
    data = norm.to_dict() if hasattr(norm, "to_dict") else norm
    kind = data.get("kind", "")
    if kind == "activities_in_period":
        collection = (data.get("params") or {}).get("collection", "")
        return (collection,) if collection in PARTS else ()
    return NORM_PARTS.get(kind, ())


def _unique(keys: Iterable[str]) -> tuple[Part, ...]:
    seen: dict[str, Part] = {}
    for key in keys:
        if key in PARTS and key not in seen:
            seen[key] = PARTS[key]
    # Attachments are edited on their own page; a criterion links there instead.
    return tuple(p for k, p in seen.items() if k != "attachments")


def parts_for(criterion: CriterionData) -> tuple[Part, ...]:
    """The dossier parts a criterion reads: its evidence keys (criterion, then sub-items) and its norms."""
    keys: list[str] = []
    for evidence_key, _item in criterion.all_required_evidence():
        keys.extend(EVIDENCE_PARTS.get(evidence_key, ()))
    for norm in criterion.norms:
        keys.extend(_norm_parts(norm))
    if criterion.number == 0:
        keys = ["specialised_since", *keys]
    return _unique(keys)


def uses_attachments(criterion: CriterionData) -> bool:
    """Whether the criterion's evidence includes a file (organigram, CV, signed agreement)."""
    keys = [k for key, _i in criterion.all_required_evidence() for k in EVIDENCE_PARTS.get(key, ())]
    keys += [k for norm in criterion.norms for k in _norm_parts(norm)]
    return "attachments" in keys
