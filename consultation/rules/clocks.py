"""Response-time clocks in Dutch working days (pure).

Definitions (issue 12), implemented here and nowhere else:

- A clock of N working days starts counting on the day after receipt;
  Saturdays, Sundays and Dutch national holidays do not count; the deadline is
  the end of the N-th working day. A request received on a weekend or holiday
  is due N working days after it all the same.
- Asking for information stops the clock: the day it is asked does not count,
  and counting resumes on the first working day after the information
  arrives, with the working days already used kept. Information asked and
  given on the same day changes nothing.

So the days a clock counts are the working days after receipt that do not lie
in any pause [asked_on, given_on] (both ends included). A pause still open
(``given_on`` is None) stops the clock for good until the information comes:
there is no due date while waiting, unless the clock had already run out
before the question was asked (asking for information after the deadline does
not undo a missed deadline).

Clock lengths are configuration, per kind of request (``DEFAULT_CLOCKS``);
``None`` means the kind has no such clock (a request for treatment gets a
triage decision, not an answer).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .calendar import WorkCalendar

TRIAGE, ANSWER = "triage", "answer"
CLOCK_NAMES = (TRIAGE, ANSWER)

DEFAULT_CLOCKS: Mapping[str, Mapping[str, int | None]] = {
    "consultation": {TRIAGE: 5, ANSWER: 10},
    "second_opinion": {TRIAGE: 5, ANSWER: 20},
    "co_treatment": {TRIAGE: 5, ANSWER: 10},
    "remote_supervision": {TRIAGE: 5, ANSWER: 10},
    "treatment": {TRIAGE: 5, ANSWER: None},
}

REMIND_BEFORE = 2


@dataclass(frozen=True)
class Pause:
    """Information asked of the referrer on ``asked_on``, given on ``given_on`` (None: still waiting)."""

    asked_on: date
    given_on: date | None = None

    @property
    def is_open(self) -> bool:
        return self.given_on is None


def clock_length(clocks: Mapping[str, Mapping[str, int | None]], kind: str, clock: str) -> int | None:
    """Working days of ``clock`` (triage or answer) for a request of ``kind``; None when it has no such clock."""
    return clocks.get(kind, {}).get(clock)


def _effective(pauses: Sequence[Pause]) -> list[Pause]:
    """The pauses that stop the clock, in order; one asked and answered on the same day changes nothing."""
    return sorted((p for p in pauses if p.given_on is None or p.given_on > p.asked_on), key=lambda p: p.asked_on)


def due_date(received_on: date, working_days: int, pauses: Sequence[Pause], calendar: WorkCalendar) -> date | None:
    """The last day (inclusive) of a clock of ``working_days`` working days; None while an open pause holds it."""
    remaining = working_days
    counted_after = received_on  # counting starts on the day after this one
    for pause in _effective(pauses):
        reached = calendar.add_working_days(counted_after, remaining)
        if reached < pause.asked_on:
            return reached  # the clock ran out before the question was asked
        remaining -= calendar.working_days_between(counted_after, pause.asked_on - timedelta(days=1))
        if pause.given_on is None:
            return None
        counted_after = max(counted_after, pause.given_on)
    return calendar.add_working_days(counted_after, remaining)


def working_days_used(received_on: date, pauses: Sequence[Pause], until: date, calendar: WorkCalendar) -> int:
    """Working days the clock counted from the day after receipt up to and including ``until``."""
    used = 0
    counted_after = received_on
    for pause in _effective(pauses):
        if pause.asked_on > until:
            break
        used += calendar.working_days_between(counted_after, min(until, pause.asked_on - timedelta(days=1)))
        if pause.given_on is None or pause.given_on >= until:
            return used
        counted_after = max(counted_after, pause.given_on)
    return used + calendar.working_days_between(counted_after, until)


@dataclass(frozen=True)
class ClockResult:
    """One clock's state on a day.

    ``met`` is None while the clock runs; ``overdue`` is true when a running
    clock is past its due date or the clock was stopped after it; ``remind``
    is true for a running, unpaused clock with at most ``remind_before``
    working days left (today included) that is not yet overdue.
    """

    working_days: int
    received_on: date
    due_on: date | None
    done_on: date | None
    met: bool | None
    overdue: bool
    paused: bool
    working_days_used: int
    working_days_left: int | None
    remind: bool

    @property
    def running(self) -> bool:
        return self.done_on is None


def clock_result(
    received_on: date,
    working_days: int,
    pauses: Sequence[Pause],
    done_on: date | None,
    today: date,
    calendar: WorkCalendar,
    remind_before: int = REMIND_BEFORE,
) -> ClockResult:
    """The clock of ``working_days`` working days from ``received_on``, stopped on ``done_on`` if it is.

    A stopped clock ignores pauses asked on or after the day it stopped, and a
    pause still open when it stopped counts as ending that day (the request
    was decided or closed while waiting for information).
    """
    if done_on is not None:
        pauses = [
            p if p.given_on is not None and p.given_on <= done_on else Pause(p.asked_on, done_on)
            for p in pauses
            if p.asked_on < done_on
        ]
    due_on = due_date(received_on, working_days, pauses, calendar)
    paused = done_on is None and any(p.is_open for p in pauses)
    used = working_days_used(received_on, pauses, done_on or today, calendar)
    if done_on is not None:
        met = due_on is None or done_on <= due_on
        overdue, left, remind = not met, None, False
    else:
        met = None
        overdue = due_on is not None and today > due_on
        left = None if paused else max(working_days - used, 0)
        remind = not paused and not overdue and left is not None and left <= remind_before
    return ClockResult(
        working_days=working_days,
        received_on=received_on,
        due_on=due_on,
        done_on=done_on,
        met=met,
        overdue=overdue,
        paused=paused,
        working_days_used=used,
        working_days_left=left,
        remind=remind,
    )
