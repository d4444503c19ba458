"""Which dossier parts a criterion's page shows, and the progress bars. Pure: no database."""

from dataclasses import replace

import pytest

from certification.rules.criteria import CriterionData, Norm
from certification.dossier.parts import parts_for, uses_attachments
from certification.rules.progress import criterion_progress, dossier_progress

from .builders import EXAMPLES, criteria_2019_2022, example, passing


def keys(criterion) -> list[str]:
    return [p.key for p in parts_for(criterion)]


def test_the_figurehead_criterion_shows_the_staff():
    assert keys(criteria_2019_2022().criterion(4)) == ["staff"]


def test_the_unit_criterion_shows_its_parts_in_the_order_of_its_sub_items():
    assert keys(criteria_2019_2022().criterion(1)) == [
        "target_group",
        "patient_years",
        "locations",
        "specialist_offer",
        "management",
        "chain_position",
        "staff",
    ]


def test_the_general_conditions_show_the_specialisation_date_and_the_self_evaluation():
    assert keys(criteria_2019_2022().general) == ["specialised_since", "self_evaluation"]


def test_an_activities_norm_shows_the_collection_it_counts():
    assert keys(criteria_2019_2022().criterion(12)) == ["patient_participation"]


def test_a_criterion_with_unknown_keys_shows_nothing_rather_than_failing():
    criterion = CriterionData(number=99, title="Nieuw", required_evidence=("iets_nieuws",), norms=(Norm(kind="onbekend"),))
    assert keys(criterion) == []


def test_a_new_criterion_reusing_known_keys_gets_their_parts_without_code():
    criterion = CriterionData(number=15, title="Nieuw", required_evidence=("studies",), norms=(Norm(kind="publications"),))
    assert keys(criterion) == ["studies", "publications"]


def test_the_figurehead_criterion_points_to_the_attachments_for_the_cv():
    assert uses_attachments(criteria_2019_2022().criterion(4))


def test_a_complete_criterion_has_a_full_progress_bar():
    progress = criterion_progress(example(), criteria_2019_2022().criterion(4))
    assert (progress.complete, progress.percent) == (True, 100)


def test_a_figurehead_without_hours_leaves_the_norm_step_undone():
    dossier = example()
    weak = tuple(replace(m, hours_per_week=4) if m.figurehead else m for m in dossier.staff)
    progress = criterion_progress(replace(dossier, staff=weak), criteria_2019_2022().criterion(4))
    assert (progress.done, progress.total) == (1, 2)


def test_the_dossier_progress_adds_up_the_criteria():
    overall, per_criterion = dossier_progress(passing(), criteria_2019_2022())
    assert overall.total == sum(p.total for p in per_criterion.values()) and overall.complete


def test_a_figurehead_without_hours_counts_its_norm_as_not_met_and_its_evidence_as_present():
    dossier = example()
    weak = tuple(replace(m, hours_per_week=4) if m.figurehead else m for m in dossier.staff)
    progress = criterion_progress(replace(dossier, staff=weak), criteria_2019_2022().criterion(4))
    assert (progress.norms_met, progress.norms, progress.evidence_present, progress.evidence) == (0, 1, 1, 1)


@pytest.mark.parametrize("name", [p.name for p in sorted(EXAMPLES.glob("*.json"))])
def test_a_criterion_is_met_exactly_when_its_norms_and_evidence_are_all_counted_complete(name):
    from certification.rules.checker import check_dossier

    dossier = example(name)
    criteria = criteria_2019_2022()
    report = check_dossier(dossier, criteria)
    _overall, per_criterion = dossier_progress(dossier, criteria)
    for result in report.results:
        progress = per_criterion[result.number]
        assert (result.verdict == "met") == progress.complete, (result.label, result.verdict, progress)
        if result.verdict == "not_met":
            assert progress.norms_met < progress.norms or progress.evidence_missing > 0, result.label
