"""The checker: ``check_dossier(dossier, criteria_set_data) -> CheckReport``. Pure; no database.

For every criterion of the set (the general conditions first) it runs the
set's norms through the rule functions in ``certification.rules`` and looks
up the required evidence in ``certification.rules.evidence``. The verdict of a
criterion is the worst of its parts; missing evidence makes it ``not_met``.
See ``report`` for what the verdicts mean and ``periods`` for every
boundary date.
"""

from __future__ import annotations

from dataclasses import replace

from .criteria import CriteriaSetData, CriterionData
from certification.format.dossier import Dossier
from .evidence import EVIDENCE
from certification.format.periods import fmt
from .report import NOTE, CheckReport, CriterionResult, Missing, Outcome, Reason, Verdict, worst
from certification.rules import RULES, Context, norm_errors


def check_dossier(dossier: Dossier, criteria_set: CriteriaSetData | dict) -> CheckReport:
    if isinstance(criteria_set, dict):
        criteria_set = CriteriaSetData.from_dict(criteria_set)
    context = Context(visitation_date=dossier.visitation_date)
    results = [check_criterion(dossier, criterion, context) for criterion in criteria_set.all_criteria()]
    results[0] = _with_set_note(results[0], criteria_set, dossier)
    department = dossier.department.name
    if dossier.department.institution:
        department += f" ({dossier.department.institution})"
    return CheckReport(
        department=department,
        visitation_date=dossier.visitation_date,
        criteria_set=criteria_set.code,
        criteria_set_title=criteria_set.title,
        results=tuple(results),
    )


def run_norm(dossier: Dossier, norm, context: Context) -> Outcome:
    data = norm.to_dict() if hasattr(norm, "to_dict") else norm
    errors = norm_errors(data)
    if errors:
        outcome = Outcome(str(data.get("kind", "?")) if isinstance(data, dict) else "?")
        outcome.review("De criteriaset bevat een norm die de toetser niet kan uitvoeren: " + "; ".join(errors))
        return outcome
    return RULES[data["kind"]].function(dossier, data.get("params", {}), context)


def check_criterion(dossier: Dossier, criterion: CriterionData, context: Context) -> CriterionResult:
    outcomes = [run_norm(dossier, norm, context) for norm in criterion.norms]
    missing: list[Missing] = []
    present = Outcome("evidence")
    given = []
    for key, item in criterion.all_required_evidence():
        spec = EVIDENCE.get(key)
        if spec is None:
            present.review(f"De criteriaset vraagt onderbouwing '{key}' die de toetser niet kent.")
            continue
        lacking = spec.check(dossier, context.visitation_date)
        missing.extend(Missing(key, text, item) for text in lacking)
        if not lacking:
            given.append(f"{item} {spec.label}" if item else spec.label)
    if given:
        present.ok("Onderbouwing aanwezig: " + "; ".join(given) + ".")
    outcomes.append(present)
    for outcome in outcomes:
        missing.extend(outcome.missing)
    verdicts = [o.verdict for o in outcomes]
    if missing:
        verdicts.append(Verdict.NOT_MET)
    return CriterionResult(
        number=criterion.number,
        title=criterion.title,
        verdict=worst(verdicts),
        reasons=tuple(r for o in outcomes for r in o.reasons),
        missing=tuple(missing),
        review_points=criterion.review_points,
    )


def _with_set_note(result: CriterionResult, criteria_set: CriteriaSetData, dossier: Dossier) -> CriterionResult:
    """Say so when the dossier is checked against a set not in force on its visitation date."""
    day = dossier.visitation_date
    in_force = criteria_set.in_force_from <= day and (
        criteria_set.in_force_until is None or day <= criteria_set.in_force_until
    )
    if in_force:
        return result
    until = fmt(criteria_set.in_force_until) if criteria_set.in_force_until else "nader te bepalen"
    note = Reason(
        f"Let op: criteriaset {criteria_set.code} geldt van {fmt(criteria_set.in_force_from)} t/m {until}; "
        f"de visitatiedatum {fmt(day)} valt daarbuiten.",
        NOTE,
    )
    return replace(result, reasons=(note, *result.reasons))
