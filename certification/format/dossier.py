"""A department's certification dossier as plain data (no database).

These frozen dataclasses are what the checker reads. They come from a JSON
file (``certification.format.jsonio.dossier_from_json``) today and from the
database dossier later; either way the checker sees the same shape. Field
names follow the JSON format in ``schema/dossier.schema.json`` one to one.

Conventions: dates are ``datetime.date``; an absent end date means "still
running"; an absent start date means "since before any period we look at";
free texts are ``""`` when not filled in, lists are tuples (empty when not
filled in). Missing content is not an error here: the checker reports it
as missing evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .periods import Quarter, attached_on

# ---------------------------------------------------------------- department


@dataclass(frozen=True, kw_only=True)
class Location:
    name: str
    size: str = ""  # e.g. "12 bedden, 300 ambulante patiënten per jaar"
    care_functions: tuple[str, ...] = ()  # register CareFunction codes


@dataclass(frozen=True, kw_only=True)
class DepartmentInfo:
    name: str
    institution: str = ""
    register_slug: str = ""  # the register.Department this dossier belongs to
    specialised_since: date | None = None
    target_group: str = ""
    diagnoses: tuple[str, ...] = ()
    age_groups: tuple[str, ...] = ()  # register AgeGroup codes
    other_characteristics: str = ""
    locations: tuple[Location, ...] = ()
    specialist_offer: str = ""
    management: str = ""
    organigram: str = ""  # attachment id
    chain_position: str = ""


# --------------------------------------------------------------------- staff

PHD_OBTAINED = "obtained"
PHD_EQUIVALENT = "equivalent"
PHD_NONE = "none"


@dataclass(frozen=True, kw_only=True)
class FigureheadRole:
    field: str = ""  # the (sub)field the figurehead is an authority in


@dataclass(frozen=True, kw_only=True)
class SeniorResearcherRole:
    pass


@dataclass(frozen=True, kw_only=True)
class ProfessorRole:
    hours_per_week: float = 0
    contribution: str = ""
    chair: str = ""
    university: str = ""


@dataclass(frozen=True, kw_only=True)
class PhdCandidateRole:
    study: str = ""  # title of the study in ``Dossier.studies``


@dataclass(frozen=True, kw_only=True)
class StaffMember:
    name: str
    discipline: str = ""
    function: str = ""
    fte: float = 0
    hours_per_week: float = 0  # hours attached to the unit
    clinical_hours_per_week: float = 0  # of which direct clinical patient care
    research_hours_per_week: float = 0
    phd: str = PHD_NONE  # obtained | equivalent | none
    phd_equivalent_explanation: str = ""
    cv: str = ""  # attachment id
    start_date: date | None = None
    end_date: date | None = None
    figurehead: FigureheadRole | None = None
    senior_researcher: SeniorResearcherRole | None = None
    professor: ProfessorRole | None = None
    phd_candidate: PhdCandidateRole | None = None

    def attached_on(self, day: date) -> bool:
        return attached_on(self.start_date, self.end_date, day)

    @property
    def has_phd(self) -> bool:
        return self.phd == PHD_OBTAINED


# ------------------------------------------------------------------ patients


@dataclass(frozen=True, kw_only=True)
class YearCount:
    year: int
    count: int


@dataclass(frozen=True, kw_only=True)
class StartedQuarter:
    quarter: Quarter
    started: int
    high_specialist: int


@dataclass(frozen=True, kw_only=True)
class Patients:
    treated_per_year: tuple[YearCount, ...] = ()
    intake_criteria: str = ""
    decision_tool: str = ""
    outflow_criteria: str = ""
    treatments_started: tuple[StartedQuarter, ...] = ()


# -------------------------------------------- consultation and second opinion


@dataclass(frozen=True, kw_only=True)
class ServiceQuarter:
    quarter: Quarter
    count: int
    supra_regional_share: float  # 0..1, an estimate


@dataclass(frozen=True, kw_only=True)
class ConsultationService:
    description: str = ""
    requesters: str = ""
    professionals: str = ""
    example: str = ""
    example_benefit: str = ""
    quarters: tuple[ServiceQuarter, ...] = ()


# --------------------------------------------------------------- innovations


@dataclass(frozen=True, kw_only=True)
class Innovation:
    title: str
    target_group: str = ""
    description: str = ""
    innovative_aspect: str = ""
    difference_from_regular_care: str = ""
    effectiveness_design: str = ""
    study: str = ""  # title of a study in ``Dossier.studies`` (optional)


# ------------------------------------------------------- outcome measurement


@dataclass(frozen=True, kw_only=True)
class Instrument:
    name: str
    moments: str = ""


@dataclass(frozen=True, kw_only=True)
class OutcomeMeasurement:
    instruments: tuple[Instrument, ...] = ()
    individual_use: str = ""
    group_results: str = ""
    appreciation_method: str = ""
    appreciation_results: str = ""
    adjustment_example: str = ""


# --------------------------------------------------- research and knowledge


@dataclass(frozen=True, kw_only=True)
class Study:
    title: str
    subject: str = ""
    researchers: tuple[str, ...] = ()
    start_date: date
    end_date: date | None = None  # None: still running
    phase: str = ""
    is_phd_study: bool = False
    phd_candidate: str = ""
    promotors: tuple[str, ...] = ()
    candidate_involvement: str = ""


PUBLICATION_TYPES = {
    "article": "tijdschriftartikel",
    "review": "overzichtsartikel",
    "congress_abstract": "congresabstract",
    "book_chapter": "boekhoofdstuk",
    "book": "boek",
    "thesis": "proefschrift",
    "other": "ander type publicatie",
}


@dataclass(frozen=True, kw_only=True)
class Author:
    name: str
    unit_author: bool = False  # connected to the unit when the article was written (bold in the list)


@dataclass(frozen=True, kw_only=True)
class Publication:
    type: str  # a key of PUBLICATION_TYPES
    title: str
    date: date
    authors: tuple[Author, ...]
    journal: str = ""
    peer_reviewed: bool = False
    international: bool = False
    indexes: tuple[str, ...] = ()  # e.g. ("PubMed", "PsycINFO")
    link: str = ""


@dataclass(frozen=True, kw_only=True)
class Presentation:
    date: date
    congress: str
    scope: str  # national | international
    title: str
    presenter: str
    kind: str = ""  # lecture | presentation | poster


@dataclass(frozen=True, kw_only=True)
class Activity:
    """A knowledge-transfer or patient-participation activity."""

    title: str
    date: date
    end_date: date | None = None  # for recurring or running activities
    kind: str = ""
    description: str = ""
    result: str = ""


@dataclass(frozen=True, kw_only=True)
class UniversityAgreement:
    partner: str
    partner_kind: str = ""  # university | umc
    description: str = ""  # how both sides benefit
    document: str = ""  # attachment id of the signed agreement
    start_date: date | None = None
    end_date: date | None = None


@dataclass(frozen=True, kw_only=True)
class Occupancy:
    year: int
    occupied: int


@dataclass(frozen=True, kw_only=True)
class TrainingPlace:
    discipline: str  # e.g. psychiater, klinisch_psycholoog
    places: int = 1
    recognition: str = ""
    occupancy: tuple[Occupancy, ...] = ()
    end_date: date | None = None  # the place's last day (empty: it continues)


@dataclass(frozen=True, kw_only=True)
class Training:
    participation: str = ""
    places: tuple[TrainingPlace, ...] = ()


@dataclass(frozen=True, kw_only=True)
class BoardStatement:
    commitment: str = ""
    funding: str = ""
    signed_by: str = ""
    signed_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class SelfEvaluation:
    strengths: str = ""
    weaknesses: str = ""
    development_points: str = ""


@dataclass(frozen=True, kw_only=True)
class Attachment:
    id: str
    title: str
    kind: str = "other"  # cv | organigram | agreement | other
    file: str = ""  # file name or URL


@dataclass(frozen=True, kw_only=True)
class Dossier:
    visitation_date: date
    department: DepartmentInfo
    criteria_set: str = ""  # code of the criteria set, if the department names one
    staff: tuple[StaffMember, ...] = ()
    patients: Patients = field(default_factory=Patients)
    consultation: ConsultationService = field(default_factory=ConsultationService)
    second_opinion: ConsultationService = field(default_factory=ConsultationService)
    innovations: tuple[Innovation, ...] = ()
    outcome_measurement: OutcomeMeasurement = field(default_factory=OutcomeMeasurement)
    studies: tuple[Study, ...] = ()
    publications: tuple[Publication, ...] = ()
    presentations: tuple[Presentation, ...] = ()
    knowledge_transfer: tuple[Activity, ...] = ()
    patient_participation: tuple[Activity, ...] = ()
    university_agreements: tuple[UniversityAgreement, ...] = ()
    training: Training = field(default_factory=Training)
    board_statement: BoardStatement = field(default_factory=BoardStatement)
    self_evaluation: SelfEvaluation = field(default_factory=SelfEvaluation)
    attachments: tuple[Attachment, ...] = ()

    def staff_on(self, day: date) -> list[tuple[int, StaffMember]]:
        """The staff attached on ``day``, with their index in ``staff`` (for JSON paths)."""
        return [(i, member) for i, member in enumerate(self.staff) if member.attached_on(day)]
