"""General condition: the unit has been specialised in its target group for at least N years."""

from __future__ import annotations

from certification.format.periods import fmt, years_before
from .report import Outcome
from .registry import POSITIVE, params, rule


@rule("specialised_since", "Minimaal N jaar gespecialiseerd in de doelgroep", params({"min_years": POSITIVE}))
def specialised_since(dossier, p, ctx) -> Outcome:
    """Specialised since a date on or before ``V - min_years``.

    Boundary: a unit specialised since exactly three years before the
    visitation date has been specialised for three full years on that day
    and meets the norm; one day later does not.
    """
    o = Outcome("specialised_since")
    since = dossier.department.specialised_since
    limit = years_before(ctx.visitation_date, p["min_years"])
    path = "$.department.specialised_since"
    if since is None:
        o.lack("datum sinds wanneer de eenheid in de doelgroep gespecialiseerd is")
    elif since <= limit:
        o.ok(
            f"Gespecialiseerd in de doelgroep sinds {fmt(since)}: op de visitatiedatum minstens "
            f"{p['min_years']} jaar (uiterlijk sinds {fmt(limit)}).",
            path,
        )
    else:
        o.fail(
            f"Gespecialiseerd in de doelgroep sinds {fmt(since)}: korter dan {p['min_years']} jaar voor de "
            f"visitatie op {fmt(ctx.visitation_date)} (de norm vraagt uiterlijk sinds {fmt(limit)}).",
            path,
        )
    return o
