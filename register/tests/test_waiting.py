"""Waiting times as the public sees them (register/waiting.py): freshness and the Treeknorm in plain words."""

from datetime import date
from decimal import Decimal

from register import waiting

TODAY = date(2026, 12, 6)


def test_a_figure_measured_two_months_ago_to_the_day_is_still_current():
    assert waiting.is_current(date(2026, 10, 6), TODAY)


def test_a_figure_measured_two_months_and_a_day_ago_is_not_current():
    assert not waiting.is_current(date(2026, 10, 5), TODAY)


def test_a_figure_without_a_measurement_date_is_not_current():
    assert not waiting.is_current(None, TODAY)


def test_two_months_after_the_end_of_a_long_month_counts_to_the_end_of_the_shorter_month():
    assert waiting.is_current(date(2026, 12, 31), date(2027, 2, 28))
    assert not waiting.is_current(date(2026, 12, 31), date(2027, 3, 1))


def test_a_wait_longer_than_the_norm_says_by_how_much():
    assert waiting.compare(Decimal("6"), 4) == "2 weken langer dan de norm van 4 weken"


def test_one_week_over_the_norm_is_singular():
    assert waiting.compare(Decimal("15"), 14) == "1 week langer dan de norm van 14 weken"


def test_a_half_week_over_the_norm_uses_a_decimal_comma():
    assert waiting.compare(Decimal("10.5"), 10) == "0,5 weken langer dan de norm van 10 weken"


def test_a_wait_at_the_norm_is_exactly_the_norm():
    assert waiting.compare(Decimal("4.0"), 4) == "precies de norm van 4 weken"


def test_a_wait_under_the_norm_is_within_it():
    assert waiting.compare(Decimal("3.5"), 4) == "binnen de norm van 4 weken"


def test_the_figures_compare_intake_treatment_and_the_total_with_their_own_norms():
    figures = waiting.figures(Decimal("5"), Decimal("9.5"), date(2026, 11, 30), today=TODAY)
    assert [(line.weeks, line.within_norm) for line in figures.lines] == [
        ("5 weken", False), ("9,5 weken", True), ("14,5 weken", False)]
    assert figures.lines[2].comparison == "0,5 weken langer dan de norm van 14 weken"
    assert figures.current


def test_nothing_is_shown_when_nothing_was_reported():
    assert waiting.figures(None, None, None, today=TODAY) is None


def test_old_figures_are_shown_but_marked_not_current():
    figures = waiting.figures(Decimal("3"), Decimal("8"), date(2026, 8, 31), today=TODAY)
    assert figures is not None and not figures.current


def test_a_trend_needs_at_least_two_months():
    assert waiting.trend([["2026-11", "3", "8"]]) is None


def test_the_trend_charts_the_total_wait_per_month_against_the_14_week_norm():
    trend = waiting.trend([["2026-10", "2", "8"], ["2026-11", "6", "14"]])
    assert [(p.month, p.total) for p in trend.points] == [("2026-10", "10"), ("2026-11", "20")]
    assert trend.chart.points == (("2026-10", 10.0), ("2026-11", 20.0))
    assert trend.chart.norm == 14 and trend.chart.title == "Verloop van de totale wachttijd"
    assert "2026-10 (10 weken)" in trend.description and "2026-11 (20 weken)" in trend.description
    assert trend.chart.description == trend.description


def test_the_trend_keeps_the_last_twelve_months():
    rows = [[f"2025-{m:02d}", "1", "1"] for m in range(1, 13)] + [["2026-01", "1", "1"], ["2026-02", "1", "1"]]
    assert [p.month for p in waiting.trend(rows).points][0] == "2025-03"


def test_in_english_the_comparison_is_translated_and_uses_a_decimal_point():
    from django.utils import translation

    with translation.override("en"):
        assert waiting.compare(Decimal("10.5"), 10) == "0.5 weeks longer than the norm of 10 weeks"


def test_in_english_the_trend_chart_speaks_english():
    from django.utils import translation

    with translation.override("en"):
        chart = waiting.trend([["2026-10", "2", "8"], ["2026-11", "6", "14"]]).chart
    assert (chart.y_label, chart.norm_label, chart.lang) == ("weeks", "Norm: 14 weeks", "en")
