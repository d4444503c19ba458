"""Reads at the desk: the lists and the case page, each in a fixed number of queries, and the one
read-audit helper.

Every page that shows requests goes through here, and every read of request content is written
to the audit log by ``audit_read`` (NEN 7513: who, which request, on whose behalf). A list page
records one entry naming the requests it shows, so its query count does not grow with its rows.
What a viewer may see is decided by ``permissions.view_of``; this module loads only what that
view shows (coordinators never get messages or attachments loaded, and the page never shows them the
referrer).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q

from audit.models import Action
from audit.services import record
from register.models import Department, Offer

from . import figures, permissions
from .models import Attachment, ConsultationRequest, Escalation, Event, Message, Status
from .permissions import OBJECT_TYPE
from .rules import escalation as escalation_rules
from .rules.calendar import dutch_calendar
from .rules import waiting as waiting_rules

PER_PAGE = 25
TRIAGE_WARNING_DAYS = 2  # "triage due": the triage due date is at most this many working days away, or past


# ------------------------------------------------------------------ audit


def on_behalf_of(department_id) -> str:
    """The audit log's "on whose behalf": the department holding the request, or the bureau's desk."""
    return f"register.department:{department_id}" if department_id else "consultation.desk"


def audit_read(user, *, request_id="", department_id=None, detail=None) -> None:
    """Record that ``user`` read request content (one request, or a list of them in ``detail``)."""
    record(
        action=Action.READ,
        actor=user,
        object_type=OBJECT_TYPE,
        object_id="" if request_id is None else str(request_id),
        on_behalf_of=on_behalf_of(department_id),
        detail=detail,
    )


def audit_list_read(user, what: str, rows, *, department_id=None) -> None:
    audit_read(user, department_id=department_id, detail={"list": what, "requests": [row.pk for row in rows]})


# ------------------------------------------------------------------ waiting time and levels


@dataclass(frozen=True)
class Waiting:
    days: int
    weeks: float
    over_norm: bool
    norm_weeks: int = waiting_rules.NORM_WEEKS


def waiting(request, today: date) -> Waiting:
    """Waiting time from ``waiting_since`` to the start of treatment (or the close, or today) against the norm."""
    until = waiting_rules.waiting_until(request.treatment_started_on, request.closed_on, today)
    days = waiting_rules.waiting_days(request.waiting_since, until)
    return Waiting(days=days, weeks=waiting_rules.waiting_weeks(days), over_norm=waiting_rules.over_norm(days))


@dataclass
class LevelStay:
    escalation: Escalation
    days: int
    open: bool


def level_stays(escalations, today: date) -> list[LevelStay]:
    """Each stay on the ladder with its days (calendar days from entering to leaving, or to today)."""
    rows = sorted(escalations, key=lambda e: (e.entered_on, e.pk))
    entries = [escalation_rules.EscalationEntry(level=e.level, entered_on=e.entered_on, left_on=e.left_on) for e in rows]
    days = escalation_rules.days_in_levels(entries, today)
    return [LevelStay(escalation=e, days=d.days, open=d.open) for e, d in zip(rows, days, strict=True)]


# ------------------------------------------------------------------ lists


def _list_queryset():
    return ConsultationRequest.objects.select_related("age_group", "department", "patient_region").prefetch_related(
        "target_groups"
    )


@dataclass
class Row:
    request: ConsultationRequest
    waiting: Waiting


def _page(queryset, number, today: date):
    paginator = Paginator(queryset, PER_PAGE)
    page = paginator.get_page(number)
    page.rows = [Row(request=r, waiting=waiting(r, today)) for r in page.object_list]
    return page


def referrer_requests(user, *, page=1, today: date):
    """The requests ``user`` submitted, newest first."""
    queryset = _list_queryset().filter(referrer=user).order_by("-received_on", "-pk")
    result = _page(queryset, page, today)
    audit_list_read(user, "mine", result.object_list)
    return result


# The inbox's sections: key (URL value) -> (filter, order).
DEPARTMENT_SECTIONS = ("nieuw", "triage", "bezig", "wacht", "beantwoord", "gesloten")
DESK_SECTIONS = ("bureau", "afgewezen", "opgeschaald")


def triage_limit(today: date) -> date:
    """The last triage due date that counts as "triage due" today."""
    return dutch_calendar().add_working_days(today, TRIAGE_WARNING_DAYS)


def _section_filters(today: date) -> dict[str, Q]:
    return {
        "nieuw": Q(status=Status.NEW),
        "triage": Q(status=Status.NEW, triage_due_on__lte=triage_limit(today)),
        "bezig": Q(status=Status.IN_PROGRESS),
        "wacht": Q(status=Status.WAITING_INFO),
        "beantwoord": Q(status=Status.ANSWERED),
        "gesloten": Q(status__in=[Status.CLOSED, Status.DECLINED]),
        "bureau": Q(status=Status.AT_DESK),
        "afgewezen": Q(status=Status.DECLINED),
        "opgeschaald": Q(escalation_level__gt=0) & ~Q(status=Status.CLOSED),
    }


SECTION_ORDER = {
    "nieuw": ("triage_due_on", "received_on", "pk"),
    "triage": ("triage_due_on", "received_on", "pk"),
    "bezig": ("answer_due_on", "received_on", "pk"),
    "wacht": ("received_on", "pk"),
    "beantwoord": ("-answered_on", "-pk"),
    "gesloten": ("-closed_on", "-received_on", "-pk"),
    "bureau": ("received_on", "pk"),
    "afgewezen": ("received_on", "pk"),
    "opgeschaald": ("-escalation_level", "received_on", "pk"),
}


@dataclass
class Inbox:
    scope: str  # "department" or "desk"
    section: str
    sections: list[tuple[str, int]]  # (key, count)
    page: object
    departments: list = field(default_factory=list)  # the departments the filter offers
    department: Department | None = None  # the one chosen
    answered: tuple[str, int, int] | None = None  # (kind, year, quarter): only the requests behind a dossier figure

    @property
    def answered_kind(self) -> str:
        from .models import Kind

        return str(Kind(self.answered[0]).label) if self.answered else ""


def inbox_departments(user) -> list[Department]:
    """The departments whose inbox ``user`` reads (none for the bureau: it filters by URL only)."""
    if permissions.is_department_staff(user):
        return list(Department.objects.filter(pk__in=user.department_ids()).order_by("name").only("pk", "name", "slug"))
    return []


def inbox(user, *, scope: str, section: str, department_id: int | None, page=1, today: date,
          answered: tuple[str, int, int] | None = None) -> Inbox:
    """One page of a department inbox (scope "department") or of the bureau's desk (scope "desk").

    The caller checks that ``user`` may read this scope; ``department_id`` must be one of
    ``inbox_departments(user)`` (or any, for the bureau) — otherwise it is ignored.
    """
    filters = _section_filters(today)
    keys = DESK_SECTIONS if scope == "desk" else DEPARTMENT_SECTIONS
    if section not in keys:
        section = keys[0]
    base = ConsultationRequest.objects.all()
    departments = []
    chosen = None
    if scope == "department":
        departments = inbox_departments(user)
        if permissions.is_desk(user):
            base = base.filter(department__isnull=False)
            if department_id:
                chosen = Department.objects.filter(pk=department_id).only("pk", "name", "slug").first()
        else:
            chosen = next((d for d in departments if d.pk == department_id), None)
        if chosen is not None:
            base = base.filter(department_id=chosen.pk)
            if answered is not None:  # the requests a criterion-3 figure counts (consultation.figures)
                base = base.filter(pk__in=figures.answered_in_quarter(chosen.pk, *answered).values("pk"))
        elif not permissions.is_desk(user):
            base = base.filter(department_id__in=[d.pk for d in departments])
    counts = base.aggregate(**{key: Count("pk", filter=filters[key]) for key in keys})
    queryset = _list_queryset().filter(pk__in=base.filter(filters[section]).values("pk")).order_by(*SECTION_ORDER[section])
    result = _page(queryset, page, today)
    audit_list_read(user, f"{scope}:{section}", result.object_list, department_id=chosen.pk if chosen else None)
    return Inbox(scope=scope, section=section, sections=[(key, counts[key]) for key in keys], page=result,
                 departments=departments, department=chosen, answered=answered if chosen is not None else None)


@dataclass
class EscalatedRow:
    escalation: Escalation
    days: int
    waiting: Waiting


def coordinator_cases(user, *, current: bool = True, page=1, today: date):
    """The stays on the ladder that ``user``'s seats cover: open ones (``current``) or earlier ones."""
    queryset = (
        Escalation.objects.filter(permissions.seat_filter(user), left_on__isnull=current)
        .select_related("request", "request__age_group", "request__patient_region", "region", "table")
        .prefetch_related("request__target_groups")
        .order_by(*(("entered_on", "pk") if current else ("-left_on", "-pk")))
    )
    paginator = Paginator(queryset, PER_PAGE)
    result = paginator.get_page(page)
    result.rows = [
        EscalatedRow(escalation=e, days=((e.left_on or today) - e.entered_on).days, waiting=waiting(e.request, today))
        for e in result.object_list
    ]
    audit_read(user, detail={"list": "escalations" if current else "escalations:earlier",
                             "requests": [e.request_id for e in result.object_list]})
    return result


# ------------------------------------------------------------------ one request


def request_by_reference(reference: str) -> ConsultationRequest | None:
    """The request with what deciding the view needs (its escalations), or None."""
    return (
        ConsultationRequest.objects.select_related("department", "age_group", "patient_region", "referrer")
        .prefetch_related(Prefetch("escalations", queryset=Escalation.objects.select_related("table", "region", "placed_at")))
        .filter(reference=reference)
        .first()
    )


def load_content(request: ConsultationRequest, view: str) -> None:
    """Fetch what ``view`` shows of the request (a fixed number of queries, whatever its size)."""
    from django.db.models import prefetch_related_objects

    lookups = [
        "target_groups",
        "concerns",
        Prefetch("events", queryset=Event.objects.order_by("on", "pk")),
    ]
    if permissions.sees_content(view):
        lookups += [
            Prefetch("messages", queryset=Message.objects.select_related("author").order_by("created_at", "pk")),
            Prefetch("attachments", queryset=Attachment.objects.order_by("created_at", "pk")),
        ]
    prefetch_related_objects([request], *lookups)


def department_names(ids) -> dict[int, str]:
    ids = {int(i) for i in ids if i}
    return dict(Department.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def departments_open_for(kind: str, *, exclude=()):
    """Departments with an open offer of ``kind`` (what a forward or a routing may choose), by name."""
    return list(
        Department.objects.filter(offers__kind=kind, offers__status=Offer.Status.OPEN)
        .exclude(pk__in=[pk for pk in exclude if pk])
        .distinct()
        .order_by("name")
        .only("pk", "name")
    )


def all_departments():
    return list(Department.objects.order_by("name").only("pk", "name"))


def department_inbox_rows(department_id: int, *, section: str, page=1, today: date):
    """One page of a department's inbox list, as its inbox page shows it, for a caller that is not a
    user (an API token of the department, api.tokens): (section, [(key, count)], page with rows).
    The caller checks the right to read it and audits the read (no audit entry is written here)."""
    filters = _section_filters(today)
    if section not in DEPARTMENT_SECTIONS:
        section = DEPARTMENT_SECTIONS[0]
    base = ConsultationRequest.objects.filter(department_id=department_id)
    counts = base.aggregate(**{key: Count("pk", filter=filters[key]) for key in DEPARTMENT_SECTIONS})
    queryset = _list_queryset().filter(pk__in=base.filter(filters[section]).values("pk")).order_by(*SECTION_ORDER[section])
    return section, [(key, counts[key]) for key in DEPARTMENT_SECTIONS], _page(queryset, page, today)
