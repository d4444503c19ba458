"""Dutch working days: which days count on a clock (dates checked against a printed calendar)."""

from datetime import date

import pytest

from consultation.rules.calendar import WorkCalendar, dutch_calendar

NL = dutch_calendar()


@pytest.mark.parametrize(
    "day, name",
    [
        (date(2027, 1, 1), "New Year's Day (Friday)"),
        (date(2027, 3, 29), "Easter Monday"),
        (date(2027, 4, 27), "King's Day (Tuesday)"),
        (date(2026, 4, 27), "King's Day (Monday)"),
        (date(2027, 5, 6), "Ascension Day"),
        (date(2027, 5, 17), "Whit Monday"),
        (date(2026, 12, 25), "Christmas Day (Friday)"),
        (date(2025, 12, 26), "Boxing Day (Friday)"),
        (date(2025, 5, 5), "Liberation Day in a lustrum year (Monday)"),
    ],
)
def test_national_holidays_on_weekdays_are_not_working_days(day, name):
    assert day.weekday() < 5
    assert not NL.is_working_day(day), name


def test_good_friday_is_a_working_day():
    assert NL.is_working_day(date(2027, 3, 26))
    assert NL.is_working_day(date(2025, 4, 18))


@pytest.mark.parametrize("day", [date(2026, 5, 5), date(2027, 5, 5), date(2028, 5, 5), date(2031, 5, 5)])
def test_liberation_day_outside_a_lustrum_year_is_a_working_day(day):
    assert day.weekday() < 5
    assert NL.is_working_day(day)


@pytest.mark.parametrize("year", [2025, 2030, 2035])
def test_liberation_day_in_a_lustrum_year_is_a_day_off(year):
    assert date(year, 5, 5) in NL.days_off


def test_liberation_day_that_is_also_ascension_day_stays_a_day_off():
    # 5 May 2016 was Ascension Day (not a lustrum year).
    assert not NL.is_working_day(date(2016, 5, 5))


def test_kings_day_moves_to_saturday_26_april_when_27_april_is_a_sunday():
    assert date(2025, 4, 27).weekday() == 6
    assert date(2025, 4, 26) in NL.days_off
    assert date(2025, 4, 27) not in NL.days_off


@pytest.mark.parametrize("day", [date(2027, 1, 9), date(2027, 1, 10)])
def test_saturdays_and_sundays_are_not_working_days(day):
    assert not NL.is_working_day(day)


def test_adding_working_days_starts_counting_the_day_after():
    # Friday 8 January 2027 + 1 working day is Monday 11 January.
    assert NL.add_working_days(date(2027, 1, 8), 1) == date(2027, 1, 11)
    assert NL.add_working_days(date(2027, 1, 8), 0) == date(2027, 1, 8)


def test_working_days_between_counts_after_start_up_to_and_including_end():
    # (22 Dec 2026, 8 Jan 2027]: 23, 24, 28, 29, 30, 31 Dec and 4-8 Jan.
    assert NL.working_days_between(date(2026, 12, 22), date(2027, 1, 8)) == 11
    assert NL.working_days_between(date(2027, 1, 8), date(2027, 1, 8)) == 0
    assert NL.working_days_between(date(2027, 1, 8), date(2027, 1, 1)) == 0


def test_working_days_between_agrees_with_counting_day_by_day_over_a_year():
    start = date(2026, 12, 31)
    for n in range(1, 260):
        assert NL.working_days_between(start, NL.add_working_days(start, n)) == n


def test_extra_days_off_are_not_working_days():
    calendar = dutch_calendar(extra_days_off=[date(2027, 1, 12)])
    assert not calendar.is_working_day(date(2027, 1, 12))
    assert NL.is_working_day(date(2027, 1, 12))


def test_a_date_outside_the_calendar_years_is_refused_rather_than_guessed():
    calendar = dutch_calendar(range(2026, 2028))
    with pytest.raises(ValueError, match="outside the working-day calendar"):
        calendar.is_working_day(date(2030, 1, 2))


def test_the_dutch_calendar_of_the_same_years_is_built_once():
    assert dutch_calendar() is dutch_calendar()


def test_a_calendar_without_holidays_counts_only_weekdays():
    plain = WorkCalendar()
    assert plain.add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 25)
