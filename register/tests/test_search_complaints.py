"""register.search.concepts with the complaints vocabulary, and weights in the score (no database)."""

import pytest

from register.search.concepts import MAX_GROUP_WEIGHT, AgeEntry, ComplaintEntry, ConceptIndex, TermEntry
from register.search.scoring import WORD_POINTS_CAP, Features, score
from register.search.text import QUERY_FILLER_WORDS, STOP_WORDS, original_words
from register.search.concepts import ENGLISH_STOP_WORDS
from register.vocabulary import AGE_GROUPS, TARGET_GROUPS, seed_complaints


@pytest.fixture(scope="module")
def concepts():
    return ConceptIndex(
        [
            TermEntry(code=code, terms=(label_nl, *synonyms), abbreviations=tuple(abbreviations), english_label=label_en)
            for code, label_nl, label_en, synonyms, abbreviations in TARGET_GROUPS
        ],
        [AgeEntry(code, label_nl, low, high) for code, label_nl, _en, low, high in AGE_GROUPS],
        [ComplaintEntry(term, tuple((code, float(w)) for code, w in weights)) for term, _, weights in seed_complaints()],
    )


def read(concepts, text):
    """As reading.read_query passes the words: without Dutch and English stop words and filler words."""
    skipped = STOP_WORDS | ENGLISH_STOP_WORDS | QUERY_FILLER_WORDS
    tokens = [(typed, folded) for typed, folded in original_words(text) if folded not in skipped]
    return concepts.read(tokens, " ".join(folded for _, folded in original_words(text)))


def test_a_lay_word_adds_its_target_groups_heaviest_first(concepts):
    found = read(concepts, "zelfbeschadiging")
    assert found.target_groups == ["persoonlijkheidsstoornissen", "psychotrauma", "transdiagnostisch"]
    assert found.weights == {"persoonlijkheidsstoornissen": 1.0, "psychotrauma": 0.6, "transdiagnostisch": 0.4}


def test_a_phrase_of_stop_words_and_one_word_is_read_word_for_word(concepts):
    assert read(concepts, "ze wil niet meer eten").target_groups[0] == "eetstoornissen"


def test_the_one_meaningful_word_of_such_a_phrase_alone_is_not_read(concepts):
    assert read(concepts, "eten").target_groups == []
    assert read(concepts, "bang").target_groups == []


def test_altijd_bang_is_read_as_anxiety(concepts):
    assert read(concepts, "ik ben altijd bang").target_groups[0] == "angst"


def test_a_phrase_with_two_meaningful_words_is_also_read_with_other_stop_words_between(concepts):
    assert read(concepts, "bang om dik te zijn").target_groups == ["eetstoornissen"]


def test_the_words_of_a_multi_word_complaint_are_reported_as_such(concepts):
    assert read(concepts, "stemmen horen").complaint_words == {"stemmen", "horen"}


def test_a_one_word_complaint_leaves_its_word_to_the_search(concepts):
    assert read(concepts, "paniekaanvallen").complaint_words == set()


def test_english_stop_words_do_not_break_an_english_phrase(concepts):
    assert read(concepts, "I am hearing the voices").target_groups[0] == "psychose"


def test_post_traumatic_stress_disorder_is_one_phrase(concepts):
    found = read(concepts, "post traumatic stress disorder")
    assert (found.target_groups, found.weights) == (["psychotrauma"], {"psychotrauma": 1.0})


def test_the_longest_phrase_wins(concepts):
    assert read(concepts, "substance abuse").target_groups == ["verslaving"]  # not "abuse": psychotrauma


def test_two_groups_in_one_question_are_both_read_with_full_weight(concepts):
    assert read(concepts, "verslaving en depressie").weights == {"verslaving": 1.0, "depressie": 1.0}


def test_distinct_terms_of_one_group_add_up_to_at_most_the_maximum(concepts):
    found = read(concepts, "anorexia eetbuien afgevallen ondergewicht laxeermiddelen")
    assert found.weights["eetstoornissen"] == MAX_GROUP_WEIGHT


def test_the_same_term_twice_counts_once(concepts):
    assert read(concepts, "somber somber somber").weights == {"depressie": 1.0}


def test_therapieresistente_depressie_is_read_as_depression_only(concepts):
    assert read(concepts, "therapieresistente depressie").target_groups == ["depressie"]


def test_psychosomatiek_is_read_as_somatic_symptom_disorders(concepts):
    assert read(concepts, "psychosomatiek").target_groups == ["somatische_symptoomstoornissen"]


@pytest.mark.parametrize("text", ["ADHD", "adhd", "ADD", "aandachtstekortstoornis"])
def test_adhd_is_a_target_group(concepts, text):
    assert read(concepts, text).target_groups == ["adhd"]


def test_add_in_lower_case_is_the_english_word_not_adhd(concepts):
    assert read(concepts, "add").target_groups == []


@pytest.mark.parametrize("text", ["gedragsproblemen", "ernstige gedragsproblemen", "ODD", "oppositioneel-opstandige stoornis"])
def test_severe_behaviour_problems_are_a_target_group(concepts, text):
    assert read(concepts, text).target_groups == ["gedragsstoornissen"]


def test_gedrag_alone_is_too_general_to_be_read(concepts):
    assert read(concepts, "gedrag").target_groups == []


def test_the_complaint_words_are_known_to_the_lexicon(concepts):
    assert {"zelfbeschadiging", "hearing", "voices", "paniekaanvallen"} <= concepts.words


def test_a_complaint_naming_an_unknown_target_group_is_ignored():
    index = ConceptIndex([TermEntry("angst", ("Angst",), ())], [], [ComplaintEntry("kopzorgen", (("bestaat_niet", 1.0),))])
    assert index.read([("kopzorgen", "kopzorgen")]).target_groups == []


# --- weights in the score --------------------------------------------------------------------------------


def test_a_group_read_with_a_lower_weight_gives_fewer_points():
    assert score(Features(matched_groups=0.4)) == 40


def test_a_department_with_both_groups_of_a_question_scores_above_one_with_one_and_a_name_word():
    both = score(Features(matched_groups=2, read_groups=True))
    one = score(Features(matched_groups=1, read_groups=True, term_columns=(frozenset({"name"}),) * 2))
    assert both > one


def test_words_count_at_most_the_cap_when_the_text_was_read_as_a_group():
    many_words = (frozenset({"name"}),) * 10
    assert score(Features(term_columns=many_words, read_groups=True)) == WORD_POINTS_CAP
    assert score(Features(matched_groups=1)) > score(Features(term_columns=many_words, read_groups=True))


def test_words_are_not_capped_when_the_text_names_no_group():
    assert score(Features(term_columns=(frozenset({"name"}),) * 4)) == 120
