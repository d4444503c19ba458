from datetime import date

import pytest

from certification.rules.checker import check_dossier
from certification.models import CriteriaSet
from certification.rules.report import Verdict
from certification.criteria.selectors import criteria_set_by_reference, criteria_set_data, criteria_set_for
from certification.criteria.services import copy_criteria_set

from .builders import criteria_2019_2022, passing, publication

pytestmark = pytest.mark.django_db


def next_set(published=True, **norms):
    """The bureau's 2023-2026 set: a copy of 2019-2022 with norms changed, entered as data."""
    new = copy_criteria_set(
        source=CriteriaSet.objects.get(code="2019-2022"),
        code="2023-2026",
        title="TOPGGz-criteria 2023-2026",
        in_force_from=date(2023, 1, 1),
        in_force_until=date(2026, 12, 31),
    )
    for number, (kind, params) in norms.items():
        criterion = new.criteria.get(number=int(number.removeprefix("c")))
        criterion.norms = [
            {**n, "params": {**n["params"], **params}} if n["kind"] == kind else n for n in criterion.norms
        ]
        criterion.full_clean()
        criterion.save()
    new.published = published
    new.full_clean()
    new.save()
    return new


@pytest.mark.parametrize(
    "day, code",
    [
        (date(2018, 12, 31), None),
        (date(2019, 1, 1), "2019-2022"),
        (date(2022, 12, 31), "2019-2022"),
        (date(2023, 1, 1), "2023-2026"),
        (date(2026, 12, 31), "2023-2026"),
        (date(2027, 1, 1), None),
    ],
)
def test_criteria_set_for_picks_the_published_set_in_force_on_the_date(day, code):
    next_set()
    found = criteria_set_for(day)
    assert (found.code if found else None) == code


def test_an_unpublished_set_is_never_picked_for_a_date():
    next_set(published=False)
    assert criteria_set_for(date(2023, 6, 1)) is None


def test_the_selector_gives_the_checker_exactly_the_seeded_data(django_assert_max_num_queries):
    criteria_set = CriteriaSet.objects.get(code="2019-2022")
    with django_assert_max_num_queries(3):
        data = criteria_set_data(criteria_set)
    assert data == criteria_2019_2022()


def test_a_set_is_found_by_its_code_or_its_id():
    criteria_set = CriteriaSet.objects.get(code="2019-2022")
    assert criteria_set_by_reference("2019-2022") == criteria_set_by_reference(str(criteria_set.pk)) == criteria_set
    assert criteria_set_by_reference("1999-2002") is None


def test_a_new_set_entered_as_data_changes_the_verdict_without_code_changes():
    next_set(c10=("publications", {"min_publications": 6}))
    five = tuple(publication(f"Artikel {n}", date(2022, n, 1)) for n in range(1, 6))
    in_2022 = passing(publications=five, visitation_date=date(2022, 12, 1))
    in_2023 = passing(publications=five, visitation_date=date(2023, 1, 10))

    def verdict(dossier):
        return check_dossier(dossier, criteria_set_data(criteria_set_for(dossier.visitation_date))).result(10)

    assert verdict(in_2022).verdict is Verdict.MET
    result = verdict(in_2023)
    assert result.verdict is Verdict.NOT_MET
    assert (
        "Er tellen 5 publicaties mee (norm: minstens 6 in 2020-01-10 t/m 2023-01-09, waarvan 1 internationaal)."
        in result.texts()
    )


def test_a_copied_set_is_an_unpublished_draft_with_every_criterion_and_sub_item():
    copy = copy_criteria_set(
        source=CriteriaSet.objects.get(code="2019-2022"),
        code="concept",
        title="Concept",
        in_force_from=date(2023, 1, 1),
        in_force_until=None,
    )
    assert not copy.published
    assert criteria_set_data(copy).criteria == criteria_2019_2022().criteria
