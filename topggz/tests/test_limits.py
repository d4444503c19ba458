"""topggz.limits: numbers that are not numbers, and how limits and sizes are shown (issue 10, finding 11)."""

from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator

from topggz.limits import finite_number, megabytes, number, validate_finite


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf"), Decimal("NaN"), Decimal("Infinity"), 10**10, -1e12, 10**400])
def test_validate_finite_refuses_numbers_that_are_not_numbers_or_absurdly_large(value):
    with pytest.raises(ValidationError):
        validate_finite(value)


@pytest.mark.parametrize("value", [0, 16, 0.5, -3, Decimal("1.25"), 10**9, None])
def test_validate_finite_accepts_ordinary_numbers(value):
    validate_finite(value)


def test_min_and_max_validators_alone_let_nan_through_which_is_why_validate_finite_exists():
    nan = float("nan")
    MinValueValidator(0)(nan)
    MaxValueValidator(168)(nan)  # no error: every comparison with NaN is false
    with pytest.raises(ValidationError, match="Vul een getal in"):
        validate_finite(nan)


def test_a_form_float_field_with_validate_finite_refuses_nan_text_and_huge_numbers():
    class Hours(forms.Form):
        hours = forms.FloatField(validators=[validate_finite])

    assert not Hours({"hours": "NaN"}).is_valid()
    assert not Hours({"hours": "1e999"}).is_valid()
    form = Hours({"hours": "1e12"})
    assert not form.is_valid()
    assert form.errors["hours"] == ["Dit getal is onwaarschijnlijk groot (meer dan 1.000.000.000)."]
    assert Hours({"hours": "16"}).is_valid()


def test_finite_number_is_false_for_bools_text_nan_and_huge_numbers():
    assert [finite_number(v) for v in (True, "1", float("nan"), 10**10, 3, 2.5)] == [False, False, False, False, True, True]


def test_sizes_and_counts_are_shown_the_dutch_way():
    assert megabytes(1572864) == "1,5 MB"
    assert megabytes(20 * 1024 * 1024) == "20 MB"
    assert megabytes(2048) == "2 kB"
    assert number(58766) == "58.766"
