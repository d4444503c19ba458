"""How dossier records read on screen: a few columns per record kind, and every field on request.

Used by the editor and the committee's read-only view alike; no queries
(the records come prefetched from ``selectors.dossier_with_records``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from .forms import NOT_EDITED, PERCENT_FIELDS

SUMMARY: dict[str, tuple[str, ...]] = {
    "attachments": ("title", "kind", "file_name"),
    "locations": ("name", "size", "care_functions"),
    "staff": ("name", "discipline", "function", "hours_per_week", "clinical_hours_per_week"),
    "patient_years": ("year", "count"),
    "treatment_quarters": ("year", "quarter", "started", "high_specialist"),
    "consultation_services": ("kind", "description"),
    "consultation_quarters": ("kind", "year", "quarter", "count", "supra_regional_share"),
    "innovations": ("title", "effectiveness_design"),
    "outcome_instruments": ("name", "moments"),
    "studies": ("title", "start_date", "end_date", "is_phd_study"),
    "publications": ("title", "date", "journal", "type", "peer_reviewed"),
    "presentations": ("date", "title", "congress", "scope"),
    "knowledge_transfer": ("title", "date", "kind"),
    "patient_participation": ("title", "date", "kind"),
    "university_agreements": ("partner", "start_date", "end_date", "document"),
    "training_places": ("discipline", "places", "recognition", "end_date"),
    "training_occupancy": ("place", "year", "occupied"),
}

STAFF_ROLES = (
    ("is_figurehead", "boegbeeld"),
    ("is_senior_researcher", "senior onderzoeker"),
    ("is_professor", "hoogleraar"),
    ("is_phd_candidate", "promovendus"),
)


@dataclass(frozen=True)
class Cell:
    label: str
    text: str


@dataclass(frozen=True)
class RecordView:
    pk: int | None
    title: str
    summary: tuple[Cell, ...]
    details: tuple[Cell, ...]
    requests_url: str = ""  # a quarter filled from the consultation desk: the requests behind it
    registrations_url: str = ""  # a quarter filled from the intake registrations: the registrations behind it


def _number(value: float) -> str:
    value = round(value, 2)
    return number_format(int(value)) if float(value).is_integer() else number_format(value)


def percent_text(fraction: float) -> str:
    """A share stored as a fraction (0 to 1), as the percentage the editor reads: 0.25 -> "25%"."""
    return f"{_number(fraction * 100)}%"


def display(instance: models.Model, field: models.Field, linked: dict | None = None) -> str:
    """The value as text; a link to another record is looked up in ``linked`` (model -> id -> record) to avoid a query."""
    if isinstance(field, models.ForeignKey):
        target_id = getattr(instance, field.attname)
        if target_id is None:
            return "–"
        target = (linked or {}).get(field.related_model, {}).get(target_id)
        return str(target if target is not None else getattr(instance, field.name))
    value = getattr(instance, field.name)
    if value is None or value == "" or value == []:
        return "–"
    if field.choices:
        return str(getattr(instance, f"get_{field.name}_display")())
    if isinstance(field, models.BooleanField):
        return _("ja") if value else _("nee")
    if isinstance(field, models.DateField):
        return date_format(value, "j F Y")
    if field.name in PERCENT_FIELDS:  # a fraction, shown as the percentage the form asks for
        return percent_text(value)
    if isinstance(field, models.FloatField):
        return _number(value)
    if field.name == "authors":
        return "; ".join(("*" if a.get("unit_author") else "") + a.get("name", "") for a in value)
    if isinstance(field, models.JSONField):
        return ", ".join(str(v) for v in value)
    return str(value)


def _fields(model) -> list[models.Field]:
    return [f for f in model._meta.fields if f.editable and f.name not in NOT_EDITED]


def _source(instance) -> Cell:
    """Where a quarter figure comes from: the consultation desk, or typed by hand."""
    return Cell(_("bron"), _("uit de consultatiebalie") if instance.from_desk else _("zelf ingevuld"))


def _intake_source(instance) -> Cell:
    """Where a treatments-started figure comes from: the intake registrations, or typed by hand."""
    return Cell(_("bron"), _("uit de intakeregistratie") if instance.from_intake else _("zelf ingevuld"))


def record_view(
    kind: str, instance: models.Model, linked: dict | None = None, requests_url: str = "", registrations_url: str = ""
) -> RecordView:
    fields = {f.name: f for f in _fields(type(instance))}
    summary = [
        Cell(str(fields[n].verbose_name), display(instance, fields[n], linked)) for n in SUMMARY.get(kind, ()) if n in fields
    ]
    if kind == "staff":
        roles = [label for attr, label in STAFF_ROLES if getattr(instance, attr)]
        summary.append(Cell(_("rollen"), ", ".join(_(r) for r in roles) or "–"))
    details = [Cell(str(f.verbose_name), display(instance, f, linked)) for f in fields.values()]
    if kind == "consultation_quarters":
        summary.append(_source(instance))
        details.append(_source(instance))
    if kind == "treatment_quarters":
        summary.append(_intake_source(instance))
        details.append(_intake_source(instance))
    return RecordView(
        pk=instance.pk,
        title=str(instance),
        summary=tuple(summary),
        details=tuple(details),
        requests_url=requests_url,
        registrations_url=registrations_url,
    )


def summary_labels(kind: str, model) -> list[str]:
    fields = {f.name: f for f in _fields(model)}
    labels = [str(fields[n].verbose_name) for n in SUMMARY.get(kind, ()) if n in fields]
    if kind == "staff":
        labels.append(_("rollen"))
    if kind in ("consultation_quarters", "treatment_quarters"):
        labels.append(_("bron"))
    return labels


def dossier_field_cells(dossier, names, linked: dict | None = None) -> tuple[Cell, ...]:
    fields = {f.name: f for f in type(dossier)._meta.fields}
    return tuple(Cell(str(fields[n].verbose_name), display(dossier, fields[n], linked)) for n in names)


# JSON path of a list in the dossier format -> the record kind that stores it (see report.Reason.path).
PATH_KINDS = {
    "staff": "staff",
    "innovations": "innovations",
    "studies": "studies",
    "publications": "publications",
    "presentations": "presentations",
    "knowledge_transfer": "knowledge_transfer",
    "patient_participation": "patient_participation",
    "university_agreements": "university_agreements",
    "patients.treatments_started": "treatment_quarters",
    "patients.treated_per_year": "patient_years",
    "department.locations": "locations",
    "training.places": "training_places",
}


def record_anchors(records_of) -> dict[str, str]:
    """JSON path of each record ("$.staff[2]") -> the id of its table row ("staff-17").

    ``records_of(kind)`` gives a kind's records in dossier order, the order
    the checker numbers them in. Consultation quarters are numbered per
    service, as in the JSON format.
    """
    anchors = {}
    for prefix, kind in PATH_KINDS.items():
        for i, record in enumerate(records_of(kind)):
            anchors[f"$.{prefix}[{i}]"] = f"{kind}-{record.pk}"
    for service in ("consultation", "second_opinion"):
        quarters = [q for q in records_of("consultation_quarters") if q.kind == service]
        for i, record in enumerate(quarters):
            anchors[f"$.{service}.quarters[{i}]"] = f"consultation_quarters-{record.pk}"
    return anchors
