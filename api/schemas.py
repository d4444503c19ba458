"""The shapes of the REST API's answers (pydantic, through django-ninja): the OpenAPI document's
components. Field names are English; codes are the register's vocabulary codes."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema
from pydantic import Field


class Problem(Schema):
    """RFC 9457 problem details (sent as application/problem+json)."""

    type: str
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    invalid_params: list[InvalidParam] | None = None


class InvalidParam(Schema):
    name: str
    reason: str


Problem.model_rebuild()


class Term(Schema):
    """A term of a controlled vocabulary."""

    code: str
    label_nl: str
    label_en: str


class TargetGroupTerm(Term):
    description: str
    synonyms: list[str]
    abbreviations: list[str]


class AgeGroupTerm(Term):
    min_age: int
    max_age: int | None = Field(description="Inclusive; null: no upper limit.")


class Vocabulary(Schema):
    """Every code the filters and the records use."""

    target_groups: list[TargetGroupTerm]
    age_groups: list[AgeGroupTerm]
    care_functions: list[Term]
    offer_kinds: list[Term]
    requesters: list[Term]
    exclusion_criteria: list[Term]
    provinces: list[Term]


class Certification(Schema):
    """The quality mark as the register records it (status and validity), derived from the
    certificates by certification (departments certified before the platform issued certificates
    have no certificate record). The certificate itself: ``certificate`` of a department, and
    /keurmerken."""

    status: str = Field(description="certified, in_procedure or expired (the register's status).")
    valid_from: date | None
    valid_until: date | None
    in_force: bool = Field(description="Certified and today within the validity period.")


class CertificateEvent(Schema):
    kind: str = Field(description="issued, suspended, reinstated or withdrawn.")
    on: date
    reason: str


class Certificate(Schema):
    """A certificate (keurmerk) as its public verification page shows it, with its state today."""

    number: str = Field(examples=["TOPGGZ-2026-0007"])
    department: str = Field(description="The department's slug.")
    department_name: str
    status: str = Field(description="Today: valid, suspended, withdrawn, expired or not_yet (begins later).")
    status_on: date = Field(description="The day `status` is about (today).")
    in_force: bool = Field(description="status is valid.")
    decided_on: date = Field(description="The board's decision.")
    valid_from: date
    valid_until: date = Field(description="Inclusive.")
    suspended_on: date | None
    suspension_reason: str
    withdrawn_on: date | None
    withdrawal_reason: str
    events: list[CertificateEvent] = Field(description="Its history, oldest first.")
    verification_url: str = Field(description="The public verification page (/keurmerk/<number>/).")


class CertificatePage(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    next: str | None
    previous: str | None
    results: list[Certificate]


class InstitutionRef(Schema):
    id: int
    name: str


class Institution(Schema):
    id: int
    name: str
    city: str
    website: str
    agb_code: str = Field(description="AGB code (8 digits) or empty.")
    kvk_number: str = Field(description="Chamber of Commerce (KvK) number (8 digits) or empty.")
    departments: list[str] = Field(description="Slugs of its departments.")
    updated_at: datetime


class Offer(Schema):
    kind: str
    requesters: list[str]
    how_to_request: str
    status: str = Field(description="open or paused (a registration pause).")
    pause_reason: str
    pause_expected_end: date | None


class OfferSummary(Schema):
    kind: str
    paused: bool


class Location(Schema):
    id: int
    department: str = Field(description="The department's slug.")
    name: str
    street_address: str
    postcode: str
    city: str
    municipality: str = Field(description="CBS municipality code (GMxxxx).")
    latitude: float
    longitude: float
    care_functions: list[str]


class LocationSummary(Schema):
    id: int
    name: str
    city: str


class Exclusion(Schema):
    criterion: str
    note: str


class WaitingTimes(Schema):
    """The latest waiting times of the department's treatment offer (from its monthly capacity report)."""

    intake_weeks: float | None = Field(description="Weeks from registration to intake.")
    treatment_weeks: float | None = Field(description="Weeks from intake to the start of treatment.")
    measured_on: date | None


class DepartmentSummary(Schema):
    id: int
    slug: str
    name: str
    url: str = Field(description="The department's page on the website.")
    reach: str
    institutions: list[str]
    target_groups: list[str]
    age_groups: list[str]
    offers: list[OfferSummary]
    locations: list[LocationSummary]
    certification: Certification
    last_confirmed_on: date
    fresh: bool = Field(description="Confirmed within REGISTER_FRESHNESS_MONTHS.")
    waiting_times: WaitingTimes | None = Field(description="Null when the department has reported none.")


class Hit(DepartmentSummary):
    score: float
    distance_km: float | None = Field(description="To the nearest location, when a place was given.")
    nearest_location: int | None


class Origin(Schema):
    label: str
    latitude: float
    longitude: float


class Reading(Schema):
    """What the free text was read as (the finder's "We zochten naar")."""

    target_groups: list[str]
    age_groups: list[str]
    corrections: dict[str, str]
    unknown_words: list[str]


class SearchPage(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    next: str | None
    previous: str | None
    origin: Origin | None
    reading: Reading
    results: list[Hit]


class Department(DepartmentSummary):
    description: str
    specialised_since: date | None
    phone: str
    email: str
    website: str
    institution_refs: list[InstitutionRef]
    offers_detail: list[Offer]
    locations_detail: list[Location]
    exclusions: list[Exclusion]
    certificate: Certificate | None = Field(
        description="The certificate that tells the state today: the one in force, else the latest that has begun, "
        "else the next to begin; null when the register holds none."
    )
    updated_at: datetime


class InstitutionPage(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    next: str | None
    previous: str | None
    results: list[Institution]


class LocationPage(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    next: str | None
    previous: str | None
    results: list[Location]


class InboxSection(Schema):
    key: str
    count: int


class InboxRow(Schema):
    """A request as the inbox page lists it (no question, answer, messages or patient data)."""

    reference: str
    kind: str
    urgency: str
    status: str
    age_group: str
    target_groups: list[str]
    received_on: date
    triage_due_on: date | None
    answer_due_on: date | None
    answered_on: date | None
    overdue: bool
    escalation_level: int
    waiting_days: int
    waiting_over_norm: bool


class InboxPage(Schema):
    department: str
    section: str
    sections: list[InboxSection]
    count: int
    page: int
    pages: int
    results: list[InboxRow]


class CapacityReportIn(Schema):
    """One month's capacity and waiting times of one offer: the fields of the report form
    (/inzicht/rapporteren/), checked by the same rules as the form and the CSV upload. Numbers may
    also be sent as text ("4,5"); a second report for the same month and offer replaces the first."""

    model_config = {"extra": "forbid"}

    month: str = Field(pattern=r"^[0-9]{4}-[0-9]{1,2}$", description="JJJJ-MM, not in the future.", examples=["2026-11"])
    offer_kind: str | None = Field(None, description="The offer's kind (vocabulary offer_kinds); default treatment. The department must have this offer.")
    measured_on: date = Field(description="Measurement date: not before the month, not in the future.")
    intake_weeks: float = Field(ge=0, le=99.9, description="Weeks from registration to intake, at most one decimal.")
    treatment_weeks: float = Field(ge=0, le=99.9, description="Weeks from intake to treatment, at most one decimal.")
    waiting_count: int = Field(ge=0, le=999999, description="People waiting.")
    beds_free: int | None = Field(None, ge=0, le=999999, description="Clinical care only; together with beds_total.")
    beds_total: int | None = Field(None, ge=0, le=999999, description="Clinical care only; together with beds_free.")
    paused: bool = Field(False, description="A registration pause now: pauses the offer in the register (the newest month decides).")


class CapacityReport(Schema):
    month: str = Field(description="JJJJ-MM.")
    offer_kind: str
    measured_on: date
    intake_weeks: float
    treatment_weeks: float
    waiting_count: int
    beds_free: int | None
    beds_total: int | None
    paused: bool


class CapacityReceipt(Schema):
    """What was stored (all reports of the request, or none)."""

    department: str
    saved: int
    reports: list[CapacityReport]
