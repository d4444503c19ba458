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

Only words that are not Dutch are corrected. A word of pyspellchecker's Dutch
word list (343,585 entries, folded as the finder folds) is never changed into
another word: "afgevallen" stays "afgevallen" although "aanvallen" is one
letter away. A word of its English list is corrected only towards the
vocabulary ("schizophrenia" -> "schizofrenie"), never towards an incidental
word of a description. The lists are loaded once per process, on first use,
into a compact table (WordList: about 6 MB for both lists, where sets of
Python strings would take 55 MB).

The vocabulary's words come with their forms (``vocabulary_forms``): the
singular and plural ("dwangstoornissen" -> "dwangstoornis", "psychose" ->
"psychosen"), the Dutch spelling of a Latin term ("anorexia" -> "anorexie",
"boulimia" -> "boulimie"), the adjective ("angst" -> "angstig") and the
words of the Dutch list that share all but the last few letters with a
vocabulary word and differ from it by an inflection ("bipolaire" ->
"bipolair", "depressie" -> "depressief") or, for a noun in -ie, by its
ending ("schizofrenie" -> "schizofreen"). The forms join the correction
candidates (the SearchTerm table, so pg_trgm finds them too: "dwangstornis"
-> "dwangstoornis", "boulemie" -> "boulimie"), and a form is read as its
vocabulary word (``Lexicon.base``), so "anorexie" finds the eating-disorder
group without being "corrected".
"""

from __future__ import annotations

import gc
import sys
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from fractions import Fraction

from .text import STOP_WORDS, edit_distance, similarity_ratio, stem, trigrams, words

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


# --- the word lists ------------------------------------------------------------------------------


class WordList:
    """A set of folded words, compact: one sorted string "\\nword\\nword\\n" and every BLOCK-th word.

    A frozenset of 333,000 Python strings takes about 40 MB; this takes the
    characters and a few thousand block heads (about 5 MB). A look-up bisects
    the heads and searches the one block (BLOCK words) its word would be in.
    """

    BLOCK = 64

    def __init__(self, words: Iterable[str]):
        ordered = sorted({w for w in words if w and "\n" not in w})
        self._count = len(ordered)
        self._text = "\n" + "\n".join(ordered) + "\n"
        del ordered  # the heads are made after the words are freed, so the memory they took is returned
        self._starts = array("I")  # where each block begins in _text (at the "\n" before its first word)
        heads = []
        position = 0
        for number in range(self._count):
            if number % self.BLOCK == 0:
                self._starts.append(position)
                heads.append(self._text[position + 1 : self._text.index("\n", position + 1)])
            position = self._text.index("\n", position + 1)
        self._heads = heads

    def __len__(self) -> int:
        return self._count

    def __iter__(self):
        return iter(self._text[1:-1].split("\n") if self._count else ())

    def _block(self, i: int) -> tuple[int, int]:
        """The block's slice of _text, from the "\\n" before its first word to the one after its last."""
        end = self._starts[i + 1] + 1 if i + 1 < len(self._starts) else len(self._text)
        return self._starts[i], end

    def __contains__(self, word: str) -> bool:
        i = bisect_right(self._heads, word) - 1
        if i < 0 or "\n" in word:
            return False
        start, end = self._block(i)
        return self._text.find(f"\n{word}\n", start, end) != -1

    def starting_with(self, prefix: str) -> list[str]:
        """The words that begin with `prefix`, in order."""
        if not self._count or "\n" in prefix:
            return []
        first = max(bisect_left(self._heads, prefix) - 1, 0)
        last = bisect_right(self._heads, prefix + "\U0010ffff") - 1
        start, end = self._block(first)[0], self._block(max(last, first))[1]
        found = []
        position = self._text.find("\n" + prefix, start, end)
        while position != -1 and self._text.startswith(prefix, position + 1):
            after = self._text.index("\n", position + 1)
            found.append(self._text[position + 1 : after])
            position = after if after + 1 < len(self._text) else -1
        return found

    def size(self) -> int:
        """Bytes taken by the words (the string, the heads, the offsets)."""
        return (
            sys.getsizeof(self._text)
            + sys.getsizeof(self._heads)
            + sum(sys.getsizeof(h) for h in self._heads)
            + sys.getsizeof(self._starts)
        )


def list_words(entries: Iterable[str]) -> set[str]:
    """Every word the finder would see in the entries of a word list (folded and split as it splits
    a query: "'s-Hertogenbosch" gives "s" and "hertogenbosch")."""
    result = set()
    for entry in entries:
        if entry.isascii() and entry.isalnum() and entry.islower():
            result.add(entry)
        else:
            result.update(words(entry))
    return result


_lists: dict[str, WordList] = {}
_lists_lock = threading.Lock()


def word_list(language: str) -> WordList:
    """pyspellchecker's word list of `language` ("nl", "en"), folded; loaded once per process."""
    loaded = _lists.get(language)
    if loaded is None:
        with _lists_lock:
            loaded = _lists.get(language)
            if loaded is None:
                from spellchecker import SpellChecker

                checker = SpellChecker(language=language, distance=1)
                words_ = list_words(checker.word_frequency.keys())
                del checker  # keep only the compact list
                loaded = WordList(words_)
                del words_
                gc.collect()
                _lists[language] = loaded
    return loaded


def is_dutch(word: str) -> bool:
    """A word of the Dutch word list (folded)."""
    return word in word_list("nl")


def is_english(word: str) -> bool:
    return word in word_list("en")


# --- the vocabulary's forms -----------------------------------------------------------------------

# (ending, replacement): regular Dutch singular <-> plural, and the Dutch spelling of Latin terms.
FORM_RULES = (
    ("nissen", "nis"), ("nis", "nissen"),
    ("osen", "ose"), ("ose", "osen"),
    ("ingen", "ing"), ("ing", "ingen"),
    ("ies", "ie"), ("ie", "ies"),
    ("ia", "ie"),
)
# Adjectives of a vocabulary word that the Dutch list has ("angst" -> "angstig", "angstige").
ADJECTIVE_ENDINGS = ("ig", "ige")
MIN_ADJECTIVE_BASE = 5
MIN_FORM_LENGTH = 7  # a vocabulary word this long has forms in the Dutch list
MAX_FORM_ENDING = 3  # letters after the shared beginning, in the form and in the vocabulary word
# What a vocabulary word may have after the letters it shares with a form of the Dutch list: an
# inflection ("bipolaire" -> "bipolair", "depressie" -> "depressief"); a noun in -ie may have
# more ("schizofrenie" -> "schizofreen", "psychiatrie" -> "psychiater").
INFLECTION_ENDINGS = frozenset({"", "e", "n", "en", "s"})


def word_forms(word: str) -> set[str]:
    """The forms of one vocabulary word (not the word itself): by rule, then from the word lists."""
    forms = {word[: -len(ending)] + replacement for ending, replacement in FORM_RULES if word.endswith(ending)}
    if len(word) >= MIN_ADJECTIVE_BASE:
        forms.update(word + ending for ending in ADJECTIVE_ENDINGS if word + ending in word_list("nl"))
    english = word_list("en")
    if word + "s" in english:
        forms.add(word + "s")
    if word.endswith("s") and word[:-1] in english:
        forms.add(word[:-1])
    if len(word) >= MIN_FORM_LENGTH:
        shared = max(MIN_FORM_LENGTH, len(word) - MAX_FORM_ENDING)
        for other in word_list("nl").starting_with(word[:shared]):
            common = _common_length(word, other)
            if len(other) - common > MAX_FORM_ENDING or len(word) - common > MAX_FORM_ENDING:
                continue
            if word[common:] in INFLECTION_ENDINGS or word.endswith("ie"):
                forms.add(other)  # not "hunting" for "huntington", nor "transgene" for "transgender"
    forms.discard(word)
    return {form for form in forms if len(form) >= 4}


def vocabulary_forms(vocabulary: Iterable[str]) -> dict[str, str]:
    """{form: vocabulary word} for the forms of the vocabulary's words that are not vocabulary words
    themselves. A form of two words belongs to the one it shares most letters with (then the shorter,
    then the first alphabetically)."""
    vocabulary = {w for w in vocabulary if w and not w.isdigit() and w not in STOP_WORDS}
    bases: dict[str, list[str]] = {}
    for word in sorted(vocabulary):
        for form in word_forms(word):
            if form not in vocabulary:
                bases.setdefault(form, []).append(word)
    return {
        form: min(words_, key=lambda w: (-_common_length(form, w), len(w), w)) for form, words_ in bases.items()
    }


def _common_length(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


# --- the lexicon ----------------------------------------------------------------------------------


class Lexicon:
    """`words` are the correction candidates (the SearchTerm table, which PostgreSQL searches too);
    `extra_known` are words that are known but never offered as a correction (vocabulary words
    not yet in the table, stop words of multi-word terms); `vocabulary` are the words of the
    vocabularies' terms, whose forms (vocabulary_forms) are read as them."""

    def __init__(self, words, extra_known=(), vocabulary=()):
        self.words = frozenset(w for w in words if w)
        self.vocabulary = frozenset(w for w in vocabulary if w)
        self.forms = vocabulary_forms(self.vocabulary) if self.vocabulary else {}
        self.known_words = self.words | frozenset(w for w in extra_known if w) | self.vocabulary
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

    def base(self, word: str) -> str:
        """The vocabulary word `word` is a form of ("anorexie" -> "anorexia"), or `word` itself."""
        return self.forms.get(word, word)

    @staticmethod
    def correctable(word: str) -> bool:
        """Worth correcting: long enough and not Dutch (a Dutch word is never changed into another)."""
        return len(word) >= MIN_CORRECTABLE_LENGTH and not is_dutch(word)

    def correction(self, word: str, candidates) -> str | None:
        """The correction of `word` among `candidates` (see the module), or None.

        None for every word of the Dutch word list. An English word is only
        corrected towards the vocabulary and its forms.
        """
        if not self.correctable(word):
            return None
        if is_english(word):
            candidates = [c for c in candidates if c in self.vocabulary or c in self.forms]
        return self.best_correction(word, candidates)

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
