"""Which public items a search of the knowledge base finds. Pure; the reading of the text (words,
stems, target groups from synonyms, abbreviations and lay words) is the finder's
(register.search.reading), done by knowledge.search."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Filters:
    kinds: frozenset = frozenset()
    years: frozenset = frozenset()
    departments: frozenset = frozenset()  # slugs
    target_groups: frozenset = frozenset()  # codes


def passes_filters(item, filters: Filters) -> bool:
    """Each filter that is set must hold; within one filter any chosen value is enough. An undated
    item (an innovation, a training place) has no year and so drops out when a year is chosen."""
    if filters.kinds and item.kind not in filters.kinds:
        return False
    if filters.years and item.year not in filters.years:
        return False
    if filters.departments and not {slug for _id, _name, slug in item.departments} & filters.departments:
        return False
    if filters.target_groups and not set(item.target_groups) & filters.target_groups:
        return False
    return True


def text_score(item_stems: set, item_groups, term_stems: list[tuple[str, ...]], read_groups: list[str]) -> int:
    """0: not found. An item is found when it is about a target group the text was read as (its own
    words, or its department's groups), or when it has every searched word (any stem variant).
    Found items score 10 per target group they share with the text and 1 per word they have."""
    words_found = sum(1 for stems in term_stems if set(stems) & item_stems)
    groups_found = len(set(item_groups) & set(read_groups))
    if groups_found or (term_stems and words_found == len(term_stems)):
        return 10 * groups_found + words_found
    return 0
