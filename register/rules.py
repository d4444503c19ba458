"""Business rules of the register: pure functions, no database access."""

from datetime import date

from dateutil.relativedelta import relativedelta

CERTIFICATE_VALIDITY_YEARS = 4


def freshness_limit(today: date, months: int) -> date:
    """The oldest confirmation date that still counts as recent."""
    return today - relativedelta(months=months)


def is_fresh(last_confirmed_on: date | None, today: date, months: int) -> bool:
    """An entry is fresh when it was confirmed at most `months` months ago (the limit day included)."""
    if last_confirmed_on is None:
        return False
    return last_confirmed_on >= freshness_limit(today, months)


def certificate_valid_until(valid_from: date) -> date:
    """A TOPGGz certificate is valid for four years: the last valid day is the day before the anniversary."""
    return valid_from + relativedelta(years=CERTIFICATE_VALIDITY_YEARS) - relativedelta(days=1)


def is_certified_on(status: str, certified_from: date | None, certified_until: date | None, day: date) -> bool:
    """Whether a certificate is in force on `day` (both ends included)."""
    if status != "certified" or certified_from is None or certified_until is None:
        return False
    return certified_from <= day <= certified_until
