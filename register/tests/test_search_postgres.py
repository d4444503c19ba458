"""PostgreSQL computes what Python computes: Dutch stems, stop words and trigram similarity.

These are the guarantees behind "same query, same results on both databases":
the SQLite index holds Python's stems, the PostgreSQL index stems with its
'dutch' configuration, and typo candidates come from pg_trgm there.
"""

import pytest
from django.db import connection

from register.demo import data
from register.models import SearchTerm
from register.search import backends
from register.search.index import lexicon_words, rebuild_index
from register.search.lexicon import Lexicon
from register.search.text import fold, similarity, stem, stems
from register.tests.factories import DepartmentFactory
from register.vocabulary import TARGET_GROUPS

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def register_texts() -> list[str]:
    texts = [name for _, name, _, _ in data.DEPARTMENTS] + [row[1] for row in data.INSTITUTIONS]
    texts += list(data.WHO.values()) + [s for sentences in data.APPROACH.values() for s in sentences]
    texts += [sentence for _, sentence in data.CLOSING]
    for code, label_nl, label_en, synonyms, abbreviations in TARGET_GROUPS:
        texts += [code.replace("_", " "), label_nl, label_en, *synonyms, *abbreviations]
    return texts


def test_python_stems_every_word_of_the_register_as_postgresql_dutch_does():
    words = sorted(lexicon_words(register_texts()))
    with connection.cursor() as cursor:
        cursor.execute("SELECT w, ts_lexize('dutch_stem', w) FROM unnest(%s::text[]) AS w", [words])
        postgres = {word: lexemes for word, lexemes in cursor.fetchall()}
    assert {w: stem(w) for w in words} == {w: postgres[w][0] for w in words}


def test_a_document_vector_holds_exactly_the_python_stems():
    text = fold(" ".join(register_texts()))
    with connection.cursor() as cursor:
        cursor.execute("SELECT array_agg(lexeme) FROM unnest(to_tsvector('dutch', %s))", [text])
        lexemes = set(cursor.fetchone()[0])
    assert lexemes == set(stems(text))


def test_the_generated_columns_of_a_document_hold_its_python_stems():
    department = DepartmentFactory(name="Kliniek Eetstoornissen", description="Wij helpen jongeren met anorexia.")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_agg(lexeme) FROM register_searchdocument, unnest(description_vector)"
            " WHERE department_id = %s",
            [department.pk],
        )
        lexemes = set(cursor.fetchone()[0])
    assert lexemes == set(stems(department.description))


def test_python_similarity_is_pg_trgm_similarity():
    pairs = [("eetsoornis", "eetstoornis"), ("autsime", "autisme"), ("psychoze", "psychose"), ("torette", "tourette"),
             ("angststooornis", "angststoornis"), ("xyzzy", "angst"), ("ab", "abc"), ("ptss", "ptsd")]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a, b, similarity(a, b) FROM unnest(%s::text[], %s::text[]) AS t(a, b)",
            [[a for a, _ in pairs], [b for _, b in pairs]],
        )
        postgres = {(a, b): value for a, b, value in cursor.fetchall()}
    assert all(abs(similarity(a, b) - postgres[(a, b)]) < 1e-6 for a, b in pairs)


def test_pg_trgm_offers_every_candidate_python_would_accept():
    rebuild_index()
    lexicon = Lexicon(SearchTerm.objects.values_list("word", flat=True))
    typed = ["eetsoornis", "autsime", "psychoze", "schizofreenie", "borderlien", "anorexa"]
    postgres = backends.current().similar_words(typed, lexicon)
    assert all(set(lexicon.similar_words(word)) <= set(postgres[word]) for word in typed)
