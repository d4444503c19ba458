"""Criterion 3: consultation & advice and second opinions, with a supra-regional share."""

from __future__ import annotations

from certification.format.periods import lookback
from .report import Outcome
from .registry import FLAG, POSITIVE, params, rule
from .common import percent, plural, share

SERVICES = {"consultation": "consultatie & advies", "second_opinion": "second opinions"}


@rule(
    "service_quarters",
    "Consultatie & advies of second opinions over minimaal N kwartalen, met bovenregionaal aandeel",
    params(
        {
            "service": {"enum": sorted(SERVICES)},
            "min_quarters": POSITIVE,
            "lookback_months": POSITIVE,
            "require_supra_regional": FLAG,
        }
    ),
)
def service_quarters(dossier, p, ctx) -> Outcome:
    """Counts over at least ``min_quarters`` quarters of the year before the visitation.

    The same quarter window as criterion 2 (a quarter counts only when it
    lies entirely within the ``lookback_months`` before the visitation). With
    ``require_supra_regional`` at least one of those quarters must have a
    supra-regional share above zero ("aantoonbaar ook een bovenregionale taak").
    """
    service = p["service"]
    name = SERVICES[service]
    o = Outcome("service_quarters")
    window = lookback(ctx.visitation_date, months=p["lookback_months"])
    eligible = []
    for i, row in enumerate(getattr(dossier, service).quarters):
        path = f"$.{service}.quarters[{i}]"
        if row.quarter.within(window):
            eligible.append(row)
        else:
            o.excluded(
                f"{name.capitalize()} in {row.quarter} telt niet: het kwartaal valt niet geheel in {window}.", path
            )
    if len(eligible) < p["min_quarters"]:
        o.fail(
            f"Aantallen {name} over {plural(len(eligible), 'kwartaal', 'kwartalen')} uit het jaar voor de visitatie "
            f"({window}); nodig: minstens {p['min_quarters']}."
        )
        return o
    total = sum(r.count for r in eligible)
    detail = ", ".join(
        f"{r.quarter}: {r.count} (bovenregionaal {percent(share(r.supra_regional_share))})"
        for r in sorted(eligible, key=lambda r: r.quarter)
    )
    if total == 0:
        o.fail(f"Geen {name} uitgevoerd in {detail}.")
    elif p["require_supra_regional"] and not any(r.supra_regional_share > 0 and r.count > 0 for r in eligible):
        o.fail(
            f"{name.capitalize()}: {detail}; er is geen bovenregionaal aandeel, terwijl de eenheid aantoonbaar "
            "een bovenregionale taak moet hebben."
        )
    else:
        o.ok(f"{name.capitalize()}: {detail}.")
    return o
