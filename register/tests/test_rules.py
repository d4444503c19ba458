import datetime

from register import rules

TODAY = datetime.date(2026, 11, 25)


def test_an_entry_confirmed_exactly_six_months_ago_is_still_fresh():
    assert rules.is_fresh(datetime.date(2026, 5, 25), TODAY, 6)


def test_an_entry_confirmed_six_months_and_one_day_ago_is_unverified():
    assert not rules.is_fresh(datetime.date(2026, 5, 24), TODAY, 6)


def test_an_entry_never_confirmed_is_unverified():
    assert not rules.is_fresh(None, TODAY, 6)


def test_the_freshness_limit_is_configurable():
    assert rules.is_fresh(datetime.date(2026, 1, 1), TODAY, 12)


def test_the_freshness_limit_handles_month_ends():
    assert rules.freshness_limit(datetime.date(2026, 8, 31), 6) == datetime.date(2026, 2, 28)


def test_a_certificate_is_valid_for_four_years_minus_a_day():
    assert rules.certificate_valid_until(datetime.date(2024, 3, 1)) == datetime.date(2028, 2, 29)


def test_a_certificate_is_in_force_on_its_last_day():
    assert rules.is_certified_on("certified", datetime.date(2024, 3, 1), datetime.date(2028, 2, 29), datetime.date(2028, 2, 29))


def test_a_certificate_is_not_in_force_the_day_after():
    assert not rules.is_certified_on("certified", datetime.date(2024, 3, 1), datetime.date(2028, 2, 29), datetime.date(2028, 3, 1))


def test_an_expired_status_is_never_in_force():
    assert not rules.is_certified_on("expired", datetime.date(2024, 3, 1), datetime.date(2028, 2, 29), TODAY)
