"""Criterion 13: a training place for a relevant art. 14 BIG profession, with its occupancy."""

from __future__ import annotations

from certification.format.periods import fmt

from .report import Outcome
from .registry import COUNT, NAMES, POSITIVE, params, rule

DISCIPLINE_LABELS = {
    "psychiater": "psychiater",
    "medisch_specialist": "andere medisch specialist",
    "klinisch_psycholoog": "klinisch psycholoog",
    "klinisch_neuropsycholoog": "klinisch neuropsycholoog",
    "verpleegkundig_specialist": "verpleegkundig specialist",
}


def label(code: str) -> str:
    return DISCIPLINE_LABELS.get(code, code.replace("_", " "))


@rule(
    "training_places",
    "Minimaal N opleidingsplaatsen voor art. 14 BIG-beroepen, met bezetting",
    params({"min_places": POSITIVE, "disciplines": NAMES, "occupancy_years": COUNT}),
)
def training_places(dossier, p, ctx) -> Outcome:
    """Training places for one of ``disciplines``, each with its occupancy per year.

    Occupancy is reported per *calendar* year (training places are filled
    per year), so "the last three years" are the three calendar years before
    the visitation year: 2019, 2020 and 2021 for a visitation in 2022. A
    missing year is missing evidence; an occupancy of 0 is allowed (the norm
    is that a place is *available*). A place whose last day (``end_date``)
    lies before the visitation date has lapsed and does not count.
    """
    o = Outcome("training_places")
    years = [ctx.visitation_date.year - k for k in range(p["occupancy_years"], 0, -1)]
    counted = 0
    for i, place in enumerate(dossier.training.places):
        path = f"$.training.places[{i}]"
        if place.discipline not in p["disciplines"]:
            allowed = ", ".join(label(d) for d in p["disciplines"])
            o.excluded(
                f"Opleidingsplaats '{label(place.discipline)}' telt niet: geen art. 14 BIG-beroep uit de criteria ({allowed}).",
                path,
            )
            continue
        if place.end_date is not None and place.end_date < ctx.visitation_date:
            o.excluded(
                f"Opleidingsplaats '{label(place.discipline)}' telt niet: de plaats liep af op {fmt(place.end_date)}.", path
            )
            continue
        if place.places < 1:
            o.excluded(f"Opleidingsplaats '{label(place.discipline)}' telt niet: er is geen plaats beschikbaar.", path)
            continue
        counted += place.places
        occupancy = {row.year: row.occupied for row in place.occupancy}
        shown = ", ".join(f"{y}: {occupancy[y]}" for y in years if y in occupancy)
        last = f"; laatste dag {fmt(place.end_date)}" if place.end_date is not None else ""
        o.ok(
            f"Opleidingsplaats {label(place.discipline)}: {place.places} plaats(en){'; bezetting ' + shown if shown else ''}{last}.",
            path,
        )
        for year in years:
            if year not in occupancy:
                o.lack(
                    f"bezetting van de opleidingsplaats {label(place.discipline)} in {year}", key="training_occupancy"
                )
    if counted < p["min_places"]:
        o.fail(f"{counted} opleidingsplaats(en) voor een art. 14 BIG-beroep; norm: minstens {p['min_places']}.")
    return o
