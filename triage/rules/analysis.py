"""Figures for the bureau and analysts (pure): score summaries and agreement between tool and department.

- ``summarise_scores({score: count})``: how many, lowest, median, highest.
- ``agreement(pairs)``: how often the tool's outcome and the department's decision agree on a
  high-specialist care need, with Cohen's kappa (agreement beyond chance) for the 2 x 2 table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .tools import HIGH_SPECIALIST


@dataclass(frozen=True)
class ScoreSummary:
    count: int
    lowest: int | None
    median: float | None
    highest: int | None


def summarise_scores(counts: Mapping[int, int]) -> ScoreSummary:
    total = sum(counts.values())
    if not total:
        return ScoreSummary(0, None, None, None)
    ordered = sorted((score, n) for score, n in counts.items() if n)

    def at(position: int) -> int:  # the score at a 0-based position in the sorted list of all scores
        seen = 0
        for score, n in ordered:
            seen += n
            if position < seen:
                return score
        raise IndexError(position)  # pragma: no cover - position < total

    middle = total // 2
    median = float(at(middle)) if total % 2 else (at(middle - 1) + at(middle)) / 2
    return ScoreSummary(total, ordered[0][0], median, ordered[-1][0])


@dataclass(frozen=True)
class Agreement:
    both: int  # tool: high-specialist, department: high-specialist
    tool_only: int  # tool: high-specialist, department: not
    department_only: int  # tool: not, department: high-specialist
    neither: int

    @property
    def total(self) -> int:
        return self.both + self.tool_only + self.department_only + self.neither

    @property
    def agreeing(self) -> int:
        return self.both + self.neither

    @property
    def share(self) -> float | None:
        return self.agreeing / self.total if self.total else None

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa; None when it is undefined (no data, or both raters always say the same one thing)."""
        n = self.total
        if not n:
            return None
        observed = self.agreeing / n
        tool_high = (self.both + self.tool_only) / n
        department_high = (self.both + self.department_only) / n
        expected = tool_high * department_high + (1 - tool_high) * (1 - department_high)
        if expected == 1:
            return None
        return (observed - expected) / (1 - expected)


def agreement(pairs: Iterable[tuple[str, bool, int]]) -> Agreement:
    """From (tool outcome, department says high-specialist, count) rows."""
    cells = {(True, True): 0, (True, False): 0, (False, True): 0, (False, False): 0}
    for outcome, department_high, count in pairs:
        cells[(outcome == HIGH_SPECIALIST, bool(department_high))] += count
    return Agreement(cells[(True, True)], cells[(True, False)], cells[(False, True)], cells[(False, False)])
