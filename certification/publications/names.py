"""Matching person names as they appear in reference lists against the unit's staff names (pure).

"van Dalen, M.", "M. van Dalen", "Dalen, Marieke van", "Van Dalen MJ",
"Prof. dr. Marieke van Dalen" and "DALEN, M. VAN" are the same person:
matching compares the surname without particles (van, de, der, ...),
case- and accent-insensitively, and the first initial when both names have
one. Academic titles (Prof., dr., MSc, PhD, ...) are ignored.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

TITLES = frozenset(
    {
        "prof", "dr", "drs", "mr", "ir", "ing", "msc", "ma", "ba", "bsc", "phd", "md", "mph", "mba", "em",
        "dhr", "mevr", "mw", "prof.dr", "jr", "sr", "rn", "pharmd", "psyd", "facp", "frcpsych",
    }
)  # fmt: skip
PARTICLES = frozenset(
    {
        "van", "von", "de", "der", "den", "het", "ter", "ten", "te", "t", "'t", "la", "le", "du", "da", "di",
        "del", "della", "des", "dos", "das", "do", "in", "op", "aan", "uit", "vd", "v.d.", "d'", "l'", "zu", "y",
    }
)  # fmt: skip
_INITIALS_ONLY = re.compile(r"^(?:[A-Z]{1,4}|(?:[A-Z]\.){1,4})$")


def fold(text: str) -> str:
    """Lower case without accents: 'Müller' -> 'muller', 'Þór' -> 'þor'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9þðæøß]", "", fold(text))


def _is_title(token: str) -> bool:
    parts = [p for p in fold(token).split(".") if p]
    return bool(parts) and all(p in TITLES for p in parts)


def _is_particle(token: str) -> bool:
    return fold(token).strip(",") in PARTICLES


@dataclass(frozen=True)
class PersonName:
    surname: str  # folded, letters only, without particles: "dalen"
    initials: str  # folded first letters of the given names: "mj"

    @property
    def first_initial(self) -> str:
        return self.initials[:1]


def parse_name(text: str) -> PersonName | None:
    """The comparable parts of a name, or None if there is no surname ('others', '')."""
    text = re.sub(r"\s+", " ", (text or "").replace("\u00a0", " ")).strip()
    if not text or is_et_al(text):
        return None
    if "," in text:
        head, tail = text.split(",", 1)
        tail_tokens = [t for t in tail.replace(",", " ").split() if not _is_title(t)]
        if not tail_tokens:  # "B. de Wit, MSc": the part after the comma was only titles
            return _parse_plain(head)
        # "Dalen, Marieke van": trailing particles belong to the surname
        given = [t for t in tail_tokens if not _is_particle(t)]
        surname_tokens = [t for t in head.split() if not _is_title(t)]
        return _make(surname_tokens, given)
    return _parse_plain(text)


def _parse_plain(text: str) -> PersonName | None:
    tokens = [t for t in text.split() if not _is_title(t)]
    if not tokens:
        return None
    if len(tokens) >= 2 and _INITIALS_ONLY.match(tokens[-1]):
        # "van Dalen MJ", "Jansen P.": surname first, initials last (PubMed style)
        return _make(tokens[:-1], [" ".join(tokens[-1].replace(".", " ").split())] if "." in tokens[-1] else list(tokens[-1]))
    # "Marieke van Dalen", "M.J. van Dalen": the surname is the last word with the particles before it
    start = len(tokens) - 1
    while start > 0 and _is_particle(tokens[start - 1]):
        start -= 1
    return _make(tokens[start:], tokens[:start])


def _make(surname_tokens, given_tokens) -> PersonName | None:
    core = [t for t in surname_tokens if not _is_particle(t)] or surname_tokens
    surname = _letters("".join(core))
    if not surname or surname in {"others", "etal", "anderen"}:
        return None
    initials = ""
    for token in given_tokens:
        for part in re.split(r"[.\s-]+", token):
            letters = _letters(part)
            if letters:
                initials += letters[0]
    return PersonName(surname=surname, initials=initials)


def same_person(a: PersonName, b: PersonName) -> bool:
    if a.surname != b.surname:
        return False
    return not a.first_initial or not b.first_initial or a.first_initial == b.first_initial


class UnitAuthorMatcher:
    """Is an author one of the unit's people? Built once from the staff names, asked per author."""

    def __init__(self, names):
        self._people: dict[str, list[PersonName]] = {}
        for name in names:
            parsed = parse_name(name)
            if parsed is not None:
                self._people.setdefault(parsed.surname, []).append(parsed)

    def __bool__(self) -> bool:
        return bool(self._people)

    def matches(self, author: str) -> bool:
        parsed = parse_name(author)
        if parsed is None:
            return False
        return any(same_person(parsed, person) for person in self._people.get(parsed.surname, ()))


def is_et_al(name: str) -> bool:
    """'others' (BibTeX), 'et al.', 'et al' stand for authors that are not listed."""
    return _letters(name) in {"others", "etal", "anderen"}
