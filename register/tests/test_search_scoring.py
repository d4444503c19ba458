"""register.search.scoring: the tiered score (no database)."""

import numpy as np

from register.search.engine import proximity_points as proximity_points_many
from register.search.scoring import Features, proximity_points, score


def test_a_matched_target_group_outweighs_two_words_in_the_name():
    assert score(Features(matched_groups=1)) > score(Features(term_columns=(frozenset({"name"}),) * 2))


def test_a_word_in_the_name_outweighs_it_in_the_target_group_terms():
    assert score(Features(term_columns=(frozenset({"name"}),))) > score(Features(term_columns=(frozenset({"groups"}),)))


def test_a_word_in_the_target_group_terms_outweighs_it_in_the_institution_name():
    assert score(Features(term_columns=(frozenset({"groups"}),))) > score(
        Features(term_columns=(frozenset({"institutions"}),))
    )


def test_a_word_only_in_the_description_counts_least():
    assert 0 < score(Features(term_columns=(frozenset({"description"}),))) < score(
        Features(term_columns=(frozenset({"institutions"}),))
    )


def test_only_the_strongest_column_of_a_word_counts():
    assert score(Features(term_columns=(frozenset({"name", "description"}),))) == score(
        Features(term_columns=(frozenset({"name"}),))
    )


def test_each_matched_target_group_counts():
    assert score(Features(matched_groups=2)) == 2 * score(Features(matched_groups=1))


def test_a_matched_age_group_outweighs_a_word_in_the_name():
    assert score(Features(matched_age=True)) > score(Features(term_columns=(frozenset({"name"}),)))


def test_certification_is_a_bonus_smaller_than_any_match():
    assert score(Features(certified=True)) == 1
    assert score(Features(certified=True)) < score(Features(term_columns=(frozenset({"description"}),)))


def test_a_place_named_in_the_text_gives_more_points_the_nearer_a_department_is():
    assert [proximity_points(km) for km in (3, 30, 80, 140, 200, None)] == [40, 30, 20, 10, 0, 0]


def test_the_proximity_points_of_many_distances_match_one_by_one():
    km = np.array([0.0, 25.0, 25.01, 50.0, 99.9, 150.0, 151.0, np.inf])
    assert list(proximity_points_many(km)) == [proximity_points(None if np.isinf(d) else d) for d in km]
