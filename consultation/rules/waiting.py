"""Waiting time against the 14-week norm (pure).

Definition (issue 12): waiting time is the number of calendar days from
"waiting since" (the date the patient first registered anywhere for this care
need, carried over unchanged on a forward) to the start of treatment, or to
today while waiting; shown in weeks against the 14-week norm (Treeknorm).

Where the issue is silent: a request closed without a treatment start stops
the waiting at its closing date (the desk no longer knows about the patient),
and a waiting time of exactly 14 weeks (98 days) is within the norm.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .lifecycle import CaseState

NORM_WEEKS = 14


def waiting_days(since: date, until: date) -> int:
    """Calendar days from ``since`` to ``until``; never negative."""
    return max((until - since).days, 0)


def waiting_weeks(days: int) -> float:
    """Days as weeks, to one decimal: 100 days -> 14.3."""
    return round(days / 7, 1)


def over_norm(days: int, norm_weeks: int = NORM_WEEKS) -> bool:
    """More than ``norm_weeks`` weeks."""
    return days > norm_weeks * 7


def waiting_until(treatment_started_on: date | None, closed_on: date | None, today: date) -> date:
    """Where the waiting ends: the start of treatment, else the close, else today."""
    return treatment_started_on or closed_on or today


@dataclass(frozen=True)
class Waiting:
    since: date
    until: date
    until_reason: str  # treatment_started, closed or today
    days: int
    weeks: float
    carried_over_days: int  # waiting already behind the patient when the current department received it
    over_norm: bool
    norm_weeks: int = NORM_WEEKS


def waiting_of(state: CaseState, today: date) -> Waiting | None:
    """The waiting time of a request on ``today`` (None when no "waiting since" is known)."""
    if state.waiting_since is None:
        return None
    until = waiting_until(state.treatment_started_on, state.closed_on, today)
    reason = "treatment_started" if state.treatment_started_on else ("closed" if state.closed_on else "today")
    receipt = state.received_on or (
        state.clock_history[-1].received_on if state.clock_history else state.first_received_on
    )
    days = waiting_days(state.waiting_since, until)
    return Waiting(
        since=state.waiting_since,
        until=until,
        until_reason=reason,
        days=days,
        weeks=waiting_weeks(days),
        carried_over_days=waiting_days(state.waiting_since, min(receipt, until)),
        over_norm=over_norm(days),
    )
