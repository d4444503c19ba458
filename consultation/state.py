"""The bridge between stored events and the pure rules: fold, clocks, what the inbox stores.

Everything a request's status and clocks are follows from its events through
``consultation.rules`` (the same functions ``manage.py consultation replay`` runs); this module
only turns rows into the rules' events and the rules' answers into the request's columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from .rules import clocks as clock_rules
from .rules import lifecycle
from .rules.calendar import dutch_calendar


def config() -> dict:
    """Clock lengths per kind and the escalation limits (settings ``CONSULTATION_CLOCKS`` etc.)."""
    return lifecycle.config_from(
        clocks=getattr(settings, "CONSULTATION_CLOCKS", None),
        decline_limit=settings.CONSULTATION_ESCALATE_AFTER_DECLINES,
        expired_limit=settings.CONSULTATION_ESCALATE_AFTER_EXPIRED_CLOCKS,
    )


def calendar():
    return dutch_calendar()


def rule_event(row, reference: str) -> lifecycle.Event:
    """A stored ``models.Event`` as the rules' event."""
    return lifecycle.Event(
        request=reference,
        on=row.on,
        kind=row.kind,
        data={**row.data, **({"department": row.data.get("department")} if "department" in row.data else {})},
    )


def fold(reference: str, rows) -> lifecycle.CaseState:
    return lifecycle.fold([rule_event(row, reference) for row in rows], config())


def apply(state: lifecycle.CaseState, event: lifecycle.Event) -> lifecycle.CaseState:
    """The next state, or ``lifecycle.TransitionRefused``."""
    return lifecycle.apply(state, event, config())


@dataclass(frozen=True)
class Columns:
    status: str
    department_id: int | None
    received_on: date
    triage_due_on: date | None
    answer_due_on: date | None
    overdue: bool
    answered_on: date | None
    treatment_started_on: date | None
    closed_on: date | None
    escalation_level: int


def columns(state: lifecycle.CaseState, today: date) -> Columns:
    """What the request row stores for the inbox's filters, as of ``today``."""
    triage, answer = lifecycle.current_clocks(state, today, calendar(), config())
    return Columns(
        status=state.status,
        department_id=state.department,
        received_on=state.received_on,
        triage_due_on=triage.due_on if triage else None,
        answer_due_on=answer.due_on if answer else None,
        overdue=bool((triage and triage.overdue and triage.met is None) or (answer and answer.overdue and answer.met is None)),
        answered_on=state.answered_on,
        treatment_started_on=state.treatment_started_on,
        closed_on=state.closed_on,
        escalation_level=state.escalation_level,
    )


def clock_results(state, today: date):
    """The current assignment's (triage, answer) ``clocks.ClockResult`` (either may be None)."""
    return lifecycle.current_clocks(state, today, calendar(), config())


def remind(result: clock_rules.ClockResult | None) -> bool:
    return bool(result and result.remind)
