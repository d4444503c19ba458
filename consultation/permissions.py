"""Who may see and do what at the desk: one answer for pages, services and the admin.

Least privilege, per role and per department (ARCHITECTURE.md, "Users and roles"):

- a referrer sees only the requests they submitted;
- department staff (editor, manager) see only requests addressed to one of their departments
  now (a request forwarded elsewhere leaves their inbox and their sight);
- the bureau (bureau admin) keeps the desk: it routes requests addressed to it and may open any;
- a regional coordinator sees only the anonymised escalated cases of its seat: level 1 its
  zorgkantoor region, level 2 its table's regions, levels 3 and 4 the whole country, and only
  cases that reached that level.

Refusals go through ``accounts.permissions.deny`` (404, audited).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from accounts.roles import DEPARTMENT_ROLES, Role, sees_all_departments

OBJECT_TYPE = "consultation.request"


class View:
    """How a user sees a request: which parts are shown."""

    REFERRER = "referrer"
    DEPARTMENT = "department"
    DESK = "desk"
    COORDINATOR = "coordinator"  # anonymised: no referrer, provider, messages or attachments


@dataclass(frozen=True)
class Seat:
    level: int
    region_id: str | None
    table_id: int | None


def is_desk(user) -> bool:
    return user.is_authenticated and sees_all_departments(user.role, user.is_superuser)


def is_department_staff(user) -> bool:
    return user.is_authenticated and user.role in DEPARTMENT_ROLES


def is_coordinator(user) -> bool:
    return user.is_authenticated and user.role == Role.REGIONAL_COORDINATOR


def may_submit(user) -> bool:
    """Referrers ask; department staff may ask another department too (they are professionals)."""
    return user.is_authenticated and (user.role == Role.REFERRER or is_department_staff(user) or is_desk(user))


def seats(user) -> list[Seat]:
    if not is_coordinator(user):
        return []
    if not hasattr(user, "_coordinator_seats"):
        user._coordinator_seats = [
            Seat(level, region_id, table_id)
            for level, region_id, table_id in user.coordinator_seats.values_list("level", "region_id", "table_id")
        ]
    return user._coordinator_seats


def seat_filter(user) -> Q:
    """The escalations a coordinator may see (a filter on ``Escalation``); nothing without a seat."""
    condition = Q(pk__in=[])
    for seat in seats(user):
        if seat.level == 1:
            condition |= Q(level=1, region_id=seat.region_id)
        elif seat.level == 2:
            condition |= Q(level=2, table_id=seat.table_id)
        else:
            condition |= Q(level=seat.level)
    return condition


def view_of(user, request) -> str | None:
    """How ``user`` may see ``request`` (a ConsultationRequest), or None when not at all.

    Coordinators need ``request.escalations`` (prefetched by the selector) to decide.
    """
    if not user.is_authenticated:
        return None
    if request.referrer_id == user.pk:
        return View.REFERRER
    if is_desk(user):
        return View.DESK
    if is_department_staff(user) and request.department_id in user.department_ids():
        return View.DEPARTMENT
    if is_coordinator(user) and any(_seat_sees(seat, escalation) for seat in seats(user)
                                    for escalation in request.escalations.all()):
        return View.COORDINATOR
    return None


def _seat_sees(seat: Seat, escalation) -> bool:
    if seat.level != escalation.level:
        return False
    if seat.level == 1:
        return seat.region_id == escalation.region_id
    if seat.level == 2:
        return seat.table_id == escalation.table_id
    return True


# What each view may do (the rules' allowed events narrow it further by status).
DEPARTMENT_ACTIONS = frozenset(
    {"accepted", "declined", "forwarded", "info_asked", "answered", "treatment_started", "escalated", "message"}
)
REFERRER_ACTIONS = frozenset({"info_given", "routed", "escalated", "closed", "message"})
DESK_ACTIONS = frozenset({"routed", "escalated", "closed", "message"})
COORDINATOR_ACTIONS = frozenset({"escalation_outcome", "escalated"})

ACTIONS = {
    View.REFERRER: REFERRER_ACTIONS,
    View.DEPARTMENT: DEPARTMENT_ACTIONS,
    View.DESK: DESK_ACTIONS,
    View.COORDINATOR: COORDINATOR_ACTIONS,
}


def may_act(view: str | None, action: str) -> bool:
    return view is not None and action in ACTIONS.get(view, frozenset())


def sees_content(view: str | None) -> bool:
    """Messages, attachments, the answer, the referrer and the provider: not for coordinators."""
    return view in (View.REFERRER, View.DEPARTMENT, View.DESK)
