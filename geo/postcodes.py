"""Parsing Dutch postcodes and place names. Pure functions, no database.

A full postcode is four digits (not starting with 0) and two letters, e.g.
"3511 AB". The letter pairs SA, SD and SS are never issued. We store only the
4-digit area (PC4), so the letters are checked but the PC4 gives the point.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Digits, optional whitespace, optional two letters; ASCII only ([0-9], not \d).
_POSTCODE_SHAPE = re.compile(r"([0-9]{4})\s*([A-Za-z]{2})?")
UNUSED_LETTER_PAIRS = frozenset({"SA", "SD", "SS"})

# Common names that differ from the official municipality name, keyed by
# name_key(); the value is the CBS municipality code.
MUNICIPALITY_ALIASES = {
    "denhaag": "GM0518",  # 's-Gravenhage
    "thehague": "GM0518",
    "denbosch": "GM0796",  # 's-Hertogenbosch
    "nuenen": "GM0820",  # Nuenen, Gerwen en Nederwetten
}


@dataclass(frozen=True)
class Postcode:
    """A parsed postcode: the PC4 digits and the (possibly empty) letters."""

    pc4: str
    letters: str = ""

    def __str__(self):
        return f"{self.pc4} {self.letters}" if self.letters else self.pc4


def looks_like_postcode(text: str) -> bool:
    """True when the text starts with a digit, i.e. is meant as a postcode."""
    stripped = (text or "").strip()
    return bool(stripped) and stripped[0] in "0123456789"


def parse_postcode(text: str) -> Postcode:
    """Parse "3511 AB", "3511AB", " 3511ab " or "3511" into a Postcode.

    Raises ValidationError (Dutch message) for anything else, for a leading 0
    and for the unused letter pairs SA, SD and SS.
    """
    value = (text or "").strip()
    if not value:
        raise ValidationError(_("Vul een postcode in."), code="required")
    match = _POSTCODE_SHAPE.fullmatch(value)
    if match is None:
        raise ValidationError(
            _(
                "‘%(value)s’ is geen geldige postcode. "
                "Gebruik vier cijfers en eventueel twee letters, bijvoorbeeld 3511 AB."
            ),
            code="invalid",
            params={"value": value},
        )
    pc4, letters = match.group(1), (match.group(2) or "").upper()
    if pc4.startswith("0"):
        raise ValidationError(
            _("‘%(value)s’ is geen geldige postcode: een postcode begint niet met een 0."),
            code="leading_zero",
            params={"value": value},
        )
    if letters in UNUSED_LETTER_PAIRS:
        raise ValidationError(
            _("‘%(value)s’ is geen geldige postcode: de letters SA, SD en SS worden niet gebruikt."),
            code="unused_letters",
            params={"value": value},
        )
    return Postcode(pc4=pc4, letters=letters)


def name_key(name: str) -> str:
    """Comparison key for place names: lower case, no accents, letters and digits only.

    "'s-Gravenhage", "’s Gravenhage" and "S-GRAVENHAGE" all give "sgravenhage";
    "Súdwest-Fryslân" gives "sudwestfryslan".
    """
    decomposed = unicodedata.normalize("NFKD", name or "")
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", without_accents.casefold())


def base_name_key(name: str) -> str:
    """name_key() without a trailing qualifier: "Bergen (NH.)" gives "bergen"."""
    return name_key(re.sub(r"\s*\([^)]*\)\s*$", "", name or ""))
