"""The committee's review of a dossier, per criterion: findings, questions to the department, answers.

Who may do what (``Access``):

- write findings and questions, answer: the committee members and secretary of the dossier (its
  ``CommitteeAssignment`` rows, or the team of a procedure about this dossier while that procedure
  is in its review period, ``access.REVIEW_STATES``), and the bureau;
- read the questions and answer them: the department's managers and editors (they never see the
  committee's findings);
- everyone else: nothing.

Every read and every write is audited (object type ``certification.review``, on behalf of the
department); a refused write is audited as "denied" and raises ``PermissionDenied``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.roles import sees_all_departments
from audit.models import Action, Outcome
from audit.services import record
from certification.dossier.permissions import COMMITTEE_ROLES, may_edit_department

from . import access as team_access
from . import report as report_rules
from .models import CommitteeJudgement, ReviewMessage

OBJECT_TYPE = "certification.review"
MAX_TEXT = 10_000


@dataclass(frozen=True)
class Access:
    committee: bool = False  # writes findings and questions, sees everything
    department: bool = False  # reads the questions and answers them

    @property
    def reads(self) -> bool:
        return self.committee or self.department

    @property
    def answers(self) -> bool:
        return self.committee or self.department


def _active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def access(user, dossier) -> Access:
    if not _active(user):
        return Access()
    if sees_all_departments(user.role, user.is_superuser):
        return Access(committee=True)
    if user.role in COMMITTEE_ROLES and (
        dossier.committee_assignments.filter(user=user).exists() or team_access.team_reviews(user, dossier)
    ):
        return Access(committee=True)
    if may_edit_department(user, dossier.department_id):
        return Access(department=True)
    return Access()


def _audit(user, action, dossier, outcome=Outcome.SUCCESS, **detail):
    record(
        action=action,
        actor=user if _active(user) else None,
        object_type=OBJECT_TYPE,
        object_id=str(dossier.pk),
        on_behalf_of=str(dossier.department_id),
        outcome=outcome,
        detail=detail or None,
    )


@dataclass
class Thread:
    message: ReviewMessage
    answers: list


def threads(user, dossier, criterion: int) -> list[Thread]:
    """The review of one criterion as ``user`` may see it (audited read); empty for someone without access."""
    allowed = access(user, dossier)
    if not allowed.reads:
        return []
    messages = list(
        ReviewMessage.objects.filter(dossier=dossier, criterion=criterion).select_related("author").order_by(
            "created_at", "pk"
        )
    )
    by_parent: dict[int, list] = {}
    for m in messages:
        if m.parent_id:
            by_parent.setdefault(m.parent_id, []).append(m)
    shown = [
        Thread(m, by_parent.get(m.pk, []))
        for m in messages
        if m.parent_id is None and (allowed.committee or m.kind == ReviewMessage.Kind.QUESTION)
    ]
    _audit(user, Action.READ, dossier, criterion=criterion, shown=len(shown))
    return shown


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Schrijf eerst een tekst.")})
    if len(text) > MAX_TEXT:
        raise ValidationError({"text": _("Een bericht is hoogstens %(max)s tekens.") % {"max": MAX_TEXT}})
    return text


def post(user, dossier, criterion: int, kind: str, text: str, parent_id: int | None = None) -> ReviewMessage:
    """Add a finding, a question or an answer to a question; audited, refused ones too."""
    allowed = access(user, dossier)
    may = allowed.answers if kind == ReviewMessage.Kind.ANSWER else allowed.committee
    if kind not in ReviewMessage.Kind.values or not may:
        _audit(user, Action.CREATE, dossier, outcome=Outcome.DENIED, criterion=criterion, kind=kind)
        raise PermissionDenied(_("U mag hier niet schrijven."))
    text = _clean_text(text)
    parent = None
    if kind == ReviewMessage.Kind.ANSWER:
        parent = ReviewMessage.objects.filter(
            pk=parent_id, dossier=dossier, criterion=criterion, kind=ReviewMessage.Kind.QUESTION
        ).first()
        if parent is None:
            raise ValidationError({"parent": _("Deze vraag bestaat niet (meer).")})
    with transaction.atomic():
        message = ReviewMessage.objects.create(
            dossier=dossier, criterion=criterion, kind=kind, parent=parent, text=text, author=user
        )
        _audit(user, Action.CREATE, dossier, criterion=criterion, kind=kind, message=message.pk)
    return message


def judge(user, dossier, criterion: int, checker_verdict: str, verdict: str, finding: str, reason: str = ""):
    """Record the committee's verdict and finding on one criterion (committee and bureau only; audited).

    ``checker_verdict`` is the checker's verdict on the dossier as it stands; where the committee
    differs from it, a reason is required (``ValidationError`` otherwise, nothing saved).
    """
    if not access(user, dossier).committee:
        _audit(user, Action.UPDATE, dossier, outcome=Outcome.DENIED, criterion=criterion, judgement=True)
        raise PermissionDenied(_("Alleen de commissie geeft een oordeel."))
    errors = report_rules.judgement_errors(checker_verdict, verdict, finding, reason)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        judgement, _created = CommitteeJudgement.objects.update_or_create(
            dossier=dossier,
            criterion=criterion,
            defaults={
                "verdict": verdict,
                "checker_verdict": checker_verdict,
                "finding": finding.strip(),
                "reason": (reason or "").strip() if report_rules.differs(checker_verdict, verdict) else "",
                "judged_by": user,
            },
        )
        _audit(user, Action.UPDATE, dossier, criterion=criterion, verdict=verdict, checker=checker_verdict)
    return judgement


def judgements(dossier) -> dict[int, report_rules.Judgement]:
    return {
        j.criterion: report_rules.Judgement(j.verdict, j.finding, j.reason)
        for j in CommitteeJudgement.objects.filter(dossier=dossier)
    }


def reads_report(user, dossier) -> bool:
    """May ``user`` read the visitation report of ``dossier`` (HTML and PDF)?

    The bureau and the committee of the dossier (assigned, or the team in the review period) always;
    the team also after the review period (the report only); the department's managers and editors
    once a procedure about the dossier reached the draft report (``access.DEPARTMENT_REPORT_STATES``).
    """
    if access(user, dossier).committee or team_access.team_reads_report(user, dossier):
        return True
    return may_edit_department(user, dossier.department_id) and team_access.department_reads_report(dossier)
