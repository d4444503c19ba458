"""The replay, without Django: the example log, the report's figures, and every error at once."""

import json
from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from consultation.rules.replay import load_events, parse_json, render_text, replay, replay_data, schema, to_dict, to_json

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "balie-2027.json"
D = date


@pytest.fixture(scope="module")
def example():
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report(example):
    return replay_data(example)


def by_request(report):
    return {r.request: r for r in report.requests}


def test_the_published_schema_is_valid_json_schema_2020_12():
    Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_example_log_is_valid_and_replays_without_errors(report):
    assert report.errors == ()
    assert report.today == D(2027, 6, 30)


def test_the_example_holds_a_request_in_every_status(report):
    assert {r.state.status for r in report.requests} == {
        "at_desk",
        "new",
        "in_progress",
        "waiting_info",
        "answered",
        "declined",
        "closed",
    }


def test_the_example_climbs_every_level_of_the_ladder(report):
    levels = {level for r in report.requests for level, _, _ in r.levels}
    assert levels == {1, 2, 3, 4}


def test_a_second_opinion_over_easter_and_kings_day_answered_late(report):
    # Received Wed 24 Mar 2027, information asked 30 Mar and given 6 Apr. Counted: 25, 26 (Good
    # Friday), then 7-9, 12-16, 19-23, 26, 28-30 Apr (27th King's Day) and 3 May: 20 working days.
    # Answered 10 May: 4, 5 (no Liberation Day off in 2027), 7, 10 (6th Ascension) make 24.
    [assignment] = by_request(report)["R-2027-002"].assignments
    assert (assignment.triage.due_on, assignment.triage.met) == (D(2027, 4, 9), True)
    assert (assignment.answer.due_on, assignment.answer.met, assignment.answer.working_days_used) == (
        D(2027, 5, 3),
        False,
        24,
    )


def test_a_forward_starts_the_clocks_again_and_carries_the_waiting_time_over(report):
    r = by_request(report)["R-2027-004"]
    first, second = r.assignments
    assert (first.department, first.ended_by, second.department, second.received_on) == (
        "angst-utrecht",
        "forwarded",
        "eetstoornissen-zwolle",
        D(2027, 5, 7),
    )
    # Fri 7 May: 10, 11, 12, 13, 14 (triage); 18-21, 24 (answer; 17 May is Whit Monday).
    assert (second.triage.due_on, second.answer.due_on, second.answer.met) == (D(2027, 5, 14), D(2027, 5, 24), True)
    # Waiting since 1 Mar: 67 days at the forward (30 + 30 + 7), 121 days on 30 June.
    assert (r.waiting.carried_over_days, r.waiting.days, r.waiting.over_norm) == (67, 121, True)


def test_the_days_in_each_escalation_level_are_reported(report):
    r = by_request(report)["R-2027-003"]
    assert [tuple(level) for level in r.levels] == [(1, 14, False), (2, 28, False), (3, 35, False), (4, 21, False)]


def test_an_open_level_counts_until_the_reports_day(report):
    assert [tuple(level) for level in by_request(report)["R-2027-007"].levels] == [(1, 2, True)]


def test_a_running_clock_in_its_last_days_asks_for_a_reminder(report):
    # Received Thu 24 June: 25, 28, 29, 30 used on 30 June; due Thu 1 July.
    [assignment] = by_request(report)["R-2027-006"].assignments
    assert (assignment.triage.due_on, assignment.triage.working_days_left, assignment.triage.remind) == (
        D(2027, 7, 1),
        1,
        True,
    )


def test_a_request_waiting_for_information_has_no_due_date(report):
    [assignment] = by_request(report)["R-2027-005"].assignments
    assert (assignment.triage.paused, assignment.triage.due_on, assignment.triage.working_days_used) == (True, None, 1)


def test_the_quarter_counts_per_department_with_the_supra_regional_share(report):
    groups = {(g["department"], g["label"]): g for g in to_dict(report)["quarters"]}
    assert set(groups) == {
        ("angst-utrecht", "2025-Q2"),
        ("angst-utrecht", "2027-Q1"),
        ("eetstoornissen-zwolle", "2027-Q2"),
        ("psychose-groningen", "2027-Q2"),
        ("trauma-nijmegen", "2027-Q2"),
    }
    trauma = groups[("trauma-nijmegen", "2027-Q2")]
    # 5611 (Eindhoven, ZK30) lies outside Nijmegen's ZK16 and ZK04; 6511 (Nijmegen) does not.
    assert {k: v["count"] for k, v in trauma["kinds"].items()} == {"consultation": 1, "second_opinion": 1}
    assert (trauma["supra_regional"], trauma["total"], trauma["share"]) == (1, 2, 0.5)
    assert trauma["criterion_3"] == {"count": 2, "supra_regional": 1, "share": 0.5}


def test_the_text_report_shows_clocks_waiting_time_and_levels(report):
    text = render_text(report)
    assert "Verzoek R-2027-002: second opinion; status beantwoord" in text
    assert "antwoord (20 werkdagen): uiterlijk 2027-05-03; gegeven 2027-05-10: te laat (24 werkdagen gebruikt)" in text
    assert "meegenomen bij ontvangst: 67 dagen; boven de norm van 14 weken" in text
    assert "niveau 4 minister: 21 dagen (2027-05-17 tot 2027-06-07, geplaatst bij trauma-nijmegen)" in text
    assert "trauma-nijmegen 2027-Q2: consultatie & advies 1, second opinion 1; bovenregionaal 1 van 2 (50%)" in text


def test_the_json_report_round_trips_through_json(report):
    data = json.loads(to_json(report))
    assert data["valid"] is True
    assert len(data["requests"]) == 13
    r4 = next(r for r in data["requests"] if r["request"] == "R-2027-004")
    assert r4["waiting"]["carried_over_days"] == 67
    assert r4["assignments"][1]["clocks"]["answer"]["due_on"] == "2027-05-24"


def test_the_report_day_can_be_given_instead_of_the_files():
    log, errors = load_events(
        {
            "departments": {"a": {"regions": ["ZK23"]}},
            "events": [{"request": "R1", "on": "2027-01-11", "kind": "received", "request_kind": "consultation", "department": "a"}],
        }
    )
    report = replay(log, today=D(2027, 1, 19))
    [assignment] = report.requests[0].assignments
    assert (errors, assignment.triage.overdue) == ([], True)


def test_clock_lengths_and_days_off_in_the_file_replace_the_defaults():
    data = {
        "today": "2027-01-11",
        "config": {"clocks": {"consultation": {"triage": 2}}, "extra_days_off": ["2027-01-12"]},
        "departments": {"a": {"regions": ["ZK23"]}},
        "events": [{"request": "R1", "on": "2027-01-11", "kind": "received", "request_kind": "consultation", "department": "a"}],
    }
    [assignment] = replay_data(data).requests[0].assignments
    # Mon 11 Jan, 12 Jan off: 13, 14 for triage; the answer clock keeps its 10 days.
    assert (assignment.triage.due_on, assignment.answer.working_days) == (D(2027, 1, 14), 10)


# --------------------------------------------------------------- every error at once

BROKEN = {
    "today": "2027-06-30",
    "departments": {"a": {"regions": ["ZK23"]}, "b": {"regions": ["ZK9"]}},
    "postcodes": {"3511": "ZK23"},
    "colour": "blue",
    "events": [
        {"request": "R1", "on": "2027-01-11", "kind": "received", "request_kind": "consultation", "department": "a"},
        {"request": "R1", "on": "2027-01-12", "kind": "accepted"},
        {"request": "R1", "on": "2027-01-13", "kind": "accepted"},
        {"request": "R2", "on": "2027-02-30", "kind": "received", "request_kind": "consultation"},
        {"request": "R2", "on": "2027-03-01", "kind": "accepted"},
        {"request": "R3", "on": "2027-01-11", "kind": "received", "request_kind": "consultation", "department": "zz"},
        {"request": "R3", "on": "2027-01-12", "kind": "declined", "reason": "other", "suggestion": "BSN 123.456.782"},
        {"request": "R4", "on": "2027-01-11", "kind": "received", "request_kind": "consultation", "patient_pc4": "9999"},
        {"request": "R4", "on": "2027-01-10", "kind": "routed", "department": "a"},
        {"request": "R5", "on": "2027-01-11", "kind": "answered", "reason": "other"},
        {"request": "R6", "on": "2027-07-01", "kind": "received", "request_kind": "consultation"},
    ],
}


@pytest.fixture(scope="module")
def broken():
    return replay_data(BROKEN)


def messages(report):
    return {(e.path, e.request): e.message for e in report.errors}


def test_every_error_in_a_log_is_reported_at_once(broken):
    assert set(messages(broken)) == {
        ("$.departments.b.regions[0]", None),
        ("$.colour", None),
        ("$.events[2]", "R1"),
        ("$.events[3].on", "R2"),
        ("$.events[5].department", "R3"),
        ("$.events[6].suggestion", "R3"),
        ("$.events[7].patient_pc4", "R4"),
        ("$.events[8]", "R4"),
        ("$.events[9].reason", "R5"),
        ("$.events[10].on", "R6"),
    }


def test_the_errors_say_what_is_wrong_in_dutch(broken):
    found = messages(broken)
    assert found[("$.colour", None)] == "onbekend veld"
    assert found[("$.events[2]", "R1")] == "'accepted' kan niet bij status 'in_progress'"
    assert found[("$.events[3].on", "R2")] == '"2027-02-30" is geen geldige datum (JJJJ-MM-DD, jaar 2000-2099)'
    assert found[("$.events[5].department", "R3")].startswith('onbekende afdeling "zz"')
    assert "BSN-elfproef" in found[("$.events[6].suggestion", "R3")]
    assert "123" not in found[("$.events[6].suggestion", "R3")]  # the number is not repeated
    assert found[("$.events[7].patient_pc4", "R4")].startswith('onbekende postcode "9999"')
    assert found[("$.events[8]", "R4")] == "datum 2027-01-10 ligt vóór de vorige gebeurtenis (2027-01-11)"
    assert found[("$.events[9].reason", "R5")] == 'hoort niet bij een gebeurtenis "answered"'
    assert found[("$.events[10].on", "R6")].startswith("2027-07-01 ligt na de peildatum 2027-06-30")


def test_a_refused_transition_carries_its_code_and_event_index(broken):
    [refusal] = [e for e in broken.errors if e.code == "not_allowed"]
    assert (refusal.index, refusal.request) == (2, "R1")


def test_the_events_after_one_the_schema_refused_are_not_reported_again(broken):
    # R2's receipt has an impossible date; its 'accepted' would only say "not received".
    assert not any(e.request == "R2" and e.index == 4 for e in broken.errors)


def test_errors_are_listed_in_the_order_of_the_file(broken):
    indexes = [e.index for e in broken.errors if e.index is not None]
    assert indexes == sorted(indexes)


@pytest.mark.parametrize(
    "text, message",
    [
        (b"{", "geen geldige JSON"),
        (b"\xff\xfe", "geen UTF-8-tekst"),
    ],
)
def test_a_file_that_is_not_json_says_so(text, message):
    data, errors = parse_json(text)
    assert data is None
    assert message in errors[0].message


def test_a_document_that_is_not_an_object_is_refused_with_its_path():
    log, errors = load_events([])
    assert [(e.path, e.message) for e in errors] == [("$", "moet een object zijn, niet een lijst")]
    assert log.events == ()


def test_a_missing_event_list_is_named():
    _, errors = load_events({})
    assert [(e.path, e.message) for e in errors] == [("$.events", "verplicht veld ontbreekt")]
