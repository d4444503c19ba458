"""Demand against supply (insight.rules.demand) and small numbers out of sight in public tables."""

from datetime import date

from insight.rules import demand
from insight.rules.tables import Table, count_cell, to_csv, to_xlsx


def request(quarter="2026-Q1", region="Utrecht", groups=("Autisme",), reason=None, concerns=(), escalated=False,
            started=None, closed=None):
    return demand.RequestRow(quarter, region, tuple(groups), reason, tuple(concerns), escalated, started, closed)


def test_a_quarter_label_is_year_and_quarter():
    assert [demand.quarter_label(date(2026, m, 1)) for m in (1, 3, 4, 12)] == ["2026-Q1", "2026-Q1", "2026-Q2", "2026-Q4"]


def test_requests_per_region_count_refusals_and_escalations():
    rows = [request(), request(reason="registration_pause"), request(escalated=True), request(region="Zeeland")]
    assert demand.requests_by(rows, "region") == {"Utrecht": (3, 1, 1), "Zeeland": (1, 0, 0)}


def test_a_request_for_two_target_groups_counts_in_each():
    rows = [request(groups=("Autisme", "ADHD")), request(groups=())]
    assert demand.requests_by(rows, "target_group") == {"ADHD": (1, 0, 0), "Autisme": (1, 0, 0), "onbekend": (1, 0, 0)}


def test_refusals_are_counted_per_reason_code():
    rows = [request(reason="registration_pause"), request(reason="registration_pause"), request(reason="other"), request()]
    assert demand.refusals_by_reason(rows) == {"registration_pause": 2, "other": 1}


def test_each_exclusion_criterion_named_in_a_request_refused_for_one_is_counted():
    rows = [request(reason="exclusion_criterion", concerns=("Actieve verslaving", "Agressie")),
            request(reason="exclusion_criterion", concerns=("Actieve verslaving",)),
            request(reason="other", concerns=("Agressie",)),
            request(reason="exclusion_criterion")]
    assert demand.exclusion_refusals(rows) == {"Actieve verslaving": 2, "Agressie": 1, "niet opgegeven": 1}


def test_flow_counts_inflow_throughput_and_outflow_in_their_own_quarters():
    rows = [request(quarter="2026-Q1", started="2026-Q2", closed="2026-Q3"), request(quarter="2026-Q2")]
    assert demand.flow(rows) == {"2026-Q1": (1, 0, 0), "2026-Q2": (1, 1, 0), "2026-Q3": (0, 0, 1)}


def test_triage_outcomes_are_counted_per_key_in_the_given_order():
    rows = [demand.TriageRow("2026-Q1", "Utrecht", "Autisme", "high_specialist"),
            demand.TriageRow("2026-Q1", "Utrecht", "Autisme", "none")]
    assert demand.triage_outcomes(rows, "quarter", ["none", "high_specialist"]) == {"2026-Q1": (1, 1)}


def test_counts_from_one_to_four_are_hidden_in_public_output():
    assert [count_cell(n, hide=True) for n in (0, 1, 4, 5, 12)] == [0, "<5", "<5", 5, 12]


def test_analysts_see_small_counts():
    assert [count_cell(n, hide=False) for n in (1, 4)] == [1, 4]


TABLE = Table("t", "Titel", ("Naam", "Aantal", "Afstand (km)"), (("Aadorp", "<5", 12.5), ("Bedum", 7, None)), frozenset({1, 2}))


def test_the_csv_export_has_the_table_s_headers_and_cells():
    text = to_csv(TABLE).decode("utf-8-sig")
    assert text.splitlines() == ["Naam;Aantal;Afstand (km)", "Aadorp;<5;12,5", "Bedum;7;"]


def test_the_xlsx_export_has_the_same_cells_as_numbers():
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(to_xlsx(TABLE))).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Naam", "Aantal", "Afstand (km)"], ["Aadorp", "<5", 12.5], ["Bedum", 7, None]]
