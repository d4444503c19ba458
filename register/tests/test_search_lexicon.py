"""register.search.lexicon: known words, compounds and typo correction (no database)."""

import pytest

from register.search.lexicon import SIMILARITY_THRESHOLD, Lexicon, max_edits
from register.search.text import similarity_ratio

WORDS = [
    "eetstoornis", "eetstoornissen", "psychose", "autisme", "autismeteam", "bipolaire", "schizofrenie",
    "tourette", "angststoornis", "jeugd", "trauma", "behandeling", "verslaving", "zorg", "anorexia", "angst",
]


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon(WORDS)


def correct(lexicon, word):
    return Lexicon.best_correction(word, lexicon.similar_words(word))


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("eetsoornis", "eetstoornis"),
        ("psychoze", "psychose"),
        ("autsime", "autisme"),
        ("schizofreenie", "schizofrenie"),
        ("torette", "tourette"),
        ("angststooornis", "angststoornis"),
        ("anorexa", "anorexia"),
    ],
)
def test_a_typing_error_is_corrected_to_the_known_word(lexicon, typed, meant):
    assert correct(lexicon, typed) == meant


def test_a_word_far_from_every_known_word_is_not_corrected(lexicon):
    assert correct(lexicon, "xyzzy") is None


def test_a_similar_word_too_many_edits_away_is_not_a_correction():
    assert similarity_ratio("angstiger", "angst") >= SIMILARITY_THRESHOLD
    assert Lexicon.best_correction("angstiger", ["angst"]) is None


def test_the_threshold_is_pg_trgms_default():
    assert float(SIMILARITY_THRESHOLD) == 0.3


def test_the_correction_with_the_highest_similarity_wins():
    assert Lexicon.best_correction("eetsoornis", ["eetstoornissen", "eetstoornis"]) == "eetstoornis"


def test_equally_similar_corrections_are_decided_by_edits_then_alphabet():
    assert Lexicon.best_correction("abcx", ["abcy", "abcz"]) == "abcy"


def test_short_words_allow_one_edit_long_words_three():
    assert (max_edits("angts"), max_edits("psychoze"), max_edits("eetsoornissen")) == (1, 2, 3)


def test_a_word_is_known_by_its_stem(lexicon):
    assert lexicon.knows("psychosen")


def test_a_stem_finds_its_variant_with_a_doubled_final_consonant(lexicon):
    assert lexicon.stem_variants("eetstoornis") == ("eetstoornis", "eetstoorniss")


def test_a_compound_of_two_known_words_is_split(lexicon):
    assert lexicon.split_compound("jeugdtrauma") == ("jeugd", "trauma")


def test_a_compound_with_a_linking_s_is_split(lexicon):
    assert lexicon.split_compound("verslavingszorg") == ("verslaving", "zorg")


def test_a_word_that_is_no_compound_of_known_words_is_not_split(lexicon):
    assert lexicon.split_compound("slaapproblemen") is None


def test_extra_known_words_are_known_but_never_offered_as_a_correction():
    lexicon = Lexicon(["angst"], extra_known=["angsten"])
    assert lexicon.knows("angsten")
    assert "angsten" not in lexicon.similar_words("angstn")


def test_candidates_in_memory_are_exactly_the_words_above_the_threshold(lexicon):
    expected = {w for w in WORDS if similarity_ratio("psychoze", w) >= SIMILARITY_THRESHOLD}
    assert set(lexicon.similar_words("psychoze")) == expected
