"""What to widen when a search finds nothing: plain Dutch (B1), one suggestion per sentence pair.

Each suggestion says what to change and, where we can count it, how many
departments that would give: remove one filter (named), empty or change the
text, search farther away or in the whole country, check the spelling.
Counting needs no query: the engine's conditions are boolean columns over the
indexed departments (filters, text, radius), so "all conditions but one" is
numpy; distances come from the cached location table.
"""

from __future__ import annotations

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Offer
from .types import DISTANCE_CHOICES

EXAMPLE_WORDS = "‘angst’, ‘autisme’ of ‘eetstoornis’"


def suggest(*, query, reading, conditions: dict, ctx, km, radius) -> list[str]:
    """Suggestions for a search without hits, most useful first.

    `conditions`: {URL parameter: boolean column over the indexed departments}
    (the filters, "q" for the text, "afstand" for the radius); `km`: each
    department's distance when there is a radius.
    """
    suggestions = _spelling(reading)
    counts, farther = _relaxed_counts(conditions, km, radius)
    other_words = _("Gebruik andere woorden, bijvoorbeeld %(examples)s.") % {"examples": EXAMPLE_WORDS}

    widen = []  # (count, order, text)
    for order, name in enumerate(("q", "doelgroep", "leeftijd", "aanbod", "zorgfunctie", "provincie", "afstand")):
        count = counts.get(name, 0)
        if name not in conditions or not count:
            continue
        if name == "q":
            text = _("Laat het zoekveld leeg.")
        elif name == "provincie":
            province = ctx.provinces[query.province.strip()]
            text = _("Zoek in heel Nederland in plaats van alleen in %(province)s.") % {"province": province.name}
        elif name == "afstand":
            if farther is not None:
                count = farther[1]
                text = _("Zoek verder weg, bijvoorbeeld binnen %(km)s km.") % {"km": farther[0]}
            else:
                text = _("Zoek in heel Nederland, zonder afstand.")
        else:
            text = _("Haal het filter ‘%(filter)s’ weg.") % {"filter": _filter_label(name, query, ctx)}
        widen.append((-count, order, f"{text} {_found(count)}"))
    suggestions += [text for _count, _order, text in sorted(widen)]

    if not widen:
        if len(conditions) > 1:
            suggestions.append(_("Gebruik minder filters tegelijk. Haal er een paar weg en zoek opnieuw."))
        if "provincie" in conditions or radius is not None:
            suggestions.append(_("Zoek in heel Nederland: haal de provincie en de afstand weg."))
    if "q" in conditions and (reading.unknown_words or reading.unused_words or not counts.get("q")) and other_words not in suggestions:
        suggestions.append(other_words)
    if not suggestions:
        suggestions.append(other_words)
    return suggestions


def _spelling(reading) -> list[str]:
    if reading.unknown_words:
        words = _joined([f"‘{w}’" for w in reading.unknown_words], _("en"))
        return [
            ngettext(
                "Controleer de spelling. Wij kennen het woord %(words)s niet.",
                "Controleer de spelling. Wij kennen de woorden %(words)s niet.",
                len(reading.unknown_words),
            )
            % {"words": words}
        ]
    if reading.corrections:
        changed = ", ".join(f"‘{new}’ in plaats van ‘{old}’" for old, new in reading.corrections.items())
        return [_("Controleer de spelling. Wij zochten op %(changed)s.") % {"changed": changed}]
    return []


def _found(count: int) -> str:
    return ngettext("Dan vindt u %(count)d afdeling.", "Dan vindt u %(count)d afdelingen.", count) % {"count": count}


def _filter_label(name: str, query, ctx) -> str:
    if name == "doelgroep":
        labels = [str(ctx.target_groups[c]) for c in query.target_groups if c in ctx.target_groups]
        return _("Doelgroep: %(labels)s") % {"labels": _or(labels)}
    if name == "leeftijd":
        labels = [str(ctx.age_groups[c]) for c in query.age_groups if c in ctx.age_groups]
        return _("Leeftijd: %(labels)s") % {"labels": _or(labels)}
    if name == "aanbod":
        kinds = dict(Offer.Kind.choices)
        return _("Aanbod: %(labels)s") % {"labels": _or([str(kinds[c]) for c in query.offers if c in kinds])}
    if name == "zorgfunctie":
        labels = [str(ctx.care_functions[c]) for c in query.care_functions if c in ctx.care_functions]
        return _("Zorgfunctie: %(labels)s") % {"labels": _or(labels)}
    return name


def _or(labels: list[str]) -> str:
    return _joined(list(dict.fromkeys(labels)), _("of"))


def _joined(items: list[str], word: str) -> str:
    """"a", "a en b", "a, b en c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def _relaxed_counts(conditions: dict, km, radius):
    """How many departments each single relaxation gives, and the nearest larger radius that helps.

    Returns ({name: count}, (km, count) or None).
    """
    names = list(conditions)
    if not names:
        return {}, None
    passed = np.column_stack([conditions[name] for name in names])
    counts = {}
    for i, name in enumerate(names):
        counts[name] = int(np.delete(passed, i, axis=1).all(axis=1).sum())
    farther = None
    if km is not None and "afstand" in names:
        others = np.delete(passed, names.index("afstand"), axis=1).all(axis=1)
        for larger in (r for r in DISTANCE_CHOICES if r > radius):
            count = int((others & (km <= larger)).sum())
            if count:
                farther = (larger, count)
                break
    return counts, farther
