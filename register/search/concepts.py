"""From words to target groups and age groups, with the register's vocabularies.

A target group is recognised in the query from (in this order):

1. a whole multi-word term, longest first: "anorexia nervosa", "sociale angst";
2. a one-word term: the code ("dwang"), a label ("Depressie"), a synonym
   ("trauma", "anorexia"), compared by stem, so "psychosen" finds "psychose";
3. a word that occurs in the terms of only one target group and is not a
   general word such as "ernstig" or "stoornis": "bipolair" (from "Bipolaire
   stoornissen"), "tourette", "dementie";
4. an abbreviation, ignoring case ("ptss", "OCD"); abbreviations of one or
   two letters ("AN", "PS") and abbreviations that are everyday words ("BED",
   "GAS") only when typed in capitals.

Complaint terms (register.models.ComplaintTerm: lay words and symptoms such
as "stemmen horen", "zelfbeschadiging", "panic attacks") are read the same
way, each adding its target groups with its own weight:

- a multi-word complaint is found word for word in the text, stop words
  included ("niet meer eten", "te dun", "bang om dik te worden"), longest
  first; one whose meaningful words are two or more is also found by those
  words alone, by stem ("bang om dik te zijn" still has "bang" and "dik");
- a one-word complaint by its stem ("paniekaanvallen", "automutilatie").

English stop words ("the", "my", "and") are skipped like Dutch ones, so
"hearing the voices" is "hearing voices". Every target group gets the sum of
the weights of the distinct terms that named it (a target-group term weighs
1), at most MAX_GROUP_WEIGHT: a long story that names an eating disorder three
ways weighs more than one incidental word for another group.

Age groups come from age words ("jongeren", "kinderen", "ouderen") and from
an age in years ("15 jaar", "15-jarige"). Pure functions over a Vocabulary
snapshot; the snapshot is loaded from the database by register.search.context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import QUERY_FILLER_WORDS, STOP_WORDS, fold, stem, stems, words

# Words of multi-word terms that say little on their own (by stem).
GENERAL_STEMS = frozenset(
    stem(word)
    for word in """
    aandoening aangeboren behandeling beperking chronische combinatie complexe diagnose dubbele eerste
    ernstige functionele gegeneraliseerde klachten lichamelijke licht meerdere neurologische niet
    ontwikkeling problemen problematiek psychiatrie psychiatrische sociale stoornis stoornissen syndroom
    therapieresistente verklaring vroegkinderlijke late life nos gedrag
    """.split()
)

# Stems that also belong to an everyday word with another meaning: these
# one-word terms only count as typed ("ouderen" is elderly, "ouders" parents).
SURFACE_ONLY_STEMS = frozenset({"ouder"})

# Abbreviations that are everyday Dutch words: only in capitals.
EVERYDAY_ABBREVIATIONS = frozenset({"bed", "gas", "ps", "an", "bs", "ts", "dd", "bn", "add", "cd"})

# English words that carry no meaning of their own in a query, skipped like Dutch stop words
# (text.STOP_WORDS) so that they do not break a phrase: "hearing the voices". Words that are also
# Dutch words with a meaning are left out: "been" (leg), "at" (ate), "lot" (fate), "not" (a
# negation that changes a phrase: "not eating").
ENGLISH_STOP_WORDS = frozenset(
    """
    a the and or to my i im am are be being has have having with from for by on it its our your
    their his she he we you they this that these those very about into than then just also some any
    do does did can could would should will what who whom which when how because after before
    mine myself yourself
    """.split()
)

# The most a target group weighs in one text (the sum of its terms' weights).
MAX_GROUP_WEIGHT = 3.0
# A target-group term (label, synonym, abbreviation, distinctive word) weighs this much.
TERM_WEIGHT = 1.0


def meaningful(word: str) -> bool:
    """Not a Dutch or English stop word, not a filler word ("hulp", "zoek")."""
    return word not in STOP_WORDS and word not in ENGLISH_STOP_WORDS and word not in QUERY_FILLER_WORDS

# Age words per age-group code (folded, as typed; no stemming: "ouders" are parents).
AGE_WORDS = {
    "children": "kind kinderen kinder kids baby babys peuter peuters kleuter kleuters children child",
    "youth": "jongere jongeren jeugd jeugdige jeugdigen tiener tieners puber pubers adolescent adolescenten "
    "scholier scholieren youth teenager teenagers",
    "young_adults": "jongvolwassene jongvolwassenen student studenten",
    "adults": "volwassene volwassenen volwassen adult adults",
    "elderly": "oudere ouderen senior senioren bejaarde bejaarden elderly",
}
_AGE_IN_YEARS = re.compile(r"\b([0-9]{1,3}) ?(?:jaar|jarige|jarig|jr)\b")


@dataclass(frozen=True)
class TermEntry:
    """One target group's terms: code, labels, synonyms, abbreviations."""

    code: str
    terms: tuple[str, ...]
    abbreviations: tuple[str, ...]
    english_label: str = ""


@dataclass(frozen=True)
class ComplaintEntry:
    """A lay word or symptom and the target groups it points to: ((code, weight), ...)."""

    term: str
    weights: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class AgeEntry:
    code: str
    label: str
    min_age: int
    max_age: int | None


@dataclass
class Concepts:
    """What a query's words were read as: target-group codes, heaviest first, then in order of
    appearance; age-group codes in order of appearance.

    `weights`: per target-group code, the sum of the weights of the distinct
    terms that named it (at most MAX_GROUP_WEIGHT); `complaint_words`: the
    words of multi-word complaints ("stemmen horen"), which mean the phrase,
    not themselves.
    """

    target_groups: list[str] = field(default_factory=list)
    age_groups: list[str] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)
    complaint_words: set[str] = field(default_factory=set)

    def add_group(self, codes, weights=None):
        """Add target groups; `weights` ({code: weight}) defaults to TERM_WEIGHT for each."""
        for code in codes:
            if code not in self.target_groups:
                self.target_groups.append(code)
            weight = TERM_WEIGHT if weights is None else weights[code]
            self.weights[code] = min(MAX_GROUP_WEIGHT, round(self.weights.get(code, 0.0) + weight, 2))

    def add_age(self, codes):
        for code in codes:
            if code not in self.age_groups:
                self.age_groups.append(code)


class ConceptIndex:
    """Look-up tables built from the target groups and age groups (build once, read often)."""

    def __init__(self, groups: list[TermEntry], ages: list[AgeEntry], complaints: list[ComplaintEntry] = ()):
        self.group_order = [g.code for g in groups]
        self.phrases: dict[tuple[str, ...], list[str]] = {}
        self.single: dict[str, list[str]] = {}
        # Complaint terms: stems -> {code: weight}. `literal`: every word's stem, stop words included.
        self.complaint_phrases: dict[tuple[str, ...], dict[str, float]] = {}
        self.complaint_single: dict[str, dict[str, float]] = {}
        self.literal: dict[tuple[str, ...], dict[str, float]] = {}
        self.surface: dict[str, list[str]] = {}
        self.abbreviations: dict[str, list[str]] = {}
        word_groups: dict[str, set[str]] = {}
        english: set[str] = set()
        self.words: set[str] = set()
        for group in groups:
            for term in (group.code.replace("_", " "), *group.terms, group.english_label):
                self.words.update(words(term))
                term_stems = tuple(stems(term))
                if not term_stems:
                    continue
                if term == group.english_label and term not in group.terms:
                    english.update(term_stems)
                if len(term_stems) == 1:
                    only = term_stems[0]
                    if only in SURFACE_ONLY_STEMS:
                        for word in words(term):
                            _add(self.surface, word, group.code)
                    else:
                        _add(self.single, only, group.code)
                else:
                    _add(self.phrases, term_stems, group.code)
                for term_stem in term_stems:
                    word_groups.setdefault(term_stem, set()).add(group.code)
            for abbreviation in group.abbreviations:
                key = fold(abbreviation).replace(" ", "")
                if key:
                    self.words.add(key)
                    _add(self.abbreviations, key, group.code)
        known_codes = set(self.group_order)
        for complaint in complaints:
            weights = {code: float(weight) for code, weight in complaint.weights if code in known_codes}
            all_words = words(complaint.term)
            content = [word for word in all_words if meaningful(word)]
            if not weights or not content:
                continue
            self.words.update(content)
            if len(all_words) == 1:
                _merge(self.complaint_single, stem(content[0]), weights)
                continue
            _merge(self.literal, tuple(stem(word) for word in all_words), weights)
            if len(content) >= 2:
                _merge(self.complaint_phrases, tuple(stem(word) for word in content), weights)
        self.max_phrase = max((len(p) for p in (*self.phrases, *self.complaint_phrases)), default=1)
        self.max_literal = max((len(p) for p in self.literal), default=1)
        self.distinctive = {
            term_stem: next(iter(codes))
            for term_stem, codes in word_groups.items()
            if len(codes) == 1
            and len(term_stem) >= 4
            and term_stem not in GENERAL_STEMS
            and term_stem not in SURFACE_ONLY_STEMS
            and term_stem not in english
            and term_stem not in self.single
            and term_stem not in self.complaint_single
        }
        self.ages = ages
        self.age_words: dict[str, list[str]] = {}
        for age in ages:
            for word in AGE_WORDS.get(age.code, "").split() + words(age.label)[:1]:
                _add(self.age_words, word, age.code)
        self.words.update(self.age_words)

    # -- reading -----------------------------------------------------------------------

    def read(self, tokens: list[tuple[str, str]], folded_text: str = "") -> Concepts:
        """Concepts in `tokens` ((as typed, folded) pairs without stop words), in order of appearance.

        `folded_text`: the whole text, folded, stop words included (for complaints read word for
        word and for ages in years); the tokens when not given.
        """
        concepts = Concepts()
        token_stems = [stem(folded) for _, folded in tokens]
        used = [False] * len(tokens)
        full = folded_text.split() if folded_text else [folded for _, folded in tokens]
        place = _align([folded for _, folded in tokens], full)  # token -> its place in `full`
        found: list[tuple[float, tuple, dict[str, float]]] = []  # (place in the text, term key, {code: weight})

        # 1. Complaints word for word, stop words included ("niet meer eten"), longest first.
        token_at = {where: number for number, where in enumerate(place) if where is not None}
        full_stems = [stem(word) for word in full]
        start = 0
        while start < len(full):
            for length in range(min(self.max_literal, len(full) - start), 1, -1):
                key = tuple(full_stems[start : start + length])
                weights = self.literal.get(key)
                numbers = [token_at[k] for k in range(start, start + length) if k in token_at]
                if weights and not any(used[n] for n in numbers):
                    for n in numbers:
                        used[n] = True
                    found.append((start, ("literal", key), weights))
                    concepts.complaint_words.update(full[start : start + length])
                    start += length - 1
                    break
            start += 1

        # 2. Multi-word terms and complaints by their meaningful words, longest first.
        for start in range(len(tokens)):
            for length in range(min(self.max_phrase, len(tokens) - start), 1, -1):
                if any(used[start : start + length]):
                    continue
                key = tuple(token_stems[start : start + length])
                codes = self.phrases.get(key)
                weights = {code: TERM_WEIGHT for code in codes} if codes else self.complaint_phrases.get(key)
                if weights:
                    found.append((_where(place, start), ("phrase", key), weights))
                    used[start : start + length] = [True] * length
                    if not codes:
                        concepts.complaint_words.update(folded for _, folded in tokens[start : start + length])
                    break

        # 3. One word: an abbreviation, a term, a complaint, a word distinctive of one group.
        for position, ((typed, folded), token_stem) in enumerate(zip(tokens, token_stems)):
            codes = self.abbreviation_codes(typed, folded)
            weights = None
            if not used[position]:
                codes = codes or self.surface.get(folded) or self.single.get(token_stem)
                if not codes:
                    weights = self.complaint_single.get(token_stem)
                if not codes and not weights and token_stem in self.distinctive:
                    codes = [self.distinctive[token_stem]]
            if codes:
                weights = {code: TERM_WEIGHT for code in codes}
            if weights:
                found.append((_where(place, position), ("word", token_stem), weights))

        seen = set()
        for _, key, weights in sorted(found, key=lambda item: item[0]):
            if key in seen:  # the same term twice counts once
                continue
            seen.add(key)
            concepts.add_group(sorted(weights, key=lambda code: (-weights[code], self.group_order.index(code))), weights)
        # Heaviest first (what a story is mostly about); equal weights keep their order in the text.
        concepts.target_groups.sort(key=lambda code: -concepts.weights[code])
        for _, folded in tokens:
            concepts.add_age(self.age_words.get(folded, []))
        concepts.add_age(self.ages_in_years(folded_text))
        return concepts

    def abbreviation_codes(self, typed: str, folded: str) -> list[str]:
        codes = self.abbreviations.get(folded)
        if not codes:
            return []
        if (len(folded) <= 2 or folded in EVERYDAY_ABBREVIATIONS) and not (typed.isupper() and len(typed) > 1):
            return []
        return codes

    def ages_in_years(self, folded_text: str) -> list[str]:
        codes = []
        for match in _AGE_IN_YEARS.finditer(folded_text):
            years = int(match.group(1))
            codes += [
                age.code for age in self.ages if age.min_age <= years and (age.max_age is None or years <= age.max_age)
            ]
        return codes


def _merge(index: dict, key, weights: dict[str, float]) -> None:
    """Add {code: weight} under `key`, keeping the larger weight of a code named twice."""
    merged = index.setdefault(key, {})
    for code, weight in weights.items():
        merged[code] = max(weight, merged.get(code, 0.0))


def _align(token_words: list[str], full: list[str]) -> list[int | None]:
    """For each token, its place among the text's words (None for a word the text does not have
    there, e.g. a correction or a compound's part); tokens keep the text's order."""
    places: list[int | None] = []
    cursor = 0
    for word in token_words:
        try:
            where = full.index(word, cursor)
        except ValueError:
            places.append(None)
            continue
        places.append(where)
        cursor = where + 1
    return places


def _where(places: list[int | None], position: int) -> float:
    """A token's place in the text for ordering; a token without one goes just after the one before."""
    for before in range(position, -1, -1):
        if places[before] is not None:
            return places[before] + (0.5 if before < position else 0)
    return -0.5


def _add(index: dict, key, code: str) -> None:
    codes = index.setdefault(key, [])
    if code not in codes:
        codes.append(code)
