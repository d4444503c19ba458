"""Periods computed exactly from the visitation date (pure; no database).

Every window in the criteria is counted back from the visitation date with
``dateutil.relativedelta``, so month ends and 29 February behave like a
calendar does (three years before 2024-02-29 is 2021-02-28).

Boundary decisions, used by every rule:

* "De afgelopen N jaar voorafgaand aan de visitatie" is the window
  ``[V - N years, V - 1 day]``: it *includes* the day exactly N years before
  the visitation (that day is the first day of a window that is exactly N
  years long) and *excludes* the visitation day itself ("voorafgaand"). So a
  publication dated exactly three years before the visitation counts; one
  dated a day earlier, or on the visitation day, does not.
* "Het jaar voorafgaand aan de visitatie" is the same window with N = 1
  (twelve months, ``lookback(V, months=12)``).
* "Per jaar" in the last three years means three consecutive twelve-month
  windows ending the day before the visitation, not calendar years: a
  visitation on 2022-06-15 looks at 2019-06-15 t/m 2020-06-14,
  2020-06-15 t/m 2021-06-14 and 2021-06-15 t/m 2022-06-14.
* Quarters are calendar quarters (Q1 = January-March). A quarter counts as
  "uit het jaar voorafgaand aan de visitatie" only when it lies entirely
  inside that twelve-month window: for a visitation on 2022-04-01 the window
  is 2021-04-01 t/m 2022-03-31, so 2021-Q2 up to and including 2022-Q1
  count; for a visitation on 2022-04-02, 2021-Q2 no longer does.
* A person or agreement counts on a day when ``start <= day <= end`` (no
  start means "since before anything we look at"; no end means "still
  running"). End dates are the last day of work, inclusive.
* "Steeds" (throughout) means on every single day of the period, both ends
  included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

ONE_DAY = timedelta(days=1)


def fmt(day: date | None) -> str:
    """A date as the reasons print it (ISO, unambiguous in Dutch and English)."""
    return day.isoformat() if day else "onbekend"


@dataclass(frozen=True, order=True)
class Period:
    """A run of whole days; both ``start`` and ``end`` are included."""

    start: date
    end: date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, start: date | None, end: date | None) -> bool:
        """Whether a record running from ``start`` to ``end`` (either may be open) touches this period."""
        return (start is None or start <= self.end) and (end is None or end >= self.start)

    def covers(self, start: date | None, end: date | None) -> bool:
        """Whether a record running from ``start`` to ``end`` spans every day of this period."""
        return (start is None or start <= self.start) and (end is None or end >= self.end)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def label(self) -> str:
        return f"{fmt(self.start)} t/m {fmt(self.end)}"

    def __str__(self) -> str:
        return self.label()


def years_before(day: date, years: int) -> date:
    return day - relativedelta(years=years)


def lookback(visitation_date: date, *, years: int = 0, months: int = 0) -> Period:
    """The window "the last N years/months before the visitation": ``[V - N, V - 1 day]``."""
    start = visitation_date - relativedelta(years=years, months=months)
    return Period(start, visitation_date - ONE_DAY)


def lookback_including(visitation_date: date, *, years: int = 0, months: int = 0) -> Period:
    """The same window, but running up to and including the visitation day (for "steeds")."""
    start = visitation_date - relativedelta(years=years, months=months)
    return Period(start, visitation_date)


def yearly_periods(visitation_date: date, years: int) -> list[Period]:
    """Consecutive twelve-month windows before the visitation, oldest first."""
    periods = []
    for k in range(years, 0, -1):
        start = visitation_date - relativedelta(years=k)
        end = visitation_date - relativedelta(years=k - 1) - ONE_DAY
        periods.append(Period(start, end))
    return periods


def attached_on(start: date | None, end: date | None, day: date) -> bool:
    """Whether a person (or agreement) running ``start``..``end`` is in place on ``day``."""
    return (start is None or start <= day) and (end is None or end >= day)


QUARTER_PATTERN = r"^[0-9]{4}-Q[1-4]$"
_QUARTER_RE = re.compile(QUARTER_PATTERN)


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter, written ``2021-Q3`` in the dossier."""

    year: int
    number: int

    def __post_init__(self):
        if not 1 <= self.number <= 4:
            raise ValueError(f"quarter number must be 1-4, not {self.number}")

    @classmethod
    def parse(cls, text: str) -> Quarter:
        if not _QUARTER_RE.match(text):
            raise ValueError(f"not a quarter like 2021-Q3: {text!r}")
        year, number = text.split("-Q")
        return cls(int(year), int(number))

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        return self.start + relativedelta(months=3) - ONE_DAY

    @property
    def period(self) -> Period:
        return Period(self.start, self.end)

    def within(self, period: Period) -> bool:
        return period.start <= self.start and self.end <= period.end

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"


def quarters_within(period: Period) -> list[Quarter]:
    """The calendar quarters that lie entirely inside ``period``, oldest first (the rule of criteria 2 and 3)."""
    quarters, quarter = [], Quarter.of(period.start)
    while quarter.start <= period.end:
        if quarter.within(period):
            quarters.append(quarter)
        quarter = quarter.next()
    return quarters
