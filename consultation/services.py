"""Writes at the desk: one function per use case, permission first, one transaction, audited.

- ``submit_request``: a referrer asks a department (or the bureau's desk) for help.
- ``perform``: every step on a request (accept, decline, forward, ask and give information,
  answer, start of treatment, route, escalate, escalation outcome, close). The step is an event;
  the rules (``consultation.rules.lifecycle`` through ``state``) decide whether it may happen now
  and what follows. Steps carry the request's ``version``: a conditional UPDATE claims it, so of
  two people acting at once one wins and the other gets ``ConcurrentActionError``.
- ``post_message``: a message on a request (referrer, department or desk).
- ``tick``: the scheduled job's work: clocks, reminders, overdue marks, automatic escalation.
- ``remove_expired_content``: retention; keeps the anonymised figures.

Nothing here stores a patient's name, address, date of birth or BSN: every text field and file
name is checked by ``validators.refuse_bsn``. Audit entries never hold content.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from geo.models import PostcodeArea
from register.models import AgeGroup, Department, ExclusionCriterion, Offer, TargetGroup
from topggz.uploads import validate_upload
from triage.handoff import handoff_for

from . import notifications, permissions, state
from .models import Attachment, ConsultationRequest, Escalation, Event, Message, RegionalTable, Status
from .permissions import OBJECT_TYPE, View
from .rules import lifecycle
from .validators import refuse_bsn

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class ActionRefused(Exception):
    """A step that cannot be taken now; ``str()`` is a message for the person (translated)."""


class ConcurrentActionError(ActionRefused):
    pass


def today() -> date:
    return timezone.localdate()


def _audit(user, action, request_id, *, outcome="success", on_behalf_of="", detail=None):
    record(
        action=action,
        actor=user,
        object_type=OBJECT_TYPE,
        object_id=str(request_id),
        on_behalf_of=on_behalf_of,
        outcome=outcome,
        detail=detail,
    )


def _department_label(department_id) -> str:
    return f"register.department:{department_id}" if department_id else "consultation.desk"


# ------------------------------------------------------------------ submitting


def new_reference() -> str:
    return "TG-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def _check_pdf(upload, errors: list[str]):
    name = getattr(upload, "name", "") or ""
    try:
        refuse_bsn(name)
        if not name.lower().endswith(".pdf"):
            raise ValidationError(_("Alleen PDF-bestanden kunnen mee: %(name)s is geen PDF.") % {"name": name})
        validate_upload(upload)
    except ValidationError as exc:
        errors.extend(str(message) for message in exc.messages)


def open_offer(department: Department, kind: str) -> bool:
    return Offer.objects.filter(department=department, kind=kind, status=Offer.Status.OPEN).exists()


@dataclass
class NewRequest:
    """What the request form collects (codes and plain values; see forms.RequestForm)."""

    kind: str
    profession: str
    question: str
    target_groups: list[str]
    age_group: str
    patient_pc4: str
    waiting_since: date
    consent: bool
    tried: str = ""
    current_provider: str = ""
    urgency: str = "routine"
    birth_year: int | None = None
    concerns: list[str] = field(default_factory=list)
    department_id: int | None = None  # None: the bureau's desk routes it
    triage_result_id: int | None = None  # a triage result the referrer carries along (triage.handoff)


def submit_request(*, user, data: NewRequest, attachments=(), on: date | None = None) -> ConsultationRequest:
    """Store a new request (or refuse it with every problem at once: ``ValidationError``)."""
    if not permissions.may_submit(user):
        _audit(user, "create", "", outcome="denied")
        raise PermissionDenied
    on = on or today()
    errors: dict[str, list[str]] = {}
    area = PostcodeArea.objects.select_related("municipality").filter(code=data.patient_pc4).first()
    if area is None:
        errors.setdefault("patient_pc4", []).append(
            _("Postcode %(pc4)s bestaat niet. Vul de 4 cijfers in van de postcode van de patiënt.") % {"pc4": data.patient_pc4}
        )
    if data.waiting_since > on:
        errors.setdefault("waiting_since", []).append(_("‘Wacht sinds’ kan niet in de toekomst liggen."))
    if not data.consent:
        errors.setdefault("consent", []).append(_("Bevestig dat de patiënt ermee instemt dat u deze vraag deelt."))
    department = None
    if data.department_id is not None:
        department = Department.objects.filter(pk=data.department_id).first()
        if department is None or not open_offer(department, data.kind):
            errors.setdefault("department_id", []).append(
                _("Deze afdeling neemt deze soort vraag nu niet aan. Kies een andere afdeling of het bureau.")
            )
    groups = list(TargetGroup.objects.filter(code__in=data.target_groups))
    if not groups:
        errors.setdefault("target_groups", []).append(_("Kies minstens één doelgroep."))
    age_group = AgeGroup.objects.filter(code=data.age_group).first()
    if age_group is None:
        errors.setdefault("age_group", []).append(_("Kies een leeftijdsgroep."))
    elif data.birth_year is not None:
        age = on.year - data.birth_year
        if not (age_group.min_age - 1 <= age <= (age_group.max_age if age_group.max_age is not None else 130) + 1):
            errors.setdefault("birth_year", []).append(
                _("Geboortejaar %(year)s past niet bij de leeftijdsgroep %(group)s.") % {"year": data.birth_year, "group": age_group.label}
            )
    handoff = None
    if data.triage_result_id is not None:
        handoff = handoff_for(user, data.triage_result_id)
        if handoff is None:
            errors.setdefault("triage_result", []).append(
                _("Dit triageresultaat kunt u niet meesturen. Vul de vragenlijst zelf in, of verstuur de vraag zonder.")
            )
    file_errors: list[str] = []
    for upload in attachments:
        _check_pdf(upload, file_errors)
    if file_errors:
        errors["attachments"] = file_errors
    request = ConsultationRequest(
        reference=new_reference(),
        referrer=user,
        profession=data.profession,
        kind=data.kind,
        urgency=data.urgency,
        question=data.question,
        tried=data.tried,
        current_provider=data.current_provider,
        age_group=age_group,
        birth_year=data.birth_year,
        patient_pc4=data.patient_pc4,
        patient_region_id=area.municipality.zorgkantoor_region_id if area else None,
        consent=data.consent,
        waiting_since=data.waiting_since,
        department=department,
        triage_result_id=handoff.result_id if handoff else None,
        triage_summary=handoff.summary if handoff else "",
        status=Status.NEW if department else Status.AT_DESK,
        received_on=on,
    )
    try:
        request.full_clean(exclude=["age_group", "referrer", "department", "reference"] + list(errors))
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        request.save()
        request.target_groups.set(groups)
        request.concerns.set(ExclusionCriterion.objects.filter(code__in=data.concerns))
        event_data = {"department": department.pk if department else None, "request_kind": data.kind,
                      "waiting_since": data.waiting_since.isoformat(), "patient_pc4": data.patient_pc4}
        _append_event(request, "received", on, user, event_data, View.REFERRER)
        for upload in attachments:
            _store_attachment(request, upload, Attachment.Purpose.REQUEST, user)
        _refresh(request, on)
        _audit(user, "create", request.pk, on_behalf_of=_department_label(request.department_id),
               detail={"kind": data.kind, "attachments": len(attachments)})
    notifications.request_arrived(request)
    return request


def _store_attachment(request, upload, purpose, user) -> Attachment:
    token = secrets.token_hex(16)
    attachment = Attachment(request=request, purpose=purpose, token=token, name=(upload.name or "")[:200],
                            size=upload.size, uploaded_by=user)
    attachment.file.save(f"{token}.pdf", upload, save=False)
    attachment.save()
    return attachment


def _append_event(request, kind, on, user, data, role, note="") -> Event:
    return Event.objects.create(request=request, kind=kind, on=on, actor=user if getattr(user, "is_authenticated", False) else None,
                                actor_role=role, department_id=request.department_id, data=data, note=note)


def _refresh(request, on: date, cfg=None) -> lifecycle.CaseState:
    """Recompute the stored columns from the events (the rules decide)."""
    cfg = cfg or state.config()
    case = state.fold(request.reference, request.events.order_by("on", "pk"), cfg)
    values = state.column_values(state.columns(case, on, cfg))
    for name, value in values.items():
        setattr(request, name, value)
    ConsultationRequest.objects.filter(pk=request.pk).update(**values)
    return case


# ------------------------------------------------------------------ steps


def _claim(request_id, expected_version) -> int:
    updated = ConsultationRequest.objects.filter(pk=request_id, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if updated != 1:
        raise ConcurrentActionError(
            _("Iemand anders heeft deze vraag net bijgewerkt. Uw stap is niet opgeslagen; bekijk de vraag opnieuw.")
        )
    return expected_version + 1


STEP_LABELS = {
    "accepted": "accept", "declined": "decline", "forwarded": "forward", "info_asked": "ask_info",
    "info_given": "give_info", "answered": "answer", "treatment_started": "start_treatment", "routed": "route",
    "escalated": "escalate", "escalation_outcome": "escalation_outcome", "closed": "close",
}


def perform(*, user, request_id: int, expected_version: int, step: str, on: date | None = None,
            note: str = "", reason: str = "", department_id: int | None = None, outcome: str = "",
            helped: bool | None = None, referral_avoided: bool | None = None, attachment=None,
            trigger: str = "") -> ConsultationRequest:
    """Take one step on a request; see the module docstring. Refusals are audited."""
    request = (ConsultationRequest.objects.select_related("department").prefetch_related("escalations")
               .filter(pk=request_id).first())
    view = permissions.view_of(user, request) if request else None
    if view is None:
        _audit(user, "update", request_id, outcome="denied", detail={"step": step})
        raise PermissionDenied
    if not permissions.may_act(view, step):
        _audit(user, "update", request_id, outcome="denied", detail={"step": step})
        raise ActionRefused(_("Deze stap hoort niet bij uw rol."))
    on = on or today()
    errors = []
    try:
        refuse_bsn(note)
    except ValidationError as exc:
        errors.extend(exc.messages)
    if attachment is not None:
        _check_pdf(attachment, errors)
    data: dict = {}
    if step == "declined":
        data = {"reason": reason}
    elif step in ("forwarded", "routed"):
        target = Department.objects.filter(pk=department_id).first() if department_id else None
        if target is None:
            errors.append(_("Kies de afdeling."))
        elif target.pk == request.department_id:
            errors.append(_("De vraag ligt al bij deze afdeling."))
        elif not open_offer(target, request.kind):
            errors.append(_("%(name)s neemt deze soort vraag nu niet aan.") % {"name": target.name})
        data = {"department": department_id}
    elif step == "closed":
        data = {"outcome": outcome, "helped": helped, "referral_avoided": referral_avoided}
    elif step == "escalated":
        data = {"level": request.escalation_level + 1, "by": trigger or view}
    elif step == "escalation_outcome":
        data = {"outcome": outcome, "department": department_id}
        if outcome == "placed" and not department_id:
            errors.append(_("Kies de afdeling waar de cliënt geplaatst is."))
    if step == "answered" and not note.strip():
        errors.append(_("Schrijf het antwoord."))
    if step in ("info_asked", "info_given") and not note.strip():
        errors.append(_("Schrijf wat u vraagt of antwoordt."))
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            version = _claim(request_id, expected_version)
            case = state.fold(request.reference, request.events.order_by("on", "pk"))
            try:
                state.apply(case, request.reference, step, on, data)
            except lifecycle.TransitionRefused as exc:
                raise ActionRefused(_("Deze stap kan nu niet: %(why)s.") % {"why": exc.dutch}) from exc
            _append_event(request, step, on, user, data, view, note=note)
            _side_effects(request, step, on=on, user=user, note=note, outcome=outcome, helped=helped,
                          referral_avoided=referral_avoided, department_id=department_id, attachment=attachment,
                          trigger=data.get("by", ""))
            _refresh(request, on)
            request.version = version
            _audit(user, "update", request.pk, on_behalf_of=_department_label(request.department_id),
                   detail={"step": step, "version": version})
    except ConcurrentActionError:
        _audit(user, "update", request_id, outcome="failure", detail={"step": step, "reason": "concurrent_edit"})
        raise
    notifications.step_taken(request, step, actor=user)
    return request


def _side_effects(request, step, *, on, user, note, outcome, helped, referral_avoided, department_id, attachment, trigger):
    if step == "answered":
        request.answer = note
        ConsultationRequest.objects.filter(pk=request.pk).update(answer=note)
        if attachment is not None:
            _store_attachment(request, attachment, Attachment.Purpose.ANSWER, user)
    elif step == "closed":
        ConsultationRequest.objects.filter(pk=request.pk).update(outcome=outcome, helped=helped, referral_avoided=referral_avoided)
    elif step == "escalated":
        _enter_level(request, request.escalation_level + 1, on, trigger)
    elif step == "escalation_outcome":
        Escalation.objects.filter(request=request, left_on__isnull=True).update(
            left_on=on, outcome=outcome, advice=note, placed_at_id=department_id, recorded_by=user
        )
        if outcome == "placed" and request.status in (Status.AT_DESK, Status.DECLINED):
            # Placed by the ladder: the request goes to that department, its clocks start there.
            _append_event(request, "routed", on, user, {"department": department_id}, "coordinator")


def _enter_level(request, level: int, on: date, trigger: str) -> Escalation:
    Escalation.objects.filter(request=request, left_on__isnull=True).update(left_on=on)
    table = (RegionalTable.objects.filter(regions=request.patient_region_id).first()
             if request.patient_region_id else None)
    trigger = trigger if trigger in Escalation.Trigger.values else Escalation.Trigger.COORDINATOR
    return Escalation.objects.create(request=request, level=level, region_id=request.patient_region_id,
                                     table=table, trigger=trigger, entered_on=on)


def post_message(*, user, request_id: int, body: str, attachment=None) -> Message:
    request = ConsultationRequest.objects.prefetch_related("escalations").filter(pk=request_id).first()
    view = permissions.view_of(user, request) if request else None
    if not permissions.may_act(view, "message") or request.content_removed:
        _audit(user, "create", request_id, outcome="denied", detail={"what": "message"})
        raise PermissionDenied
    errors = []
    if not body.strip():
        errors.append(_("Schrijf een bericht."))
    try:
        refuse_bsn(body)
    except ValidationError as exc:
        errors.extend(exc.messages)
    if attachment is not None:
        _check_pdf(attachment, errors)
    if errors:
        raise ValidationError(errors)
    side = {View.REFERRER: Message.Side.REFERRER, View.DEPARTMENT: Message.Side.DEPARTMENT}.get(view, Message.Side.DESK)
    with transaction.atomic():
        message = Message.objects.create(request=request, author=user, side=side, body=body.strip())
        if attachment is not None:
            _store_attachment(request, attachment, Attachment.Purpose.MESSAGE, user)
        _audit(user, "create", request.pk, on_behalf_of=_department_label(request.department_id),
               detail={"what": "message"})
    notifications.message_posted(request, side)
    return message


# ------------------------------------------------------------------ scheduled work


@dataclass
class TickReport:
    checked: int = 0
    reminded: int = 0
    overdue: int = 0
    escalated: int = 0


def tick(*, on: date | None = None) -> TickReport:
    """Recompute clocks of open requests, remind before deadlines, escalate stuck cases. Idempotent:
    a reminder is sent once per deadline (the event log remembers it), an escalation once per level."""
    on = on or today()
    report = TickReport()
    cfg = state.config()
    for request in ConsultationRequest.objects.open().exclude(status=Status.ANSWERED).iterator(chunk_size=500):
        report.checked += 1
        with transaction.atomic():
            case = _refresh(request, on, cfg)
            if request.overdue:
                report.overdue += 1
            triage, answer = state.clock_results(case, on, cfg)
            for name, result in (("triage", triage), ("answer", answer)):
                if result is not None and result.remind and request.reminded.get(name) != result.due_on.isoformat():
                    request.reminded[name] = result.due_on.isoformat()
                    ConsultationRequest.objects.filter(pk=request.pk).update(reminded=request.reminded)
                    notifications.deadline_near(request, name, result.due_on)
                    report.reminded += 1
            if lifecycle.escalation_due(case, on, cfg):
                _append_event(request, "escalated", on, None, {"level": 1, "by": "auto"}, "system")
                _enter_level(request, 1, on, Escalation.Trigger.AUTO)
                _refresh(request, on, cfg)
                report.escalated += 1
                _audit(None, "update", request.pk, detail={"step": "escalated", "by": "auto"})
    return report


def remove_expired_content(*, on: date | None = None, months: int | None = None) -> int:
    """Remove the content of requests closed more than ``months`` ago; keep the anonymised figures."""
    on = on or today()
    months = settings.CONSULTATION_RETENTION_MONTHS if months is None else months
    limit = on - relativedelta(months=months)
    expired = list(
        ConsultationRequest.objects.filter(closed_on__lte=limit, content_removed_on__isnull=True).values_list("pk", flat=True)
    )
    for start in range(0, len(expired), 500):
        ids = expired[start:start + 500]
        with transaction.atomic():
            for attachment in Attachment.objects.filter(request_id__in=ids):
                attachment.file.delete(save=False)
            Attachment.objects.filter(request_id__in=ids).delete()
            Message.objects.filter(request_id__in=ids).delete()
            Event.objects.filter(request_id__in=ids).update(note="")
            Escalation.objects.filter(request_id__in=ids).update(advice="")
            ConsultationRequest.objects.filter(pk__in=ids).update(
                question="", tried="", current_provider="", answer="", content_removed_on=on
            )
    if expired:
        record(action="delete", object_type=OBJECT_TYPE, object_id="retention",
               detail={"requests": len(expired), "closed_before": limit.isoformat()})
    return len(expired)
