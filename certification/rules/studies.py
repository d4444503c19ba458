"""Criterion 9: a research tradition of N years, with always enough running studies."""

from __future__ import annotations

from certification.format.periods import ONE_DAY, Period, fmt, lookback_including, years_before
from .report import Outcome
from .registry import POSITIVE, params, rule
from .common import names


@rule("research_tradition", "Onderzoekstraditie van minimaal N jaar", params({"min_years": POSITIVE}))
def research_tradition(dossier, p, ctx) -> Outcome:
    """The earliest study started on or before ``V - min_years`` (exactly N years before counts)."""
    o = Outcome("research_tradition")
    limit = years_before(ctx.visitation_date, p["min_years"])
    started = [(s.start_date, i, s) for i, s in enumerate(dossier.studies) if s.start_date <= ctx.visitation_date]
    if not started:
        o.fail("Er zijn geen onderzoeken opgegeven die voor de visitatie zijn gestart.")
        return o
    first_date, i, first = min(started, key=lambda t: (t[0], t[1]))
    if first_date <= limit:
        o.ok(
            f"Onderzoekstraditie sinds {fmt(first_date)} (onderzoek '{first.title}'): minstens {p['min_years']} jaar "
            f"voor de visitatie (uiterlijk {fmt(limit)}).",
            f"$.studies[{i}]",
        )
    else:
        o.fail(
            f"Het eerste onderzoek ('{first.title}') startte op {fmt(first_date)}: de onderzoekstraditie is korter dan "
            f"{p['min_years']} jaar (de norm vraagt een start uiterlijk op {fmt(limit)}).",
            f"$.studies[{i}]",
        )
    return o


def _segments(period: Period, studies) -> list[Period]:
    """Split ``period`` at every day on which a study starts or the day after one ends."""
    cuts = {period.start}
    for s in studies:
        for day in (s.start_date, s.end_date + ONE_DAY if s.end_date else None):
            if day and period.start < day <= period.end:
                cuts.add(day)
    starts = sorted(cuts)
    ends = [d - ONE_DAY for d in starts[1:]] + [period.end]
    return [Period(a, b) for a, b in zip(starts, ends, strict=True)]


@rule(
    "running_studies",
    "Steeds minimaal N lopende onderzoeken, waarvan M promotieonderzoek",
    params({"min_running": POSITIVE, "min_phd": {"type": "integer", "minimum": 0}, "years": POSITIVE}),
)
def running_studies(dossier, p, ctx) -> Outcome:
    """On *every* day from ``V - years`` up to and including the visitation day, at least
    ``min_running`` studies run, at least ``min_phd`` of them PhD studies.

    "Er lopen steeds" is read as "throughout": a single day without enough
    studies fails the norm, and the gap is named with its dates and the
    studies that were running. The visitation day itself is included
    because "er lopen" is present tense, so a study that ended the week
    before the visitation leaves a gap. End dates are the last day a study
    ran.
    """
    o = Outcome("running_studies")
    period = lookback_including(ctx.visitation_date, years=p["years"])
    studies = list(dossier.studies)
    gaps = 0
    for seg in _segments(period, studies):
        running = [s for s in studies if s.start_date <= seg.start and (s.end_date is None or s.end_date >= seg.end)]
        phd = [s for s in running if s.is_phd_study]
        if len(running) < p["min_running"] or len(phd) < p["min_phd"]:
            gaps += 1
            which = f": {names(s.title for s in running)}" if running else ""
            o.fail(
                f"Van {seg.label()} liepen er {len(running)} onderzoek(en){which}, waarvan {len(phd)} promotieonderzoek; "
                f"nodig is steeds minstens {p['min_running']}, waarvan {p['min_phd']} promotieonderzoek."
            )
    if not gaps:
        at_visit = [
            s for s in studies if s.start_date <= period.end and (s.end_date is None or s.end_date >= period.end)
        ]
        labels = [f"{s.title} (promotieonderzoek)" if s.is_phd_study else s.title for s in at_visit]
        o.ok(
            f"Van {period.label()} liepen er steeds minstens {p['min_running']} onderzoeken, waarvan minstens "
            f"{p['min_phd']} promotieonderzoek; op de visitatiedatum: {names(labels)}."
        )
    return o
