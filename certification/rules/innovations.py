"""Criterion 5: at least N innovations, each researched for effectiveness."""

from __future__ import annotations

from .report import Outcome
from .registry import POSITIVE, params, rule
from .common import blank, names, short


@rule(
    "innovations_with_design",
    "Minimaal N innovaties met een design voor effectonderzoek",
    params({"min_innovations": POSITIVE}),
)
def innovations_with_design(dossier, p, ctx) -> Outcome:
    """Counts the innovations that state the design of their effectiveness research.

    An innovation without a design does not count and is named. (Whether the
    other descriptive fields are filled in is evidence, checked separately.)
    """
    o = Outcome("innovations_with_design")
    counted = []
    for i, inn in enumerate(dossier.innovations):
        path = f"$.innovations[{i}]"
        if blank(inn.effectiveness_design):
            o.excluded(
                f"Innovatie '{inn.title}' telt niet: het design van het effectiviteitsonderzoek ontbreekt.", path
            )
        else:
            counted.append(inn)
            study = f", onderzocht in '{inn.study}'" if inn.study else ""
            o.ok(
                f"Innovatie '{inn.title}': effectiviteit onderzocht met {short(inn.effectiveness_design)}{study}.", path
            )
    n = p["min_innovations"]
    if len(counted) >= n:
        o.ok(
            f"{len(counted)} innovaties met een effectonderzoek ({names(i.title for i in counted)}); norm: minstens {n}."
        )
    else:
        o.fail(f"{len(counted)} innovatie(s) met een design voor effectonderzoek; norm: minstens {n}.")
    return o
