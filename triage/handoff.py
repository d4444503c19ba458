"""A triage result carried along into a consultation or second-opinion request (``?triage=<id>``).

The result page links to the desk's request form with the result's id. The form (consultation, which
may read triage) calls ``handoff_for(request.user, request.GET.get("triage"))``: the values to prefill
(target group, age group, 4-digit postcode) and a short plain-text summary of the result for the
department, or None when there is no such result or the user may not see it (only whoever filled it
in, and the bureau). Reading it is audited like opening the result page.
"""

from __future__ import annotations

from dataclasses import dataclass

from audit.services import record

from . import permissions, selectors
from .models import Characteristic, ResultOutcome


@dataclass(frozen=True)
class Handoff:
    result_id: int
    target_group: str  # code, or ""
    age_group: str  # code, or ""
    pc4: str  # 4 digits, or ""
    summary: str  # Dutch (or the active language), one paragraph; no patient details (there are none in a result)


def handoff_for(user, value) -> Handoff | None:
    try:
        pk = int(str(value))
    except (TypeError, ValueError):
        return None
    if not 0 < pk < 2**31:
        return None
    result = selectors.result_for_page(pk)
    if result is None or not permissions.may_see_result(user, result):
        return None
    if result.created_by_id != user.pk:
        record(action="read", actor=user, object_type=permissions.RESULT, object_id=str(result.pk), detail={"for": "request"})
    version = result.version
    labels = dict(Characteristic.choices)
    met = ", ".join(str(labels[c]).lower() for c in result.characteristics_met if c in labels) or "-"
    summary = (
        f"Triage met {version.name} (versie {version.number}"
        + (", voorbeeld, niet gevalideerd" if version.is_example else "")
        + f"): score {result.score} van {sum(i.weight for i in version.items.all())}; "
        + f"uitkomst: {str(ResultOutcome(result.outcome).label).lower()}; vervulde kenmerken: {met}."
    )
    return Handoff(
        result_id=result.pk,
        target_group=result.target_group.code if result.target_group else "",
        age_group=result.age_group.code if result.age_group else "",
        pc4=result.pc4,
        summary=summary,
    )
