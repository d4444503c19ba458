"""The request's state machine: which events are allowed when, and what they do to status and clocks."""

from datetime import date

import pytest

from consultation.rules.clocks import Pause
from consultation.rules.config import DeskConfig
from consultation.rules.lifecycle import (
    CaseState,
    Event,
    TransitionRefused,
    all_clocks,
    allowed_events,
    apply,
    clocks_expired,
    current_clocks,
    escalation_due,
)

CONFIG = DeskConfig()
D = date


def run(*steps, request="R1"):
    """Apply (on, kind, data) steps from nothing; returns the state."""
    state = None
    for on, kind, data in steps:
        state = apply(state, Event(request, on, kind, data), CONFIG)
    return state


def received(on=D(2027, 1, 11), department="angst-utrecht", kind="consultation", **data):
    return (on, "received", {"request_kind": kind, "department": department, **data})


def step(on, kind, **data):
    return (on, kind, data)


def refused(state, on, kind, **data) -> TransitionRefused:
    with pytest.raises(TransitionRefused) as caught:
        apply(state, Event("R1", on, kind, data), CONFIG)
    return caught.value


# --------------------------------------------------------------- receipt and routing


def test_a_request_addressed_to_a_department_is_new_there_with_its_clocks_from_the_receipt():
    state = run(received())
    assert (state.status, state.department, state.received_on) == ("new", "angst-utrecht", D(2027, 1, 11))


def test_a_request_addressed_to_the_desk_waits_there_without_a_department_or_clocks():
    state = run(received(department=None))
    assert (state.status, state.department, state.received_on, state.via_desk) == ("at_desk", None, None, True)
    assert current_clocks(state, D(2027, 1, 20), CONFIG) == (None, None)


def test_the_desk_routes_a_request_to_a_department_whose_clocks_start_on_the_routing_day():
    state = run(received(department=None), step(D(2027, 1, 13), "routed", department="psychose-groningen"))
    assert (state.status, state.department, state.received_on) == ("new", "psychose-groningen", D(2027, 1, 13))
    triage, _ = current_clocks(state, D(2027, 1, 13), CONFIG)
    assert triage.due_on == D(2027, 1, 20)  # 14, 15, 18, 19, 20


def test_the_first_event_must_be_the_receipt():
    assert refused(None, D(2027, 1, 11), "accepted").code == "not_received"


def test_a_request_cannot_be_received_twice():
    assert refused(run(received()), D(2027, 1, 12), "received", request_kind="consultation").code == "already_received"


def test_an_unknown_kind_of_request_is_refused():
    assert refused(None, D(2027, 1, 11), "received", request_kind="chat").code == "unknown_kind"


def test_waiting_since_after_the_receipt_is_refused():
    error = refused(None, D(2027, 1, 11), "received", request_kind="consultation", waiting_since=D(2027, 1, 12))
    assert error.code == "waiting_since_after_receipt"


def test_an_event_dated_before_the_previous_one_is_refused():
    error = refused(run(received()), D(2027, 1, 10), "accepted")
    assert (error.code, error.params) == ("before_previous", {"on": "2027-01-10", "previous": "2027-01-11"})


def test_a_refusal_has_a_stable_code_an_english_message_and_a_dutch_text():
    error = refused(run(received(department=None)), D(2027, 1, 12), "accepted")
    assert error.code == "not_allowed"
    assert str(error) == "'accepted' is not possible in status 'at_desk'"
    assert error.dutch == "'accepted' kan niet bij status 'at_desk'"


# --------------------------------------------------------------- triage


def test_accepting_a_new_request_puts_it_in_progress_and_stops_the_triage_clock():
    state = run(received(), step(D(2027, 1, 13), "accepted"))
    triage, answer = current_clocks(state, D(2027, 1, 14), CONFIG)
    assert state.status == "in_progress"
    assert (triage.done_on, triage.met) == (D(2027, 1, 13), True)
    assert answer.met is None


def test_a_request_in_progress_cannot_be_accepted_again():
    state = run(received(), step(D(2027, 1, 13), "accepted"))
    assert refused(state, D(2027, 1, 14), "accepted").code == "not_allowed"


def test_declining_needs_a_known_reason():
    assert refused(run(received()), D(2027, 1, 12), "declined", reason="busy").code == "unknown_reason"


def test_declining_lets_the_department_go_and_records_who_declined_and_why():
    state = run(received(), step(D(2027, 1, 12), "declined", reason="registration_pause", suggestion="Probeer X."))
    assert (state.status, state.department, state.received_on) == ("declined", None, None)
    assert [(d.department, d.reason, d.suggestion) for d in state.declines] == [
        ("angst-utrecht", "registration_pause", "Probeer X.")
    ]
    [finished] = state.clock_history
    assert (finished.department, finished.ended_by, finished.triage.met) == ("angst-utrecht", "declined", True)


def test_a_declined_request_can_be_routed_to_another_department():
    state = run(
        received(),
        step(D(2027, 1, 12), "declined", reason="outside_target_group"),
        step(D(2027, 1, 14), "routed", department="trauma-nijmegen"),
    )
    assert (state.status, state.department, state.received_on) == ("new", "trauma-nijmegen", D(2027, 1, 14))


def test_forwarding_moves_the_request_to_the_other_department_with_new_clocks_from_that_day():
    state = run(received(waiting_since=D(2026, 10, 1)), step(D(2027, 1, 13), "forwarded", department="trauma-nijmegen"))
    assert (state.status, state.department, state.received_on) == ("new", "trauma-nijmegen", D(2027, 1, 13))
    triage, _ = current_clocks(state, D(2027, 1, 13), CONFIG)
    assert triage.due_on == D(2027, 1, 20)
    assert [(f.from_department, f.to_department) for f in state.forwards] == [("angst-utrecht", "trauma-nijmegen")]


def test_forwarding_carries_waiting_since_over_unchanged():
    state = run(received(waiting_since=D(2026, 10, 1)), step(D(2027, 1, 13), "forwarded", department="trauma-nijmegen"))
    assert state.waiting_since == D(2026, 10, 1)


def test_forwarding_to_the_same_department_is_refused():
    error = refused(run(received()), D(2027, 1, 12), "forwarded", department="angst-utrecht")
    assert error.code == "same_department"


def test_forwarding_without_a_department_is_refused():
    assert refused(run(received()), D(2027, 1, 12), "forwarded").code == "department_required"


# --------------------------------------------------------------- information


def test_asking_for_information_pauses_and_giving_it_returns_to_the_status_before():
    asked = run(received(), step(D(2027, 1, 12), "accepted"), step(D(2027, 1, 13), "info_asked"))
    assert (asked.status, asked.status_before_info) == ("waiting_info", "in_progress")
    given = apply(asked, Event("R1", D(2027, 1, 15), "info_given"), CONFIG)
    assert (given.status, given.pauses) == ("in_progress", (Pause(D(2027, 1, 13), D(2027, 1, 15)),))


def test_information_asked_before_triage_returns_the_request_to_new():
    state = run(received(), step(D(2027, 1, 12), "info_asked"), step(D(2027, 1, 14), "info_given"))
    assert state.status == "new"


def test_while_waiting_for_information_the_department_cannot_answer():
    state = run(received(), step(D(2027, 1, 12), "info_asked"))
    assert refused(state, D(2027, 1, 13), "answered").code == "not_allowed"


def test_information_cannot_be_given_when_none_was_asked():
    assert refused(run(received()), D(2027, 1, 12), "info_given").code == "not_allowed"


# --------------------------------------------------------------- answer, treatment, close


def test_answering_a_new_request_is_also_its_triage_decision():
    state = run(received(), step(D(2027, 1, 15), "answered"))
    triage, answer = current_clocks(state, D(2027, 1, 20), CONFIG)
    assert state.status == "answered"
    assert (triage.done_on, answer.done_on, answer.met) == (D(2027, 1, 15), D(2027, 1, 15), True)


def test_a_treatment_request_has_a_triage_clock_and_no_answer_clock():
    state = run(received(kind="treatment"))
    triage, answer = current_clocks(state, D(2027, 1, 12), CONFIG)
    assert triage.working_days == 5
    assert answer is None


def test_the_start_of_treatment_is_recorded_once_while_in_progress():
    state = run(received(kind="treatment"), step(D(2027, 1, 12), "accepted"), step(D(2027, 2, 1), "treatment_started"))
    assert (state.status, state.treatment_started_on) == ("in_progress", D(2027, 2, 1))
    assert refused(state, D(2027, 2, 2), "treatment_started").code == "treatment_already_started"


def test_treatment_cannot_start_before_the_request_is_accepted():
    assert refused(run(received(kind="treatment")), D(2027, 1, 12), "treatment_started").code == "not_allowed"


@pytest.mark.parametrize(
    "steps",
    [
        [],
        [step(D(2027, 1, 12), "accepted")],
        [step(D(2027, 1, 12), "info_asked")],
        [step(D(2027, 1, 12), "answered")],
        [step(D(2027, 1, 12), "declined", reason="other")],
    ],
)
def test_a_request_can_be_closed_from_any_status_but_closed(steps):
    state = run(received(), *steps, step(D(2027, 1, 20), "closed", outcome="withdrawn"))
    assert (state.status, state.closed_on, state.outcome) == ("closed", D(2027, 1, 20), "withdrawn")


def test_closing_records_whether_it_helped_and_a_referral_was_avoided():
    state = run(
        received(),
        step(D(2027, 1, 12), "answered"),
        step(D(2027, 1, 20), "closed", outcome="helped", helped=True, referral_avoided=False),
    )
    assert (state.helped, state.referral_avoided) == (True, False)


def test_nothing_happens_to_a_closed_request():
    state = run(received(), step(D(2027, 1, 12), "closed", outcome="other"))
    assert allowed_events(state) == set()
    assert refused(state, D(2027, 1, 13), "escalated", level=1, by="referrer").code == "not_allowed"


def test_closing_needs_a_known_outcome():
    assert refused(run(received()), D(2027, 1, 12), "closed", outcome="done").code == "unknown_outcome"


def test_closing_while_waiting_for_information_stops_the_clocks_on_the_closing_day():
    state = run(received(), step(D(2027, 1, 12), "info_asked"), step(D(2027, 2, 1), "closed", outcome="withdrawn"))
    [finished] = state.clock_history
    assert (finished.ended_on, finished.triage.met, finished.triage.done_on) == (D(2027, 2, 1), True, D(2027, 2, 1))


def test_apply_returns_a_new_state_and_leaves_the_old_one_unchanged():
    before = run(received())
    after = apply(before, Event("R1", D(2027, 1, 12), "accepted"), CONFIG)
    assert (before.status, after.status) == ("new", "in_progress")
    assert isinstance(after, CaseState)


# --------------------------------------------------------------- allowed events


@pytest.mark.parametrize(
    "steps, expected",
    [
        ([received(department=None)], {"routed", "escalated", "closed"}),
        ([received()], {"info_asked", "accepted", "declined", "forwarded", "answered", "escalated", "closed"}),
        (
            [received(), step(D(2027, 1, 12), "accepted")],
            {"info_asked", "declined", "forwarded", "answered", "treatment_started", "escalated", "closed"},
        ),
        ([received(), step(D(2027, 1, 12), "info_asked")], {"info_given", "escalated", "closed"}),
        ([received(), step(D(2027, 1, 12), "answered")], {"escalated", "closed"}),
        ([received(), step(D(2027, 1, 12), "declined", reason="other")], {"routed", "escalated", "closed"}),
        (
            [received(), step(D(2027, 1, 12), "escalated", level=1, by="referrer")],
            {"info_asked", "accepted", "declined", "forwarded", "answered", "escalated", "escalation_outcome", "closed"},
        ),
    ],
)
def test_allowed_events_are_exactly_those_the_status_permits(steps, expected):
    assert allowed_events(run(*steps)) == expected


def test_only_the_receipt_is_allowed_before_anything_happened():
    assert allowed_events(None) == {"received"}


# --------------------------------------------------------------- escalation


def test_escalating_enters_a_level_without_changing_the_status():
    state = run(received(), step(D(2027, 1, 12), "escalated", level=1, by="department"))
    assert (state.status, state.ladder_level, state.open_escalation.level) == ("new", 1, 1)


def test_entering_the_next_level_leaves_the_one_below_on_that_day():
    state = run(
        received(),
        step(D(2027, 1, 12), "escalated", level=1, by="referrer"),
        step(D(2027, 1, 26), "escalated", level=2, by="referrer"),
    )
    assert [(e.level, e.entered_on, e.left_on) for e in state.escalations] == [
        (1, D(2027, 1, 12), D(2027, 1, 26)),
        (2, D(2027, 1, 26), None),
    ]


@pytest.mark.parametrize("level", [1, 0, 5])
def test_a_case_only_goes_up_the_ladder_to_at_most_level_4(level):
    state = run(received(), step(D(2027, 1, 12), "escalated", level=1, by="referrer"))
    assert refused(state, D(2027, 1, 13), "escalated", level=level, by="referrer").code == "bad_level"


def test_an_escalation_must_say_who_asked_for_it():
    assert refused(run(received()), D(2027, 1, 12), "escalated", level=1).code == "unknown_escalated_by"


def test_a_level_may_be_skipped_on_the_way_up():
    state = run(received(), step(D(2027, 1, 12), "escalated", level=2, by="referrer"))
    assert state.ladder_level == 2


def test_an_outcome_needs_an_open_level():
    assert refused(run(received()), D(2027, 1, 12), "escalation_outcome", outcome="advice").code == "no_open_level"


def test_an_outcome_leaves_the_level_and_a_placement_ends_the_ladder():
    state = run(
        received(),
        step(D(2027, 1, 12), "escalated", level=1, by="referrer"),
        step(D(2027, 1, 19), "escalation_outcome", outcome="placed", department="trauma-nijmegen"),
    )
    [entry] = state.escalations
    assert (entry.left_on, entry.outcome, entry.placed_at) == (D(2027, 1, 19), "placed", "trauma-nijmegen")
    assert state.ladder_level == 0


def test_after_an_outcome_without_placement_the_case_can_only_go_higher():
    state = run(
        received(),
        step(D(2027, 1, 12), "escalated", level=1, by="referrer"),
        step(D(2027, 1, 19), "escalation_outcome", outcome="no_solution"),
    )
    assert refused(state, D(2027, 1, 20), "escalated", level=1, by="referrer").code == "bad_level"
    assert apply(state, Event("R1", D(2027, 1, 20), "escalated", {"level": 2, "by": "referrer"}), CONFIG).ladder_level == 2


def test_closing_the_case_leaves_the_open_level_on_the_closing_day():
    state = run(
        received(),
        step(D(2027, 1, 12), "escalated", level=1, by="referrer"),
        step(D(2027, 1, 19), "closed", outcome="withdrawn"),
    )
    assert state.escalations[0].left_on == D(2027, 1, 19)


def test_a_request_declined_by_three_departments_is_due_for_automatic_escalation():
    steps = [received()]
    for i, department in enumerate(["trauma-nijmegen", "psychose-groningen"]):
        steps += [
            step(D(2027, 1, 12 + 2 * i), "declined", reason="other"),
            step(D(2027, 1, 13 + 2 * i), "routed", department=department),
        ]
    two = run(*steps)
    three = run(*steps, step(D(2027, 1, 18), "declined", reason="other"))
    assert not escalation_due(two, D(2027, 1, 18), CONFIG)
    assert escalation_due(three, D(2027, 1, 18), CONFIG)


def test_a_request_whose_clocks_ran_out_twice_is_due_for_automatic_escalation():
    # Triage due 18 January, answer due 25 January (received Monday 11 January).
    state = run(received())
    assert clocks_expired(state, D(2027, 1, 19), CONFIG) == 1
    assert not escalation_due(state, D(2027, 1, 19), CONFIG)
    assert clocks_expired(state, D(2027, 1, 26), CONFIG) == 2
    assert escalation_due(state, D(2027, 1, 26), CONFIG)


def test_clocks_that_ran_out_at_two_departments_add_up():
    # Triage at the first department ran out on 18 January; it forwards on the 20th; the
    # second department's triage clock (21, 22, 25, 26, 27) runs out after 27 January.
    state = run(received(), step(D(2027, 1, 20), "forwarded", department="trauma-nijmegen"))
    assert clocks_expired(state, D(2027, 1, 27), CONFIG) == 1
    assert clocks_expired(state, D(2027, 1, 28), CONFIG) == 2
    assert [a.department for a in all_clocks(state, D(2027, 1, 28), CONFIG)] == ["angst-utrecht", "trauma-nijmegen"]


def test_the_limits_for_automatic_escalation_are_configurable():
    strict = DeskConfig(expired_limit=1)
    state = run(received())
    assert escalation_due(state, D(2027, 1, 19), strict)


def test_a_case_already_on_the_ladder_is_not_escalated_automatically():
    state = run(received(), step(D(2027, 1, 12), "escalated", level=1, by="referrer"))
    assert not escalation_due(state, D(2027, 2, 28), CONFIG)


def test_after_a_placement_only_what_happens_next_counts_towards_automatic_escalation():
    steps = [received()]
    for i, department in enumerate(["trauma-nijmegen", "psychose-groningen", "autisme-eindhoven"]):
        steps += [
            step(D(2027, 1, 12 + 2 * i), "declined", reason="other"),
            step(D(2027, 1, 13 + 2 * i), "routed", department=department),
        ]
    steps += [
        step(D(2027, 1, 18), "escalated", level=1, by="auto"),
        step(D(2027, 1, 25), "escalation_outcome", outcome="placed", department="autisme-eindhoven"),
        step(D(2027, 1, 25), "accepted"),
    ]
    assert not escalation_due(run(*steps), D(2027, 1, 26), CONFIG)
