"""Scoring (pure): every cut-off, the characteristics rule, and every way answers can be incomplete.

The small tool: a (1, severe/complex/rare), b (2, insufficient benefit), c (3, expected benefit),
d (4, no characteristic); maximum 10; specialist from 3, high-specialist from 6 with all three
characteristics.
"""

import pytest

from triage.rules.scoring import check_answers, score
from triage.rules.tools import (
    EXPECTED_BENEFIT,
    HIGH_SPECIALIST,
    INSUFFICIENT_BENEFIT,
    NONE,
    SEVERE_COMPLEX_RARE,
    SPECIALIST,
    UNDETERMINED,
)
from triage.tests.builders import pure_tool

TOOL = pure_tool()
NO = dict.fromkeys("abcd", False)


def answered(*yes, **others):
    answers = {**NO, **{key: True for key in yes}}
    answers.update(others)
    return answers


# ------------------------------------------------------------------ the cut-offs


def test_no_yes_answers_score_zero_and_point_to_no_specialist_care():
    result = score(TOOL, NO)
    assert (result.score, result.outcome) == (0, NONE)


def test_one_point_below_the_specialist_cut_off_is_no_specialist_care():
    result = score(TOOL, answered("b"))  # 2
    assert (result.score, result.outcome) == (2, NONE)


def test_exactly_the_specialist_cut_off_is_specialist_care():
    result = score(TOOL, answered("a", "b"))  # 3
    assert (result.score, result.outcome) == (3, SPECIALIST)


def test_one_point_below_the_high_specialist_cut_off_is_specialist_care():
    result = score(TOOL, answered("b", "c"))  # 5
    assert (result.score, result.outcome) == (5, SPECIALIST)


def test_exactly_the_high_specialist_cut_off_with_all_three_characteristics_is_high_specialist_care():
    result = score(TOOL, answered("a", "b", "c"))  # 6
    assert (result.score, result.outcome) == (6, HIGH_SPECIALIST)
    assert result.characteristics_met == (SEVERE_COMPLEX_RARE, INSUFFICIENT_BENEFIT, EXPECTED_BENEFIT)
    assert not result.capped


def test_the_highest_score_is_high_specialist_care():
    result = score(TOOL, answered("a", "b", "c", "d"))
    assert (result.score, result.outcome) == (10, HIGH_SPECIALIST)


def test_a_score_at_the_high_cut_off_without_every_characteristic_stays_specialist_care_and_says_why():
    result = score(TOOL, answered("b", "d"))  # 6, but no a (severe) and no c (expected benefit)
    assert (result.score, result.outcome) == (6, SPECIALIST)
    assert result.capped
    assert result.characteristics_met == (INSUFFICIENT_BENEFIT,)
    assert result.characteristics_not_met == (SEVERE_COMPLEX_RARE, EXPECTED_BENEFIT)


def test_without_the_characteristics_rule_the_score_alone_reaches_high_specialist_care():
    tool = pure_tool(high_specialist_requires_all_characteristics=False)
    result = score(tool, answered("b", "d"))
    assert (result.score, result.outcome) == (6, HIGH_SPECIALIST)
    assert not result.capped


def test_equal_cut_offs_skip_specialist_care():
    tool = pure_tool(cutoffs={"specialist": 6, "high_specialist": 6})
    assert score(tool, answered("b", "c")).outcome == NONE
    assert score(tool, answered("a", "b", "c")).outcome == HIGH_SPECIALIST


def test_possible_outcomes_for_a_bare_score_follow_the_cut_offs():
    assert TOOL.possible_outcomes_for_score(2) == (NONE,)
    assert TOOL.possible_outcomes_for_score(3) == (SPECIALIST,)
    assert TOOL.possible_outcomes_for_score(5) == (SPECIALIST,)
    assert TOOL.possible_outcomes_for_score(6) == (SPECIALIST, HIGH_SPECIALIST)
    assert pure_tool(high_specialist_requires_all_characteristics=False).possible_outcomes_for_score(6) == (HIGH_SPECIALIST,)


# ------------------------------------------------------------------ incomplete answers


def test_no_answers_at_all_leave_the_outcome_undetermined_between_none_and_high_specialist():
    result = score(TOOL, {})
    assert result.outcome == UNDETERMINED
    assert (result.lowest_outcome, result.highest_outcome) == (NONE, HIGH_SPECIALIST)
    assert (result.score, result.highest) == (0, 10)
    assert result.unanswered == ("a", "b", "c", "d")
    assert result.characteristics_open == (SEVERE_COMPLEX_RARE, INSUFFICIENT_BENEFIT, EXPECTED_BENEFIT)
    assert not result.complete


def test_a_missing_answer_that_cannot_change_the_outcome_leaves_it_determined():
    answers = answered("a", "b", "c")
    del answers["d"]
    result = score(TOOL, answers)
    assert result.outcome == HIGH_SPECIALIST
    assert result.unanswered == ("d",)
    assert not result.complete and result.determined


def test_dont_know_counts_like_a_missing_answer_but_is_listed_as_such():
    result = score(TOOL, answered("a", "b", "c", d=None))
    assert result.outcome == HIGH_SPECIALIST
    assert result.unknown == ("d",) and result.unanswered == ()
    assert result.open_items == ("d",)


def test_an_open_item_that_could_lift_the_score_over_a_cut_off_leaves_the_outcome_undetermined():
    result = score(TOOL, answered("b", d=None))  # 2 now, 6 if d were yes
    assert result.outcome == UNDETERMINED
    assert (result.lowest_outcome, result.highest_outcome) == (NONE, SPECIALIST)
    assert (result.score, result.highest) == (2, 6)


def test_an_open_item_that_could_only_complete_the_characteristics_leaves_the_outcome_undetermined():
    result = score(TOOL, answered("b", "c", "d", a=None))  # 9 either way; a decides the characteristics
    assert result.outcome == UNDETERMINED
    assert (result.lowest_outcome, result.highest_outcome) == (SPECIALIST, HIGH_SPECIALIST)
    assert result.characteristics_open == (SEVERE_COMPLEX_RARE,)
    assert not result.capped  # not decided yet


def test_open_items_too_light_to_reach_the_next_cut_off_leave_the_outcome_determined():
    answers = {"b": False, "c": False, "d": False}  # a missing: at most 1 point
    result = score(TOOL, answers)
    assert result.outcome == NONE
    assert result.highest == 1


def test_open_items_never_lower_a_reached_outcome():
    result = score(TOOL, {"a": True, "b": True, "c": True})
    assert result.outcome == HIGH_SPECIALIST


def test_an_answer_to_an_item_the_version_does_not_have_is_refused_with_the_items_it_has():
    clean, problems = check_answers(TOOL, {**NO, "e": True})
    assert [p.key for p in problems] == ["e"]
    assert "a, b, c, d" in problems[0].message
    with pytest.raises(ValueError):
        score(TOOL, {**NO, "e": True})


@pytest.mark.parametrize("value", ["ja", 1, 0, "", [], {}])
def test_an_answer_that_is_not_true_false_or_null_is_refused(value):
    clean, problems = check_answers(TOOL, {"a": value})
    assert [p.key for p in problems] == ["a"]
    assert "true (ja), false (nee) of null (weet niet)" in problems[0].message
