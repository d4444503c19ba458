"""register.search.concepts: from query words to target groups and age groups (no database)."""

import pytest

from register.search.concepts import AgeEntry, ConceptIndex, TermEntry
from register.search.text import QUERY_FILLER_WORDS, STOP_WORDS, original_words
from register.vocabulary import AGE_GROUPS, TARGET_GROUPS


@pytest.fixture(scope="module")
def concepts():
    return ConceptIndex(
        [
            TermEntry(code=code, terms=(label_nl, *synonyms), abbreviations=tuple(abbreviations), english_label=label_en)
            for code, label_nl, label_en, synonyms, abbreviations in TARGET_GROUPS
        ],
        [AgeEntry(code, label_nl, low, high) for code, label_nl, _en, low, high in AGE_GROUPS],
    )


def read(concepts, text):
    tokens = [(typed, folded) for typed, folded in original_words(text) if folded not in STOP_WORDS | QUERY_FILLER_WORDS]
    return concepts.read(tokens, " ".join(folded for _, folded in original_words(text)))


@pytest.mark.parametrize(
    "text, group",
    [
        ("PTSS", "psychotrauma"),
        ("ptsd", "psychotrauma"),
        ("ASS", "autisme"),
        ("OCD", "dwang"),
        ("eetstoornis", "eetstoornissen"),
        ("anorexia", "eetstoornissen"),
        ("smetvrees", "dwang"),
        ("Korsakov", "neuropsychiatrie"),
        ("transgender", "genderdysforie"),
    ],
)
def test_a_synonym_or_abbreviation_is_read_as_its_target_group(concepts, text, group):
    assert read(concepts, text).target_groups == [group]


def test_the_code_of_a_target_group_is_a_term_of_it(concepts):
    assert read(concepts, "dwang").target_groups == ["dwang"]


def test_a_multi_word_synonym_is_read_as_a_whole(concepts):
    assert read(concepts, "anorexia nervosa").target_groups == ["eetstoornissen"]


def test_a_multi_word_synonym_with_a_stop_word_inside_is_read_as_a_whole(concepts):
    assert read(concepts, "dementie met psychiatrische problemen").target_groups == ["ouderenpsychiatrie"]


def test_a_hyphenated_synonym_is_read_as_its_target_group(concepts):
    assert read(concepts, "manisch-depressief").target_groups == ["bipolair"]


def test_a_word_found_in_only_one_target_groups_terms_is_read_as_that_group(concepts):
    assert read(concepts, "bipolair").target_groups == ["bipolair"]
    assert read(concepts, "tourette").target_groups == ["tourette"]


def test_a_general_word_of_a_multi_word_term_is_not_read_as_a_target_group(concepts):
    assert read(concepts, "ernstige stoornis").target_groups == []


def test_a_plural_finds_the_target_group_of_its_singular(concepts):
    assert read(concepts, "psychosen").target_groups == ["psychose"]


def test_target_groups_are_listed_in_the_order_of_the_text(concepts):
    assert read(concepts, "verslaving en trauma").target_groups == ["verslaving", "psychotrauma"]


def test_a_synonym_of_two_target_groups_gives_both(concepts):
    assert read(concepts, "stemmingsstoornis").target_groups == ["bipolair", "depressie"]


def test_a_two_letter_abbreviation_only_counts_in_capitals(concepts):
    assert read(concepts, "AN").target_groups == ["eetstoornissen"]
    assert read(concepts, "an").target_groups == []


def test_an_abbreviation_that_is_an_everyday_word_only_counts_in_capitals(concepts):
    assert read(concepts, "BED").target_groups == ["eetstoornissen"]
    assert read(concepts, "naar bed").target_groups == []


def test_elderly_is_read_from_ouderen_but_not_from_ouders(concepts):
    assert read(concepts, "ouderen").target_groups == ["ouderenpsychiatrie"]
    assert read(concepts, "ouders").target_groups == []


def test_an_age_word_is_read_as_its_age_group(concepts):
    assert read(concepts, "eetstoornis jongeren").age_groups == ["youth"]


def test_an_age_in_years_is_read_as_every_age_group_that_holds_it(concepts):
    assert read(concepts, "mijn zoon van 20 jaar").age_groups == ["young_adults", "adults"]


def test_an_age_written_with_jarige_is_read_too(concepts):
    assert read(concepts, "een 15-jarige met anorexia").age_groups == ["youth"]


def test_text_without_known_terms_gives_no_concepts(concepts):
    found = read(concepts, "slaapproblemen")
    assert (found.target_groups, found.age_groups) == ([], [])
