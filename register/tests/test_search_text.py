"""register.search.text: folding, stop words, Dutch stems, pg_trgm similarity, edit distance."""

from fractions import Fraction

import pytest

from register.search import text


def test_folding_lowers_case_and_removes_diacritics():
    assert text.fold("Ggz Fryslân: Diëtist & Coördinator") == "ggz fryslan dietist coordinator"


def test_folding_splits_on_hyphens_and_apostrophes():
    assert text.words("manisch-depressief, baby's") == ["manisch", "depressief", "baby", "s"]


def test_folding_transliterates_letters_without_a_decomposition():
    assert text.fold("Straße Ørsted") == "strasse orsted"


def test_stop_words_are_left_out_of_the_stems():
    assert text.stems("Wij helpen mensen met een eetstoornis") == ["wij", "help", "mens", "eetstoornis"]


def test_the_stop_words_are_postgresqls_dutch_list():
    assert {"de", "en", "van", "zonder", "andere"} <= text.STOP_WORDS
    assert len(text.STOP_WORDS) == 101


@pytest.mark.parametrize(
    "word, expected",
    [
        ("psychosen", "psychos"),
        ("psychose", "psychos"),
        ("volwassenen", "volwassen"),
        ("behandelingen", "behandel"),
        ("autisme", "autism"),
    ],
)
def test_dutch_stemming_gives_the_snowball_porter_stem(word, expected):
    assert text.stem(word) == expected


def test_a_word_with_digits_is_not_stemmed():
    assert text.stem("covid19") == "covid19"


def test_the_stemmer_does_not_conflate_unrelated_words_like_the_newer_algorithm_does():
    assert text.stem("begeleiden") != text.stem("beleid")


def test_prestemmed_text_is_the_stems_joined_by_spaces():
    assert text.stemmed_text("Kliniek Eetstoornissen aan Zee") == "kliniek eetstoorniss zee"


def test_trigrams_are_padded_like_pg_trgm():
    assert text.trigrams("cat") == frozenset({"  c", " ca", "cat", "at "})


def test_similarity_counts_shared_trigrams_over_all_trigrams():
    # "eetsoornis": 11 trigrams, "eetstoornis": 12, 9 shared, 14 in all.
    assert text.similarity_ratio("eetsoornis", "eetstoornis") == Fraction(9, 14)


def test_similarity_of_a_transposition_is_low_but_not_zero():
    assert text.similarity_ratio("autsime", "autisme") == Fraction(1, 3)


def test_similarity_of_unrelated_words_is_zero():
    assert text.similarity("xyzzy", "angst") == 0


def test_an_adjacent_transposition_is_one_edit():
    assert text.edit_distance("autsime", "autisme") == 1


def test_a_missing_letter_is_one_edit():
    assert text.edit_distance("eetsoornis", "eetstoornis") == 1


def test_edit_distance_counts_substitutions_insertions_and_deletions():
    assert text.edit_distance("kitten", "sitting") == 3


def test_original_words_keep_the_case_as_typed():
    assert text.original_words("PTSS bij Kinderen") == [("PTSS", "ptss"), ("bij", "bij"), ("Kinderen", "kinderen")]
