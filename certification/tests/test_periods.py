from datetime import date

import pytest

from certification.format.periods import (
    Period,
    Quarter,
    attached_on,
    lookback,
    lookback_including,
    quarters_within,
    yearly_periods,
)


def test_the_three_years_before_a_visitation_start_exactly_three_years_earlier_and_end_the_day_before():
    assert lookback(date(2022, 6, 15), years=3) == Period(date(2019, 6, 15), date(2022, 6, 14))


def test_three_years_before_a_leap_day_is_the_last_day_of_february():
    assert lookback(date(2024, 2, 29), years=3).start == date(2021, 2, 28)


def test_twelve_months_before_a_month_end_stays_at_the_month_end():
    assert lookback(date(2022, 3, 31), months=12) == Period(date(2021, 3, 31), date(2022, 3, 30))


def test_a_window_for_throughout_includes_the_visitation_day():
    assert lookback_including(date(2022, 6, 15), years=3) == Period(date(2019, 6, 15), date(2022, 6, 15))


@pytest.mark.parametrize("visitation", [date(2022, 6, 15), date(2024, 2, 29), date(2023, 1, 1), date(2022, 12, 31)])
def test_the_yearly_windows_follow_each_other_without_gaps_or_overlaps(visitation):
    periods = yearly_periods(visitation, 3)
    assert periods[0].start == lookback(visitation, years=3).start
    assert periods[-1].end == lookback(visitation, years=3).end
    for before, after in zip(periods, periods[1:], strict=False):
        assert (after.start - before.end).days == 1


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("2021-Q1", date(2021, 1, 1), date(2021, 3, 31)),
        ("2021-Q2", date(2021, 4, 1), date(2021, 6, 30)),
        ("2024-Q1", date(2024, 1, 1), date(2024, 3, 31)),
        ("2021-Q4", date(2021, 10, 1), date(2021, 12, 31)),
    ],
)
def test_a_quarter_is_a_calendar_quarter(text, start, end):
    quarter = Quarter.parse(text)
    assert (quarter.start, quarter.end, str(quarter)) == (start, end, text)


@pytest.mark.parametrize("text", ["2021-Q5", "2021-Q0", "21-Q1", "2021Q1", "2021-K1"])
def test_a_quarter_must_be_written_like_2021_q3(text):
    with pytest.raises(ValueError):
        Quarter.parse(text)


@pytest.mark.parametrize(
    "visitation, quarter, inside",
    [
        (date(2022, 4, 1), "2021-Q2", True),  # the window starts on 2021-04-01, the quarter's first day
        (date(2022, 4, 2), "2021-Q2", False),  # the window starts a day into the quarter
        (date(2022, 4, 1), "2022-Q1", True),  # the quarter ends on 2022-03-31, the window's last day
        (date(2022, 3, 31), "2022-Q1", False),  # the quarter is not over before the visitation
        (date(2022, 6, 15), "2022-Q2", False),  # the running quarter never counts
    ],
)
def test_a_quarter_counts_for_the_year_before_the_visitation_only_when_it_lies_entirely_inside_it(
    visitation, quarter, inside
):
    assert Quarter.parse(quarter).within(lookback(visitation, months=12)) is inside


@pytest.mark.parametrize(
    "start, end, day, attached",
    [
        (None, None, date(2022, 6, 15), True),
        (date(2022, 6, 15), None, date(2022, 6, 15), True),
        (date(2022, 6, 16), None, date(2022, 6, 15), False),
        (None, date(2022, 6, 15), date(2022, 6, 15), True),
        (None, date(2022, 6, 14), date(2022, 6, 15), False),
    ],
)
def test_someone_is_attached_from_their_start_date_up_to_and_including_their_end_date(start, end, day, attached):
    assert attached_on(start, end, day) is attached


def test_the_quarters_within_a_window_are_only_the_whole_quarters_oldest_first():
    window = lookback(date(2022, 6, 15), months=12)
    assert quarters_within(window) == [Quarter(2021, 3), Quarter(2021, 4), Quarter(2022, 1)]


def test_a_visitation_on_the_first_day_of_a_quarter_has_four_whole_quarters_before_it():
    window = lookback(date(2022, 4, 1), months=12)
    assert quarters_within(window) == [Quarter(2021, 2), Quarter(2021, 3), Quarter(2021, 4), Quarter(2022, 1)]


def test_the_quarter_after_the_fourth_is_the_first_of_the_next_year():
    assert Quarter(2021, 4).next() == Quarter(2022, 1)
