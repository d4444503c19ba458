"""The bridge between stored events and the pure rules: fold, clocks, what the inbox stores.

Everything a request's status and clocks are follows from its events through
``consultation.rules`` (the same functions ``manage.py consultation replay`` runs); this module
only turns rows into the rules' events and the rules' answers into the request's columns.
Departments are named in the rules by their id as a string.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from django.conf import settings

from .rules import lifecycle
from .rules.clocks import DEFAULT_CLOCKS, ClockResult
from .rules.config import DeskConfig

_DATE_FIELDS = ("waiting_since",)


def config() -> DeskConfig:
    """Clock lengths per kind (defaults, overridden per kind by ``CONSULTATION_CLOCKS``) and the limits."""
    clocks = {kind: dict(lengths) for kind, lengths in DEFAULT_CLOCKS.items()}
    for kind, lengths in (getattr(settings, "CONSULTATION_CLOCKS", None) or {}).items():
        clocks.setdefault(kind, {}).update(lengths)
    return DeskConfig(
        clocks=clocks,
        decline_limit=settings.CONSULTATION_ESCALATE_AFTER_DECLINES,
        expired_limit=settings.CONSULTATION_ESCALATE_AFTER_EXPIRED_CLOCKS,
    )


def rule_data(data: dict) -> dict:
    """Stored event data (JSON) as the rules read it: departments as strings, dates as dates."""
    out = dict(data)
    if out.get("department") is not None:
        out["department"] = str(out["department"])
    for name in _DATE_FIELDS:
        if isinstance(out.get(name), str):
            out[name] = date.fromisoformat(out[name])
    return out


def rule_event(row, reference: str) -> lifecycle.Event:
    return lifecycle.Event(request=reference, on=row.on, kind=row.kind, data=rule_data(row.data))


def fold(reference: str, rows, cfg: DeskConfig | None = None) -> lifecycle.CaseState:
    return lifecycle.replay_events([rule_event(row, reference) for row in rows], cfg or config())


def apply(state: lifecycle.CaseState, reference: str, kind: str, on: date, data: dict) -> lifecycle.CaseState:
    """The next state, or ``lifecycle.TransitionRefused``."""
    event = lifecycle.Event(request=reference, on=on, kind=kind, data=rule_data(data))
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


def columns(state: lifecycle.CaseState, today: date, cfg: DeskConfig | None = None) -> Columns:
    """What the request row stores for the inbox's filters, as of ``today``."""
    triage, answer = lifecycle.current_clocks(state, today, cfg or config())
    return Columns(
        status=state.status,
        department_id=int(state.department) if state.department else None,
        received_on=state.received_on or state.first_received_on,
        triage_due_on=triage.due_on if triage and triage.met is None else None,
        answer_due_on=answer.due_on if answer and answer.met is None else None,
        overdue=any(c is not None and c.met is None and c.overdue for c in (triage, answer)),
        answered_on=state.answered_on,
        treatment_started_on=state.treatment_started_on,
        closed_on=state.closed_on,
        escalation_level=state.ladder_level,
    )


def column_values(cols: Columns) -> dict:
    return asdict(cols)


def clock_results(state, today: date, cfg: DeskConfig | None = None) -> tuple[ClockResult | None, ClockResult | None]:
    """The current assignment's (triage, answer) clocks (either may be None)."""
    return lifecycle.current_clocks(state, today, cfg or config())
