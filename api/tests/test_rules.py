"""The API's pure rules: rates, tokens, problems, validators and FHIR parameters, without Django."""

import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from api.fhir import params
from api.rules import etags, problems, rates, tokens

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys
from api.rules import etags, problems, rates, tokens
from api.fhir import params
rates.parse_rate("120/min"); tokens.new_token(); problems.problem(404); params.parse_near("52|5|10|km")
print(sorted(name for name in sys.modules if name == "django" or name.startswith("django.")))
"""


def test_the_rules_run_without_importing_django():
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("text, expected", [("120/min", (120, 60)), ("10/5s", (10, 5)), ("1000/day", (1000, 86400))])
def test_a_rate_reads_requests_per_period(text, expected):
    rate = rates.parse_rate(text)
    assert (rate.requests, rate.seconds) == expected


def test_off_is_no_rate():
    assert rates.parse_rate("off") is None


@pytest.mark.parametrize("text", ["many", "0/min", "10/fortnight"])
def test_a_bad_rate_is_refused(text):
    with pytest.raises(ValueError):
        rates.parse_rate(text)


def test_retry_after_counts_to_the_next_window():
    assert rates.Rate(10, 60).retry_after(120.5) == 60
    assert rates.Rate(10, 60).retry_after(179.2) == 1


def test_a_token_is_found_by_its_prefix_and_checked_by_its_hash():
    prefix, token = tokens.new_token()
    assert tokens.parse(token) == prefix
    assert tokens.matches(token, tokens.token_hash(token))
    assert not tokens.matches(token + "x", tokens.token_hash(token))


def test_a_malformed_token_has_no_prefix():
    assert tokens.parse("Bearer abc") is None


def test_scopes_are_known_and_ordered():
    assert tokens.valid_scopes(["consultation-inbox", "capacity", "capacity"]) == ["capacity", "consultation-inbox"]
    with pytest.raises(ValueError):
        tokens.valid_scopes([])


def test_a_revoked_or_expired_token_is_not_usable():
    now = datetime(2026, 12, 6, tzinfo=timezone.utc)
    assert tokens.is_usable(None, None, now)
    assert not tokens.is_usable(now, None, now)
    assert not tokens.is_usable(None, now, now)


def test_the_etag_changes_with_the_stamp_the_query_and_the_day():
    base = etags.etag_for("s1", "/api/v1/afdelingen", "q=a", date(2026, 12, 6), "nl")
    assert base != etags.etag_for("s2", "/api/v1/afdelingen", "q=a", date(2026, 12, 6), "nl")
    assert base != etags.etag_for("s1", "/api/v1/afdelingen", "q=b", date(2026, 12, 6), "nl")
    assert base != etags.etag_for("s1", "/api/v1/afdelingen", "q=a", date(2026, 12, 7), "nl")
    assert base == etags.etag_for("s1", "/api/v1/afdelingen", "q=a", date(2026, 12, 6), "nl")


def test_a_problem_lists_its_invalid_parameters():
    body = problems.problem(400, "x", invalid_params={"plaats": "onbekend"})
    assert body["status"] == 400 and body["invalid_params"] == [{"name": "plaats", "reason": "onbekend"}]


def test_near_reads_kilometres_and_metres():
    assert params.parse_near("52.1|5.1|10|km").km == 10
    assert params.parse_near("52.1|5.1|500|m").km == 0.5
    assert params.parse_near("52.1|5.1").km is None


@pytest.mark.parametrize("value", ["52", "x|y|1", "52|5|-1", "95|5|1", "52|5|1|mi"])
def test_a_bad_near_is_a_search_error(value):
    with pytest.raises(params.SearchError):
        params.parse_near(value)


def test_a_date_prefix_gives_the_period_in_utc():
    prefix, span = params.parse_date_param("ge2026-05-01")
    assert prefix == "ge"
    assert span.start == datetime(2026, 4, 30, 22, tzinfo=timezone.utc)
    assert (span.end - span.start).days == 1


@pytest.mark.parametrize("value", ["sa2026", "2026-13-01", "gisteren"])
def test_a_bad_last_updated_is_a_search_error(value):
    with pytest.raises(params.SearchError):
        params.parse_date_param(value)
