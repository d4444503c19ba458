"""Spelling correction that leaves Dutch alone: the word lists, the vocabulary's forms, the reading (no database).

The whole Dutch word list (pyspellchecker's, 343,585 entries) is swept here:
no word of it is ever corrected into another word.
"""

import random

import pytest
from spellchecker import SpellChecker

from register import vocabulary
from register.search.concepts import ConceptIndex
from register.search.lexicon import (
    Lexicon,
    WordList,
    is_dutch,
    is_english,
    list_words,
    vocabulary_forms,
    word_forms,
    word_list,
)
from register.search.reading import _corrections, read_query
from register.search.text import words

# The seeded target-group vocabulary (register.vocabulary), as the finder's words.
VOCABULARY = {
    word
    for code, label_nl, label_en, synonyms, abbreviations in vocabulary.TARGET_GROUPS
    for term in (code.replace("_", " "), label_nl, label_en, *synonyms, *abbreviations)
    for word in words(term)
}
# Register words near Dutch words: what "afgevallen" and "horen" were corrected into.
REGISTER_WORDS = ["aanvallen", "paniekaanvallen", "hormonen", "horende", "stemming", "eetstoornissen", "trauma"]


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon(VOCABULARY | set(REGISTER_WORDS), vocabulary=VOCABULARY)


DUTCH = sorted(word_list("nl"))


def never_asked(asked):
    def similar_words(words_):
        asked.extend(words_)
        return {word: REGISTER_WORDS for word in words_}

    return similar_words


# --- no Dutch word is corrected --------------------------------------------------------------------


def test_no_word_of_the_dutch_list_is_ever_corrected_into_another_word(lexicon):
    corrected = [word for word in DUTCH if lexicon.correction(word, REGISTER_WORDS) is not None]
    assert corrected == []


def test_reading_asks_for_no_correction_of_any_word_of_the_dutch_list_and_keeps_each_as_typed_or_in_parts(lexicon):
    asked = []
    result = _corrections(DUTCH, lexicon, never_asked(asked))
    changed = {
        word: replacement
        for word, replacement in result.items()
        if replacement not in ((), (word,)) and not spells(word, replacement)
    }
    assert (asked, changed) == ([], {})


def test_every_entry_of_the_dutch_list_is_dutch_as_the_finder_folds_and_splits_it():
    entries = list(SpellChecker(language="nl", distance=1).word_frequency.keys())
    plain = [entry for entry in entries if entry.isascii() and entry.isalnum() and entry.islower()]
    other = [entry for entry in entries if not (entry.isascii() and entry.isalnum() and entry.islower())]
    assert len(plain) + len(other) == 343_585
    assert all(is_dutch(entry) for entry in plain)
    assert all(is_dutch(word) for entry in other for word in words(entry))


def spells(word: str, parts: tuple) -> bool:
    """`parts` are a split of `word` (with or without a linking s)."""
    return len(parts) == 2 and word in (parts[0] + parts[1], f"{parts[0]}s{parts[1]}")


@pytest.mark.parametrize("seed", range(5))
def test_a_question_of_random_dutch_words_is_read_without_corrections(lexicon, seed):
    text = " ".join(random.Random(seed).sample(DUTCH, 8))
    reading = read_query(text, ConceptIndex([], []), lexicon, never_asked([]))
    assert all(spells(typed, tuple(parts.split())) for typed, parts in reading.corrections.items())


@pytest.mark.parametrize("word", ["afgevallen", "horen", "stemmen", "anorexie", "schizofreen", "adhd", "automutilatie"])
def test_a_dutch_word_is_not_corrected(lexicon, word):
    assert lexicon.correction(word, REGISTER_WORDS + ["anorexia", "schizofrenie"]) is None


def test_afgevallen_is_not_read_as_aanvallen(lexicon):
    reading = read_query("afgevallen", ConceptIndex([], []), lexicon, never_asked([]))
    assert (reading.corrections, [t.word for t in reading.terms]) == ({}, [])


def test_a_dutch_word_that_the_register_does_not_use_is_reported_as_unused_not_as_a_misspelling(lexicon):
    reading = read_query("afgevallen", ConceptIndex([], []), lexicon, never_asked([]))
    assert (reading.unused_words, reading.unknown_words) == (["afgevallen"], [])


def test_a_question_of_only_unused_dutch_words_still_asks_something(lexicon):
    assert read_query("afgevallen", ConceptIndex([], []), lexicon, never_asked([])).searches_text


# --- what is still corrected ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("eetsoornis", "eetstoornis"),
        ("dwangstornis", "dwangstoornis"),
        ("boulemie", "boulimie"),
        ("psychoze", "psychose"),
        ("depresie", "depressie"),
        ("borderlein", "borderline"),
        ("schizofreenie", "schizofrenie"),
    ],
)
def test_a_word_that_is_not_dutch_is_corrected_towards_the_vocabulary_and_its_forms(typed, meant):
    candidates = VOCABULARY | set(vocabulary_forms(VOCABULARY))
    lexicon = Lexicon(candidates, vocabulary=VOCABULARY)
    assert lexicon.correction(typed, lexicon.similar_words(typed)) == meant


def test_an_english_word_is_corrected_towards_the_vocabulary():
    lexicon = Lexicon(["schizofrenie", "schizoide"], vocabulary=["schizofrenie"])
    assert is_english("schizophrenia") and lexicon.correction("schizophrenia", ["schizofrenie"]) == "schizofrenie"


def test_an_english_word_is_never_corrected_towards_a_word_outside_the_vocabulary():
    lexicon = Lexicon(["traumatisch", "trauma"], vocabulary=["trauma"])
    assert is_english("traumatic") and lexicon.correction("traumatic", ["traumatisch"]) is None


def test_a_misspelling_that_is_no_english_word_may_be_corrected_towards_any_register_word():
    lexicon = Lexicon(["traumatisch", "trauma"], vocabulary=["trauma"])
    assert lexicon.correction("traumatisc", ["traumatisch"]) == "traumatisch"


def test_a_compound_that_forgot_its_linking_s_is_corrected_to_the_known_word(lexicon):
    result = _corrections(["persoonlijkheidstoornis"], Lexicon(VOCABULARY | {"persoonlijkheid"}), never_asked([]))
    assert result == {"persoonlijkheidstoornis": ("persoonlijkheidsstoornis",)}


# --- the vocabulary's forms -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word, form",
    [
        ("dwangstoornissen", "dwangstoornis"),
        ("eetstoornis", "eetstoornissen"),
        ("psychose", "psychosen"),
        ("verslaving", "verslavingen"),
        ("anorexia", "anorexie"),
        ("boulimia", "boulimie"),
        ("schizofrenie", "schizofreen"),
        ("bipolaire", "bipolair"),
        ("depressie", "depressies"),
        ("disorders", "disorder"),
    ],
)
def test_a_vocabulary_word_has_its_singular_plural_and_dutch_forms(word, form):
    assert form in word_forms(word)


@pytest.mark.parametrize("word, other", [("huntington", "hunting"), ("transgender", "transgene"), ("ouderen", "ouder")])
def test_a_word_that_only_begins_like_a_vocabulary_word_is_not_its_form(word, other):
    assert other not in word_forms(word)


def test_a_vocabulary_word_is_never_read_as_another_vocabulary_word():
    assert not set(vocabulary_forms(VOCABULARY)) & VOCABULARY


def test_a_form_is_read_as_its_vocabulary_word(lexicon):
    assert (lexicon.base("anorexie"), lexicon.base("dwangstoornis"), lexicon.base("angst")) == (
        "anorexia", "dwangstoornissen", "angst"
    )


def test_a_form_is_read_as_its_vocabulary_word_without_being_reported_as_a_correction(lexicon):
    reading = read_query("anorexie", ConceptIndex([], []), lexicon, never_asked([]))
    assert reading.corrections == {} and reading.terms[0].word == "anorexie"


# --- the word lists ---------------------------------------------------------------------------------


def test_a_word_list_finds_its_words_and_nothing_else():
    table = WordList(["stoornis", "angst", "psychose", "angst"])
    assert (len(table), "angst" in table, "angs" in table, "zzz" in table, "st" in table, list(table)) == (
        3, True, False, False, False, ["angst", "psychose", "stoornis"]
    )


def test_a_word_list_lists_the_words_with_a_beginning():
    assert WordList(["stoornis", "stoornissen", "stoom", "stop"]).starting_with("stoor") == ["stoornis", "stoornissen"]


def test_the_words_of_a_list_are_folded_and_split_as_a_query_is():
    assert list_words(["Café", "'s-Hertogenbosch", "angst"]) == {"cafe", "s", "hertogenbosch", "angst"}


def test_the_dutch_list_is_loaded_once_per_process():
    assert word_list("nl") is word_list("nl")


def test_the_dutch_list_takes_less_than_eight_megabytes():
    dutch = word_list("nl")
    assert len(dutch) > 300_000 and dutch.size() < 8_000_000
