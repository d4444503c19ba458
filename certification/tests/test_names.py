"""Recognising the unit's people in author lists, however a reference manager writes their names."""

import pytest

from certification.publications.names import UnitAuthorMatcher, is_et_al, parse_name, same_person

STAFF = ["Prof. dr. Marieke van Dalen", "Dr. Joël Hoekstra", "B. de Wit, MSc", "Anna-Lena Müller-Schmidt"]


@pytest.mark.parametrize(
    "author",
    [
        "van Dalen, M.",
        "M. van Dalen",
        "Dalen, Marieke van",
        "Van Dalen MJ",
        "DALEN, M. VAN",
        "van Dalen, Marieke",
        "Hoekstra, J.",
        "J. Hoekstra",
        "Hoekstra J",
        "hoekstra, joel",
        "Joel Hoekstra",
        "Wit, B. de",
        "de Wit B",
        "Muller-Schmidt, A.-L.",
        "Müller-Schmidt AL",
    ],
)
def test_an_author_written_in_any_common_form_is_recognised_as_a_unit_author(author):
    assert UnitAuthorMatcher(STAFF).matches(author)


@pytest.mark.parametrize("author", ["van Dalen, P.", "Hoekstra, K.", "Dalenberg, M.", "de Witte, B.", "Müller, A."])
def test_an_author_with_another_initial_or_surname_is_not_a_unit_author(author):
    assert not UnitAuthorMatcher(STAFF).matches(author)


def test_an_author_without_initials_matches_on_the_surname_alone():
    assert UnitAuthorMatcher(STAFF).matches("Hoekstra")


def test_academic_titles_are_not_part_of_a_name():
    assert parse_name("Prof. dr. Marieke van Dalen, PhD") == parse_name("van Dalen, M.")


def test_particles_are_ignored_when_comparing_surnames():
    assert same_person(parse_name("M. van der Berg"), parse_name("Berg, M."))


@pytest.mark.parametrize("name", ["others", "et al.", "Et al", "anderen"])
def test_others_and_et_al_stand_for_unlisted_authors(name):
    assert is_et_al(name) and parse_name(name) is None
