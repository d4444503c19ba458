"""Dutch working days (pure): which days count on a consultation clock.

Definition (issue 12): Saturdays, Sundays and Dutch national holidays do not
count. The national holidays are those of the Algemene termijnenwet as the
``holidays`` package lists them for NL (category "public"): New Year's Day,
Easter Sunday and Monday, King's Day (27 April, or Saturday 26 April when the
27th is a Sunday), Ascension Day, Whit Sunday and Monday, Christmas Day and
Boxing Day, with two rules made explicit here so that a change in the library
cannot silently move a deadline:

- Good Friday is not a general day off in the Netherlands (the library lists
  it); it is a working day here.
- Liberation Day (5 May) is a day off only in lustrum years (2025, 2030, ...),
  as most collective agreements have it and as the issue says; in other years
  it is a working day (unless another holiday falls on it, as Ascension Day
  did on 5 May 2016).

Extra days off (a bureau-wide closing day, say) can be added per calendar.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays

DEFAULT_YEARS = range(2000, 2101)

GOOD_FRIDAY = "Good Friday"
LIBERATION_DAY = "Liberation Day"


def is_lustrum(year: int) -> bool:
    """A lustrum year is a multiple of five: Liberation Day is a day off then."""
    return year % 5 == 0


def _weekdays_through(ordinal: int) -> int:
    """How many Mondays to Fridays lie in [date.fromordinal(1), date.fromordinal(ordinal)].

    Ordinal 1 (1 January of year 1) is a Monday, so every block of seven days
    from there holds five weekdays.
    """
    return (ordinal // 7) * 5 + min(ordinal % 7, 5)


@dataclass(frozen=True)
class WorkCalendar:
    """A set of non-working dates on top of Saturdays and Sundays.

    ``years`` is the range the holidays were computed for; asking about a date
    outside it raises ``ValueError`` instead of silently treating an unknown
    holiday as a working day. ``years=None`` means "no bound" (for a calendar
    given its holidays by hand, as in tests).
    """

    days_off: frozenset[date] = frozenset()
    years: range | None = None
    _sorted_weekday_days_off: tuple[int, ...] = field(init=False, repr=False, compare=False, default=())

    def __post_init__(self):
        ordinals = tuple(sorted(d.toordinal() for d in self.days_off if d.weekday() < 5))
        object.__setattr__(self, "_sorted_weekday_days_off", ordinals)

    def _check(self, d: date) -> None:
        if self.years is not None and d.year not in self.years:
            raise ValueError(
                f"{d.isoformat()} is outside the working-day calendar ({self.years.start}-{self.years.stop - 1})"
            )

    def is_working_day(self, d: date) -> bool:
        """Monday to Friday and not a day off."""
        self._check(d)
        return d.weekday() < 5 and d not in self.days_off

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (counting starts the day after ``start``).

        ``n == 0`` gives ``start`` itself.
        """
        if n < 0:
            raise ValueError("n must not be negative")
        day = start
        while n > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: after ``start``, up to and including ``end``; 0 when end <= start."""
        if end <= start:
            return 0
        self._check(start + timedelta(days=1))
        self._check(end)
        weekdays = _weekdays_through(end.toordinal()) - _weekdays_through(start.toordinal())
        off = self._sorted_weekday_days_off
        holidays_in_range = bisect.bisect_right(off, end.toordinal()) - bisect.bisect_right(off, start.toordinal())
        return weekdays - holidays_in_range


@lru_cache(maxsize=16)
def _dutch_days_off(first_year: int, stop_year: int) -> frozenset[date]:
    listed = holidays.country_holidays(
        "NL", years=range(first_year, stop_year), categories=(holidays.PUBLIC,), language="en_US"
    )
    days_off = set()
    for day in listed:
        names = [name for name in listed.get_list(day) if name != GOOD_FRIDAY]
        names = [name for name in names if name != LIBERATION_DAY or is_lustrum(day.year)]
        if names:
            days_off.add(day)
    for year in range(first_year, stop_year):
        if is_lustrum(year):  # the rule, whatever a future version of the library does
            days_off.add(date(year, 5, 5))
    return frozenset(days_off)


def dutch_calendar(years: range | None = None, extra_days_off: Iterable[date] = ()) -> WorkCalendar:
    """The Dutch working-day calendar for ``years`` (default 2000-2100), plus any extra days off.

    The holidays of a range of years are computed once and cached.
    """
    years = years if years is not None else DEFAULT_YEARS
    if years.step != 1 or len(years) == 0:
        raise ValueError("years must be a non-empty range of consecutive years")
    return _cached_calendar(years.start, years.stop, frozenset(extra_days_off))


@lru_cache(maxsize=16)
def _cached_calendar(first_year: int, stop_year: int, extra: frozenset[date]) -> WorkCalendar:
    return WorkCalendar(days_off=_dutch_days_off(first_year, stop_year) | extra, years=range(first_year, stop_year))
