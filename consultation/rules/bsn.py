"""Recognising a BSN (burgerservicenummer) in free text and file names (pure).

Issue 12: a request carries the patient only pseudonymously; a 9-digit number
that passes the BSN eleven-test, in any text field or file name, is refused.

The eleven-test: for digits d1..d9, 9*d1 + 8*d2 + 7*d3 + 6*d4 + 5*d5 + 4*d6 +
3*d7 + 2*d8 - 1*d9 is divisible by 11 (and 000000000 is not a BSN).

What ``find_bsns`` looks at:

- a run of exactly nine digits, bounded by anything that is not a digit
  (``123456782``, ``scan_123456782.pdf``); a run of ten or more digits (a
  phone number such as 0612345678, an account number) is one number and is
  not searched for nine-digit parts;
- the grouped ways of writing a BSN, 3-3-3 (``123.456.782``, ``123 456 782``,
  ``123-456-782``) and 4-2-3 (``1234.56.782``), with one separator used
  throughout; a group that continues with the same separator and more digits
  is part of a longer number and is not a BSN.

Numbers that fail the test are ordinary numbers and are never refused. Out of
scope: an 8-digit BSN written without its leading zero (it cannot be told
from an ordinary 8-digit number), and digits other than ASCII 0-9.
"""

from __future__ import annotations

import re

_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)

# Nine digits alone, or grouped 3-3-3 / 4-2-3 with one separator ('.', ' ' or '-').
_CANDIDATE = re.compile(
    r"[0-9]{9}"
    r"|[0-9]{3}(?P<s1>[. -])[0-9]{3}(?P=s1)[0-9]{3}"
    r"|[0-9]{4}(?P<s2>[. -])[0-9]{2}(?P=s2)[0-9]{3}"
)
_DIGIT = frozenset("0123456789")


def is_bsn(digits: str) -> bool:
    """Nine ASCII digits, not all zero, passing the eleven-test."""
    if len(digits) != 9 or not all(c in _DIGIT for c in digits) or digits == "000000000":
        return False
    return sum(w * int(c) for w, c in zip(_WEIGHTS, digits)) % 11 == 0


def _continues(text: str, index: int, step: int, separator: str | None) -> bool:
    """Whether the number at ``index`` goes on in direction ``step`` (a digit, or its separator then a digit)."""
    i = index + step
    if 0 <= i < len(text) and text[i] in _DIGIT:
        return True
    if separator is not None and 0 <= i < len(text) and text[i] == separator:
        j = i + step
        return 0 <= j < len(text) and text[j] in _DIGIT
    return False


def find_bsns(text: str) -> list[str]:
    """The BSNs in ``text`` (digits only, in order of appearance, each once)."""
    found: list[str] = []
    position = 0
    while True:
        match = _CANDIDATE.search(text, position)
        if match is None:
            return found
        separator = match.group("s1") or match.group("s2")
        start, end = match.start(), match.end()
        if _continues(text, start, -1, separator) or _continues(text, end - 1, 1, separator):
            # Part of a longer number: skip the whole digit run (and its groups) it belongs to.
            position = end
            while position < len(text) and (
                text[position] in _DIGIT or (separator and text[position] == separator)
            ):
                position += 1
            continue
        digits = "".join(c for c in match.group() if c in _DIGIT)
        if is_bsn(digits) and digits not in found:
            found.append(digits)
        position = end


def contains_bsn(text: str) -> bool:
    return bool(find_bsns(text))
