"""Criterion 11 (and 12): presentations per year, and activities in the last N years."""

from __future__ import annotations

import re

from certification.format.periods import fmt, lookback, yearly_periods
from .report import Outcome
from .registry import FLAG, POSITIVE, params, rule
from .common import blank, names

_TITLES = re.compile(r"^((prof|dr|drs|mr|ir|ing|mevr|dhr|ds)\.?\s+)+", re.IGNORECASE)


def person_key(name: str) -> str:
    """A name without academic titles, case and extra spaces, for matching presenters to staff."""
    return " ".join(_TITLES.sub("", name.strip()).casefold().split())


@rule(
    "presentations_per_year",
    "Minimaal N voordrachten in elk van de afgelopen jaren",
    params({"min_per_year": POSITIVE, "years": POSITIVE}),
)
def presentations_per_year(dossier, p, ctx) -> Outcome:
    """At least ``min_per_year`` presentations in each of the last ``years`` twelve-month windows.

    The windows end the day before the visitation (see ``periods``): for a
    visitation on 2022-06-15 the last year is 2021-06-15 t/m 2022-06-14. A
    presentation exactly one year before the visitation falls in the last
    window; one a day earlier in the window before it.

    The presenter must be a professional of the unit: a presenter whose name
    (titles ignored) is not in the staff list is *uncertain*, and a year that
    reaches the minimum only with uncertain presentations needs review.
    """
    o = Outcome("presentations_per_year")
    periods = yearly_periods(ctx.visitation_date, p["years"])
    staff = {person_key(m.name) for m in dossier.staff}
    certain = {period: [] for period in periods}
    uncertain = {period: [] for period in periods}
    for i, pres in enumerate(dossier.presentations):
        path = f"$.presentations[{i}]"
        label = f"Voordracht '{pres.title}' ({fmt(pres.date)}, {pres.congress})"
        period = next((x for x in periods if x.contains(pres.date)), None)
        if period is None:
            o.excluded(
                f"{label} telt niet: buiten de {p['years']} jaar voor de visitatie "
                f"({periods[0].start} t/m {periods[-1].end}).",
                path,
            )
        elif person_key(pres.presenter) not in staff:
            uncertain[period].append(pres)
            o.uncertain(
                f"{label} door '{pres.presenter}': deze naam staat niet in het personeelsoverzicht; "
                "de voordracht telt alleen als de spreker aan de eenheid verbonden is.",
                path,
            )
        else:
            certain[period].append(pres)
    n = p["min_per_year"]
    for period in periods:
        sure, maybe = certain[period], uncertain[period]
        if len(sure) >= n:
            o.ok(
                f"{period.label()}: {len(sure)} voordrachten, onder meer {names(x.title for x in sure[:3])} "
                f"(norm: minstens {n} per jaar)."
            )
        elif len(sure) + len(maybe) >= n:
            o.review(
                f"{period.label()}: {len(sure)} voordracht(en) van medewerkers van de eenheid, {len(maybe)} van "
                f"sprekers die niet in het personeelsoverzicht staan (norm: minstens {n} per jaar)."
            )
        else:
            which = f": {names(x.title for x in sure + maybe)}" if sure or maybe else ""
            o.fail(f"{period.label()}: {len(sure) + len(maybe)} voordracht(en){which}; norm: minstens {n} per jaar.")
    return o


COLLECTIONS = {
    "knowledge_transfer": ("kennisoverdracht", "Activiteit"),
    "patient_participation": ("patiëntenparticipatie", "Participatieactiviteit"),
}


@rule(
    "activities_in_period",
    "Minimaal N activiteiten (kennisoverdracht of patiëntenparticipatie) in de afgelopen jaren",
    params(
        {
            "collection": {"enum": sorted(COLLECTIONS)},
            "min_activities": POSITIVE,
            "years": POSITIVE,
            "require_result": FLAG,
        }
    ),
)
def activities_in_period(dossier, p, ctx) -> Outcome:
    """Activities that ran at some time in ``[V - years, V - 1 day]`` (start date, optional end date).

    An activity that started before the window but was still running in it
    counts. With ``require_result`` an activity without a described result
    ("wat heeft het opgeleverd") does not count.
    """
    o = Outcome("activities_in_period")
    name, noun = COLLECTIONS[p["collection"]]
    window = lookback(ctx.visitation_date, years=p["years"])
    counted = []
    for i, act in enumerate(getattr(dossier, p["collection"])):
        path = f"$.{p['collection']}[{i}]"
        label = f"{noun} '{act.title}' ({fmt(act.date)})"
        if not window.overlaps(act.date, act.end_date):
            o.excluded(f"{label} telt niet: valt buiten {window.label()}.", path)
        elif p["require_result"] and blank(act.result):
            o.excluded(f"{label} telt niet: het resultaat is niet beschreven.", path)
        else:
            counted.append(act)
    if len(counted) >= p["min_activities"]:
        o.ok(f"{len(counted)} activiteit(en) {name} in {window.label()}: {names(a.title for a in counted)}.")
    else:
        o.fail(f"{len(counted)} activiteit(en) {name} in {window.label()}; norm: minstens {p['min_activities']}.")
    return o
