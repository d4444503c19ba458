"""A request's life as a pure state machine, shared by the web app and the replay.

``apply(state, event, config)`` returns the new ``CaseState`` or raises
``TransitionRefused``; nothing is changed in place. The first event of every
request is ``received`` (``apply(None, received_event, config)``).

Statuses:

- ``at_desk``: addressed to the bureau's desk, no department yet;
- ``new``: received by a department, triage decision pending;
- ``in_progress``: accepted;
- ``waiting_info``: information asked of the referrer (the clocks stand still);
- ``answered``, ``declined``, ``closed``.

Events and what they do:

==================== ================================ ==========================
event                allowed in                        becomes
==================== ================================ ==========================
received             (first event)                     new, or at_desk without a department
routed               at_desk, declined                 new at the department named
info_asked           new, in_progress                  waiting_info
info_given           waiting_info                      the status before
accepted             new                               in_progress
declined             new, in_progress                  declined (the department lets go)
forwarded            new, in_progress                  new at another department
answered             new, in_progress                  answered
treatment_started    in_progress (once)                in_progress
escalated            any but closed                    (unchanged)
escalation_outcome   any but closed, a level open      (unchanged)
closed               any but closed                    closed
==================== ================================ ==========================

Clocks: every time a department receives the request (received with a
department, routed, forwarded) an *assignment* starts, with its own triage and
answer clocks from that day (``config.clocks`` per kind). The triage clock
stops at the triage decision (accepted, declined, forwarded or answered), the
answer clock when the request is answered. When an assignment ends without
them (declined, forwarded, closed) a clock still running stops on that day and
counts as run out if its due date had passed. Finished assignments keep their
clock results in ``clock_history``, so "a clock ran out twice" can be counted
across departments (each clock counts once: a late triage and a late answer
are two).

Waiting time: ``waiting_since`` is set on receipt and carried over unchanged
on every forward and routing.

The escalation ladder: ``escalated`` enters a level higher than the case's
current ladder level (the highest level entered since the last ``placed``
outcome); entering a level leaves the one that was open. ``escalation_outcome``
leaves the open level with an outcome; ``placed`` ends the ladder (a later
escalation starts again from level 1 upward). Closing the case leaves an open
level on the closing day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from .clocks import ANSWER, TRIAGE, ClockResult, Pause, clock_length, clock_result
from .config import DeskConfig
from .escalation import ESCALATED_BY, OUTCOMES, TOP, EscalationEntry, auto_escalation_due

KINDS = ("consultation", "second_opinion", "co_treatment", "remote_supervision", "treatment")

AT_DESK, NEW, IN_PROGRESS, WAITING_INFO = "at_desk", "new", "in_progress", "waiting_info"
ANSWERED, DECLINED, CLOSED = "answered", "declined", "closed"
STATUSES = (AT_DESK, NEW, IN_PROGRESS, WAITING_INFO, ANSWERED, DECLINED, CLOSED)
ASSIGNED = (NEW, IN_PROGRESS, WAITING_INFO, ANSWERED)  # a department holds the request

EVENT_KINDS = (
    "received",
    "routed",
    "info_asked",
    "info_given",
    "accepted",
    "declined",
    "forwarded",
    "answered",
    "treatment_started",
    "escalated",
    "escalation_outcome",
    "closed",
)

DECLINE_REASONS = ("exclusion_criterion", "outside_target_group", "registration_pause", "not_high_specialist", "other")
CLOSE_OUTCOMES = ("helped", "not_helped", "withdrawn", "referred", "other")

OPEN = (AT_DESK, NEW, IN_PROGRESS, WAITING_INFO, ANSWERED, DECLINED)

# Which statuses each event may follow ("received" only starts a request).
_FROM: dict[str, tuple[str, ...]] = {
    "routed": (AT_DESK, DECLINED),
    "info_asked": (NEW, IN_PROGRESS),
    "info_given": (WAITING_INFO,),
    "accepted": (NEW,),
    "declined": (NEW, IN_PROGRESS),
    "forwarded": (NEW, IN_PROGRESS),
    "answered": (NEW, IN_PROGRESS),
    "treatment_started": (IN_PROGRESS,),
    "escalated": OPEN,
    "escalation_outcome": OPEN,
    "closed": OPEN,
}


class TransitionRefused(Exception):
    """An event that cannot happen to the request as it is.

    ``code`` is stable and language-free (the app and the replay turn it into
    their own text, see ``MESSAGES_NL``); ``params`` fills the message;
    ``str(exc)`` is English.
    """

    def __init__(self, code: str, message: str, **params: Any):
        self.code = code
        self.message = message
        self.params = params
        super().__init__(message)

    @property
    def dutch(self) -> str:
        return MESSAGES_NL[self.code].format(**self.params)


MESSAGES_NL = {
    "not_received": "het verzoek is nog niet ontvangen (de eerste gebeurtenis moet 'received' zijn)",
    "already_received": "het verzoek is al ontvangen",
    "not_allowed": "'{event}' kan niet bij status '{status}'",
    "before_previous": "datum {on} ligt vóór de vorige gebeurtenis ({previous})",
    "unknown_kind": "onbekende soort verzoek {kind!r}",
    "unknown_event": "onbekende gebeurtenis {event!r}",
    "department_required": "'{event}' noemt geen afdeling",
    "same_department": "doorsturen naar dezelfde afdeling ({department}) kan niet",
    "waiting_since_after_receipt": "wachtend sinds {waiting_since} ligt na de ontvangst ({on})",
    "unknown_reason": "onbekende reden {reason!r}",
    "unknown_outcome": "onbekende uitkomst {outcome!r}",
    "treatment_already_started": "de behandeling is al gestart op {started_on}",
    "bad_level": "niveau {level} kan niet: de zaak staat op niveau {current}; kies een hoger niveau (tot en met 4)",
    "unknown_escalated_by": "onbekende aanvrager van de escalatie {by!r}",
    "no_open_level": "er is geen open escalatieniveau om een uitkomst bij vast te leggen",
}


@dataclass(frozen=True)
class Event:
    """Something that happened to request ``request`` on ``on``; ``data`` holds the event's own fields.

    The fields are those of the event log's JSON Schema (``request_kind``,
    ``department``, ``waiting_since``, ``patient_pc4``, ``reason``,
    ``suggestion``, ``level``, ``by``, ``outcome``, ``helped``,
    ``referral_avoided``), with dates as ``datetime.date``.
    """

    request: str
    on: date
    kind: str
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Decline:
    department: str
    on: date
    reason: str
    suggestion: str | None = None


@dataclass(frozen=True)
class Forward:
    from_department: str
    to_department: str
    on: date


@dataclass(frozen=True)
class AssignmentClocks:
    """An assignment: the department, when it received and let go (None: it still holds it), its clocks."""

    department: str
    received_on: date
    ended_on: date | None
    ended_by: str | None  # the event that ended it: declined, forwarded or closed
    triage: ClockResult | None
    answer: ClockResult | None
    triaged_on: date | None = None  # the triage decision (None: the assignment ended without one)
    answered_on: date | None = None  # the answer (None: the assignment ended without one)


@dataclass(frozen=True)
class CaseState:
    request: str
    kind: str
    status: str
    received_on: date | None  # receipt by the current department (None at the desk or after a decline)
    first_received_on: date
    last_event_on: date
    department: str | None = None
    via_desk: bool = False  # first addressed to the bureau's desk
    status_before_info: str | None = None
    waiting_since: date | None = None
    patient_pc4: str | None = None
    pauses: tuple[Pause, ...] = ()  # of the current assignment
    triage_done_on: date | None = None  # of the current assignment
    answered_on: date | None = None
    answered_by: str | None = None
    declines: tuple[Decline, ...] = ()
    forwards: tuple[Forward, ...] = ()
    clock_history: tuple[AssignmentClocks, ...] = ()
    escalations: tuple[EscalationEntry, ...] = ()
    treatment_started_on: date | None = None
    closed_on: date | None = None
    outcome: str | None = None
    helped: bool | None = None
    referral_avoided: bool | None = None

    @property
    def has_assignment(self) -> bool:
        return self.received_on is not None and self.department is not None

    @property
    def open_escalation(self) -> EscalationEntry | None:
        return next((e for e in reversed(self.escalations) if e.is_open), None)

    @property
    def ladder_level(self) -> int:
        """The highest level entered since the last 'placed' outcome (0: not on the ladder)."""
        level = 0
        for entry in self.escalations:
            level = max(level, entry.level)
            if entry.outcome == "placed":
                level = 0
        return level

    @property
    def declined_by(self) -> set[str]:
        return {d.department for d in self.declines}


# ------------------------------------------------------------------ clocks


def _clock(state: CaseState, name: str, done_on: date | None, today: date, config: DeskConfig) -> ClockResult | None:
    days = clock_length(config.clocks, state.kind, name)
    if days is None or state.received_on is None:
        return None
    return clock_result(
        state.received_on, days, state.pauses, done_on, today, config.calendar, remind_before=config.remind_before
    )


def current_clocks(state: CaseState, today: date, config: DeskConfig) -> tuple[ClockResult | None, ClockResult | None]:
    """(triage, answer) clocks of the department holding the request now; (None, None) when none does."""
    if not state.has_assignment or state.status == CLOSED:
        return None, None
    answer_done = state.answered_on if state.answered_by == state.department else None
    return (
        _clock(state, TRIAGE, state.triage_done_on, today, config),
        _clock(state, ANSWER, answer_done, today, config),
    )


def all_clocks(state: CaseState, today: date, config: DeskConfig) -> list[AssignmentClocks]:
    """Every assignment's clocks in order: the finished ones, then the current one (``ended_on`` None)."""
    rows = list(state.clock_history)
    if state.has_assignment and state.status != CLOSED:
        triage, answer = current_clocks(state, today, config)
        answered_on = state.answered_on if state.answered_by == state.department else None
        rows.append(
            AssignmentClocks(
                state.department, state.received_on, None, None, triage, answer, state.triage_done_on, answered_on
            )
        )
    return rows


def _since_last_placement(state: CaseState) -> date | None:
    """The day the ladder last ended with a placement (what happened before no longer counts)."""
    placed = [e.left_on for e in state.escalations if e.outcome == "placed"]
    return max(placed) if placed else None


def clocks_expired(state: CaseState, today: date, config: DeskConfig, since: date | None = None) -> int:
    """How many clocks ran out (stopped after their due date, or running and past it today).

    With ``since``, only clocks of assignments received on or after that day count.
    """
    assignments = [a for a in all_clocks(state, today, config) if since is None or a.received_on >= since]
    return sum(1 for a in assignments for c in (a.triage, a.answer) if c is not None and c.overdue)


def declines_counted(state: CaseState, since: date | None = None) -> int:
    """How many departments declined the request (on or after ``since``, when given)."""
    return len({d.department for d in state.declines if since is None or d.on >= since})


def escalation_due(state: CaseState, today: date, config: DeskConfig) -> bool:
    """The case should enter level 1 by itself.

    It is open and not on the ladder, and since the last placement (or ever)
    ``config.decline_limit`` departments declined it or ``config.expired_limit``
    clocks ran out. Higher levels are entered when someone asks.
    """
    if state.status == CLOSED or state.ladder_level > 0:
        return False
    since = _since_last_placement(state)
    return auto_escalation_due(
        declines_counted(state, since),
        clocks_expired(state, today, config, since),
        decline_limit=config.decline_limit,
        expired_limit=config.expired_limit,
    )


def _end_assignment(state: CaseState, on: date, ended_by: str, config: DeskConfig) -> CaseState:
    """Stop the current assignment's clocks on ``on`` and file them in the history."""
    if not state.has_assignment:
        return state
    answer_done = state.answered_on if state.answered_by == state.department else None
    finished = AssignmentClocks(
        department=state.department,
        received_on=state.received_on,
        ended_on=on,
        ended_by=ended_by,
        triage=_clock(state, TRIAGE, state.triage_done_on or on, on, config),
        answer=_clock(state, ANSWER, answer_done or on, on, config),
        triaged_on=state.triage_done_on,
        answered_on=answer_done,
    )
    return replace(
        state,
        clock_history=(*state.clock_history, finished),
        received_on=None,
        pauses=(),
        triage_done_on=None,
    )


def _start_assignment(state: CaseState, department: str, on: date) -> CaseState:
    return replace(
        state, status=NEW, department=department, received_on=on, pauses=(), triage_done_on=None, status_before_info=None
    )


def _triage_done(state: CaseState, on: date) -> CaseState:
    return state if state.triage_done_on is not None else replace(state, triage_done_on=on)


# ------------------------------------------------------------------ events


def _department(event: Event) -> str:
    department = event.data.get("department")
    if not department:
        raise TransitionRefused("department_required", f"'{event.kind}' names no department", event=event.kind)
    return department


def _received(event: Event, config: DeskConfig) -> CaseState:
    data = event.data
    kind = data.get("request_kind")
    if kind not in KINDS:
        raise TransitionRefused("unknown_kind", f"unknown kind of request {kind!r}", kind=kind)
    waiting_since = data.get("waiting_since")
    if waiting_since is not None and waiting_since > event.on:
        raise TransitionRefused(
            "waiting_since_after_receipt",
            f"waiting since {waiting_since} is after the receipt ({event.on})",
            waiting_since=waiting_since.isoformat(),
            on=event.on.isoformat(),
        )
    department = data.get("department") or None
    state = CaseState(
        request=event.request,
        kind=kind,
        status=AT_DESK,
        received_on=None,
        first_received_on=event.on,
        last_event_on=event.on,
        waiting_since=waiting_since,
        patient_pc4=data.get("patient_pc4"),
        via_desk=department is None,
    )
    return _start_assignment(state, department, event.on) if department else state


def apply(state: CaseState | None, event: Event, config: DeskConfig) -> CaseState:
    """The request after ``event``; raises ``TransitionRefused`` when the event cannot happen now."""
    if event.kind not in EVENT_KINDS:
        raise TransitionRefused("unknown_event", f"unknown event {event.kind!r}", event=event.kind)
    if state is None:
        if event.kind != "received":
            raise TransitionRefused("not_received", "the request has not been received (the first event must be 'received')")
        return _received(event, config)
    if event.kind == "received":
        raise TransitionRefused("already_received", "the request was already received")
    if state.status not in _FROM[event.kind]:
        raise TransitionRefused(
            "not_allowed", f"'{event.kind}' is not possible in status '{state.status}'", event=event.kind, status=state.status
        )
    if event.on < state.last_event_on:
        raise TransitionRefused(
            "before_previous",
            f"{event.on} is before the previous event ({state.last_event_on})",
            on=event.on.isoformat(),
            previous=state.last_event_on.isoformat(),
        )
    new = _HANDLERS[event.kind](state, event, config)
    return replace(new, last_event_on=event.on)


def _routed(state: CaseState, event: Event, config: DeskConfig) -> CaseState:
    return _start_assignment(state, _department(event), event.on)


def _info_asked(state: CaseState, event: Event, config: DeskConfig) -> CaseState:
    return replace(
        state,
        status=WAITING_INFO,
        status_before_info=state.status,
        pauses=(*state.pauses, Pause(event.on, None)),
    )


def _info_given(state: CaseState, event: Event, config: DeskConfig) -> CaseState:
    *earlier, last = state.pauses
    return replace(
        state,
        status=state.status_before_info,
        status_before_info=None,
        pauses=(*earlier, Pause(last.asked_on, event.on)),
    )


def _accepted(state: CaseState, event: Event, config: DeskConfig) -> CaseState:
    return replace(_triage_done(state, event.on), status=IN_PROGRESS)


def _declined(state: CaseState, event: Event, config: DeskConfig) -> CaseState:
    reason = event.data.get("reason")
    if reason not in DECLINE_REASONS:
        raise TransitionRefused("unknown_reason", f"unknown reason {reason!r}", reason=reason)
    decline = Decline(state.department, event.on, reason, event.data.get("suggestion"))
    state = _end_assignment(_triage_done(state, event.on), event.on, "declined", config)
    return replace(state, status=DECLINED, department=None, declines=(*state.declines, decline))


def _forwarded(state: CaseState, event: Event, config: DeskConfig) -> CaseState:
    to = _department(event)
    if to == state.department:
        raise TransitionRefused(
            "same_department", f"cannot forward to the same department ({to})", department=to
        )
    forward = Forward(state.department, to, event.on)
    state = _end_assignment(_triage_done(state, event.on), event.on, "forwarded", config)
    return replace(_start_assignment(state, to, event.on), forwards=(*state.forwards, forward))


def _answered(state: CaseState, event: Event, config: DeskConfig) -> CaseState:
    return replace(
        _triage_done(state, event.on), status=ANSWERED, answered_on=event.on, answered_by=state.department
    )


def _treatment_started(state: CaseState, event: Event, config: DeskConfig) -> CaseState:
    if state.treatment_started_on is not None:
        raise TransitionRefused(
            "treatment_already_started",
            f"treatment already started on {state.treatment_started_on}",
            started_on=state.treatment_started_on.isoformat(),
        )
    return replace(state, treatment_started_on=event.on)


def _leave_open_level(state: CaseState, on: date, outcome: str | None = None, placed_at: str | None = None):
    entries = tuple(
        replace(e, left_on=on, outcome=outcome, placed_at=placed_at) if e.is_open else e for e in state.escalations
    )
    return replace(state, escalations=entries)


def _escalated(state: CaseState, event: Event, config: DeskConfig) -> CaseState:
    level, by = event.data.get("level"), event.data.get("by")
    current = state.ladder_level
    if not isinstance(level, int) or isinstance(level, bool) or not current < level <= TOP:
        raise TransitionRefused(
            "bad_level", f"level {level} is not possible: the case is at level {current}", level=level, current=current
        )
    if by not in ESCALATED_BY:
        raise TransitionRefused("unknown_escalated_by", f"unknown escalation requester {by!r}", by=by)
    state = _leave_open_level(state, event.on)
    return replace(state, escalations=(*state.escalations, EscalationEntry(level, event.on, by)))


def _escalation_outcome(state: CaseState, event: Event, config: DeskConfig) -> CaseState:
    if state.open_escalation is None:
        raise TransitionRefused("no_open_level", "there is no open escalation level to record an outcome for")
    outcome = event.data.get("outcome")
    if outcome not in OUTCOMES:
        raise TransitionRefused("unknown_outcome", f"unknown outcome {outcome!r}", outcome=outcome)
    return _leave_open_level(state, event.on, outcome, event.data.get("department"))


def _closed(state: CaseState, event: Event, config: DeskConfig) -> CaseState:
    outcome = event.data.get("outcome")
    if outcome not in CLOSE_OUTCOMES:
        raise TransitionRefused("unknown_outcome", f"unknown outcome {outcome!r}", outcome=outcome)
    state = _end_assignment(state, event.on, "closed", config)
    state = _leave_open_level(state, event.on)
    return replace(
        state,
        status=CLOSED,
        status_before_info=None,
        closed_on=event.on,
        outcome=outcome,
        helped=event.data.get("helped"),
        referral_avoided=event.data.get("referral_avoided"),
    )


_HANDLERS = {
    "routed": _routed,
    "info_asked": _info_asked,
    "info_given": _info_given,
    "accepted": _accepted,
    "declined": _declined,
    "forwarded": _forwarded,
    "answered": _answered,
    "treatment_started": _treatment_started,
    "escalated": _escalated,
    "escalation_outcome": _escalation_outcome,
    "closed": _closed,
}


def allowed_events(state: CaseState | None) -> set[str]:
    """The events that can happen next (their data may still be refused)."""
    if state is None:
        return {"received"}
    allowed = {kind for kind, statuses in _FROM.items() if state.status in statuses}
    if state.treatment_started_on is not None:
        allowed.discard("treatment_started")
    if state.ladder_level >= TOP:
        allowed.discard("escalated")
    if state.open_escalation is None:
        allowed.discard("escalation_outcome")
    return allowed


def replay_events(events, config: DeskConfig) -> CaseState:
    """Apply events in order from nothing (raises on the first refusal)."""
    state = None
    for event in events:
        state = apply(state, event, config)
    return state
