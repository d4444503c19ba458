"""Criterion 4: at least one figurehead with enough hours at the unit and in clinical care."""

from __future__ import annotations

from .report import Outcome
from .registry import HOURS, POSITIVE, params, rule
from .common import absence, departure_note, hours, names


@rule(
    "figurehead_hours",
    "Boegbeeld(en): uren verbonden aan de eenheid en uren klinische zorg",
    params({"min_hours_attached": HOURS, "min_clinical_hours": HOURS, "max_combined": POSITIVE}),
)
def figurehead_hours(dossier, p, ctx) -> Outcome:
    """One figurehead, or up to ``max_combined`` together, reach ``min_clinical_hours`` of clinical care.

    Every figurehead who counts must be attached to the unit for at least
    ``min_hours_attached`` hours a week on the visitation date (16 hours, two
    days, in the 2019-2022 set). A figurehead whose end date is before the
    visitation date, or whose start date is after it, does not count; one
    whose last day is the visitation day still counts (with a note that the
    departure must be reported). Exactly 16 hours meets the norm.
    """
    o = Outcome("figurehead_hours")
    day = ctx.visitation_date
    min_attached, min_clinical, k = p["min_hours_attached"], p["min_clinical_hours"], p["max_combined"]
    eligible = []
    for i, m in enumerate(dossier.staff):
        if m.figurehead is None:
            continue
        path = f"$.staff[{i}]"
        why_not = absence(m, day)
        if why_not:
            o.excluded(f"Boegbeeld '{m.name}' telt niet: {why_not}.", path)
        elif m.hours_per_week < min_attached:
            o.excluded(
                f"Boegbeeld '{m.name}' telt niet: {hours(m.hours_per_week)} uur per week aan de eenheid verbonden, "
                f"minder dan {hours(min_attached)}.",
                path,
            )
        else:
            eligible.append(m)
            departure_note(o, m, "Boegbeeld", day, path)
    if not eligible:
        o.fail(
            f"Er is op de visitatiedatum geen boegbeeld dat minstens {hours(min_attached)} uur per week aan de eenheid verbonden is."
        )
        return o
    best = sorted(eligible, key=lambda m: m.clinical_hours_per_week, reverse=True)
    total = 0.0
    for used, member in enumerate(best[:k], start=1):
        total += member.clinical_hours_per_week
        if total >= min_clinical:
            team = best[:used]
            if used == 1:
                o.ok(
                    f"Boegbeeld '{member.name}' ({member.figurehead.field or 'terrein onbekend'}): "
                    f"{hours(member.hours_per_week)} uur per week verbonden, "
                    f"{hours(member.clinical_hours_per_week)} uur klinische zorg "
                    f"(norm: minstens {hours(min_attached)} en {hours(min_clinical)})."
                )
            else:
                o.ok(
                    f"Boegbeelden {names(m.name for m in team)} doen samen {hours(total)} uur klinische zorg per week "
                    f"en zijn elk minstens {hours(min_attached)} uur verbonden (norm: samen minstens {hours(min_clinical)})."
                )
            return o
    if len(best) == 1:
        m = best[0]
        o.fail(
            f"Boegbeeld '{m.name}' doet {hours(m.clinical_hours_per_week)} uur klinische zorg per week; norm: minstens "
            f"{hours(min_clinical)} uur (of samen met een tweede boegbeeld dat minstens {hours(min_attached)} uur "
            "verbonden is)."
        )
    else:
        detail = ", ".join(f"'{m.name}' {hours(m.clinical_hours_per_week)} uur" for m in best)
        o.fail(
            f"De boegbeelden doen samen (hoogstens {k} tellen mee) te weinig klinische zorg: {detail}; "
            f"norm: minstens {hours(min_clinical)} uur per week."
        )
    return o
