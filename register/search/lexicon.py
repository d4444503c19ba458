"""The lexicon: every word the finder knows, and how a mistyped word is corrected.

The lexicon holds the folded words of the indexed departments (names,
institutions, descriptions, target-group terms) and of the vocabularies. A
query word that is not in it (neither as typed nor by stem) is

1. split into two known words when it is a compound ("jeugdtrauma" ->
   "jeugd" + "trauma", also with a linking s: "verslavingszorg");
2. otherwise corrected to the most similar known word: trigram similarity as
   pg_trgm computes it, at least SIMILARITY_THRESHOLD, and at most a few
   typing errors apart (Damerau-Levenshtein, MAX_EDITS by word length). The
   best candidate has the highest similarity, then the fewest edits, then
   comes first alphabetically.

On PostgreSQL the candidates come from pg_trgm (``word % query`` with a GIN
trigram index); on SQLite from an in-memory trigram index. Both are then
judged here, with exact fractions, so both databases correct alike.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from .text import edit_distance, similarity_ratio, stem, trigrams

# pg_trgm's default similarity threshold (pg_trgm.similarity_threshold), so the
# `%` operator and its index return every candidate we would accept.
SIMILARITY_THRESHOLD = Fraction(3, 10)
MIN_CORRECTABLE_LENGTH = 4
MIN_COMPOUND_PART = 4


def max_edits(word: str) -> int:
    """How many typing errors we repair: 1 in short words, 2 from 6 letters, 3 from 10."""
    if len(word) >= 10:
        return 3
    if len(word) >= 6:
        return 2
    return 1


class Lexicon:
    """`words` are the correction candidates (the SearchTerm table, which PostgreSQL searches too);
    `extra_known` are words that are known but never offered as a correction (vocabulary words
    not yet in the table, stop words of multi-word terms)."""

    def __init__(self, words, extra_known=()):
        self.words = frozenset(w for w in words if w)
        self.known_words = self.words | frozenset(w for w in extra_known if w)
        self.stems = frozenset(stem(w) for w in self.known_words)
        self._by_trigram: dict[str, list[str]] | None = None

    def __len__(self):
        return len(self.words)

    def stem_variants(self, word_stem: str) -> tuple[str, ...]:
        """The stem and the known stems that differ only by a doubled final consonant.

        The Dutch stemmer keeps "eetstoornis" and "eetstoorniss" (from
        "eetstoornissen") apart; a query for one should find the other.
        """
        variants = [word_stem]
        last = word_stem[-1:]
        if last and last not in "aeiouy0123456789":
            if word_stem.endswith(last * 2):
                other = word_stem[:-1]
            else:
                other = word_stem + last
            if other in self.stems:
                variants.append(other)
        return tuple(variants)

    def knows(self, word: str) -> bool:
        return word in self.known_words or any(v in self.stems for v in self.stem_variants(stem(word)))

    def split_compound(self, word: str) -> tuple[str, str] | None:
        """Two known words that make up `word`, the longest first part first, or None."""
        for cut in range(len(word) - MIN_COMPOUND_PART, MIN_COMPOUND_PART - 1, -1):
            head, tail = word[:cut], word[cut:]
            if head in self.known_words and self.knows(tail):
                return head, tail
            if head.endswith("s") and head[:-1] in self.known_words and len(head) > MIN_COMPOUND_PART and self.knows(tail):
                return head[:-1], tail
        return None

    # -- correction ------------------------------------------------------------------------

    def similar_words(self, word: str) -> list[str]:
        """Known words at least SIMILARITY_THRESHOLD similar to `word` (the SQLite way: in memory)."""
        if self._by_trigram is None:
            index: dict[str, list[str]] = {}
            for known in sorted(self.words):
                for trigram in trigrams(known):
                    index.setdefault(trigram, []).append(known)
            self._by_trigram = index
        word_trigrams = trigrams(word)
        shared = Counter(known for t in word_trigrams for known in self._by_trigram.get(t, ()))
        return [
            known
            for known, count in shared.items()
            if Fraction(count, len(word_trigrams) + len(trigrams(known)) - count) >= SIMILARITY_THRESHOLD
        ]

    @staticmethod
    def best_correction(word: str, candidates) -> str | None:
        """The best of `candidates` for the mistyped `word`, or None when none is close enough."""
        scored = []
        for candidate in set(candidates):
            if candidate == word:
                continue
            ratio = similarity_ratio(word, candidate)
            if ratio < SIMILARITY_THRESHOLD:
                continue
            edits = edit_distance(word, candidate)
            if edits > max_edits(word):
                continue
            scored.append((-ratio, edits, candidate))
        return min(scored)[2] if scored else None
