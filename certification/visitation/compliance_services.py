"""Continuous compliance on the platform: the daily judgement of each certified department's current
dossier (``run_daily``), and the manager's report of a change with a recovery plan.

``run_daily`` is idempotent: run twice on one day it changes nothing the second time. It opens a case
for each criterion that fails today and has no running case, marks a running case recovered when its
criterion is met again, and sends a case whose recovery deadline has passed to the board.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import department_scope
from accounts.roles import Role, sees_all_departments
from audit.models import Action, Outcome
from audit.services import record
from certification.criteria.selectors import criteria_set_data
from certification.dossier.db import to_dataclass
from certification.dossier.models import Dossier
from certification.dossier.selectors import dossier_queryset
from register.models import Department

from . import compliance, rules
from .models import Certificate, ComplianceCase

OBJECT_TYPE = "certification.compliance_case"


@dataclass
class DailyReport:
    judged: int = 0
    opened: int = 0
    recovered: int = 0
    to_board: int = 0


def current_dossier(department_id: int) -> Dossier | None:
    """The department's latest submitted dossier, with everything ``to_dataclass`` reads."""
    return (
        dossier_queryset()
        .filter(department_id=department_id, status=Dossier.Status.SUBMITTED)
        .order_by("-visitation_date", "-pk")
        .first()
    )


def _audit(action, case, detail, actor=None, outcome=Outcome.SUCCESS):
    record(
        action=action,
        actor=actor,
        object_type=OBJECT_TYPE,
        object_id=str(case.pk) if case else "",
        on_behalf_of=str(case.department_id) if case else "",
        outcome=outcome,
        detail=detail,
    )


def run_daily(*, today: date | None = None) -> DailyReport:
    today = today or timezone.localdate()
    report = DailyReport()
    for certificate in Certificate.objects.prefetch_related("events"):
        if certificate.state_on(today) != rules.VALID:
            continue
        stored = current_dossier(certificate.department_id)
        if stored is None or stored.effective_criteria_set() is None:
            continue
        report.judged += 1
        failures = compliance.failures_on(
            to_dataclass(stored), criteria_set_data(stored.effective_criteria_set()), today,
            since_not_before=certificate.valid_from,
        )
        failing = {f.number: f for f in failures}
        with transaction.atomic():
            running = {
                case.criterion: case
                for case in ComplianceCase.objects.select_for_update().filter(
                    certificate=certificate, criterion__isnull=False,
                    state__in=[ComplianceCase.State.OPEN, ComplianceCase.State.REPORTED, ComplianceCase.State.TO_BOARD],
                )
            }
            for number, failure in failing.items():
                if number in running:
                    continue
                since = failure.since or today
                case = ComplianceCase.objects.create(
                    department_id=certificate.department_id, certificate=certificate, criterion=number,
                    description="; ".join(failure.reasons)[:2000], since=since,
                    notification_due=compliance.notification_due(since), recovery_due=compliance.recovery_due(since),
                )
                _audit(Action.CREATE, case, {"criterion": number, "since": since.isoformat()})
                report.opened += 1
            for number, case in running.items():
                if number not in failing and case.state != ComplianceCase.State.TO_BOARD:
                    case.state, case.closed_on = ComplianceCase.State.RECOVERED, today
                    case.save(update_fields=["state", "closed_on"])
                    _audit(Action.UPDATE, case, {"state": "recovered", "on": today.isoformat()})
                    report.recovered += 1
                elif number in failing and case.state != ComplianceCase.State.TO_BOARD and today > case.recovery_due:
                    case.state = ComplianceCase.State.TO_BOARD
                    case.save(update_fields=["state"])
                    _audit(Action.UPDATE, case, {"state": "to_board", "on": today.isoformat()})
                    report.to_board += 1
    return report


def _may_report(user, department_id) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if sees_all_departments(user.role, user.is_superuser):
        return True
    return user.role == Role.DEPARTMENT_MANAGER and department_scope(
        user, Department.objects.filter(pk=department_id)
    ).exists()


def report_change(
    *, user, department_id: int, recovery_plan: str, case_id: int | None = None, since: date | None = None,
    description: str = "", on: date | None = None,
) -> ComplianceCase:
    """The manager reports a change with a recovery plan: for a case the platform opened, or by hand
    for a change the dossier cannot see (then ``since`` and ``description`` are required)."""
    on = on or timezone.localdate()
    if not _may_report(user, department_id):
        record(action=Action.UPDATE, actor=user, object_type=OBJECT_TYPE, object_id=str(case_id or ""),
               on_behalf_of=str(department_id), outcome=Outcome.DENIED)
        raise PermissionDenied
    plan = (recovery_plan or "").strip()
    if not plan:
        raise ValidationError({"recovery_plan": _("Beschrijf hoe de afdeling herstelt.")})
    with transaction.atomic():
        if case_id is not None:
            case = ComplianceCase.objects.select_for_update().get(pk=case_id, department_id=department_id)
            if case.state not in (ComplianceCase.State.OPEN, ComplianceCase.State.REPORTED):
                raise ValidationError(_("Deze zaak loopt niet meer."))
        else:
            if since is None or not description.strip():
                raise ValidationError(_("Geef aan wat er veranderde en sinds wanneer."))
            certificate = Certificate.objects.filter(department_id=department_id, withdrawn_on__isnull=True).first()
            case = ComplianceCase(
                department_id=department_id, certificate=certificate, description=description.strip(), since=since,
                notification_due=compliance.notification_due(since), recovery_due=compliance.recovery_due(since),
            )
        case.state, case.recovery_plan, case.reported_on = ComplianceCase.State.REPORTED, plan, on
        case.save()
        _audit(Action.UPDATE, case, {"state": "reported", "on": on.isoformat(), "late": on > case.notification_due}, actor=user)
    return case


def decide_interim_visit(*, user, case_id: int, needed: bool) -> ComplianceCase:
    """The committee (a committee secretary, or the bureau) decides whether an interim re-visitation is needed."""
    case = ComplianceCase.objects.get(pk=case_id)
    allowed = user.is_authenticated and user.is_active and (
        sees_all_departments(user.role, user.is_superuser) or user.role == Role.COMMITTEE_SECRETARY
    )
    if not allowed:
        _audit(Action.UPDATE, case, {"step": "interim_visit"}, actor=user, outcome=Outcome.DENIED)
        raise PermissionDenied
    case.interim_visit_needed = needed
    case.save(update_fields=["interim_visit_needed"])
    _audit(Action.UPDATE, case, {"step": "interim_visit", "needed": needed}, actor=user)
    return case


BOARD_DECISIONS = ("suspend", "withdraw")


def board_decides(*, user, case_id: int, decision: str, on: date, reason: str) -> ComplianceCase:
    """The board decides on a case that was not recovered in six months: it suspends or withdraws the
    certificate (with the day and the reason, through the certificate's own steps) and the case closes.
    The bureau records the decision."""
    from . import services as certificate_services

    case = ComplianceCase.objects.get(pk=case_id)
    if not (user.is_authenticated and user.is_active and sees_all_departments(user.role, user.is_superuser)):
        _audit(Action.UPDATE, case, {"step": "board"}, actor=user, outcome=Outcome.DENIED)
        raise PermissionDenied
    if decision not in BOARD_DECISIONS:
        raise ValidationError({"decision": _("Kies schorsen of intrekken.")})
    with transaction.atomic():
        case = ComplianceCase.objects.select_for_update().get(pk=case_id)
        if case.state != ComplianceCase.State.TO_BOARD:
            raise ValidationError(_("Deze zaak ligt niet bij het bestuur."))
        if case.certificate_id is None:
            raise ValidationError(_("Bij deze zaak hoort geen keurmerk om te schorsen of in te trekken."))
        step = certificate_services.suspend_certificate if decision == "suspend" else certificate_services.withdraw_certificate
        step(user=user, certificate_id=case.certificate_id, on=on, reason=reason)
        case.state, case.closed_on = ComplianceCase.State.CLOSED, on
        case.save(update_fields=["state", "closed_on"])
        _audit(Action.UPDATE, case, {"step": "board", "decision": decision, "on": on.isoformat()}, actor=user)
    return case
