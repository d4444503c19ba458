"""BSN refusal: numbers that pass the eleven-test are found anywhere in text; ordinary numbers are not."""

import pytest

from consultation.rules.bsn import contains_bsn, find_bsns, is_bsn

# Checked by hand: 123456782: 9*1 + 8*2 + 7*3 + 6*4 + 5*5 + 4*6 + 3*7 + 2*8 - 2 = 154 = 14 * 11.
#                  111222333: 9 + 8 + 7 + 12 + 10 + 8 + 9 + 6 - 3 = 66 = 6 * 11.
VALID = ("123456782", "111222333")


@pytest.mark.parametrize("number", VALID)
def test_nine_digits_passing_the_eleven_test_are_a_bsn(number):
    assert is_bsn(number)


@pytest.mark.parametrize(
    "number",
    [
        "123456789",  # 156 - 9 = 147, 147 mod 11 = 4
        "111222334",  # 69 - 4 = 65, 65 mod 11 = 10
        "000000000",  # passes the arithmetic, but is no number
        "12345678",
        "1234567820",
        "12345678a",
    ],
)
def test_other_numbers_are_not_a_bsn(number):
    assert not is_bsn(number)


@pytest.mark.parametrize(
    "text",
    [
        "Patiënt met BSN 123456782 is bekend bij de huisarts.",
        "bsn:123456782.",
        "BSN 123.456.782",
        "BSN 123 456 782 graag niet delen",
        "123-456-782",
        "1234.56.782",
        "1234 56 782",
        "verwijsbrief_123456782.pdf",
        "(111222333)",
    ],
)
def test_a_valid_bsn_is_found_in_text_and_file_names_also_with_separators(text):
    assert contains_bsn(text)


@pytest.mark.parametrize(
    "text",
    [
        "Bel 0612345678 voor overleg.",  # a mobile number: ten digits
        "Bel 06-12345678 of 020-1234567.",
        "Bel +31 6 12345678.",
        "Ordernummer 123456789 (faalt de elfproef).",
        "Rekeningnummer 1234567820",  # ten digits that contain the valid 123456782
        "Kenmerk 0123456782",  # ten digits that contain the valid 123456782
        "Nummer 123.456.782.1 in een langere reeks",
        "Gemengd 123.456-782",
        "Patiënt van 45 jaar, postcode 3511, sinds 2019 in zorg.",
    ],
)
def test_phone_numbers_ordinary_numbers_and_longer_runs_are_not_refused(text):
    assert find_bsns(text) == []


def test_every_bsn_in_a_text_is_reported_once_in_order():
    assert find_bsns("111222333 en 123.456.782 en nogmaals 111222333") == ["111222333", "123456782"]
