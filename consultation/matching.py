"""Which departments fit a request: the finder's engine, the offer open, and what may exclude.

``suggest(...)`` asks the finder (``register.search``) for departments that serve the request's
target groups and age group and have the requested kind of offer, nearest to the patient's
4-digit postcode first among equals, then keeps those whose offer of that kind is open (not in a
registration pause). For each it says why it matches and which of its exclusion criteria the
request touches: the ones the referrer marked, "no earlier treatment" when nothing was tried yet,
and "lives outside the catchment area" when the patient's zorgkantoor region is not one of the
department's locations' regions. Two queries besides the finder's own, whatever the count.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from register.models import DepartmentExclusion, Location
from register.search import FinderQuery, search

NO_TREATMENT_HISTORY = "no_treatment_history"
OUTSIDE_REGION = "outside_region"
SEARCH_DEPTH = 40  # hits read from the finder before paused offers are dropped


@dataclass
class Match:
    hit: object  # register.search.DepartmentHit (its ``department`` is a card: see register/_card.html)
    reasons: list[str] = field(default_factory=list)
    exclusions: list[tuple[str, str]] = field(default_factory=list)  # (criterion label, department's note)

    @property
    def department(self):
        return self.hit.department


def suggest(*, kind: str, target_groups: list[str], age_group: str, pc4: str = "", concerns: set[str] = frozenset(),
            tried: str = "", patient_region: str | None = None, limit: int = 5) -> list[Match]:
    query = FinderQuery(
        target_groups=tuple(target_groups),
        age_groups=(age_group,) if age_group else (),
        offers=(kind,),
        place=pc4 or "",
        per_page=SEARCH_DEPTH,
    )
    result = search(query)
    hits = [hit for hit in result.hits if _offer_open(hit.department, kind)][:limit]
    if not hits:
        return []
    ids = [hit.department.pk for hit in hits]
    touched = set(concerns)
    if not (tried or "").strip():
        touched.add(NO_TREATMENT_HISTORY)
    exclusions: dict[int, list] = {}
    for department_id, code, label_nl, label_en, note in DepartmentExclusion.objects.filter(
        department_id__in=ids
    ).values_list("department_id", "criterion__code", "criterion__label_nl", "criterion__label_en", "note"):
        exclusions.setdefault(department_id, []).append((code, label_nl, label_en, note))
    regions: dict[int, set] = {}
    for department_id, region in Location.objects.filter(department_id__in=ids).values_list(
        "department_id", "municipality__zorgkantoor_region_id"
    ):
        regions.setdefault(department_id, set()).add(region)

    from django.utils import translation

    english = translation.get_language() == "en"
    matches = []
    for hit in hits:
        pk = hit.department.pk
        applies = set(touched)
        if patient_region and patient_region not in regions.get(pk, set()):
            applies.add(OUTSIDE_REGION)
        matches.append(
            Match(
                hit=hit,
                reasons=_reasons(hit, kind, age_group),
                exclusions=[
                    (label_en if english else label_nl, note)
                    for code, label_nl, label_en, note in exclusions.get(pk, [])
                    if code in applies
                ],
            )
        )
    return matches


def _offer_open(card, kind: str) -> bool:
    return any(offer.kind == kind and not offer.paused for offer in card.offers)


def _reasons(hit, kind: str, age_group: str) -> list[str]:
    card = hit.department
    reasons = []
    if hit.matched_target_groups:
        reasons.append(_("Doelgroep: %(groups)s") % {"groups": ", ".join(g.label for g in hit.matched_target_groups)})
    age = next((a for a in card.age_groups if a.code == age_group), None)
    if age is not None:
        reasons.append(_("Leeftijd: %(age)s") % {"age": age.label})
    offer = next(o for o in card.offers if o.kind == kind)
    reasons.append(_("%(offer)s: open voor aanmelding") % {"offer": offer.get_kind_display()})
    if hit.distance_km is not None:
        reasons.append(_("%(km)s km van postcode") % {"km": f"{hit.distance_km:.0f}"})
    return reasons
