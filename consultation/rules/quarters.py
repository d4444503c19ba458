"""Quarter counts for criterion 3 (pure).

Definition (issue 12): quarter counts count a request in the quarter in which
it was answered; it is supra-regional when the patient's 4-digit postcode lies
outside every zorgkantoor region of the department's locations.

Where the issue is silent: a request whose patient region is unknown (no
postcode, or a postcode the reference data does not know) or whose department
has no location with a known region counts as *not* supra-regional, and is
reported as such in ``unknown_region`` so the share can be read for what it is
(a lower bound). Every kind of request is counted; criterion 3 reads the
consultations and second opinions (``CRITERION_3_KINDS``).
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass
from datetime import date

CRITERION_3_KINDS = ("consultation", "second_opinion")


def quarter_of(d: date) -> tuple[int, int]:
    """(year, quarter) of a date: 2027-05-06 -> (2027, 2)."""
    return d.year, (d.month - 1) // 3 + 1


def region_known(patient_region: str | None, department_regions: Set[str]) -> bool:
    return bool(patient_region) and bool(department_regions)


def is_supra_regional(patient_region: str | None, department_regions: Set[str]) -> bool:
    """The patient's region is known and lies outside every region of the department's locations."""
    return region_known(patient_region, department_regions) and patient_region not in department_regions


@dataclass(frozen=True)
class AnsweredRequest:
    """One answered request as the quarter count reads it."""

    department: str
    kind: str
    answered_on: date
    patient_region: str | None
    department_regions: frozenset[str]


@dataclass(frozen=True)
class QuarterCount:
    department: str
    year: int
    quarter: int
    kind: str
    count: int
    supra_regional: int
    unknown_region: int

    @property
    def share(self) -> float:
        """Supra-regional share, 0..1 (0 when nothing was counted)."""
        return self.supra_regional / self.count if self.count else 0.0

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.quarter}"


def quarter_counts(rows: Iterable[AnsweredRequest]) -> list[QuarterCount]:
    """Counts per department, quarter answered and kind, with the supra-regional count; sorted."""
    totals: dict[tuple[str, int, int, str], list[int]] = {}
    for row in rows:
        year, quarter = quarter_of(row.answered_on)
        counts = totals.setdefault((row.department, year, quarter, row.kind), [0, 0, 0])
        counts[0] += 1
        counts[1] += is_supra_regional(row.patient_region, row.department_regions)
        counts[2] += not region_known(row.patient_region, row.department_regions)
    return [QuarterCount(*key, *counts) for key, counts in sorted(totals.items())]
