"""The escalation ladder (pure), after seed 004.

Level 1 is the regional transfer mechanism (regionaal transferpunt, one per
zorgkantoor region), level 2 the regional table for highly complex care
(regionale tafel hoogcomplexe zorg, eight supra-regional tables), level 3
administrative escalation, level 4 the minister.

Definition (issue 12): days in an escalation level are calendar days from
entering it to leaving it (the next level or the outcome); a level not yet
left counts until today.

A case goes up when the referrer or the department asks, or by itself when it
was declined by ``decline_limit`` departments or ``expired_limit`` clocks ran
out (``auto_escalation_due``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

TRANSFER, REGIONAL_TABLE, ADMINISTRATIVE, MINISTER = 1, 2, 3, 4
LEVELS = {
    TRANSFER: "transfer",
    REGIONAL_TABLE: "regional_table",
    ADMINISTRATIVE: "administrative",
    MINISTER: "minister",
}
LEVEL_NAMES_NL = {
    TRANSFER: "regionaal transferpunt",
    REGIONAL_TABLE: "regionale tafel hoogcomplexe zorg",
    ADMINISTRATIVE: "bestuurlijke escalatie",
    MINISTER: "minister",
}
TOP = MINISTER

ESCALATED_BY = ("referrer", "department", "desk", "coordinator", "auto")
OUTCOMES = ("placed", "advice", "no_solution", "withdrawn")


@dataclass(frozen=True)
class EscalationEntry:
    """A stay in one level: entered, left (None while there), and the outcome recorded on leaving."""

    level: int
    entered_on: date
    by: str = "referrer"
    left_on: date | None = None
    outcome: str | None = None
    placed_at: str | None = None  # the department, when the outcome is "placed"

    @property
    def is_open(self) -> bool:
        return self.left_on is None


class LevelDays(NamedTuple):
    level: int
    days: int
    open: bool


def next_level(current: int | None) -> int | None:
    """The level above ``current`` (0 or None: not on the ladder yet); None above the minister."""
    current = current or 0
    return current + 1 if current < TOP else None


def auto_escalation_due(
    declines: int, clocks_expired: int, *, decline_limit: int = 3, expired_limit: int = 2
) -> bool:
    """Declined by ``decline_limit`` departments, or ``expired_limit`` clocks ran out."""
    return declines >= decline_limit or clocks_expired >= expired_limit


def days_in_levels(entries: Iterable[EscalationEntry], today: date) -> list[LevelDays]:
    """Calendar days in each level, in the order entered; a level still open counts until ``today``."""
    return [
        LevelDays(e.level, ((e.left_on or today) - e.entered_on).days, e.left_on is None)
        for e in sorted(entries, key=lambda e: e.entered_on)
    ]
