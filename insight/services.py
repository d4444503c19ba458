"""Writes of insight: monthly capacity reports (form and CSV), each checked, audited and copied onto
the department (register.Department.waiting_*) so the register shows the latest figures.

The copy goes through Department.objects.filter().update(), which gives the finder's index a new
stamp (register.services.RegisterManager): the result cards reload with the new figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from audit.services import record
from register.models import Department, Offer
from register.waiting import TREND_MONTHS

from . import permissions
from .models import CapacityReport
from .rules.capacity import Report, RowError, read_csv


def _audit(user, action, object_id="", *, outcome="success", on_behalf_of="", detail=None):
    record(action=action, actor=user, object_type=permissions.REPORT, object_id=str(object_id),
           on_behalf_of=on_behalf_of, outcome=outcome, detail=detail)


def _require(user, department_id: int, action: str) -> None:
    if not permissions.may_report_for(user, department_id):
        _audit(user, action, outcome="denied", on_behalf_of=f"register.department:{department_id}")
        raise PermissionDenied


def offer_kinds(department_id: int) -> set[str]:
    return set(Offer.objects.filter(department_id=department_id).values_list("kind", flat=True))


def _save(department_id: int, report: Report, user) -> CapacityReport:
    saved, _created = CapacityReport.objects.update_or_create(
        department_id=department_id, offer_kind=report.offer_kind, month=report.month,
        defaults={
            "measured_on": report.measured_on, "intake_weeks": report.intake_weeks,
            "treatment_weeks": report.treatment_weeks, "waiting_count": report.waiting_count,
            "beds_free": report.beds_free, "beds_total": report.beds_total, "paused": report.paused,
            "reported_by": user,
        },
    )
    return saved


def sync_department(department_id: int) -> None:
    """Copy the latest treatment-offer report and the trend of the last months onto the department."""
    rows = list(
        CapacityReport.objects.filter(department_id=department_id, offer_kind=Offer.Kind.TREATMENT)
        .order_by("-month")
        .values_list("month", "measured_on", "intake_weeks", "treatment_weeks")[:TREND_MONTHS]
    )
    latest = rows[0] if rows else None
    Department.objects.filter(pk=department_id).update(
        waiting_intake_weeks=latest[2] if latest else None,
        waiting_treatment_weeks=latest[3] if latest else None,
        waiting_measured_on=latest[1] if latest else None,
        waiting_trend=[[f"{month:%Y-%m}", str(intake), str(treatment)] for month, _m, intake, treatment in reversed(rows)],
    )


def submit_report(*, user, department_id: int, report: Report) -> CapacityReport:
    """One month's figures from the form; a second report for the same month and offer replaces the first."""
    _require(user, department_id, "create")
    with transaction.atomic():
        saved = _save(department_id, report, user)
        sync_department(department_id)
        _audit(user, "create", saved.pk, on_behalf_of=f"register.department:{department_id}",
               detail={"month": f"{report.month:%Y-%m}", "offer": report.offer_kind})
    return saved


@dataclass
class UploadOutcome:
    errors: list[RowError] = field(default_factory=list)
    saved: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def upload_reports(*, user, department_id: int, content: bytes, today: date | None = None) -> UploadOutcome:
    """Reports from CSV: every row checked first; any error saves nothing."""
    _require(user, department_id, "import")
    reports, errors = read_csv(content, offer_kinds=offer_kinds(department_id), today=today or timezone.localdate())
    on_behalf_of = f"register.department:{department_id}"
    if errors:
        _audit(user, "import", outcome="failure", on_behalf_of=on_behalf_of, detail={"errors": len(errors)})
        return UploadOutcome(errors=errors)
    with transaction.atomic():
        for report in reports:
            _save(department_id, report, user)
        sync_department(department_id)
        _audit(user, "import", on_behalf_of=on_behalf_of, detail={"rows": len(reports)})
    return UploadOutcome(saved=len(reports))
