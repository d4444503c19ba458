"""Criterion 10: peer-reviewed publications in the last N years, at least M international."""

from __future__ import annotations

from certification.format.dossier import PUBLICATION_TYPES
from certification.format.periods import fmt, lookback
from .report import Outcome
from .registry import COUNT, FLAG, NAMES, POSITIVE, params, rule


@rule(
    "publications",
    "Minimaal N peer-reviewed publicaties in de afgelopen jaren, waarvan M internationaal",
    params(
        {
            "min_publications": POSITIVE,
            "min_international": COUNT,
            "years": POSITIVE,
            "countable_types": NAMES,
            "accepted_indexes": NAMES,
            "require_unit_author": FLAG,
        }
    ),
)
def publications(dossier, p, ctx) -> Outcome:
    """Counts peer-reviewed journal publications in ``[V - years, V - 1 day]``.

    Boundaries: a publication dated exactly ``years`` years before the
    visitation counts (the first day of the window); one a day earlier does
    not; one dated on or after the visitation day does not ("voorafgaand").

    A publication counts when its type is in ``countable_types`` (so congress
    abstracts, book chapters and the like do not), it is peer reviewed, it
    has an author of the unit (if ``require_unit_author``) and its journal is
    indexed in one of ``accepted_indexes``. A journal indexed only in another
    search engine may be accepted by the committee if the article is relevant
    for the target group: such a publication is *uncertain*, and a norm met
    only with uncertain publications gives ``needs_review``. A publication
    with no index at all does not count.
    """
    o = Outcome("publications")
    window = lookback(ctx.visitation_date, years=p["years"])
    accepted = {ix.casefold(): ix for ix in p["accepted_indexes"]}
    certain, uncertain = [], []
    for i, pub in enumerate(dossier.publications):
        path = f"$.publications[{i}]"
        label = f"Publicatie '{pub.title}' ({fmt(pub.date)})"
        if pub.date < window.start:
            o.excluded(
                f"{label} telt niet: verschenen voor {fmt(window.start)}, eerder dan {p['years']} jaar voor de visitatie.",
                path,
            )
        elif pub.date > window.end:
            o.excluded(f"{label} telt niet: verschenen op of na de visitatiedatum {fmt(ctx.visitation_date)}.", path)
        elif pub.type not in p["countable_types"]:
            o.excluded(f"{label} telt niet: {PUBLICATION_TYPES.get(pub.type, pub.type)}.", path)
        elif not pub.peer_reviewed:
            o.excluded(f"{label} telt niet: niet peer reviewed.", path)
        elif p["require_unit_author"] and not any(a.unit_author for a in pub.authors):
            o.excluded(f"{label} telt niet: geen van de auteurs is aan de eenheid verbonden.", path)
        else:
            listed = [accepted[ix.casefold()] for ix in pub.indexes if ix.casefold() in accepted]
            scope = "internationaal" if pub.international else "nationaal"
            if listed:
                certain.append(pub)
                o.ok(
                    f"{label} telt mee: {pub.journal or 'tijdschrift onbekend'}, {scope}, gerefereerd in {', '.join(listed)}.",
                    path,
                )
            elif pub.indexes:
                uncertain.append(pub)
                o.uncertain(
                    f"{label} telt alleen mee als de commissie {', '.join(pub.indexes)} als vergelijkbare zoekmachine "
                    f"aanvaardt en het artikel relevant vindt voor de patiëntengroep.",
                    path,
                )
            else:
                o.excluded(
                    f"{label} telt niet: het tijdschrift is niet gerefereerd in een zoekmachine "
                    f"({', '.join(p['accepted_indexes'])}).",
                    path,
                )

    n, n_int = p["min_publications"], p["min_international"]
    count, count_int = len(certain), sum(1 for x in certain if x.international)
    possible, possible_int = count + len(uncertain), count_int + sum(1 for x in uncertain if x.international)
    norm = f"norm: minstens {n} in {window.label()}, waarvan {n_int} internationaal"
    if count >= n and count_int >= n_int:
        o.ok(f"{count} publicaties tellen mee, waarvan {count_int} internationaal ({norm}).")
    elif possible >= n and possible_int >= n_int:
        o.review(
            f"Zeker tellen {count} publicaties mee, waarvan {count_int} internationaal; met de {len(uncertain)} "
            f"publicatie(s) uit andere zoekmachines zijn het er {possible} ({norm})."
        )
    else:
        if possible < n:
            o.fail(f"Er tellen {count} publicaties mee ({norm}).")
        if possible_int < n_int:
            o.fail(
                f"Van de publicaties die meetellen {'is' if possible_int == 1 else 'zijn'} er {possible_int} "
                f"in een internationaal tijdschrift verschenen ({norm})."
            )
    return o
