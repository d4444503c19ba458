import pytest
from django.core.exceptions import ValidationError

from geo.postcodes import Postcode, base_name_key, looks_like_postcode, name_key, parse_postcode


@pytest.mark.parametrize("text", ["3511 AB", "3511AB", " 3511ab ", "3511  aB"])
def test_parse_postcode_accepts_spacing_and_case_variants(text):
    assert parse_postcode(text) == Postcode("3511", "AB")


def test_parse_postcode_accepts_four_digits_without_letters():
    assert parse_postcode("3511") == Postcode("3511", "")


def test_a_postcode_prints_in_the_standard_form():
    assert str(parse_postcode("3511ab")) == "3511 AB"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0123 AB", "begint niet met een 0"),
        ("3511 SA", "SA, SD en SS worden niet gebruikt"),
        ("3511 ss", "SA, SD en SS worden niet gebruikt"),
        ("35110", "is geen geldige postcode"),
        ("abcd", "is geen geldige postcode"),
        ("3511 A", "is geen geldige postcode"),
        ("3511 ABC", "is geen geldige postcode"),
        ("٣٥١١ AB", "is geen geldige postcode"),
        ("", "Vul een postcode in"),
    ],
)
def test_parse_postcode_refuses_bad_input_with_a_dutch_message(text, message):
    with pytest.raises(ValidationError) as excinfo:
        parse_postcode(text)

    assert message in excinfo.value.messages[0]


def test_the_invalid_postcode_message_quotes_the_input_and_gives_an_example():
    with pytest.raises(ValidationError) as excinfo:
        parse_postcode("35110")

    assert excinfo.value.messages == [
        "‘35110’ is geen geldige postcode. Gebruik vier cijfers en eventueel twee letters, bijvoorbeeld 3511 AB."
    ]


@pytest.mark.parametrize(("text", "expected"), [("3511", True), (" 0123", True), ("Utrecht", False), ("  ", False)])
def test_text_starting_with_a_digit_looks_like_a_postcode(text, expected):
    assert looks_like_postcode(text) is expected


@pytest.mark.parametrize("name", ["'s-Gravenhage", "’s Gravenhage", "S-GRAVENHAGE", "s gravenhage"])
def test_name_key_ignores_case_apostrophes_and_hyphens(name):
    assert name_key(name) == "sgravenhage"


def test_name_key_ignores_accents():
    assert name_key("Súdwest-Fryslân") == name_key("sudwest fryslan")


def test_base_name_key_drops_the_province_qualifier():
    assert base_name_key("Bergen (NH.)") == "bergen"
