"""Writes for criteria sets: ``create_criteria_set`` (from data) and ``copy_criteria_set`` (also an admin action)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from django.db import transaction

from certification.criteria.models import CriteriaSet, Criterion, SubItem
from certification.criteria.selectors import criteria_set_data
from certification.rules.criteria import CriteriaSetData


@transaction.atomic
def create_criteria_set(
    *, data: CriteriaSetData | dict, published: bool = False, code: str | None = None
) -> CriteriaSet:
    """Store a criteria set given as data (the format of ``migrations/data/*.json``), validated as in the admin."""
    if isinstance(data, dict):
        data = CriteriaSetData.from_dict(data)
    criteria_set = CriteriaSet(
        code=code or data.code,
        title=data.title,
        in_force_from=data.in_force_from,
        in_force_until=data.in_force_until,
        published=published,
        general_text=data.general.text,
        general_norms=[n.to_dict() for n in data.general.norms],
        general_evidence=list(data.general.required_evidence),
        general_review_points=list(data.general.review_points),
    )
    criteria_set.full_clean()
    criteria_set.save()
    for c in data.criteria:
        criterion = Criterion(
            criteria_set=criteria_set,
            number=c.number,
            title=c.title,
            text=c.text,
            evidence_text=c.evidence_text,
            required_evidence=list(c.required_evidence),
            norms=[n.to_dict() for n in c.norms],
            review_points=list(c.review_points),
        )
        criterion.full_clean()
        criterion.save()
        for item in c.sub_items:
            letter = item.code.removeprefix(str(c.number))
            sub_item = SubItem(
                criterion=criterion, letter=letter, text=item.text, required_evidence=list(item.required_evidence)
            )
            sub_item.full_clean()
            sub_item.save()
    return criteria_set


@transaction.atomic
def copy_criteria_set(
    *, source: CriteriaSet, code: str, title: str, in_force_from: date, in_force_until: date | None
) -> CriteriaSet:
    """An unpublished copy of ``source`` under a new code and period, to edit into the next set."""
    data = replace(
        criteria_set_data(source), code=code, title=title, in_force_from=in_force_from, in_force_until=in_force_until
    )
    return create_criteria_set(data=data, published=False)
