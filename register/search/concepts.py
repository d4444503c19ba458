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

Age groups come from age words ("jongeren", "kinderen", "ouderen") and from
an age in years ("15 jaar", "15-jarige"). Pure functions over a Vocabulary
snapshot; the snapshot is loaded from the database by register.search.context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import fold, stem, stems, words

# Words of multi-word terms that say little on their own (by stem).
GENERAL_STEMS = frozenset(
    stem(word)
    for word in """
    aandoening aangeboren behandeling beperking chronische combinatie complexe diagnose dubbele eerste
    ernstige functionele gegeneraliseerde klachten lichamelijke licht meerdere neurologische niet
    ontwikkeling problemen problematiek psychiatrie psychiatrische sociale stoornis stoornissen syndroom
    therapieresistente verklaring vroegkinderlijke late life nos
    """.split()
)

# Stems that also belong to an everyday word with another meaning: these
# one-word terms only count as typed ("ouderen" is elderly, "ouders" parents).
SURFACE_ONLY_STEMS = frozenset({"ouder"})

# Abbreviations that are everyday Dutch words: only in capitals.
EVERYDAY_ABBREVIATIONS = frozenset({"bed", "gas", "ps", "an", "bs", "ts", "dd", "bn"})

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
class AgeEntry:
    code: str
    label: str
    min_age: int
    max_age: int | None


@dataclass
class Concepts:
    """What a query's words were read as: target-group and age-group codes, in order."""

    target_groups: list[str] = field(default_factory=list)
    age_groups: list[str] = field(default_factory=list)

    def add_group(self, codes):
        for code in codes:
            if code not in self.target_groups:
                self.target_groups.append(code)

    def add_age(self, codes):
        for code in codes:
            if code not in self.age_groups:
                self.age_groups.append(code)


class ConceptIndex:
    """Look-up tables built from the target groups and age groups (build once, read often)."""

    def __init__(self, groups: list[TermEntry], ages: list[AgeEntry]):
        self.group_order = [g.code for g in groups]
        self.phrases: dict[tuple[str, ...], list[str]] = {}
        self.single: dict[str, list[str]] = {}
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
        self.max_phrase = max((len(p) for p in self.phrases), default=1)
        self.distinctive = {
            term_stem: next(iter(codes))
            for term_stem, codes in word_groups.items()
            if len(codes) == 1
            and len(term_stem) >= 4
            and term_stem not in GENERAL_STEMS
            and term_stem not in SURFACE_ONLY_STEMS
            and term_stem not in english
            and term_stem not in self.single
        }
        self.ages = ages
        self.age_words: dict[str, list[str]] = {}
        for age in ages:
            for word in AGE_WORDS.get(age.code, "").split() + words(age.label)[:1]:
                _add(self.age_words, word, age.code)
        self.words.update(self.age_words)

    # -- reading -----------------------------------------------------------------------

    def read(self, tokens: list[tuple[str, str]], folded_text: str = "") -> Concepts:
        """Concepts in `tokens` ((as typed, folded) pairs without stop words), in order of appearance."""
        concepts = Concepts()
        token_stems = [stem(folded) for _, folded in tokens]
        used = [False] * len(tokens)
        found: list[tuple[int, list[str]]] = []
        for start in range(len(tokens)):
            for length in range(min(self.max_phrase, len(tokens) - start), 1, -1):
                codes = self.phrases.get(tuple(token_stems[start : start + length]))
                if codes and not any(used[start : start + length]):
                    found.append((start, codes))
                    used[start : start + length] = [True] * length
                    break
        for position, ((typed, folded), token_stem) in enumerate(zip(tokens, token_stems)):
            codes = self.abbreviation_codes(typed, folded)
            if not used[position]:
                codes = codes or self.surface.get(folded) or self.single.get(token_stem)
                if not codes and token_stem in self.distinctive:
                    codes = [self.distinctive[token_stem]]
            if codes:
                found.append((position, codes))
        for _, codes in sorted(found, key=lambda item: item[0]):
            concepts.add_group(sorted(codes, key=self.group_order.index))
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


def _add(index: dict, key, code: str) -> None:
    codes = index.setdefault(key, [])
    if code not in codes:
        codes.append(code)
