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
from django.utils import timezone, translation

from audit.services import record
from dateutil.relativedelta import relativedelta
from django.utils.formats import date_format

from register.models import Department, Offer
from register.services import set_offer_pause
from register.waiting import CURRENT_MONTHS, TREND_MONTHS

from . import permissions
from .models import CapacityReport
from .rules.capacity import Report, RowError, read_csv, read_json


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


def sync_offer_pause(department_id: int, offer_kind: str) -> bool:
    """The newest report of an offer decides its registration pause in the register (through
    register.services, so the finder, the department page and the desk see it): "paused" pauses an
    open offer, "not paused" opens a paused one. A correction of an older month changes nothing.
    The register asks a pause for a reason and an expected end: the reason names the report, the
    end is when its figures stop being current (two months after the measurement date) unless a
    next report says otherwise. A pause that is already on keeps its own reason and end."""
    latest = (CapacityReport.objects.filter(department_id=department_id, offer_kind=offer_kind)
              .order_by("-month").values("month", "measured_on", "paused").first())
    if latest is None:
        return False
    with translation.override("nl"):  # the register holds this text in Dutch, like everything a department writes
        month = date_format(latest["month"], "F Y")
    return set_offer_pause(
        department_id, offer_kind, paused=latest["paused"],
        reason=f"Aanmeldpauze gemeld in de capaciteitsrapportage over {month}.",
        expected_end=latest["measured_on"] + relativedelta(months=CURRENT_MONTHS),
    )


def store_reports(department_id: int, reports: list[Report], user=None) -> list[CapacityReport]:
    """Checked reports saved (all or nothing) and copied onto the register: the one write of the
    form, the CSV upload and the API (api.tokens). The caller has checked who may write."""
    with transaction.atomic():
        saved = [_save(department_id, report, user) for report in reports]
        sync_department(department_id)
        for kind in sorted({report.offer_kind for report in reports}):
            sync_offer_pause(department_id, kind)
    return saved


def submit_report(*, user, department_id: int, report: Report) -> CapacityReport:
    """One month's figures from the form; a second report for the same month and offer replaces the first."""
    _require(user, department_id, "create")
    with transaction.atomic():
        (saved,) = store_reports(department_id, [report], user)
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
        store_reports(department_id, reports, user)
        _audit(user, "import", on_behalf_of=on_behalf_of, detail={"rows": len(reports)})
    return UploadOutcome(saved=len(reports))


def check_json_reports(department_id: int, data, *, today: date | None = None) -> tuple[list[Report], list[RowError]]:
    """Reports sent as JSON (the API) checked by the form's and the CSV's rules against the
    department's offers; nothing is saved here (``store_reports`` saves)."""
    return read_json(data, offer_kinds=offer_kinds(department_id), today=today or timezone.localdate())
