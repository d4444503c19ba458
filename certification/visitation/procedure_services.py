"""Writes for the procedure: ``take`` one transition of the table in ``procedure``, audited.

Every transition, allowed or refused, is written to the audit log (object type
``certification.procedure``, on behalf of the department). A refusal for the actor's role raises
``PermissionDenied`` (logged outside the transaction, so it stays); a transition that does not
start from the procedure's state, or whose conditions do not hold (a team that is not complete,
a deadline that has passed), raises ``ValidationError`` and changes nothing.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.permissions import department_scope
from accounts.roles import Role, sees_all_departments
from audit.models import Action, Outcome
from audit.services import record
from register.models import Department

from . import procedure as p
from . import services as certificate_services
from .models import BoardMeeting, Certificate, HearingResponse, Procedure, ProcedureStep, TeamMember

OBJECT_TYPE = "certification.procedure"

# A procedure runs until it ends in a certificate, a withdrawal or a refusal (a refused department may apply anew).
RUNNING_STATES = [s for s in p.STATES if s not in p.FINAL and s != p.REFUSED]


def hearing_days() -> int:
    return int(getattr(settings, "CERTIFICATION_HEARING_DAYS", 14))


def objection_weeks() -> int:
    return int(getattr(settings, "CERTIFICATION_OBJECTION_WEEKS", 6))


def actor_roles(user, procedure: Procedure) -> frozenset[str]:
    """The procedure's actor roles (``procedure.BUREAU`` ...) that ``user`` holds on this procedure."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    roles = set()
    if sees_all_departments(user.role, user.is_superuser):
        roles.add(p.BUREAU)
    if user.role == Role.DEPARTMENT_MANAGER and department_scope(
        user, Department.objects.filter(pk=procedure.department_id)
    ).exists():
        roles.add(p.MANAGER)
    for member in procedure.team.filter(user=user, no_conflict_declared_at__isnull=False):
        if member.role in (p.CHAIR, p.SECRETARY):
            roles.add(member.role)
    return frozenset(roles)


def _audit(user, procedure, outcome, **detail):
    record(
        action=Action.UPDATE,
        actor=user,
        object_type=OBJECT_TYPE,
        object_id=str(procedure.pk),
        on_behalf_of=str(procedure.department_id),
        outcome=outcome,
        detail=detail,
    )


def may_apply(user, department_id: int) -> bool:
    """The bureau, or a manager of the department (a procedure that does not exist yet has no team)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if sees_all_departments(user.role, user.is_superuser):
        return True
    return user.role == Role.DEPARTMENT_MANAGER and department_scope(
        user, Department.objects.filter(pk=department_id)
    ).exists()


def running_procedure(department_id: int) -> Procedure | None:
    """The department's procedure that is still running, if any."""
    return Procedure.objects.filter(department_id=department_id, state__in=RUNNING_STATES).order_by("-applied_on", "-pk").first()


def application_kind(department_id: int, on: date) -> str:
    """A department that holds a valid certificate on ``on`` applies for re-visitation; any other for a first one."""
    from . import rules

    for certificate in Certificate.objects.filter(department_id=department_id).prefetch_related("events"):
        if certificate.state_on(on) == rules.VALID:
            return Procedure.Kind.RENEWAL
    return Procedure.Kind.FIRST


def apply(*, user, department_id: int, applied_on: date, kind: str = Procedure.Kind.FIRST, dossier=None) -> Procedure:
    """A department applies (a manager of it, or the bureau on its behalf); refused while a procedure runs."""
    if not may_apply(user, department_id):
        record(action=Action.CREATE, actor=user, object_type=OBJECT_TYPE, on_behalf_of=str(department_id),
               outcome=Outcome.DENIED)
        raise PermissionDenied
    with transaction.atomic():
        # Lock the department: two applications at once cannot both find no running procedure.
        Department.objects.select_for_update().filter(pk=department_id).first()
        running = running_procedure(department_id)
        if running is not None:
            raise ValidationError(
                {"department": _("Voor deze afdeling loopt al een procedure (stap: %(state)s, aangevraagd op %(date)s). "
                                 "U kunt pas opnieuw aanvragen als die is afgerond.")
                 % {"state": running.get_state_display(), "date": date_format(running.applied_on, "j F Y")}}
            )
        procedure = Procedure.objects.create(department_id=department_id, applied_on=applied_on, kind=kind, dossier=dossier)
        record(action=Action.CREATE, actor=user, object_type=OBJECT_TYPE, object_id=str(procedure.pk),
               on_behalf_of=str(department_id), detail={"kind": kind})
    return procedure


def add_team_member(*, user, procedure_id: int, member, role: str) -> TeamMember:
    procedure = Procedure.objects.get(pk=procedure_id)
    if p.BUREAU not in actor_roles(user, procedure):
        _audit(user, procedure, Outcome.DENIED, step="add_team_member")
        raise PermissionDenied
    if member.role not in (Role.COMMITTEE_MEMBER, Role.COMMITTEE_SECRETARY):
        raise ValidationError({"member": _("Alleen commissieleden en secretarissen kunnen in een visitatieteam.")})
    added = TeamMember.objects.create(procedure=procedure, user=member, role=role)
    _audit(user, procedure, Outcome.SUCCESS, step="add_team_member", member=member.pk, role=role)
    return added


def declare_no_conflict(*, user, procedure_id: int) -> TeamMember:
    """A team member declares, for themself, that they have no conflict of interest with the department."""
    procedure = Procedure.objects.get(pk=procedure_id)
    member = TeamMember.objects.filter(procedure=procedure, user=user).first()
    if member is None:
        _audit(user, procedure, Outcome.DENIED, step="declare_no_conflict")
        raise PermissionDenied
    member.no_conflict_declared_at = timezone.now()
    member.save(update_fields=["no_conflict_declared_at"])
    _audit(user, procedure, Outcome.SUCCESS, step="declare_no_conflict")
    return member


def save_hearing_response(*, user, procedure_id: int, text: str) -> HearingResponse:
    """The department's response to the draft report; each save is a new version."""
    procedure = Procedure.objects.get(pk=procedure_id)
    if p.MANAGER not in actor_roles(user, procedure):
        _audit(user, procedure, Outcome.DENIED, step="hearing_response")
        raise PermissionDenied
    if procedure.state != p.HEARING:
        raise ValidationError(_("Er loopt geen hoor en wederhoor."))
    if not (text or "").strip():
        raise ValidationError({"text": _("Schrijf een reactie.")})
    with transaction.atomic():
        last = procedure.hearing_responses.order_by("-version").values_list("version", flat=True).first() or 0
        response = HearingResponse.objects.create(procedure=procedure, version=last + 1, text=text.strip(), submitted_by=user)
    _audit(user, procedure, Outcome.SUCCESS, step="hearing_response", version=response.version)
    return response


def _invalid(message, field=None):
    raise ValidationError({field: message} if field else message)


def _guard_and_apply(procedure: Procedure, t: p.Transition, user, on: date, data: dict) -> str:
    """Check the transition's conditions and write its effects on ``procedure``; returns a note for the history."""
    name = t.name
    if name == "request_dossier":
        visit_date = data.get("visit_date")
        if visit_date is None:
            _invalid(_("Kies een visitatiedatum."), "visit_date")
        if p.dossier_due(visit_date) < on:
            _invalid(_("De visitatie moet minstens acht weken na vandaag zijn."), "visit_date")
        problems = p.team_problems([(m.role, m.no_conflict_declared_at is not None) for m in procedure.team.all()])
        if problems:
            _invalid("; ".join(problems))
        procedure.visit_date, procedure.dossier_due = visit_date, p.dossier_due(visit_date)
        return f"visitatie {visit_date.isoformat()}, dossier uiterlijk {procedure.dossier_due.isoformat()}"
    if name == "send_for_hearing":
        procedure.hearing_sent_on, procedure.hearing_due = on, p.hearing_due(on, hearing_days())
        return f"reactie uiterlijk {procedure.hearing_due.isoformat()}"
    if name == "respond":
        if not procedure.hearing_responses.exists():
            _invalid(_("Sla eerst een reactie op."))
        if on > procedure.hearing_due:
            _invalid(_("De termijn voor de reactie is verstreken."))
        return ""
    if name == "close_hearing":
        if on <= procedure.hearing_due:
            _invalid(_("De termijn voor de reactie loopt nog."))
        return ""
    if name == "advise":
        meeting = BoardMeeting.objects.filter(pk=data.get("board_meeting_id")).first()
        if meeting is None or meeting.held_on < on:
            _invalid(_("Kies een bestuursvergadering die nog komt."), "board_meeting")
        procedure.board_meeting = meeting
        return f"bestuursvergadering {meeting.held_on.isoformat()}"
    if name in ("grant", "refuse", "start_recovery", "withdraw"):
        if procedure.board_meeting is None:
            _invalid(_("Het besluit valt in een bestuursvergadering; er is er geen gekozen."))
        decided_on = procedure.board_meeting.held_on
        if on < decided_on:
            _invalid(_("Het bestuur besluit in zijn vergadering, niet ervoor."))
        procedure.decided_on = decided_on
        if name == "grant":
            procedure.certificate = certificate_services._issue(user, procedure.department_id, decided_on, procedure.dossier)
            return procedure.certificate.number
        if name == "refuse":
            procedure.objection_due = p.objection_due(decided_on, objection_weeks())
            return f"bezwaar uiterlijk {procedure.objection_due.isoformat()}"
        if name == "start_recovery":
            if procedure.kind == Procedure.Kind.FIRST:
                _invalid(_("Een herstelperiode volgt alleen op een hervisitatie."))
            procedure.recovery_due = p.recovery_due(decided_on)
            return f"herstel uiterlijk {procedure.recovery_due.isoformat()}"
        reason = (data.get("reason") or "").strip() or "Niet hersteld binnen de herstelperiode."
        current = Certificate.objects.filter(department_id=procedure.department_id, withdrawn_on__isnull=True).first()
        if current is not None:
            certificate_services._withdraw(
                user=user, certificate_id=current.pk, on=decided_on, reason=reason
            )
        return reason
    if name == "object":
        if on > procedure.objection_due:
            _invalid(_("De termijn voor bezwaar is verstreken."))
        return (data.get("reason") or "").strip()
    if name == "uphold_objection":
        procedure.board_meeting = None
        return ""
    return (data.get("note") or "").strip()


def take(*, user, procedure_id: int, transition: str, on: date | None = None, **data) -> Procedure:
    """Take one transition of the procedure (see ``procedure.TRANSITIONS``)."""
    on = on or timezone.localdate()
    procedure = Procedure.objects.get(pk=procedure_id)
    roles = actor_roles(user, procedure)
    found = p.BY_NAME.get(transition)
    if found is None or not found.roles & roles:
        _audit(user, procedure, Outcome.DENIED, transition=transition, state=procedure.state)
        raise PermissionDenied
    with transaction.atomic():
        procedure = Procedure.objects.select_for_update().get(pk=procedure_id)
        try:
            t = p.transition(transition, procedure.state, roles)
        except p.TransitionRefused as refused:
            raise ValidationError(str(refused)) from None
        note = _guard_and_apply(procedure, t, user, on, data)
        source = procedure.state
        procedure.state = t.target
        procedure.version += 1
        procedure.save()
        ProcedureStep.objects.create(
            procedure=procedure, transition=t.name, source=source, target=t.target, taken_by=user, taken_on=on, note=note
        )
        _audit(user, procedure, Outcome.SUCCESS, transition=t.name, source=source, target=t.target, on=on.isoformat())
    return procedure
