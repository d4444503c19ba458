"""Waiting time in calendar days from "waiting since", carried over on a forward, against the 14-week norm."""

from datetime import date

import pytest

from consultation.rules.config import DeskConfig
from consultation.rules.lifecycle import Event, apply
from consultation.rules.waiting import NORM_WEEKS, over_norm, waiting_days, waiting_of, waiting_until, waiting_weeks

D = date
CONFIG = DeskConfig()


def test_waiting_days_are_calendar_days_from_waiting_since():
    # 1 Nov 2026 to 1 Feb 2027: 29 + 31 + 31 + 1 = 92 days.
    assert waiting_days(D(2026, 11, 1), D(2027, 2, 1)) == 92


def test_waiting_weeks_are_shown_to_one_decimal():
    assert waiting_weeks(100) == 14.3
    assert waiting_weeks(98) == 14.0


@pytest.mark.parametrize("days, over", [(97, False), (98, False), (99, True)])
def test_more_than_fourteen_weeks_is_over_the_norm(days, over):
    assert NORM_WEEKS == 14
    assert over_norm(days) is over


def test_waiting_ends_at_the_start_of_treatment_else_at_the_close_else_today():
    today = D(2027, 6, 30)
    assert waiting_until(D(2027, 5, 1), D(2027, 6, 1), today) == D(2027, 5, 1)
    assert waiting_until(None, D(2027, 6, 1), today) == D(2027, 6, 1)
    assert waiting_until(None, None, today) == today


def _forwarded_twice():
    state = None
    for event in [
        Event("R1", D(2027, 3, 1), "received", {"request_kind": "treatment", "department": "a", "waiting_since": D(2027, 1, 4)}),
        Event("R1", D(2027, 3, 8), "forwarded", {"department": "b"}),
        Event("R1", D(2027, 4, 1), "forwarded", {"department": "c"}),
    ]:
        state = apply(state, event, CONFIG)
    return state


def test_the_waiting_time_carried_over_on_forwards_counts_from_the_first_registration():
    # 4 Jan to 30 Apr 2027: 27 + 28 + 31 + 30 = 116 days, 16.6 weeks.
    waiting = waiting_of(_forwarded_twice(), D(2027, 4, 30))
    assert (waiting.since, waiting.days, waiting.weeks, waiting.over_norm) == (D(2027, 1, 4), 116, 16.6, True)


def test_the_waiting_time_already_carried_over_is_counted_to_the_current_departments_receipt():
    # 4 Jan to 1 Apr 2027 (the last forward): 27 + 28 + 31 + 1 = 87 days.
    assert waiting_of(_forwarded_twice(), D(2027, 4, 30)).carried_over_days == 87


def test_waiting_stops_at_the_start_of_treatment():
    state = apply(_forwarded_twice(), Event("R1", D(2027, 4, 2), "accepted"), CONFIG)
    state = apply(state, Event("R1", D(2027, 4, 12), "treatment_started"), CONFIG)
    waiting = waiting_of(state, D(2027, 6, 30))
    # 4 Jan to 12 Apr 2027: 27 + 28 + 31 + 12 = 98 days: exactly 14 weeks, within the norm.
    assert (waiting.until, waiting.until_reason, waiting.days, waiting.over_norm) == (
        D(2027, 4, 12),
        "treatment_started",
        98,
        False,
    )


def test_a_request_without_waiting_since_has_no_waiting_time():
    state = apply(None, Event("R1", D(2027, 3, 1), "received", {"request_kind": "consultation", "department": "a"}), CONFIG)
    assert waiting_of(state, D(2027, 4, 1)) is None
