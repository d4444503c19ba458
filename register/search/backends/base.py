"""The interface of a search backend."""

from __future__ import annotations

from collections.abc import Sequence

from ..lexicon import Lexicon

# The indexed columns of a SearchDocument, strongest first.
COLUMNS = ("name", "groups", "institutions", "description")


class SearchBackend:
    vendor = ""

    def matches(self, stems: Sequence[str], column: str | None = None) -> tuple[str, list]:
        """(sql, params) of a subquery of the ids (column ``id``) of departments whose `column`
        (None: any column) has one of `stems`."""
        raise NotImplementedError

    def id_list(self, column: str) -> str:
        """An aggregate expression: the values of `column` (integer ids) as one comma-separated string
        (NULL for no rows). Many ids travel as one value: far cheaper than a row each."""
        raise NotImplementedError

    def similar_words(self, words: list[str], lexicon: Lexicon) -> dict[str, list[str]]:
        """Lexicon words that may be what each of `words` was meant to be (candidates, unjudged)."""
        return {word: lexicon.similar_words(word) for word in words}


def check_stems(stems: Sequence[str]) -> list[str]:
    """Stems come from text.fold (a-z, 0-9); refuse anything else before it reaches SQL."""
    stems = list(dict.fromkeys(stems))
    if not stems or not all(s.isascii() and s.isalnum() and s.lower() == s for s in stems):
        raise ValueError(f"not a list of folded stems: {stems!r}")
    return stems
