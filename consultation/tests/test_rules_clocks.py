"""Clocks in working days around the Dutch holidays, and paused by questions to the referrer.

Every expected date was counted by hand on a printed calendar, not derived from the code.
"""

from datetime import date

import pytest

from consultation.rules.calendar import dutch_calendar
from consultation.rules.clocks import DEFAULT_CLOCKS, Pause, clock_length, clock_result, due_date, working_days_used

NL = dutch_calendar()
D = date


def due(received, days, *pauses):
    return due_date(received, days, list(pauses), NL)


# --------------------------------------------------------------- holidays


@pytest.mark.parametrize(
    "received, days, expected",
    [
        # Tue 22 Dec: 23, 24, (25-27 off), 28, 29, 30.
        (D(2026, 12, 22), 5, D(2026, 12, 30)),
        # ... then 31, (1-3 Jan off), 4, 5, 6, 7.
        (D(2026, 12, 22), 10, D(2027, 1, 7)),
        # Thu 24 Dec: (25-27 off), 28, 29, 30, 31, (1-3 Jan off), 4.
        (D(2026, 12, 24), 5, D(2027, 1, 4)),
        # Received on Christmas Day itself: due 5 working days after it all the same.
        (D(2026, 12, 25), 5, D(2027, 1, 4)),
    ],
)
def test_a_clock_around_christmas_and_new_year_skips_the_holidays(received, days, expected):
    assert due(received, days) == expected


@pytest.mark.parametrize(
    "received, expected",
    [
        # Wed 24 Mar: 25, 26 (Good Friday counts), (27-29 off: Easter Monday), 30, 31, 1 Apr.
        (D(2027, 3, 24), D(2027, 4, 1)),
        # Thu 25 Mar: 26, (Easter Monday), 30, 31, 1, 2 Apr.
        (D(2027, 3, 25), D(2027, 4, 2)),
    ],
)
def test_a_clock_over_easter_2027_skips_easter_monday_but_counts_good_friday(received, expected):
    assert due(received, 5) == expected


def test_a_clock_over_kings_day_2027_skips_tuesday_27_april():
    # Fri 23 Apr: 26, (27 King's Day), 28, 29, 30, 3 May.
    assert due(D(2027, 4, 23), 5) == D(2027, 5, 3)


def test_a_clock_over_ascension_day_2027_skips_thursday_6_may():
    # Mon 3 May: 4, 5 (Liberation Day 2027 is not a lustrum year), (6 Ascension), 7, 10, 11.
    assert due(D(2027, 5, 3), 5) == D(2027, 5, 11)


def test_a_clock_over_whit_monday_2027_skips_17_may():
    # Fri 14 May: (15-17 off), 18, 19, 20, 21, 24.
    assert due(D(2027, 5, 14), 5) == D(2027, 5, 24)


def test_a_clock_over_liberation_day_in_the_lustrum_year_2025_skips_5_may():
    # Fri 2 May 2025: (3-5 off, 5 May is Liberation Day in a lustrum year), 6, 7, 8, 9, 12.
    assert due(D(2025, 5, 2), 5) == D(2025, 5, 12)


def test_a_clock_over_liberation_day_in_2026_counts_5_may():
    # Mon 4 May 2026: 5 (a working day: 2026 is not a lustrum year), 6, 7, 8, 11.
    assert due(D(2026, 5, 4), 5) == D(2026, 5, 11)


def test_a_second_opinion_over_easter_kings_day_and_liberation_day_2027():
    # Wed 7 Apr 2027, 20 working days: 8, 9, 12-16, 19-23, 26, (27 King's Day), 28, 29, 30,
    # 3, 4, 5 (no Liberation Day off in 2027), (6 Ascension), 7 May.
    assert due(D(2027, 4, 7), 20) == D(2027, 5, 7)


# --------------------------------------------------------------- weekend receipt


@pytest.mark.parametrize("received", [D(2027, 1, 8), D(2027, 1, 9), D(2027, 1, 10)])
def test_a_request_received_on_friday_saturday_or_sunday_is_due_the_next_friday(received):
    # Counting starts on Monday 11 January: 11, 12, 13, 14, 15.
    assert due(received, 5) == D(2027, 1, 15)


# --------------------------------------------------------------- pauses (January 2027 has no holidays after the 1st)

MONDAY = D(2027, 1, 11)  # 5 working days without pauses: 12, 13, 14, 15, 18


def test_without_a_pause_a_clock_from_monday_11_january_is_due_monday_18_january():
    assert due(MONDAY, 5) == D(2027, 1, 18)


@pytest.mark.parametrize("day", [D(2027, 1, 12), D(2027, 1, 13), D(2027, 1, 18)])
def test_information_asked_and_given_on_the_same_day_changes_nothing(day):
    assert due(MONDAY, 5, Pause(day, day)) == D(2027, 1, 18)


def test_the_day_information_is_asked_does_not_count_and_counting_resumes_after_it_arrives():
    # 12 counts; asked 13 (not counted); 14, 15 wait; given 15; resume 18, 19, 20, 21.
    assert due(MONDAY, 5, Pause(D(2027, 1, 13), D(2027, 1, 15))) == D(2027, 1, 21)


def test_the_day_the_information_arrives_does_not_count():
    # Asked 12, given 13: neither counts; 14, 15, 18, 19, 20.
    assert due(MONDAY, 5, Pause(D(2027, 1, 12), D(2027, 1, 13))) == D(2027, 1, 20)


@pytest.mark.parametrize("given", [D(2027, 1, 15), D(2027, 1, 16), D(2027, 1, 17)])
def test_information_given_at_the_end_of_the_week_resumes_the_clock_on_monday(given):
    # Asked 12; counting resumes Monday 18: 18, 19, 20, 21, 22.
    assert due(MONDAY, 5, Pause(D(2027, 1, 12), given)) == D(2027, 1, 22)


def test_two_pauses_both_stop_the_clock_and_keep_the_days_used():
    # 12/13 paused; 14 (1), 15 (2); 18/19 paused; 20 (3), 21 (4), 22 (5).
    pauses = (Pause(D(2027, 1, 12), D(2027, 1, 13)), Pause(D(2027, 1, 18), D(2027, 1, 19)))
    assert due(MONDAY, 5, *pauses) == D(2027, 1, 22)


def test_pauses_given_out_of_order_count_the_same():
    pauses = (Pause(D(2027, 1, 18), D(2027, 1, 19)), Pause(D(2027, 1, 12), D(2027, 1, 13)))
    assert due(MONDAY, 5, *pauses) == D(2027, 1, 22)


def test_a_pause_over_christmas_keeps_the_day_already_used_and_skips_the_holidays_after_it():
    # Mon 21 Dec 2026: 22 counts; asked 23, given 28; resume 29, 30, 31, (1 Jan off), 4 Jan.
    assert due(D(2026, 12, 21), 5) == D(2026, 12, 29)
    assert due(D(2026, 12, 21), 5, Pause(D(2026, 12, 23), D(2026, 12, 28))) == D(2027, 1, 4)


def test_an_open_pause_means_no_due_date_while_waiting():
    assert due(MONDAY, 5, Pause(D(2027, 1, 13), None)) is None


def test_a_question_asked_after_the_deadline_does_not_undo_it():
    assert due(MONDAY, 5, Pause(D(2027, 1, 20), None)) == D(2027, 1, 18)


def test_working_days_used_leaves_out_the_paused_days():
    # 12 (1); 13-15 paused; 18 (2), 19 (3).
    assert working_days_used(MONDAY, [Pause(D(2027, 1, 13), D(2027, 1, 15))], D(2027, 1, 19), NL) == 3


def test_working_days_used_while_waiting_counts_only_the_days_before_the_question():
    assert working_days_used(MONDAY, [Pause(D(2027, 1, 14), None)], D(2027, 1, 29), NL) == 2


def test_working_days_used_on_the_day_of_receipt_is_zero():
    assert working_days_used(MONDAY, [], MONDAY, NL) == 0


# --------------------------------------------------------------- results


def result(done_on=None, today=D(2027, 1, 14), pauses=()):
    return clock_result(MONDAY, 5, list(pauses), done_on, today, NL)


@pytest.mark.parametrize("done_on", [D(2027, 1, 15), D(2027, 1, 18)])
def test_a_clock_stopped_by_the_end_of_its_last_day_is_met(done_on):
    r = result(done_on=done_on)
    assert (r.met, r.overdue, r.working_days_left, r.remind) == (True, False, None, False)


def test_a_clock_stopped_after_its_last_day_is_not_met_and_overdue():
    r = result(done_on=D(2027, 1, 19))
    assert (r.met, r.overdue, r.working_days_used) == (False, True, 6)


def test_a_running_clock_has_no_verdict_yet_and_says_how_many_working_days_are_left():
    # Today Wed 13 Jan: 12 and 13 used, 3 left.
    r = result(today=D(2027, 1, 13))
    assert (r.met, r.overdue, r.working_days_used, r.working_days_left, r.remind) == (None, False, 2, 3, False)


@pytest.mark.parametrize("today, left", [(D(2027, 1, 14), 2), (D(2027, 1, 15), 1), (D(2027, 1, 18), 0)])
def test_a_running_clock_reminds_when_two_working_days_or_fewer_are_left(today, left):
    r = result(today=today)
    assert (r.working_days_left, r.remind, r.overdue) == (left, True, False)


def test_a_running_clock_past_its_last_day_is_overdue_instead_of_reminding():
    r = result(today=D(2027, 1, 19))
    assert (r.overdue, r.remind, r.met) == (True, False, None)


def test_a_paused_clock_neither_reminds_nor_counts_down():
    r = result(today=D(2027, 1, 18), pauses=[Pause(D(2027, 1, 14), None)])
    assert (r.paused, r.due_on, r.working_days_left, r.remind, r.overdue) == (True, None, None, False, False)


def test_a_clock_stopped_while_waiting_for_information_ends_the_pause_that_day():
    # Asked 13, decided 25 while waiting: met, and the pause is taken to end on the 25th.
    r = result(done_on=D(2027, 1, 25), today=D(2027, 1, 26), pauses=[Pause(D(2027, 1, 13), None)])
    assert (r.met, r.paused, r.working_days_used) == (True, False, 1)


def test_a_pause_asked_after_the_clock_stopped_does_not_move_its_due_date():
    r = result(done_on=D(2027, 1, 13), today=D(2027, 1, 20), pauses=[Pause(D(2027, 1, 14), D(2027, 1, 19))])
    assert r.due_on == D(2027, 1, 18)


def test_clock_lengths_are_configured_per_kind_of_request():
    assert clock_length(DEFAULT_CLOCKS, "consultation", "answer") == 10
    assert clock_length(DEFAULT_CLOCKS, "second_opinion", "answer") == 20
    assert clock_length(DEFAULT_CLOCKS, "treatment", "triage") == 5
    assert clock_length(DEFAULT_CLOCKS, "treatment", "answer") is None
