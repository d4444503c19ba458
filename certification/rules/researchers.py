"""Criterion 7: senior researchers with a PhD, one of them mostly at the unit and in patient care."""

from __future__ import annotations

from certification.format.dossier import PHD_EQUIVALENT, PHD_OBTAINED
from .report import Outcome
from .registry import FLAG, HOURS, POSITIVE, params, rule
from .common import absence, departure_note, hours, names


def _pick(pool, p):
    """A lead researcher and enough others from ``pool``, or None.

    The lead works at least ``lead_min_hours`` a week at the unit (and, if
    required, does direct patient care: clinical hours above zero); each
    other works at least ``other_min_hours``. Leads are tried from most hours
    down, so the answer is deterministic.
    """
    leads = [
        m
        for m in pool
        if m.hours_per_week >= p["lead_min_hours"] and (not p["lead_in_patient_care"] or m.clinical_hours_per_week > 0)
    ]
    for lead in sorted(leads, key=lambda m: (-m.hours_per_week, m.name)):
        others = [m for m in pool if m is not lead and m.hours_per_week >= p["other_min_hours"]]
        if len(others) >= p["min_researchers"] - 1:
            return lead, sorted(others, key=lambda m: (-m.hours_per_week, m.name))[: p["min_researchers"] - 1]
    return None


@rule(
    "senior_researchers",
    "Senior onderzoekers (gepromoveerd): aantal en uren",
    params(
        {
            "min_researchers": POSITIVE,
            "lead_min_hours": HOURS,
            "lead_in_patient_care": FLAG,
            "other_min_hours": HOURS,
        }
    ),
)
def senior_researchers(dossier, p, ctx) -> Outcome:
    """At least ``min_researchers`` senior researchers with a PhD attached on the visitation date.

    One of them works at least ``lead_min_hours`` (24: three days) a week at
    the unit and does direct patient care; the others at least
    ``other_min_hours`` (8: one day). Hours are "hours per week at the unit".
    A researcher whose end date lies before the visitation date (even by a
    week) does not count.

    A PhD-*equivalent* level is for the committee to accept: every senior
    researcher who has only an equivalent level makes the verdict
    ``needs_review`` and is named, and if the norm is met only by counting
    them the reason says so. A senior researcher with neither is named and
    does not count.
    """
    o = Outcome("senior_researchers")
    day = ctx.visitation_date
    with_phd, equivalent = [], []
    for i, m in enumerate(dossier.staff):
        if m.senior_researcher is None:
            continue
        path = f"$.staff[{i}]"
        why_not = absence(m, day)
        if why_not:
            o.excluded(f"Senior onderzoeker '{m.name}' telt niet: {why_not}.", path)
        elif m.phd == PHD_OBTAINED:
            with_phd.append(m)
            departure_note(o, m, "Senior onderzoeker", day, path)
        elif m.phd == PHD_EQUIVALENT:
            equivalent.append(m)
            explanation = f" ({m.phd_equivalent_explanation.strip()})" if m.phd_equivalent_explanation.strip() else ""
            o.review(
                f"Senior onderzoeker '{m.name}' is niet gepromoveerd maar heeft volgens het dossier een vergelijkbaar "
                f"niveau{explanation}: de commissie beoordeelt of dat aantoonbaar zo is.",
                path,
            )
            departure_note(o, m, "Senior onderzoeker", day, path)
        else:
            o.excluded(
                f"Senior onderzoeker '{m.name}' telt niet: niet gepromoveerd en geen vergelijkbaar niveau opgegeven.",
                path,
            )

    certain = _pick(with_phd, p)
    if certain:
        lead, others = certain
        o.ok(_describe(lead, others, p))
        return o
    possible = _pick(with_phd + equivalent, p)
    if possible:
        lead, others = possible
        relied = [m.name for m in (lead, *others) if m in equivalent]
        o.review(f"{_describe(lead, others, p)} Dit kan alleen als de commissie het niveau van {names(relied)} erkent.")
        return o
    o.fail(_shortfall(with_phd + equivalent, p))
    return o


def _describe(lead, others, p) -> str:
    text = (
        f"Senior onderzoeker '{lead.name}' werkt {hours(lead.hours_per_week)} uur per week op de eenheid en doet "
        f"directe patiëntenzorg ({hours(lead.clinical_hours_per_week)} uur)"
    )
    if others:
        text += "; " + ", ".join(f"'{m.name}' werkt er {hours(m.hours_per_week)} uur per week" for m in others)
    return (
        text + f" (norm: {p['min_researchers']} senior onderzoekers, één minstens {hours(p['lead_min_hours'])} uur "
        f"met patiëntenzorg, de andere(n) minstens {hours(p['other_min_hours'])} uur)."
    )


def _shortfall(pool, p) -> str:
    if len(pool) < p["min_researchers"]:
        return (
            f"Er {'is' if len(pool) == 1 else 'zijn'} op de visitatiedatum {len(pool)} senior onderzoeker(s) met een promotie "
            f"(of vergelijkbaar niveau){': ' + names(m.name for m in pool) if pool else ''}; "
            f"nodig: minstens {p['min_researchers']}."
        )
    care = " en directe patiëntenzorg doet" if p["lead_in_patient_care"] else ""
    leads = [
        m
        for m in pool
        if m.hours_per_week >= p["lead_min_hours"] and (not p["lead_in_patient_care"] or m.clinical_hours_per_week > 0)
    ]
    if not leads:
        detail = ", ".join(
            f"'{m.name}' {hours(m.hours_per_week)} uur, patiëntenzorg {hours(m.clinical_hours_per_week)} uur"
            for m in pool
        )
        return (
            f"Geen senior onderzoeker die minstens {hours(p['lead_min_hours'])} uur per week op de eenheid werkt{care} "
            f"({detail})."
        )
    detail = ", ".join(f"'{m.name}' {hours(m.hours_per_week)} uur" for m in pool if m not in leads[:1])
    return (
        f"Naast '{leads[0].name}' {'is' if p['min_researchers'] == 2 else 'zijn'} er niet genoeg senior onderzoekers met "
        f"minstens {hours(p['other_min_hours'])} uur per week op de eenheid ({detail})."
    )
