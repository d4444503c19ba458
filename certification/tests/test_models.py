import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from certification.models import CriteriaSet, Criterion, SubItem

pytestmark = pytest.mark.django_db

SUB_ITEMS = {
    1: "abcdefg",
    2: "abc",
    3: "ab",
    6: "abcde",
    8: "ab",
    11: "ab",
    13: "ab",
    14: "ab",
}


def seeded():
    return CriteriaSet.objects.get(code="2019-2022")


def test_the_migration_seeds_the_2019_2022_set_with_all_14_criteria():
    criteria_set = seeded()
    assert criteria_set.published
    assert (criteria_set.in_force_from.isoformat(), criteria_set.in_force_until.isoformat()) == (
        "2019-01-01",
        "2022-12-31",
    )
    assert list(criteria_set.criteria.values_list("number", flat=True)) == list(range(1, 15))


def test_the_seeded_criteria_have_the_sub_items_of_the_criteria_document():
    found = {}
    for item in SubItem.objects.filter(criterion__criteria_set=seeded()).select_related("criterion"):
        found.setdefault(item.criterion.number, "")
        found[item.criterion.number] += item.letter
    assert {n: "".join(sorted(letters)) for n, letters in found.items()} == SUB_ITEMS


def test_the_seeded_criteria_carry_the_numeric_norms_of_the_criteria_document():
    norms = {c.number: {n["kind"]: n["params"] for n in c.norms} for c in seeded().criteria.all()}
    assert norms[2]["high_specialist_share"]["min_share"] == 0.5
    assert norms[4]["figurehead_hours"] == {"min_hours_attached": 16, "min_clinical_hours": 16, "max_combined": 2}
    assert norms[5]["innovations_with_design"] == {"min_innovations": 2}
    assert (norms[7]["senior_researchers"]["lead_min_hours"], norms[7]["senior_researchers"]["other_min_hours"]) == (
        24,
        8,
    )
    assert norms[9]["running_studies"] == {"min_running": 2, "min_phd": 1, "years": 3}
    assert norms[10]["publications"]["min_publications"] == 5
    assert norms[11]["presentations_per_year"] == {"min_per_year": 3, "years": 3}
    assert norms[13]["training_places"]["min_places"] == 1
    assert seeded().general_norms == [{"kind": "specialised_since", "params": {"min_years": 3}}]


def test_every_seeded_row_passes_the_admin_validation():
    criteria_set = seeded()
    criteria_set.full_clean()
    for criterion in criteria_set.criteria.all():
        criterion.full_clean()
        for item in criterion.sub_items.all():
            item.full_clean()


@pytest.mark.parametrize(
    "norms, message",
    [
        (
            [{"kind": "publications", "params": {"min_publications": 6}}],
            "norm 'publications', parameter years: verplicht veld ontbreekt",
        ),
        ([{"kind": "nieuwe_regel", "params": {}}], "onbekende normsoort 'nieuwe_regel'"),
        (
            [{"kind": "innovations_with_design", "params": {"min_innovations": 0}}],
            "parameter min_innovations: moet minstens 1 zijn, niet 0",
        ),
        (
            [{"kind": "innovations_with_design", "params": {"min_innovations": 2, "extra": 1}}],
            "parameter extra: onbekend veld",
        ),
        ({"kind": "publications"}, "De normen zijn een lijst"),
    ],
)
def test_a_criterion_with_a_norm_the_checker_cannot_run_is_refused(norms, message):
    criterion = seeded().criteria.get(number=5)
    criterion.norms = norms
    with pytest.raises(ValidationError) as caught:
        criterion.full_clean()
    assert message in str(caught.value)


def test_an_unknown_evidence_key_is_refused():
    criterion = seeded().criteria.get(number=1)
    criterion.required_evidence = ["organogram"]
    with pytest.raises(ValidationError) as caught:
        criterion.full_clean()
    assert "Onbekende onderbouwing: organogram" in str(caught.value)


def test_two_published_sets_may_not_apply_on_the_same_day():
    overlapping = CriteriaSet(code="2022-2026", title="Overlap", in_force_from="2022-12-31", published=True)
    with pytest.raises(ValidationError) as caught:
        overlapping.full_clean()
    assert "overlapt met de gepubliceerde set 2019-2022" in str(caught.value)


def test_a_published_set_starting_the_day_after_the_previous_one_ends_is_accepted():
    CriteriaSet(
        code="2023-2026", title="Volgende", in_force_from="2023-01-01", in_force_until="2026-12-31", published=True
    ).full_clean()


def test_an_unpublished_draft_may_overlap_a_published_set():
    CriteriaSet(code="concept", title="Concept", in_force_from="2022-01-01").full_clean()


def test_the_database_refuses_a_set_that_ends_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        CriteriaSet.objects.create(
            code="omgekeerd", title="Omgekeerd", in_force_from="2023-01-01", in_force_until="2022-01-01"
        )


def test_the_database_refuses_two_criteria_with_the_same_number_in_a_set():
    with pytest.raises(IntegrityError), transaction.atomic():
        Criterion.objects.create(criteria_set=seeded(), number=4, title="Nog een boegbeeld", text="...")


def test_the_database_refuses_a_sub_item_letter_that_is_not_one_lowercase_letter():
    with pytest.raises(IntegrityError), transaction.atomic():
        SubItem.objects.create(criterion=seeded().criteria.get(number=1), letter="H", text="...")


def test_a_sub_item_is_named_by_its_criterion_number_and_letter():
    assert str(SubItem.objects.get(criterion__criteria_set=seeded(), criterion__number=13, letter="b")) == "13b"
