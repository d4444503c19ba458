"""The desk's configuration as the rules read it (pure): clock lengths, limits, the calendar."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .calendar import WorkCalendar, dutch_calendar
from .clocks import DEFAULT_CLOCKS, REMIND_BEFORE

DECLINE_LIMIT = 3  # declined by this many departments: the case escalates by itself
EXPIRED_LIMIT = 2  # this many clocks ran out: the case escalates by itself


@dataclass(frozen=True)
class DeskConfig:
    """Clock lengths per kind of request, the automatic-escalation limits, reminders and the calendar."""

    clocks: Mapping[str, Mapping[str, int | None]] = field(default_factory=lambda: DEFAULT_CLOCKS)
    decline_limit: int = DECLINE_LIMIT
    expired_limit: int = EXPIRED_LIMIT
    remind_before: int = REMIND_BEFORE
    calendar: WorkCalendar = field(default_factory=dutch_calendar)
