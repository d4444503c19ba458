"""Public pages of a certificate: the verification page (with its history) and the printable certificate.

Public by design: a certificate is a public fact (who, which number, valid when). The pages show no
person and no reason text written for the committee beyond the reason the bureau gave for a
suspension or withdrawal.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.permissions import deny, deny_other_department
from accounts.roles import sees_all_departments
from audit.models import Action
from audit.services import record_for_request

from . import procedure as p
from . import procedure_services, rules, selectors
from .models import BoardMeeting, Procedure, TeamMember
from .selectors import certificates_of, public_certificate


def _context(number: str) -> dict:
    certificate = public_certificate(number)
    today = timezone.localdate()
    return {
        "certificate": certificate,
        "department": certificate.department,
        "state": certificate.state_on(today),
        "today": today,
        "events": list(certificate.events.all()),
        "others": [c for c in certificates_of(certificate.department_id) if c.pk != certificate.pk],
        "VALID": rules.VALID,
        "SUSPENDED": rules.SUSPENDED,
        "WITHDRAWN": rules.WITHDRAWN,
        "EXPIRED": rules.EXPIRED,
    }


@require_GET
def verify(request, number):
    return render(request, "certification/certificate_verify.html", _context(number))


@require_GET
def print_certificate(request, number):
    return render(request, "certification/certificate_print.html", _context(number))


@login_required
@require_GET
def planning(request):
    """The bureau's planning view; anyone else gets 404 (and the refusal is audited)."""
    user = request.user
    if not sees_all_departments(user.role, user.is_superuser):
        return deny(request, object_type="certification.planning", object_id="")
    today = timezone.localdate()
    record_for_request(request, action=Action.READ, object_type="certification.planning")
    return render(request, "certification/planning.html", {"today": today, **selectors.planning(today)})


# ------------------------------------------------------------------ the procedure page


def _may_see_procedure(user, procedure) -> bool:
    from certification.dossier.permissions import may_edit_department

    return bool(
        procedure_services.actor_roles(user, procedure)
        or procedure.team.filter(user=user).exists()
        or may_edit_department(user, procedure.department_id)
    )


def _parse_date(value: str):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _procedure_context(request, procedure, errors=None) -> dict:
    from django.contrib.auth import get_user_model

    from accounts.roles import Role

    user = request.user
    roles = procedure_services.actor_roles(user, procedure)
    own_membership = procedure.team.filter(user=user).first()
    is_bureau = p.BUREAU in roles
    return {
        "procedure": procedure,
        "transitions": p.available(procedure.state, roles),
        "team": list(procedure.team.select_related("user")),
        "own_membership": own_membership,
        "steps": [(s, p.BY_NAME[s.transition].label if s.transition in p.BY_NAME else s.transition)
                  for s in procedure.steps.select_related("taken_by")],
        "responses": list(procedure.hearing_responses.all()),
        "may_respond": p.MANAGER in roles and procedure.state == p.HEARING,
        "is_bureau": is_bureau,
        "candidates": list(
            get_user_model().objects.filter(role__in=[Role.COMMITTEE_MEMBER, Role.COMMITTEE_SECRETARY], is_active=True)
            .exclude(pk__in=procedure.team.values("user_id")).order_by("last_name", "first_name", "email")
        ) if is_bureau else [],
        "team_roles": TeamMember.Role.choices,
        "meetings": list(BoardMeeting.objects.filter(held_on__gte=timezone.localdate())),
        "errors": errors or [],
    }


def _errors(exc: ValidationError) -> list[str]:
    return [m for ms in exc.message_dict.values() for m in ms] if hasattr(exc, "error_dict") else list(exc.messages)


@login_required
@require_http_methods(["GET", "POST"])
def procedure_page(request, pk):
    """One department's procedure: its state, dates, team, history, and the steps this user may take (POST)."""
    procedure = get_object_or_404(Procedure.objects.select_related("department", "board_meeting"), pk=pk)
    if not _may_see_procedure(request.user, procedure):
        return deny(request, object_type=procedure_services.OBJECT_TYPE, object_id=pk, on_behalf_of=str(procedure.department_id))
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "transition":
                procedure_services.take(
                    user=request.user,
                    procedure_id=pk,
                    transition=request.POST.get("transition", ""),
                    visit_date=_parse_date(request.POST.get("visit_date", "")),
                    board_meeting_id=request.POST.get("board_meeting") or None,
                    reason=request.POST.get("reason", ""),
                    note=request.POST.get("note", ""),
                )
            elif action == "add_member":
                member = get_object_or_404(get_user_model_(), pk=request.POST.get("member") or 0)
                procedure_services.add_team_member(
                    user=request.user, procedure_id=pk, member=member, role=request.POST.get("role", "")
                )
            elif action == "declare":
                procedure_services.declare_no_conflict(user=request.user, procedure_id=pk)
            elif action == "hearing_response":
                procedure_services.save_hearing_response(user=request.user, procedure_id=pk, text=request.POST.get("text", ""))
            else:
                raise ValidationError(_("Onbekende handeling."))
        except PermissionDenied:
            procedure.refresh_from_db()
            return render(request, "certification/procedure.html",
                          _procedure_context(request, procedure, [_("U mag deze stap niet zetten.")]), status=403)
        except ValidationError as exc:
            procedure.refresh_from_db()
            return render(request, "certification/procedure.html", _procedure_context(request, procedure, _errors(exc)), status=400)
        messages.success(request, _("Opgeslagen."))
        return redirect("certification:procedure", pk=pk)
    record_for_request(request, action=Action.READ, object_type=procedure_services.OBJECT_TYPE, object_id=str(pk),
                       on_behalf_of=str(procedure.department_id))
    return render(request, "certification/procedure.html", _procedure_context(request, procedure))


def get_user_model_():
    from django.contrib.auth import get_user_model

    return get_user_model()


# ------------------------------------------------------------------ applying for the quality mark


def application_departments(user):
    """The departments ``user`` may apply for: a manager's own departments; every department for the bureau."""
    from accounts.permissions import department_scope
    from accounts.roles import Role
    from register.models import Department

    if sees_all_departments(user.role, user.is_superuser):
        return Department.objects.order_by("name")
    if user.role == Role.DEPARTMENT_MANAGER:
        return department_scope(user, Department.objects.all()).order_by("name")
    return Department.objects.none()


@login_required
@require_http_methods(["GET", "POST"])
def apply(request):
    """A department manager (or the bureau) applies for the quality mark; the procedure starts as an application."""
    from .forms import ApplicationForm

    departments = application_departments(request.user)
    if not departments.exists():
        return deny(request, object_type="certification.application", object_id="")
    deny_other_department(request, departments, object_type=procedure_services.OBJECT_TYPE)
    form = ApplicationForm(request.POST or None, departments=departments)
    if request.method == "POST" and form.is_valid():
        department = form.cleaned_data["department"]
        today = timezone.localdate()
        try:
            procedure = procedure_services.apply(
                user=request.user, department_id=department.pk, applied_on=today,
                kind=procedure_services.application_kind(department.pk, today),
            )
        except ValidationError as exc:
            form.add_service_errors(exc, "department")
        else:
            messages.success(request, _("Uw aanvraag is ontvangen. Het bureau neemt hem in behandeling."))
            return redirect("certification:procedure", pk=procedure.pk)
    running = [
        (department, procedure_services.running_procedure(department.pk)) for department in departments
    ] if not sees_all_departments(request.user.role, request.user.is_superuser) else []
    if request.method == "GET":
        record_for_request(request, action=Action.READ, object_type="certification.application")
    return render(
        request, "certification/apply.html",
        {"form": form, "running": [(d, proc) for d, proc in running if proc is not None]},
        status=400 if form.errors else 200,
    )


# ------------------------------------------------------------------ continuous compliance


def compliance_departments(user):
    """The departments whose compliance cases ``user`` reports: a manager's own; every one for the bureau."""
    return application_departments(user)


def _decides_interim(user) -> bool:
    from accounts.roles import Role

    return sees_all_departments(user.role, user.is_superuser) or user.role == Role.COMMITTEE_SECRETARY


def _visible_cases(user):
    from .models import ComplianceCase

    cases = ComplianceCase.objects.select_related("department", "certificate").order_by("-since", "pk")
    if _decides_interim(user):
        return cases
    return cases.filter(department__in=compliance_departments(user))


@login_required
@require_GET
def compliance(request):
    """The compliance cases the user may see: a manager's own departments'; all for the bureau and the committee secretary."""
    if not (_decides_interim(request.user) or compliance_departments(request.user).exists()):
        return deny(request, object_type="certification.compliance", object_id="")
    cases = list(_visible_cases(request.user))
    record_for_request(request, action=Action.READ, object_type="certification.compliance", detail={"cases": len(cases)})
    return render(request, "certification/compliance_list.html", {
        "running": [c for c in cases if c.state in ("open", "reported", "to_board")],
        "done": [c for c in cases if c.state not in ("open", "reported", "to_board")],
        "may_report": compliance_departments(request.user).exists(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def compliance_case(request, pk):
    """One compliance case: its dates and plan; the manager reports it with a recovery plan, the committee
    secretary (or the bureau) decides whether an interim re-visitation is needed."""
    from . import compliance_services
    from .forms import BoardDecisionForm, InterimVisitForm, RecoveryPlanForm

    case = _visible_cases(request.user).filter(pk=pk).first()
    if case is None:
        return deny(request, object_type=compliance_services.OBJECT_TYPE, object_id=str(pk))
    # Who may take each step (permission), checked before any form is read; the case's state is the service's.
    allowed = {
        "melden": compliance_departments(request.user).filter(pk=case.department_id).exists(),
        "tussentijds": _decides_interim(request.user),
        "bestuur": sees_all_departments(request.user.role, request.user.is_superuser),
    }
    may_report = allowed["melden"] and case.state in ("open", "reported")
    may_decide = allowed["tussentijds"] and case.state == "reported"
    may_close = allowed["bestuur"] and case.state == "to_board"
    step = request.POST.get("stap", "") if request.method == "POST" else ""
    if step in allowed and not allowed[step]:
        return deny(request, object_type=compliance_services.OBJECT_TYPE, object_id=str(pk),
                    on_behalf_of=str(case.department_id))
    error = ""
    plan_form = RecoveryPlanForm(request.POST if step == "melden" else None, initial={"recovery_plan": case.recovery_plan})
    interim_form = InterimVisitForm(request.POST if step == "tussentijds" else None)
    board_form = BoardDecisionForm(request.POST if step == "bestuur" else None, initial={"on": timezone.localdate()})
    if step == "melden":
        if plan_form.is_valid():
            try:
                compliance_services.report_change(
                    user=request.user, department_id=case.department_id, case_id=case.pk,
                    recovery_plan=plan_form.cleaned_data["recovery_plan"],
                )
            except PermissionDenied:
                return deny(request, object_type=compliance_services.OBJECT_TYPE, object_id=str(pk))
            except ValidationError as exc:
                plan_form.add_error(None, exc)
                if not may_report:
                    error = " ".join(exc.messages)
            else:
                messages.success(request, _("De melding en het herstelplan zijn vastgelegd."))
                return redirect("certification:compliance_case", pk=case.pk)
    elif step == "tussentijds":
        if interim_form.is_valid():
            try:
                compliance_services.decide_interim_visit(
                    user=request.user, case_id=case.pk, needed=interim_form.cleaned_data["needed"]
                )
            except PermissionDenied:
                return deny(request, object_type=compliance_services.OBJECT_TYPE, object_id=str(pk))
            messages.success(request, _("Het besluit over een tussentijdse visitatie is vastgelegd."))
            return redirect("certification:compliance_case", pk=case.pk)
    elif step == "bestuur":
        if board_form.is_valid():
            data = board_form.cleaned_data
            try:
                compliance_services.board_decides(
                    user=request.user, case_id=case.pk, decision=data["decision"], on=data["on"], reason=data["reason"]
                )
            except PermissionDenied:
                return deny(request, object_type=compliance_services.OBJECT_TYPE, object_id=str(pk))
            except ValidationError as exc:
                board_form.add_error(None, exc)
                if not may_close:  # the form is not on the page: say it at the top
                    error = " ".join(exc.messages)
            else:
                messages.success(request, _("Het besluit van het bestuur is vastgelegd; de zaak is afgesloten."))
                return redirect("certification:compliance_case", pk=case.pk)
    elif request.method == "POST":
        error = _("Deze stap bestaat niet. Kies een van de knoppen op de pagina.")
    else:
        record_for_request(request, action=Action.READ, object_type=compliance_services.OBJECT_TYPE, object_id=str(pk),
                           on_behalf_of=str(case.department_id))
    invalid = error or plan_form.errors or interim_form.errors or board_form.errors
    return render(request, "certification/compliance_case.html", {
        "case": case, "plan_form": plan_form, "interim_form": interim_form, "board_form": board_form, "error": error,
        "may_report": may_report, "may_decide": may_decide, "may_close": may_close,
    }, status=400 if invalid else 200)


@login_required
@require_http_methods(["GET", "POST"])
def compliance_report(request):
    """A manager reports, by hand, a change the dossier cannot show, with the recovery plan."""
    from . import compliance_services
    from .forms import ChangeReportForm

    departments = compliance_departments(request.user)
    if not departments.exists():
        return deny(request, object_type=compliance_services.OBJECT_TYPE, object_id="")
    deny_other_department(request, departments, object_type=compliance_services.OBJECT_TYPE)
    form = ChangeReportForm(request.POST or None, departments=departments)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = compliance_services.report_change(
                user=request.user, department_id=data["department"].pk, since=data["since"],
                description=data["description"], recovery_plan=data["recovery_plan"],
            )
        except PermissionDenied:
            return deny(request, object_type=compliance_services.OBJECT_TYPE, object_id="")
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("De wijziging en het herstelplan zijn gemeld."))
            return redirect("certification:compliance_case", pk=case.pk)
    return render(request, "certification/compliance_report.html", {"form": form}, status=400 if form.errors else 200)
