"""Criterion 8: a professor attached to the unit and a formal university/UMC agreement."""

from __future__ import annotations

from certification.format.periods import attached_on, fmt
from .report import Outcome
from .registry import POSITIVE, params, rule
from .common import absence, blank, departure_note, hours


@rule("professors", "Minimaal N hoogleraren met uren en bijdrage", params({"min_professors": POSITIVE}))
def professors(dossier, p, ctx) -> Outcome:
    """Professors attached on the visitation date, with hours at the unit and a described contribution.

    A professor with no hours (0) or no described contribution to the
    top-clinical functions does not count and is named.
    """
    o = Outcome("professors")
    day = ctx.visitation_date
    counted = []
    for i, m in enumerate(dossier.staff):
        if m.professor is None:
            continue
        path = f"$.staff[{i}]"
        why_not = absence(m, day)
        if why_not:
            o.excluded(f"Hoogleraar '{m.name}' telt niet: {why_not}.", path)
        elif m.professor.hours_per_week <= 0:
            o.excluded(
                f"Hoogleraar '{m.name}' telt niet: het aantal uren dat hij/zij aan de eenheid verbonden is ontbreekt.",
                path,
            )
        elif blank(m.professor.contribution):
            o.excluded(
                f"Hoogleraar '{m.name}' telt niet: de bijdrage aan de topklinische functies is niet beschreven.", path
            )
        else:
            counted.append(m)
            chair = ", ".join(x for x in (m.professor.chair, m.professor.university) if x)
            o.ok(
                f"Hoogleraar '{m.name}'{f' ({chair})' if chair else ''}: {hours(m.professor.hours_per_week)} uur per week "
                f"aan de eenheid verbonden, bijdrage beschreven.",
                path,
            )
            departure_note(o, m, "Hoogleraar", day, path)
    if len(counted) < p["min_professors"]:
        o.fail(
            f"{len(counted)} hoogleraar/hoogleraren met uren en een beschreven bijdrage; norm: minstens {p['min_professors']}."
        )
    return o


@rule(
    "university_agreements",
    "Minimaal N formele samenwerkingsverbanden met een universiteit of UMC",
    params({"min_agreements": POSITIVE}),
)
def university_agreements(dossier, p, ctx) -> Outcome:
    """Formal agreements in force on the visitation date, with the signed document attached."""
    o = Outcome("university_agreements")
    day = ctx.visitation_date
    counted = []
    for i, a in enumerate(dossier.university_agreements):
        path = f"$.university_agreements[{i}]"
        if not attached_on(a.start_date, a.end_date, day):
            when = (
                f"liep af op {fmt(a.end_date)}"
                if a.end_date and a.end_date < day
                else f"gaat pas in op {fmt(a.start_date)}"
            )
            o.excluded(f"Samenwerking met '{a.partner}' telt niet: de overeenkomst {when}.", path)
        elif blank(a.document):
            o.excluded(
                f"Samenwerking met '{a.partner}' telt niet: de formele samenwerkingsovereenkomst is niet bijgevoegd.",
                path,
            )
        else:
            counted.append(a)
            o.ok(f"Formele samenwerking met '{a.partner}' (overeenkomst: bijlage '{a.document}').", path)
    if len(counted) < p["min_agreements"]:
        o.fail(
            f"{len(counted)} formele samenwerkingsverband(en) met een universiteit of UMC; norm: minstens {p['min_agreements']}."
        )
    return o
