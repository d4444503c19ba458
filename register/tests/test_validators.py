import pytest
from django.core.exceptions import ValidationError

from register import validators


@pytest.mark.parametrize("raw,expected", [("3511 AB", "3511 AB"), ("3511ab", "3511 AB"), (" 3511  ab ", "3511 AB"), ("3511", "3511")])
def test_postcodes_are_normalised_to_the_official_spelling(raw, expected):
    assert validators.normalise_postcode(raw) == expected


@pytest.mark.parametrize("raw", ["0123 AB", "351 AB", "3511 A", "abcd", "", "3511 SA"])
def test_invalid_postcodes_are_refused_with_a_dutch_message(raw):
    with pytest.raises(ValidationError) as error:
        validators.normalise_postcode(raw)
    assert "postcode" in str(error.value)


def test_an_agb_code_must_have_eight_digits():
    with pytest.raises(ValidationError, match="8 cijfers"):
        validators.validate_agb("0612345")


def test_a_kvk_number_must_have_eight_digits():
    with pytest.raises(ValidationError, match="8 cijfers"):
        validators.validate_kvk("KVK12345")
