"""The desk's pages: the request form with matching, the lists (mine, inbox, desk, escalations) and the case page.

Views are thin: reads go through ``selectors`` (which audit every read of request content), writes
through ``services`` with the request's version the page showed (``version`` in every step's form).
Who sees what is ``permissions.view_of``; a request someone may not see answers 404 through
``accounts.permissions.deny`` (audited), so its existence is not revealed. Every page works without
JavaScript: the steps are plain forms inside ``<details>``, the request form posts twice (find
departments, then send), keeping what was typed in the form itself, never in the URL.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from functools import partial
from pathlib import PurePath
from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import deny
from geo.models import PostcodeArea
from register.presenters import hit_cards
from triage.handoff import handoff_for

from . import matching, permissions, selectors, services, state
from .forms import (
    SEND_FIELDS,
    SERVICE_FIELDS,
    STEP_FORMS,
    DepartmentStepForm,
    EscalationOutcomeForm,
    MessageForm,
    RequestForm,
    SendForm,
    new_request,
)
from .models import DeclineReason, EscalationLevel, Event, Kind, Outcome
from .permissions import OBJECT_TYPE, View
from .rules import lifecycle
from .rules import waiting as waiting_rules

# ------------------------------------------------------------------ helpers


def today():
    return timezone.localdate()


def _deny(request, object_id="", department_id=None):
    deny(request, object_type=OBJECT_TYPE, object_id=object_id, on_behalf_of=selectors.on_behalf_of(department_id)
         if department_id else "")


def _page_number(request) -> str:
    return request.GET.get("pagina") or "1"


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str


def desk_nav(user) -> list[NavItem]:
    """The desk's own menu: what this user can do here."""
    items = []
    if permissions.may_submit(user):
        items += [NavItem("consultation:new", _("Nieuwe vraag")), NavItem("consultation:mine", _("Mijn vragen"))]
    if permissions.is_department_staff(user) or permissions.is_desk(user):
        items.append(NavItem("consultation:inbox", _("Inbox afdeling")))
    if permissions.is_desk(user):
        items.append(NavItem("consultation:desk", _("Bureau")))
    if permissions.is_coordinator(user):
        items.append(NavItem("consultation:escalations", _("Escalaties")))
    return items


def _render(request, template, context, status=200):
    context.setdefault("desk_nav", desk_nav(request.user))
    context.setdefault("norm_weeks", selectors.waiting_rules.NORM_WEEKS)
    return render(request, template, context, status=status)


# ------------------------------------------------------------------ start


@login_required
@require_GET
def index(request):
    nav = desk_nav(request.user)
    if not nav:
        _deny(request)
    return _render(request, "consultation/index.html", {"desk_nav": nav})


# ------------------------------------------------------------------ the request form


def _patient_region(pc4: str):
    """(exists, zorgkantoor region id) of a 4-digit postcode."""
    area = PostcodeArea.objects.select_related("municipality").filter(code=pc4).first()
    return (area is not None, area.municipality.zorgkantoor_region_id if area else None)


def _match_cards(matches, age_group: str):
    """The finder's result cards for the matches (register/_card.html), with each match's reasons and exclusions."""
    cards = hit_cards(SimpleNamespace(hits=[m.hit for m in matches], interpreted_age_groups=()),
                      SimpleNamespace(age_groups=(age_group,) if age_group else ()))
    return [SimpleNamespace(card=card, match=match) for card, match in zip(cards, matches, strict=True)]


def _handoff(request):
    """The triage result the form carries along (``?triage=<id>`` on the first visit, then a hidden field)."""
    value = request.GET.get("triage") if request.method == "GET" else request.POST.get("triage")
    return handoff_for(request.user, value) if value else None


def _request_page(request, request_form, send_form=None, matches=(), status=200, handoff=None):
    age_group = getattr(request_form, "cleaned_data", {}).get("age_group", "")
    return _render(
        request,
        "consultation/request_form.html",
        {
            "form": request_form,
            "handoff": handoff,
            "send_form": send_form,
            "matches": _match_cards(matches, age_group) if matches else [],
            "step": 2 if send_form is not None else 1,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def new(request):
    """Step 1: the question and the patient (pseudonymous); step 2: the matching departments, where it goes,
    attachments and consent. Both steps post the whole form; nothing is stored before "Vraag versturen"."""
    if not permissions.may_submit(request.user):
        _deny(request)
    handoff = _handoff(request)
    page = partial(_request_page, request, handoff=handoff)
    if request.method == "GET":
        initial = {}
        if handoff:
            initial = {"triage": handoff.result_id, "age_group": handoff.age_group, "patient_pc4": handoff.pc4,
                       "target_groups": [handoff.target_group] if handoff.target_group else []}
        return page(RequestForm(initial=initial))
    request_form = RequestForm(request.POST)
    if not request_form.is_valid():
        return page(request_form, status=400)
    exists, region = _patient_region(request_form.cleaned_data["patient_pc4"])
    if not exists:
        request_form.add_error("patient_pc4", _(
            "Postcode %(pc4)s bestaat niet. Vul de 4 cijfers in van de postcode van de patiënt."
        ) % {"pc4": request_form.cleaned_data["patient_pc4"]})
        return page(request_form, status=400)
    matches = matching.suggest(**request_form.matching_arguments(region))
    departments = [m.department for m in matches]
    if request.POST.get("actie") != "versturen":
        return page(request_form, SendForm(departments=departments), matches)
    send_form = SendForm(request.POST, request.FILES, departments=departments)
    if not send_form.is_valid():
        return page(request_form, send_form, matches, status=400)
    try:
        created = services.submit_request(
            user=request.user,
            data=new_request(request_form, send_form),
            attachments=send_form.cleaned_data["attachments"],
        )
    except PermissionDenied:
        raise Http404 from None  # the service audited the refusal
    except ValidationError as exc:
        _distribute(exc, request_form, send_form)
        return page(request_form, send_form, matches, status=400)
    messages.success(request, _("Uw vraag is verstuurd. Het kenmerk is %(reference)s.") % {"reference": created.reference})
    return redirect("consultation:case", reference=created.reference)


def _distribute(exc: ValidationError, request_form, send_form) -> None:
    """A service's errors, each next to its field on the form that has it."""
    if not hasattr(exc, "error_dict"):
        send_form.add_error(None, exc.messages)
        return
    for name, errors in exc.message_dict.items():
        if name in SEND_FIELDS:
            send_form.add_error(SERVICE_FIELDS.get(name, name), errors)
        else:
            request_form.add_error(name if name in request_form.fields else None, errors)


# ------------------------------------------------------------------ lists


@login_required
@require_GET
def mine(request):
    if not permissions.may_submit(request.user):
        _deny(request)
    page = selectors.referrer_requests(request.user, page=_page_number(request), today=today())
    return _render(request, "consultation/mine.html", {"page": page})


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


SECTION_LABELS = {
    "nieuw": gettext_lazy("Nieuw"),
    "triage": gettext_lazy("Triage binnenkort of te laat"),
    "bezig": gettext_lazy("In behandeling"),
    "wacht": gettext_lazy("Wacht op informatie"),
    "beantwoord": gettext_lazy("Beantwoord"),
    "gesloten": gettext_lazy("Afgesloten"),
    "bureau": gettext_lazy("Bij het bureau"),
    "afgewezen": gettext_lazy("Afgewezen, opnieuw doorzetten"),
    "opgeschaald": gettext_lazy("Opgeschaald"),
}


ANSWERED_QUARTER = re.compile(r"^([0-9]{4})-Q([1-4])$")


def _answered_filter(request) -> tuple[str, int, int] | None:
    """``?beantwoord=2026-Q3&soort=consultation``: the requests behind a dossier's criterion-3 figure."""
    match = ANSWERED_QUARTER.match(request.GET.get("beantwoord", ""))
    kind = request.GET.get("soort", "")
    if match is None or kind not in Kind.values:
        return None
    return kind, int(match.group(1)), int(match.group(2))


def _inbox_page(request, scope):
    department_id = _int_or_none(request.GET.get("afdeling"))
    box = selectors.inbox(request.user, scope=scope, section=request.GET.get("lijst", ""), department_id=department_id,
                          page=_page_number(request), today=today(), answered=_answered_filter(request))
    return _render(request, "consultation/inbox.html", {
        "box": box,
        "page": box.page,
        "sections": [(key, SECTION_LABELS[key], count) for key, count in box.sections],
        "section_label": SECTION_LABELS[box.section],
    })


@login_required
@require_GET
def inbox(request):
    """A department's inbox (its staff; the bureau sees every department's)."""
    user = request.user
    if not (permissions.is_desk(user) or (permissions.is_department_staff(user) and user.department_ids())):
        _deny(request)
    return _inbox_page(request, "department")


@login_required
@require_GET
def desk(request):
    """The bureau's desk: requests addressed to it, declined ones to route again, escalated ones."""
    if not permissions.is_desk(request.user):
        _deny(request)
    return _inbox_page(request, "desk")


@login_required
@require_GET
def escalations(request):
    if not permissions.is_coordinator(request.user):
        _deny(request)
    current = request.GET.get("lijst") != "eerder"
    page = selectors.coordinator_cases(request.user, current=current, page=_page_number(request), today=today())
    return _render(request, "consultation/escalations.html", {"page": page, "current": current,
                                                              "seats": permissions.seats(request.user)})


# ------------------------------------------------------------------ the case page


STEP_SLUGS = {
    "accepted": "accepteren",
    "declined": "afwijzen",
    "forwarded": "doorsturen",
    "info_asked": "informatie-vragen",
    "info_given": "informatie-geven",
    "answered": "beantwoorden",
    "treatment_started": "behandeling-gestart",
    "routed": "doorzetten",
    "escalated": "opschalen",
    "escalation_outcome": "uitkomst-escalatie",
    "closed": "afsluiten",
}
SLUG_STEPS = {slug: step for step, slug in STEP_SLUGS.items()}

STEP_TITLES = {
    "accepted": gettext_lazy("Vraag accepteren"),
    "declined": gettext_lazy("Vraag afwijzen"),
    "forwarded": gettext_lazy("Doorsturen naar een andere afdeling"),
    "info_asked": gettext_lazy("Informatie vragen aan de verwijzer"),
    "info_given": gettext_lazy("Gevraagde informatie geven"),
    "answered": gettext_lazy("Antwoord geven"),
    "treatment_started": gettext_lazy("Behandeling is gestart"),
    "routed": gettext_lazy("Doorzetten naar een afdeling"),
    "escalated": gettext_lazy("Opschalen"),
    "escalation_outcome": gettext_lazy("Advies en uitkomst vastleggen"),
    "closed": gettext_lazy("Vraag afsluiten"),
}
STEP_BUTTONS = {
    "accepted": gettext_lazy("Accepteren"),
    "declined": gettext_lazy("Afwijzen"),
    "forwarded": gettext_lazy("Doorsturen"),
    "info_asked": gettext_lazy("Vraag versturen"),
    "info_given": gettext_lazy("Informatie versturen"),
    "answered": gettext_lazy("Antwoord versturen"),
    "treatment_started": gettext_lazy("Behandeling gestart"),
    "routed": gettext_lazy("Doorzetten"),
    "escalated": gettext_lazy("Opschalen"),
    "escalation_outcome": gettext_lazy("Vastleggen"),
    "closed": gettext_lazy("Afsluiten"),
}
STEP_DONE = {
    "accepted": gettext_lazy("De vraag is geaccepteerd."),
    "declined": gettext_lazy("De vraag is afgewezen. De verwijzer krijgt bericht."),
    "forwarded": gettext_lazy("De vraag is doorgestuurd. De wachttijd gaat mee."),
    "info_asked": gettext_lazy("Uw vraag om informatie is verstuurd. De termijn staat stil."),
    "info_given": gettext_lazy("De informatie is verstuurd."),
    "answered": gettext_lazy("Het antwoord is verstuurd."),
    "treatment_started": gettext_lazy("De start van de behandeling is vastgelegd."),
    "routed": gettext_lazy("De vraag is doorgezet naar de afdeling."),
    "escalated": gettext_lazy("De vraag is opgeschaald."),
    "escalation_outcome": gettext_lazy("Het advies en de uitkomst zijn vastgelegd."),
    "closed": gettext_lazy("De vraag is afgesloten."),
}
STEP_ORDER = ("accepted", "info_asked", "answered", "treatment_started", "declined", "forwarded", "info_given",
              "routed", "escalation_outcome", "escalated", "closed")


def _load(request, reference):
    """The request and how this user sees it; 404 (audited) when not at all."""
    found = selectors.request_by_reference(reference)
    view = permissions.view_of(request.user, found) if found is not None else None
    if view is None:
        _deny(request, found.pk if found is not None else reference, found.department_id if found else None)
    return found, view


def _open_escalation(consultation):
    return next((e for e in consultation.escalations.all() if e.left_on is None), None)


def _seat_holds(user, escalation) -> bool:
    return escalation is not None and any(permissions._seat_sees(seat, escalation) for seat in permissions.seats(user))


def available_steps(user, view, consultation, case_state) -> list[str]:
    """The steps this viewer may take now: their role's (``permissions.may_act``) that the rules allow now."""
    if consultation.content_removed:
        return []
    allowed = lifecycle.allowed_events(case_state)
    steps = [step for step in STEP_ORDER if step in allowed and permissions.may_act(view, step)]
    if view == View.COORDINATOR:
        # Only the seat at the level where the case is now acts on it.
        if not _seat_holds(user, _open_escalation(consultation)):
            return []
    return steps


@dataclass
class TimelineItem:
    event: Event
    label: str
    detail: str = ""
    note: str = ""


def _timeline(consultation, view) -> list[TimelineItem]:
    events = list(consultation.events.all())
    names = selectors.department_names(
        [e.data.get("department") for e in events] + [e.department_id for e in events]
    )
    roles = {
        View.REFERRER: _("verwijzer"), View.DEPARTMENT: _("afdeling"), View.DESK: _("bureau"),
        View.COORDINATOR: _("regiocoördinator"), "system": _("automatisch"),
    }
    items = []
    for event in events:
        detail = ""
        data = event.data or {}
        if event.kind == "declined" and data.get("reason"):
            detail = _("Reden: %(reason)s") % {"reason": _label(DeclineReason, data["reason"])}
        elif event.kind in ("forwarded", "routed") and data.get("department"):
            detail = _("Naar: %(name)s") % {"name": names.get(int(data["department"]), "?")}
        elif event.kind == "received":
            target = data.get("department")
            detail = (_("Aan: %(name)s") % {"name": names.get(int(target), "?")}) if target else _("Aan: het bureau")
        elif event.kind == "escalated" and data.get("level"):
            detail = _("Naar: %(level)s") % {"level": _label(EscalationLevel, data["level"])}
        elif event.kind == "closed" and data.get("outcome"):
            detail = _("Uitkomst: %(outcome)s") % {"outcome": _label(Outcome, data["outcome"])}
        role = roles.get(event.actor_role, "")
        # Coordinators see the steps and the reasons of each refusal, not what referrer and department wrote to each other.
        show_note = permissions.sees_content(view) or event.kind == "declined"
        items.append(TimelineItem(
            event=event,
            label=event.get_kind_display() + (f" ({role})" if role else ""),
            detail=detail,
            note=event.note if show_note else "",
        ))
    return items


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _step_form(step, *, data=None, files=None, version, departments=(), placements=()):
    form_class = STEP_FORMS[step]
    kwargs = {"prefix": STEP_SLUGS[step]}
    if issubclass(form_class, DepartmentStepForm):
        kwargs["departments"] = departments
    elif issubclass(form_class, EscalationOutcomeForm):
        kwargs["departments"] = placements
    if data is None:
        return form_class(initial={"version": version}, **kwargs)
    return form_class(data, files, **kwargs)


def _department_choices(consultation, view, user, suggestions) -> list:
    """For a forward or a routing: the matching departments first, then every other open one."""
    suggested = [m.department for m in suggestions]
    others = selectors.departments_open_for(consultation.kind, exclude=[consultation.department_id]
                                            + [d.pk for d in suggested])
    choices = []
    if suggested:
        choices.append((_("Passende afdelingen"), [(d.pk, d.name) for d in suggested]))
    if others:
        choices.append((_("Andere afdelingen met dit aanbod"), [(d.pk, d.name) for d in others]))
    return choices


@dataclass
class Action:
    step: str
    slug: str
    title: str
    button: str
    form: object
    open: bool = False
    error: str = ""

    @property
    def shows_matches(self) -> bool:
        return self.step in ("forwarded", "routed")


@dataclass
class CasePage:
    request: object
    view: str
    case_state: object
    triage: object
    answer: object
    waiting: object
    stays: list
    timeline: list
    actions: list
    message_form: object | None
    suggestions: list = field(default_factory=list)
    open_escalation: object | None = None


def _suggestions(consultation):
    """Matching departments for a forward or a routing (not the one that has the request now)."""
    matches = matching.suggest(
        kind=consultation.kind,
        target_groups=[g.code for g in consultation.target_groups.all()],
        age_group=consultation.age_group.code,
        pc4=consultation.patient_pc4,
        concerns={c.code for c in consultation.concerns.all()},
        tried=consultation.tried,
        patient_region=consultation.patient_region_id,
    )
    return [m for m in matches if m.department.pk != consultation.department_id]


def _case_page(request, consultation, view, *, bound_step=None, bound_form=None, step_error="", message_form=None,
               status=200):
    user = request.user
    selectors.load_content(consultation, view)
    selectors.audit_read(user, request_id=consultation.pk, department_id=consultation.department_id)
    on = today()
    case_state = state.fold(consultation.reference, consultation.events.all())
    triage, answer = state.clock_results(case_state, on)
    steps = available_steps(user, view, consultation, case_state)
    if bound_step and bound_step not in steps:
        steps.append(bound_step)
    suggestions = []
    departments = placements = ()
    if {"forwarded", "routed"} & set(steps):
        suggestions = _suggestions(consultation)
        departments = _department_choices(consultation, view, user, suggestions)
    if "escalation_outcome" in steps:
        placements = [(d.pk, d.name) for d in selectors.all_departments()]
    actions = []
    for step in steps:
        if step == bound_step and bound_form is not None:
            form = bound_form
        else:
            form = _step_form(step, version=consultation.version, departments=departments, placements=placements)
        title = STEP_TITLES[step]
        if step == "escalated" and view == View.COORDINATOR:
            title = _("Doorzetten naar het volgende niveau")
        actions.append(Action(step=step, slug=STEP_SLUGS[step], title=str(title),
                              button=str(STEP_BUTTONS[step]), form=form, open=step == bound_step,
                              error=step_error if step == bound_step else ""))
    if message_form is None and permissions.may_act(view, "message") and not consultation.content_removed:
        message_form = MessageForm()
    page = CasePage(
        request=consultation,
        view=view,
        case_state=case_state,
        triage=triage,
        answer=answer,
        waiting=waiting_rules.waiting_of(case_state, on) or selectors.waiting(consultation, on),
        stays=selectors.level_stays(consultation.escalations.all(), on),
        timeline=_timeline(consultation, view),
        actions=actions,
        message_form=message_form,
        suggestions=_match_cards(suggestions, consultation.age_group.code) if suggestions else [],
        open_escalation=_open_escalation(consultation),
    )
    return _render(request, "consultation/case.html", {
        "page": page,
        "consultation": consultation,
        "sees_content": permissions.sees_content(view),
        "is_coordinator_view": view == View.COORDINATOR,
    }, status=status)


@login_required
@require_GET
def case(request, reference):
    consultation, view = _load(request, reference)
    return _case_page(request, consultation, view)


@login_required
@require_POST
def act(request, reference, slug):
    """One step on the request (accept, decline, forward, ...), with the version the page showed."""
    step = SLUG_STEPS.get(slug)
    consultation, view = _load(request, reference)
    if step is None or not permissions.may_act(view, step):
        _deny(request, consultation.pk, consultation.department_id)
    if view == View.COORDINATOR and not _seat_holds(request.user, _open_escalation(consultation)):
        _deny(request, consultation.pk, consultation.department_id)
    departments = placements = ()
    if step in ("forwarded", "routed"):
        selectors.load_content(consultation, view)
        departments = _department_choices(consultation, view, request.user, _suggestions(consultation))
    elif step == "escalation_outcome":
        placements = [(d.pk, d.name) for d in selectors.all_departments()]
    form = _step_form(step, data=request.POST, files=request.FILES, version=consultation.version,
                      departments=departments, placements=placements)
    if not form.is_valid():
        return _refused_step(request, reference, step, form, status=400)
    try:
        services.perform(user=request.user, request_id=consultation.pk, expected_version=form.cleaned_data["version"],
                         step=step, **form.service_arguments())
    except PermissionDenied:
        raise Http404 from None  # the service audited the refusal
    except ValidationError as exc:
        form.add_service_errors(exc)
        return _refused_step(request, reference, step, form, status=400)
    except services.ActionRefused as exc:
        return _refused_step(request, reference, step, form, error=str(exc), status=409)
    messages.success(request, str(STEP_DONE[step]))
    if view == View.DEPARTMENT and step in ("forwarded", "declined"):
        return redirect("consultation:inbox")  # it has left this department's hands
    return redirect("consultation:case", reference=reference)


def _refused_step(request, reference, step, form, *, error="", status):
    """The case page as it is now, with the step's form open, its input kept and the current version."""
    consultation, view = _load(request, reference)
    data = form.data.copy()
    data[form.add_prefix("version")] = str(consultation.version)
    errors = form.errors.copy()
    form.data = data
    form._errors = errors  # keep the errors found against the input
    if error:
        messages.error(request, error)
    return _case_page(request, consultation, view, bound_step=step, bound_form=form, step_error=error, status=status)


@login_required
@require_POST
def message(request, reference):
    consultation, view = _load(request, reference)
    if not permissions.may_act(view, "message"):
        _deny(request, consultation.pk, consultation.department_id)
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.post_message(user=request.user, request_id=consultation.pk, body=form.cleaned_data["body"],
                                  attachment=form.cleaned_data.get("attachment"))
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Uw bericht is verstuurd."))
            return redirect(f"{_case_url(reference)}#berichten")
    return _case_page(request, consultation, view, message_form=form, status=400)


def _case_url(reference) -> str:
    from django.urls import reverse

    return reverse("consultation:case", args=[reference])


@login_required
@require_GET
def attachment(request, reference, token):
    """One attachment, to someone who may read the request's content; audited. Never served from MEDIA_URL."""
    consultation, view = _load(request, reference)
    if not permissions.sees_content(view):
        _deny(request, consultation.pk, consultation.department_id)
    found = consultation.attachments.filter(token=token).first()
    if found is None or not found.file:
        raise Http404
    selectors.audit_read(request.user, request_id=consultation.pk, department_id=consultation.department_id,
                         detail={"attachment": found.pk})
    stem = PurePath(found.name).stem
    response = FileResponse(found.file.open("rb"), as_attachment=True, filename=f"{slugify(stem) or 'bijlage'}.pdf",
                            content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    return response
