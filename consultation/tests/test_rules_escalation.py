"""The escalation ladder: levels, automatic escalation, and calendar days in each level."""

from datetime import date

import pytest

from consultation.rules.escalation import (
    LEVEL_NAMES_NL,
    LEVELS,
    EscalationEntry,
    auto_escalation_due,
    days_in_levels,
    next_level,
)

D = date


def test_the_ladder_has_four_levels_from_the_transfer_point_to_the_minister():
    assert LEVELS == {1: "transfer", 2: "regional_table", 3: "administrative", 4: "minister"}
    assert LEVEL_NAMES_NL[2] == "regionale tafel hoogcomplexe zorg"


@pytest.mark.parametrize("current, expected", [(None, 1), (0, 1), (1, 2), (3, 4), (4, None)])
def test_the_next_level_is_one_up_and_there_is_none_above_the_minister(current, expected):
    assert next_level(current) == expected


@pytest.mark.parametrize(
    "declines, expired, due",
    [(0, 0, False), (2, 1, False), (3, 0, True), (0, 2, True), (5, 5, True)],
)
def test_automatic_escalation_is_due_after_three_declines_or_two_clocks_that_ran_out(declines, expired, due):
    assert auto_escalation_due(declines, expired) is due


def test_the_automatic_escalation_limits_are_arguments():
    assert auto_escalation_due(2, 0, decline_limit=2)
    assert not auto_escalation_due(0, 2, expired_limit=3)


def test_days_in_a_level_are_calendar_days_from_entering_to_leaving_it():
    entries = [
        EscalationEntry(1, D(2027, 3, 1), left_on=D(2027, 3, 15), outcome="no_solution"),
        EscalationEntry(2, D(2027, 3, 15), left_on=D(2027, 4, 12)),
    ]
    assert days_in_levels(entries, D(2027, 6, 30)) == [(1, 14, False), (2, 28, False)]


def test_an_open_level_counts_its_days_until_today():
    entries = [EscalationEntry(3, D(2027, 6, 1))]
    assert days_in_levels(entries, D(2027, 6, 30)) == [(3, 29, True)]


def test_a_level_entered_and_left_on_the_same_day_counts_zero_days():
    assert days_in_levels([EscalationEntry(1, D(2027, 6, 1), left_on=D(2027, 6, 1))], D(2027, 6, 30))[0].days == 0
