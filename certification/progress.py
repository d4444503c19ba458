"""How complete a dossier is: the editor's progress bars. Pure; no database.

A criterion has steps: each norm it must meet, and each piece of required
evidence (per criterion or sub-item). A step is done when its norm is met
(``Verdict.MET``) or its evidence is all there. Qualitative review points are
not steps: the committee judges those at the visitation, whatever the bar says.
"""

from __future__ import annotations

from dataclasses import dataclass

from .checker import run_norm
from .criteria import CriteriaSetData, CriterionData
from .dossier import Dossier
from .evidence import EVIDENCE
from .report import Verdict
from .rules import Context


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else round(100 * self.done / self.total)

    @property
    def complete(self) -> bool:
        return self.done == self.total

    def __add__(self, other: Progress) -> Progress:
        return Progress(self.done + other.done, self.total + other.total)


def criterion_progress(dossier: Dossier, criterion: CriterionData) -> Progress:
    context = Context(visitation_date=dossier.visitation_date)
    norms_met = sum(1 for norm in criterion.norms if run_norm(dossier, norm, context).verdict is Verdict.MET)
    evidence = criterion.all_required_evidence()
    present = sum(
        1 for key, _item in evidence if key in EVIDENCE and not EVIDENCE[key].check(dossier, dossier.visitation_date)
    )
    return Progress(norms_met + present, len(criterion.norms) + len(evidence))


def dossier_progress(dossier: Dossier, criteria_set: CriteriaSetData) -> tuple[Progress, dict[int, Progress]]:
    """The whole dossier's progress, and each criterion's (keyed by number; 0 = the general conditions)."""
    per_criterion = {c.number: criterion_progress(dossier, c) for c in criteria_set.all_criteria()}
    return sum(per_criterion.values(), Progress(0, 0)), per_criterion
