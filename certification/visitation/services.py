"""Writes for certificates; each is audited and ends with ``sync_register``.

``sync_register(department)`` is the only code that writes a department's certification status and
dates in the register: it derives them from the certificates (``rules.register_state``) and goes
through the register's own invalidation path (``register.services.register_changed``), so the
finder's index stamp moves when the status does.
"""

from __future__ import annotations

import functools
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import sees_all_departments
from audit.models import Action, Outcome
from audit.services import record
from register.models import Department
from register.services import register_changed

from . import rules
from .models import Certificate, CertificateEvent

OBJECT_TYPE = "certification.certificate"


def _is_bureau(user) -> bool:
    return bool(
        user is not None and user.is_authenticated and user.is_active and sees_all_departments(user.role, user.is_superuser)
    )


def _refuse(user, action, certificate_id="", department_id="") -> None:
    record(
        action=action,
        actor=user,
        object_type=OBJECT_TYPE,
        object_id=str(certificate_id),
        on_behalf_of=str(department_id),
        outcome=Outcome.DENIED,
    )
    raise PermissionDenied


def _audit(user, action, certificate: Certificate, **detail) -> None:
    record(
        action=action,
        actor=user,
        object_type=OBJECT_TYPE,
        object_id=str(certificate.pk),
        on_behalf_of=str(certificate.department_id),
        detail={"number": certificate.number, **detail},
    )


def _today() -> date:
    return timezone.localdate()


def sync_register(department_id: int, *, today: date | None = None) -> rules.RegisterState:
    """Write the register's status and dates of one department as its certificates say (idempotent)."""
    today = today or _today()
    department = Department.objects.get(pk=department_id)
    certificates = Certificate.objects.filter(department_id=department_id).prefetch_related("events")
    current = rules.RegisterState(department.status, department.certified_from, department.certified_until)
    state = rules.register_state([c.facts() for c in certificates], today, current)
    if state != current:
        # A plain UPDATE (no save signals, no history row typed by a person); then the register's
        # own invalidation path, as every bulk write in register does.
        Department.objects.filter(pk=department_id).update(
            status=state.status, certified_from=state.certified_from, certified_until=state.certified_until
        )
        register_changed([department_id])
    return state


def _next_number(year: int) -> str:
    prefix = f"TOPGGZ-{year}-"
    taken = Certificate.objects.filter(number__startswith=prefix).aggregate(last=Max("number"))["last"]
    sequence = int(taken.removeprefix(prefix)) + 1 if taken else 1
    return rules.certificate_number(year, sequence)


def issue_certificate(*, user, department_id: int, decided_on: date, dossier=None) -> Certificate:
    """The board decided to grant the quality mark: a certificate valid four years from ``decided_on``."""
    if not _is_bureau(user):
        _refuse(user, Action.CREATE, department_id=department_id)  # outside the transaction: the refusal stays logged
    with transaction.atomic():
        return _issue(user, department_id, decided_on, dossier)


ADOPTED_REASON = "Overgenomen uit het register: verleend vóór het platform certificaten uitgaf."


def adopt_register_certificates() -> list[Certificate]:
    """Record, for every department the register holds as certified (with its start date) but that
    has no certificate yet, the certificate it was granted before the platform issued them: decided
    on the register's start date, valid four years from then. After this the register's status and
    dates follow certificates for every department. Run once, by the operator (no user: the audit
    entry is the system's); a department that already has a certificate is left alone."""
    adopted = []
    legacy = (
        Department.objects.filter(status=Department.Status.CERTIFIED, certified_from__isnull=False, certificates__isnull=True)
        .order_by("certified_from", "pk")
        .values_list("pk", "certified_from")
    )
    for department_id, decided_on in legacy:
        with transaction.atomic():
            adopted.append(_issue(None, department_id, decided_on, None, reason=ADOPTED_REASON))
    return adopted


def _issue(user, department_id, decided_on, dossier, *, reason: str = "") -> Certificate:
    certificate = Certificate.objects.create(
        number=_next_number(decided_on.year),
        department_id=department_id,
        dossier=dossier,
        decided_on=decided_on,
        valid_from=decided_on,
        valid_until=rules.valid_until(decided_on),
    )
    CertificateEvent.objects.create(
        certificate=certificate, kind=CertificateEvent.Kind.ISSUED, on=decided_on, recorded_by=user, reason=reason
    )
    _audit(user, Action.CREATE, certificate, valid_from=decided_on.isoformat(),
           valid_until=certificate.valid_until.isoformat())
    sync_register(department_id)
    return certificate


def _only_the_bureau(user, certificate_id) -> None:
    """Refuse (and log the refusal, outside any transaction so that it stays) anyone but the bureau."""
    if not _is_bureau(user):
        department_id = Certificate.objects.filter(pk=certificate_id).values_list("department_id", flat=True).first()
        _refuse(user, Action.UPDATE, certificate_id, department_id or "")


def _bureau_step(function):
    """A step on an existing certificate: only the bureau (refusals logged first), then one transaction."""

    @functools.wraps(function)
    def step(*, user, certificate_id, **kwargs):
        _only_the_bureau(user, certificate_id)
        with transaction.atomic():
            return function(user=user, certificate_id=certificate_id, **kwargs)

    return step


def _locked(certificate_id) -> Certificate:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock a certificate inside a transaction")
    return Certificate.objects.select_for_update().get(pk=certificate_id)


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden.")})
    return reason


@_bureau_step
def suspend_certificate(*, user, certificate_id: int, on: date, reason: str) -> Certificate:
    certificate = _locked(certificate_id)
    reason = _reason(reason)
    if certificate.withdrawn_on is not None or certificate.suspended_on is not None:
        raise ValidationError(_("Dit keurmerk is al geschorst of ingetrokken."))
    if not certificate.valid_from <= on <= certificate.valid_until:
        raise ValidationError({"on": _("De schorsing valt buiten de geldigheid van het keurmerk.")})
    certificate.suspended_on, certificate.suspension_reason = on, reason
    certificate.save(update_fields=["suspended_on", "suspension_reason"])
    CertificateEvent.objects.create(
        certificate=certificate, kind=CertificateEvent.Kind.SUSPENDED, on=on, reason=reason, recorded_by=user
    )
    _audit(user, Action.UPDATE, certificate, step="suspended", on=on.isoformat())
    sync_register(certificate.department_id)
    return certificate


@_bureau_step
def reinstate_certificate(*, user, certificate_id: int, on: date, reason: str) -> Certificate:
    """Lift a suspension: the certificate is in force again from ``on`` (its end date does not move)."""
    certificate = _locked(certificate_id)
    reason = _reason(reason)
    if certificate.suspended_on is None or certificate.withdrawn_on is not None:
        raise ValidationError(_("Dit keurmerk is niet geschorst."))
    if on < certificate.suspended_on:
        raise ValidationError({"on": _("De schorsing kan niet worden opgeheven vóór zij begon.")})
    certificate.suspended_on, certificate.suspension_reason = None, ""
    certificate.save(update_fields=["suspended_on", "suspension_reason"])
    CertificateEvent.objects.create(
        certificate=certificate, kind=CertificateEvent.Kind.REINSTATED, on=on, reason=reason, recorded_by=user
    )
    _audit(user, Action.UPDATE, certificate, step="reinstated", on=on.isoformat())
    sync_register(certificate.department_id)
    return certificate


@_bureau_step
def withdraw_certificate(*, user, certificate_id: int, on: date, reason: str) -> Certificate:
    certificate = _locked(certificate_id)
    reason = _reason(reason)
    if certificate.withdrawn_on is not None:
        raise ValidationError(_("Dit keurmerk is al ingetrokken."))
    if on < certificate.valid_from:
        raise ValidationError({"on": _("Een keurmerk kan niet worden ingetrokken vóór het geldt.")})
    certificate.withdrawn_on, certificate.withdrawal_reason = on, reason
    certificate.save(update_fields=["withdrawn_on", "withdrawal_reason"])
    CertificateEvent.objects.create(
        certificate=certificate, kind=CertificateEvent.Kind.WITHDRAWN, on=on, reason=reason, recorded_by=user
    )
    _audit(user, Action.UPDATE, certificate, step="withdrawn", on=on.isoformat())
    sync_register(certificate.department_id)
    return certificate


def sync_all(*, today: date | None = None) -> int:
    """Re-derive the register for every department with a certificate (the daily job); returns how many changed."""
    today = today or _today()
    changed = 0
    for department_id in Certificate.objects.values_list("department_id", flat=True).distinct():
        before = Department.objects.filter(pk=department_id).values_list("status", "certified_from", "certified_until").get()
        after = sync_register(department_id, today=today)
        changed += before != (after.status, after.certified_from, after.certified_until)
    return changed
