"""Validators for identifiers and codes used in the register.

Pure functions (no database). The same patterns are enforced as database
check constraints in models.py.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from geo.postcodes import parse_postcode

AGB_PATTERN = r"^[0-9]{8}$"
KVK_PATTERN = r"^[0-9]{8}$"
# A Dutch postcode: four digits (not starting with 0), optionally a space and
# two capital letters. SA, SD and SS are never issued.
POSTCODE_PATTERN = r"^[1-9][0-9]{3}( (?!SA|SD|SS)[A-Z]{2})?$"
PHONE_PATTERN = r"^\+?[0-9][0-9 \-()]{7,18}[0-9]$"


def normalise_postcode(value: str) -> str:
    """Return the postcode as '1234 AB' (or '1234'); raise ValidationError if it is not one."""
    return str(parse_postcode(value))


def validate_postcode(value: str) -> None:
    if not re.match(POSTCODE_PATTERN, value or ""):
        raise ValidationError(
            _("'%(value)s' is geen geldige postcode. Gebruik vier cijfers en twee letters, zoals 3511 AB."),
            code="invalid_postcode",
            params={"value": value},
        )


def validate_agb(value: str) -> None:
    """AGB code: 8 digits (Vektis; the first two give the kind of care provider)."""
    if value and not re.match(AGB_PATTERN, value):
        raise ValidationError(
            _("Een AGB-code bestaat uit precies 8 cijfers; '%(value)s' is dat niet."),
            code="invalid_agb",
            params={"value": value},
        )


def validate_kvk(value: str) -> None:
    """KvK number: 8 digits (Kamer van Koophandel)."""
    if value and not re.match(KVK_PATTERN, value):
        raise ValidationError(
            _("Een KvK-nummer bestaat uit precies 8 cijfers; '%(value)s' is dat niet."),
            code="invalid_kvk",
            params={"value": value},
        )


def validate_phone(value: str) -> None:
    if value and not re.match(PHONE_PATTERN, value):
        raise ValidationError(
            _("'%(value)s' is geen geldig telefoonnummer, bijvoorbeeld 030 123 45 67 of +31 30 123 45 67."),
            code="invalid_phone",
            params={"value": value},
        )
