"""Reads for criteria sets: which set applies on a date, and a set as the plain data the checker reads."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, Q

from certification.criteria.models import CriteriaSet, Criterion, SubItem
from certification.rules.criteria import GENERAL_TITLE, CriteriaSetData, CriterionData, Norm, SubItemData



def criteria_set_for(visitation_date: date) -> CriteriaSet | None:
    """The published set in force on ``visitation_date`` (both ends of its period included).

    ``CriteriaSet.clean`` keeps published periods from overlapping; should
    two overlap anyway (rows written around the admin), the most recent
    start wins, so the answer is deterministic.
    """
    return (
        CriteriaSet.objects.filter(published=True, in_force_from__lte=visitation_date)
        .filter(Q(in_force_until__isnull=True) | Q(in_force_until__gte=visitation_date))
        .order_by("-in_force_from", "-pk")
        .first()
    )


def criteria_set_by_reference(reference: str) -> CriteriaSet | None:
    """A set by its code ("2019-2022") or its primary key ("1"), published or not."""
    found = CriteriaSet.objects.filter(code=reference).first()
    if found is None and reference.isdigit():
        found = CriteriaSet.objects.filter(pk=int(reference)).first()
    return found


def criteria_set_data(criteria_set: CriteriaSet) -> CriteriaSetData:
    """The set as the plain structure the checker reads (three queries)."""
    criteria = list(
        Criterion.objects.filter(criteria_set=criteria_set)
        .order_by("number")
        .prefetch_related(Prefetch("sub_items", queryset=SubItem.objects.order_by("letter")))
    )
    return CriteriaSetData(
        code=criteria_set.code,
        title=criteria_set.title,
        in_force_from=criteria_set.in_force_from,
        in_force_until=criteria_set.in_force_until,
        general=CriterionData(
            number=0,
            title=GENERAL_TITLE,
            text=criteria_set.general_text,
            required_evidence=tuple(criteria_set.general_evidence),
            norms=tuple(Norm.from_dict(n) for n in criteria_set.general_norms),
            review_points=tuple(criteria_set.general_review_points),
        ),
        criteria=tuple(
            CriterionData(
                number=c.number,
                title=c.title,
                text=c.text,
                evidence_text=c.evidence_text,
                required_evidence=tuple(c.required_evidence),
                norms=tuple(Norm.from_dict(n) for n in c.norms),
                review_points=tuple(c.review_points),
                sub_items=tuple(
                    SubItemData(code=f"{c.number}{s.letter}", text=s.text, required_evidence=tuple(s.required_evidence))
                    for s in c.sub_items.all()
                ),
            )
            for c in criteria
        ),
    )
