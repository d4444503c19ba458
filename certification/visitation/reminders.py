"""Which reminders and invitations are due today, pure: no database (only the procedure table, whose labels are translatable).

The daily job (``reminder_services.send_due``) hands in plain facts about running procedures,
certificates and compliance cases; this module says which e-mails are due. Each reminder is keyed
by (subject, kind, deadline); the services send each key once, so running the job twice on a day,
or every day of a window, sends one e-mail.

Every subject has a row of milestones (kind, first day). On a day, the reminder due for a subject is
the latest milestone that has begun, as long as the subject's last day has not passed. A job that did
not run for a while so sends only the newest reminder, never a row of stale ones.

- Dossier (procedure in ``dossier_due``): ``procedure.DOSSIER_REMINDER_DAYS`` days before the
  dossier is due (14 and 7), and once when it is overdue (from the day after it was due).
- Hearing (procedure in ``hearing``): when the draft report is sent, and ``HEARING_REMINDER_DAYS``
  days before the response is due; nothing after the due date (the bureau then closes the hearing).
- Renewal invitation (a valid certificate): from ``procedure.invitation_date`` (twelve months before
  it expires) up to its last valid day, once.
- Compliance case: while ``open`` (no report yet): when it opens, ``NOTIFICATION_REMINDER_DAYS``
  before the notification is due, and once when that is overdue; while ``open`` or ``reported``:
  ``RECOVERY_REMINDER_DAYS`` before recovery is due. Nothing after the recovery deadline (then the
  case goes to the board).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from . import procedure as p

HEARING_REMINDER_DAYS = 3
NOTIFICATION_REMINDER_DAYS = 7
RECOVERY_REMINDER_DAYS = 28

PROCEDURE = "procedure"
CERTIFICATE = "certificate"
CASE = "case"

DOSSIER_SOON = "dossier_soon"  # suffixed with the number of days: dossier_soon_14, dossier_soon_7
DOSSIER_OVERDUE = "dossier_overdue"
HEARING_OPEN = "hearing_open"
HEARING_SOON = "hearing_soon"
RENEWAL_INVITATION = "renewal_invitation"
CASE_OPENED = "case_opened"
NOTIFICATION_SOON = "notification_soon"
NOTIFICATION_OVERDUE = "notification_overdue"
RECOVERY_SOON = "recovery_soon"


@dataclass(frozen=True)
class ProcedureFacts:
    id: int
    department_id: int
    state: str
    dossier_due: date | None = None
    hearing_sent_on: date | None = None
    hearing_due: date | None = None


@dataclass(frozen=True)
class CertificateFacts:
    id: int
    department_id: int
    valid_until: date
    valid_today: bool  # in force today (not suspended, withdrawn, expired or not yet valid)


@dataclass(frozen=True)
class CaseFacts:
    id: int
    department_id: int
    state: str  # ComplianceCase.State: open, reported, recovered, to_board, closed
    since: date
    notification_due: date
    recovery_due: date


@dataclass(frozen=True)
class Reminder:
    subject: str  # PROCEDURE, CERTIFICATE or CASE
    subject_id: int
    department_id: int
    kind: str
    deadline: date  # the date the reminder is about; a changed deadline is a new reminder


def _latest(today: date, milestones: Iterable[tuple[str, date]], last_day: date | None) -> str | None:
    """The kind of the latest milestone that has begun on ``today`` (None before the first or after ``last_day``)."""
    if last_day is not None and today > last_day:
        return None
    begun = [(start, kind) for kind, start in milestones if start <= today]
    return max(begun)[1] if begun else None


def dossier_milestones(due: date) -> list[tuple[str, date]]:
    soon = [(f"{DOSSIER_SOON}_{days}", due - timedelta(days=days)) for days in p.DOSSIER_REMINDER_DAYS]
    return [*soon, (DOSSIER_OVERDUE, due + timedelta(days=1))]


def for_procedure(today: date, procedure: ProcedureFacts) -> Reminder | None:
    if procedure.state == p.DOSSIER_DUE and procedure.dossier_due is not None:
        kind = _latest(today, dossier_milestones(procedure.dossier_due), None)
        deadline = procedure.dossier_due
    elif procedure.state == p.HEARING and procedure.hearing_due is not None:
        milestones = [(HEARING_SOON, procedure.hearing_due - timedelta(days=HEARING_REMINDER_DAYS))]
        if procedure.hearing_sent_on is not None:
            milestones.append((HEARING_OPEN, procedure.hearing_sent_on))
        kind = _latest(today, milestones, procedure.hearing_due)
        deadline = procedure.hearing_due
    else:
        return None
    return Reminder(PROCEDURE, procedure.id, procedure.department_id, kind, deadline) if kind else None


def for_certificate(today: date, certificate: CertificateFacts) -> Reminder | None:
    if not certificate.valid_today:
        return None
    kind = _latest(today, [(RENEWAL_INVITATION, p.invitation_date(certificate.valid_until))], certificate.valid_until)
    return Reminder(CERTIFICATE, certificate.id, certificate.department_id, kind, certificate.valid_until) if kind else None


def for_case(today: date, case: CaseFacts) -> Reminder | None:
    recovery = (RECOVERY_SOON, case.recovery_due - timedelta(days=RECOVERY_REMINDER_DAYS))
    if case.state == "open":
        milestones = [
            (CASE_OPENED, case.since),
            (NOTIFICATION_SOON, case.notification_due - timedelta(days=NOTIFICATION_REMINDER_DAYS)),
            (NOTIFICATION_OVERDUE, case.notification_due + timedelta(days=1)),
            recovery,
        ]
    elif case.state == "reported":
        milestones = [recovery]
    else:
        return None
    kind = _latest(today, milestones, case.recovery_due)
    if kind is None:
        return None
    deadline = case.recovery_due if kind == RECOVERY_SOON else case.notification_due
    return Reminder(CASE, case.id, case.department_id, kind, deadline)


def due(
    today: date,
    *,
    procedures: Iterable[ProcedureFacts] = (),
    certificates: Iterable[CertificateFacts] = (),
    cases: Iterable[CaseFacts] = (),
) -> list[Reminder]:
    """Every reminder due on ``today`` (at most one per subject), before the services drop those already sent."""
    found = [for_procedure(today, x) for x in procedures]
    found += [for_certificate(today, x) for x in certificates]
    found += [for_case(today, x) for x in cases]
    return [r for r in found if r is not None]
