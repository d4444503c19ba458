"""Read the free text ("Waar zoekt u hulp bij?") into terms, concepts and a place.

Steps, all deterministic:

1. fold and split into words (at most MAX_WORDS); a place name (municipality
   or town) becomes the origin candidate and is no search word;
2. drop stop words, filler words ("hulp", "zoek") and numbers;
3. keep known words; split unknown compounds; never change a Dutch word
   (pyspellchecker's Dutch word list: "afgevallen" is not "aanvallen"), but
   one that the register does not use is no search word (``unused_words``);
   correct the other unknown words against the lexicon
   (register.search.lexicon); words that stay unknown are reported;
4. read a form of a vocabulary word as that word ("anorexie" as "anorexia",
   "dwangstoornis" as "dwangstoornissen": Lexicon.base), then read target
   groups and age groups from the words (register.search.concepts);
5. every remaining word becomes a Term: its stem and the known variants of
   that stem (and of its vocabulary word's), matched against the indexed
   documents.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from geo.selectors import Place

from .concepts import ENGLISH_STOP_WORDS, ConceptIndex
from .lexicon import Lexicon, is_dutch
from .places import PlaceIndex
from .text import QUERY_FILLER_WORDS, STOP_WORDS, original_words, stem


@dataclass(frozen=True)
class Term:
    """One query word as the index sees it: the word and the stems it may have there."""

    word: str
    stems: tuple[str, ...]


@dataclass
class Reading:
    text: str
    terms: list[Term] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)  # codes, in order of appearance
    age_groups: list[str] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)  # typed word -> word searched for
    unknown_words: list[str] = field(default_factory=list)
    unused_words: list[str] = field(default_factory=list)  # Dutch words that no department uses
    place: Place | None = None
    place_words: str = ""  # the words of the text that named the place
    group_weights: dict[str, float] = field(default_factory=dict)  # code -> weight (concepts.Concepts.weights)
    complaint_words: set[str] = field(default_factory=set)  # words of multi-word complaints ("stemmen horen")

    @property
    def searches_text(self) -> bool:
        """True when the text asks for something (words, groups or ages), not only a place or stop words."""
        return bool(self.terms or self.target_groups or self.age_groups or self.unknown_words or self.unused_words)


SimilarWords = Callable[[list[str]], dict[str, list[str]]]

# Longer questions are cut off: a parent's story of 1,000 characters (querystring.MAX_TEXT_LENGTH)
# has about 170 words; the words beyond this are not read.
MAX_WORDS = 200
MAX_WORD_LENGTH = 60


def read_query(
    text: str,
    concepts: ConceptIndex,
    lexicon: Lexicon,
    similar_words: SimilarWords,
    places: Callable[[], PlaceIndex] | None = None,
) -> Reading:
    """The Reading of `text`; `similar_words` finds correction candidates (per database)."""
    reading = Reading(text=text)
    pairs = original_words(text)[:MAX_WORDS]
    if not pairs:
        return reading
    folded_words = [folded for _, folded in pairs]
    skip = set()
    if places is not None:
        match = places().find(pairs, lexicon.known_words)
        if match is not None:
            reading.place = match.place
            reading.place_words = " ".join(folded_words[match.start : match.start + match.length])
            skip = set(range(match.start, match.start + match.length))

    tokens: list[tuple[str, str]] = []  # (as typed, folded) of the meaningful words
    for position, (typed, folded) in enumerate(pairs):
        if folded in STOP_WORDS or folded in ENGLISH_STOP_WORDS or folded in QUERY_FILLER_WORDS or folded.isdigit() or position in skip:
            continue
        if len(folded) > MAX_WORD_LENGTH:
            reading.unknown_words.append(folded[:MAX_WORD_LENGTH])
            continue
        tokens.append((typed, folded))
    tokens = [t for t in tokens if not _is_age_unit(t[1], folded_words)]

    unknown = [folded for _, folded in tokens if not lexicon.knows(folded)]
    corrections = _corrections(unknown, lexicon, similar_words)
    corrected: list[tuple[str, str]] = []
    for typed, folded in tokens:
        replacement = corrections.get(folded, (folded,))
        if replacement is None:
            if folded not in reading.unknown_words:
                reading.unknown_words.append(folded)
            continue
        if not replacement:
            if folded not in reading.unused_words:
                reading.unused_words.append(folded)
            continue
        if replacement != (folded,):
            reading.corrections[typed] = " ".join(replacement)
        corrected += [(typed if word == folded else word, word) for word in replacement]

    found = concepts.read([(typed, lexicon.base(word)) for typed, word in corrected], " ".join(folded_words))
    reading.target_groups, reading.age_groups = found.target_groups, found.age_groups
    reading.group_weights, reading.complaint_words = found.weights, found.complaint_words
    seen = set()
    for _, word in corrected:
        variants = lexicon.stem_variants(stem(word))
        base = lexicon.base(word)
        if base != word:
            variants = tuple(dict.fromkeys(variants + lexicon.stem_variants(stem(base))))
        if variants not in seen:
            seen.add(variants)
            reading.terms.append(Term(word, variants))
    return reading


def _is_age_unit(word: str, folded_words: list[str]) -> bool:
    """'jaar' and 'jarige' right after a number belong to an age, not to the search."""
    if word not in {"jaar", "jarige", "jarig", "jr"}:
        return False
    return any(
        previous.isdigit() and current == word for previous, current in zip(folded_words, folded_words[1:])
    )


def _corrections(unknown: list[str], lexicon: Lexicon, similar_words: SimilarWords) -> dict[str, tuple | None]:
    """word -> the word(s) to search instead (a compound's parts, a form of a vocabulary word, or a
    correction), () for a Dutch word that the register does not use, or None (unknown)."""
    result: dict[str, tuple | None] = {}
    to_correct = []
    for word in dict.fromkeys(unknown):
        if word in lexicon.forms:
            result[word] = (word,)  # read as its vocabulary word
            continue
        parts = lexicon.split_compound(word)
        if parts and lexicon.correctable(word) and f"{parts[0]}s{parts[1]}" in lexicon.known_words:
            result[word] = (f"{parts[0]}s{parts[1]}",)  # a misspelling: the linking s was forgotten
        elif parts:
            result[word] = parts
        elif lexicon.correctable(word):
            to_correct.append(word)
        elif is_dutch(word):
            result[word] = ()  # a Dutch word that the register does not use: not changed, not searched
        else:
            result[word] = None
    candidates = similar_words(to_correct) if to_correct else {}
    for word in to_correct:
        best = lexicon.correction(word, candidates.get(word, []))
        result[word] = (best,) if best else None
    return result
