"""Which dossier parts a criterion's page shows, and the progress bars. Pure: no database."""

from dataclasses import replace

from certification.criteria import CriterionData, Norm
from certification.parts import parts_for, uses_attachments
from certification.progress import criterion_progress, dossier_progress

from .builders import criteria_2019_2022, example, passing


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
