"""Dutch text for the finder: folding, tokens, stop words, stems and word similarity.

Pure functions, no database. Both search backends get their words from here,
so SQLite and PostgreSQL see exactly the same tokens:

- ``fold`` lower-cases, removes diacritics ("Fryslân" -> "fryslan") and turns
  every character that is not a-z or 0-9 into a space, so the database's own
  tokenizer (FTS5 unicode61, PostgreSQL's text-search parser) splits the text
  exactly where Python does.
- ``stem`` is Snowball's classic Dutch stemmer (``dutch_porter`` in
  snowballstemmer 3). It is the algorithm behind PostgreSQL's ``'dutch'``
  text-search configuration, so a stem made here equals the lexeme
  ``to_tsvector('dutch', ...)`` makes (a PostgreSQL test checks this for the
  whole lexicon). snowballstemmer's newer ``dutch`` algorithm conflates too much
  for this register ("begeleiden" -> "beleid", "gedrag" -> "drag") and differs
  from PostgreSQL.
- ``STOP_WORDS`` is PostgreSQL's ``dutch.stop`` list (Snowball's), for the same
  reason.
- ``similarity`` is pg_trgm's trigram similarity, computed the same way.
"""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction
from functools import lru_cache

import snowballstemmer

# PostgreSQL's tsearch_data/dutch.stop (the Snowball Dutch stop list), in its order.
STOP_WORDS = frozenset(
    """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om hem dan zou
    of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar naar heb hoe heeft hebben
    deze u want nog zal me zij nu ge geen omdat iets worden toch al waren veel meer doen toen moet ben
    zonder kan hun dus alles onder ja eens hier wie werd altijd doch wordt wezen kunnen ons zelf tegen na
    reeds wil kon niets uw iemand geweest andere
    """.split()
)

# Words people put around what they look for ("ik zoek hulp bij ..."): ignored in
# queries only, never in the indexed documents.
QUERY_FILLER_WORDS = frozenset(
    """
    hulp help helpen zoek zoeken zoekt gezocht graag nodig iemand afdeling afdelingen
    """.split()
)

_TRANSLITERATE = str.maketrans({"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ı": "i", "ð": "d"})
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_WORD = re.compile(r"[a-z0-9]+")
_STEMMER = snowballstemmer.stemmer("dutch_porter")


def fold(text: str) -> str:
    """Lower case, no diacritics, only a-z, 0-9 and single spaces: "Ggz Fryslân" -> "ggz fryslan"."""
    text = unicodedata.normalize("NFKD", (text or "").lower().translate(_TRANSLITERATE))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """The folded words of `text`, in order, stop words included."""
    return _WORD.findall(fold(text))


def original_words(text: str) -> list[tuple[str, str]]:
    """(as typed, folded) for every word; the typed form keeps its case (for abbreviations)."""
    pairs = []
    for raw in re.split(r"[^\w]+|_", text or ""):
        for folded in words(raw):
            pairs.append((raw if len(words(raw)) == 1 else folded, folded))
    return pairs


def is_stop_word(word: str) -> bool:
    return word in STOP_WORDS


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The Snowball Dutch (Porter) stem of one folded word; words with digits stay as they are."""
    if any(ch.isdigit() for ch in word):
        return word
    return _STEMMER.stemWord(word)


def stems(text: str) -> list[str]:
    """The stems of the words of `text` without stop words, in order (what a document indexes)."""
    return [stem(word) for word in words(text) if word not in STOP_WORDS]


def stemmed_text(text: str) -> str:
    """`stems` joined by spaces: the pre-stemmed text the SQLite index holds."""
    return " ".join(stems(text))


# --- similarity (pg_trgm) ------------------------------------------------------------


@lru_cache(maxsize=50_000)
def trigrams(text: str) -> frozenset[str]:
    """pg_trgm's trigram set: every word padded with two spaces in front and one behind."""
    result = set()
    for word in words(text):
        padded = f"  {word} "
        result.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(result)


def similarity_ratio(a: str, b: str) -> Fraction:
    """pg_trgm's similarity(a, b) as an exact fraction: shared trigrams / all trigrams."""
    ta, tb = trigrams(a), trigrams(b)
    union = len(ta | tb)
    return Fraction(len(ta & tb), union) if union else Fraction(0)


def similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(a, b), between 0 and 1."""
    return float(similarity_ratio(a, b))


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count as one edit)."""
    previous_row = None
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous_row, row = previous_row, row, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(previous_row[j] + 1, row[j - 1] + 1, previous_row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], before[j - 2] + 1)
    return row[len(b)]
