"""register.search.places: when a word of the free text is read as a place (no database)."""

import pytest

from geo.selectors import Place, PlaceKind
from register.search.places import PlaceIndex
from register.search.text import original_words


def place(label: str) -> Place:
    return Place(label=label, lat=52.0, lon=5.0, kind=PlaceKind.MUNICIPALITY, municipality_code="GM0001")


@pytest.fixture
def index():
    places = {
        ("groningen",): place("Groningen"),
        ("buren",): place("Buren"),
        ("den", "haag"): place("'s-Gravenhage"),
        ("sneek",): place("Sneek"),
        ("anderen",): place("Anderen"),
    }
    return PlaceIndex(places, municipal={("groningen",), ("buren",), ("den", "haag")})


def found(index, text, known=frozenset()):
    match = index.find(original_words(text), known)
    return match.place.label if match else None


def test_a_municipality_counts_in_lower_case(index):
    assert found(index, "autisme volwassenen groningen") == "Groningen"


def test_a_municipality_that_is_an_everyday_word_needs_a_capital(index):
    assert found(index, "ruzie met de buren") is None
    assert found(index, "angst Buren") == "Buren"


def test_a_town_needs_a_capital(index):
    assert found(index, "trauma sneek") is None
    assert found(index, "trauma Sneek") == "Sneek"


def test_a_town_that_is_a_word_of_the_register_is_no_place(index):
    assert found(index, "Anderen helpen", known={"anderen"}) is None


def test_a_name_of_several_words_counts_in_any_case(index):
    assert found(index, "eetstoornis den haag") == "'s-Gravenhage"


def test_the_match_says_which_words_named_the_place(index):
    match = index.find(original_words("psychose in den haag"))
    assert (match.start, match.length) == (2, 2)
