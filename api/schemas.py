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
    """The quality mark as the register records it (status and validity). Certificates with their
    own records will be listed here in ``certificates`` when the register holds them."""

    status: str = Field(description="certified, in_procedure or expired (the register's status).")
    valid_from: date | None
    valid_until: date | None
    in_force: bool = Field(description="Certified and today within the validity period.")


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
