"""The visitation report, per criterion: the checker's verdict next to the committee's own verdict and finding.

Pure (no database). The committee judges each criterion "voldoet" or "voldoet niet". Where the
checker gave a verdict (met or not met) and the committee differs from it, the committee must
give a reason; where the checker left the criterion to the committee (needs review), the
committee's verdict is the decision and no reason beyond its finding is asked.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from certification.rules.criteria import CriteriaSetData
from certification.rules.report import CheckReport, Verdict

COMMITTEE_VERDICTS = {Verdict.MET.value: gettext_lazy("Voldoet"), Verdict.NOT_MET.value: gettext_lazy("Voldoet niet")}


def differs(checker: str, committee: str) -> bool:
    """The committee overrules the checker: the checker decided (met / not met) and the committee chose otherwise."""
    return checker in (Verdict.MET.value, Verdict.NOT_MET.value) and committee != checker


def judgement_errors(checker: str, committee: str, finding: str, reason: str) -> dict[str, str]:
    """What is wrong with a committee judgement, by field (empty when it may be saved)."""
    errors = {}
    if committee not in COMMITTEE_VERDICTS:
        errors["verdict"] = _("Kies 'voldoet' of 'voldoet niet'.")
    if not (finding or "").strip():
        errors["finding"] = _("Schrijf de bevinding van de commissie.")
    if committee in COMMITTEE_VERDICTS and differs(checker, committee) and not (reason or "").strip():
        errors["reason"] = (
            _("De commissie wijkt af van de toetser (%(verdict)s). Schrijf waarom.") % {"verdict": Verdict(checker).label.lower()}
        )
    return errors


@dataclass(frozen=True)
class Judgement:
    verdict: str
    finding: str
    reason: str = ""


@dataclass(frozen=True)
class ReportLine:
    number: int
    title: str
    checker: str  # a Verdict value
    checker_label: str
    committee: str  # "" when the committee has not judged yet
    committee_label: str
    finding: str
    reason: str
    differs: bool


def report_lines(check: CheckReport, criteria: CriteriaSetData, judgements: dict[int, Judgement]) -> list[ReportLine]:
    """One line per criterion of the set, in its order (the general conditions first)."""
    results = {r.number: r for r in check.results}
    lines = []
    for criterion in criteria.all_criteria():
        result = results.get(criterion.number)
        checker = result.verdict.value if result else ""
        j = judgements.get(criterion.number)
        lines.append(
            ReportLine(
                number=criterion.number,
                title=criterion.title,
                checker=checker,
                checker_label=result.verdict.label if result else _("niet getoetst"),
                committee=j.verdict if j else "",
                committee_label=str(COMMITTEE_VERDICTS.get(j.verdict, "")) if j else _("nog niet beoordeeld"),
                finding=j.finding if j else "",
                reason=j.reason if j else "",
                differs=bool(j) and differs(checker, j.verdict),
            )
        )
    return lines


def outcome(lines: list[ReportLine]) -> str:
    """The committee's overall verdict: not met as soon as one criterion is; open while one is not judged."""
    if any(line.committee == Verdict.NOT_MET.value for line in lines):
        return _("Voldoet niet aan alle criteria")
    if any(not line.committee for line in lines):
        return _("Nog niet alle criteria beoordeeld")
    return _("Voldoet aan alle criteria")
