"""Criterion 2: the share of started treatments with a high-specialist care need."""

from __future__ import annotations

from fractions import Fraction

from certification.format.periods import lookback
from .report import Outcome
from .registry import POSITIVE, SHARE, params, rule
from .common import percent, plural, share


@rule(
    "high_specialist_share",
    "Aandeel hoogspecialistische zorgvraag onder gestarte behandelingen",
    params({"min_share": SHARE, "min_quarters": POSITIVE, "lookback_months": POSITIVE}),
)
def high_specialist_share(dossier, p, ctx) -> Outcome:
    """At least ``min_share`` of treatments started had a high-specialist care need.

    Computed over all quarters given that lie *entirely* within the
    ``lookback_months`` before the visitation (``[V - 12 months, V - 1 day]``
    for the 2019-2022 set); at least ``min_quarters`` such quarters are needed.
    The share is pooled (total high-specialist / total started) so a unit
    cannot pick its best quarter; exactly the minimum share meets the norm.
    Quarters outside the window are named and ignored.
    """
    o = Outcome("high_specialist_share")
    window = lookback(ctx.visitation_date, months=p["lookback_months"])
    eligible = []
    for i, row in enumerate(dossier.patients.treatments_started):
        path = f"$.patients.treatments_started[{i}]"
        if row.quarter.within(window):
            eligible.append(row)
        else:
            o.excluded(
                f"Kwartaal {row.quarter} telt niet: het valt niet geheel in het jaar voor de visitatie ({window}).",
                path,
            )
    if not dossier.patients.treatments_started:
        o.lack("gestarte behandelingen per kwartaal met het aantal met een hoogspecialistische zorgvraag", item="")
        return o
    if len(eligible) < p["min_quarters"]:
        o.fail(
            f"Er zijn gegevens over {plural(len(eligible), 'kwartaal', 'kwartalen')} uit het jaar voor de visitatie "
            f"({window}); nodig: minstens {p['min_quarters']}."
        )
        return o
    started = sum(r.started for r in eligible)
    high = sum(r.high_specialist for r in eligible)
    quarters = ", ".join(
        f"{r.quarter}: {r.high_specialist} van {r.started}" for r in sorted(eligible, key=lambda r: r.quarter)
    )
    needed = share(p["min_share"])
    if started == 0:
        o.fail(f"In {quarters} zijn geen behandelingen gestart; het aandeel is niet te berekenen.")
        return o
    actual = Fraction(high, started)
    text = (
        f"{high} van de {started} gestarte behandelingen ({percent(actual)}) hadden een hoogspecialistische "
        f"zorgvraag ({quarters}); norm: minstens {percent(needed)}."
    )
    if actual >= needed:
        o.ok(text)
    else:
        o.fail(text)
    return o
