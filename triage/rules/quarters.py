"""Criterion 2 from intake registrations (pure): treatments started per department and quarter.

Criterion 2 (2019-2022 set): at least 50% of the patients whose treatment started in the year
before the visitation have a high-specialist care need, determined by the department's own
criteria (2a), preferably a decision tool. So a registration counts as high-specialist when the
*department's decision* says so; the tool's outcome is the evidence for that decision and is
compared with it in the analysis (``analysis.agreement``). A registration counts in the quarter
of its start date.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date


def quarter_of(day: date) -> tuple[int, int]:
    """(year, quarter): 2026-05-06 -> (2026, 2)."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of a quarter."""
    first = date(year, 3 * (quarter - 1) + 1, 1)
    last = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return first, date.fromordinal(last.toordinal() - 1)


@dataclass(frozen=True)
class StartedTreatment:
    """One registration as criterion 2 reads it."""

    department: Hashable
    started_on: date
    high_specialist: bool


@dataclass(frozen=True)
class TreatmentCount:
    department: Hashable
    year: int
    quarter: int
    started: int
    high_specialist: int

    @property
    def share(self) -> float:
        return self.high_specialist / self.started if self.started else 0.0

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.quarter}"


def treatment_counts(rows: Iterable[StartedTreatment]) -> list[TreatmentCount]:
    """Started and high-specialist counts per department and quarter, sorted by department and quarter."""
    totals: dict[tuple, list[int]] = {}
    for row in rows:
        counts = totals.setdefault((row.department, *quarter_of(row.started_on)), [0, 0])
        counts[0] += 1
        counts[1] += bool(row.high_specialist)
    return [TreatmentCount(*key, *counts) for key, counts in sorted(totals.items(), key=lambda kv: (str(kv[0][0]), kv[0][1:]))]
