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
from certification.format.dossier import Dossier
from .evidence import EVIDENCE
from .report import Verdict
from certification.rules import Context


@dataclass(frozen=True)
class Progress:
    """Steps of a criterion (or of the whole dossier): its norms met, and its required evidence present.

    A criterion is met exactly when both are complete: a norm that fails, or needs the committee, is not
    met; evidence the checker does not know is not present. So the counts never contradict the verdict.
    """

    norms_met: int = 0
    norms: int = 0
    evidence_present: int = 0
    evidence: int = 0

    @property
    def done(self) -> int:
        return self.norms_met + self.evidence_present

    @property
    def total(self) -> int:
        return self.norms + self.evidence

    @property
    def evidence_missing(self) -> int:
        return self.evidence - self.evidence_present

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else round(100 * self.done / self.total)

    @property
    def complete(self) -> bool:
        return self.done == self.total

    def __add__(self, other: Progress) -> Progress:
        return Progress(
            self.norms_met + other.norms_met,
            self.norms + other.norms,
            self.evidence_present + other.evidence_present,
            self.evidence + other.evidence,
        )


def criterion_progress(dossier: Dossier, criterion: CriterionData) -> Progress:
    context = Context(visitation_date=dossier.visitation_date)
    norms_met = sum(1 for norm in criterion.norms if run_norm(dossier, norm, context).verdict is Verdict.MET)
    evidence = criterion.all_required_evidence()
    present = sum(
        1 for key, _item in evidence if key in EVIDENCE and not EVIDENCE[key].check(dossier, dossier.visitation_date)
    )
    return Progress(norms_met, len(criterion.norms), present, len(evidence))


def dossier_progress(dossier: Dossier, criteria_set: CriteriaSetData) -> tuple[Progress, dict[int, Progress]]:
    """The whole dossier's progress, and each criterion's (keyed by number; 0 = the general conditions)."""
    per_criterion = {c.number: criterion_progress(dossier, c) for c in criteria_set.all_criteria()}
    return sum(per_criterion.values(), Progress()), per_criterion
