import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# BIG-registratienummer: 11 digits (CIBG). There is no public check digit,
# so only the form is checked; the number is optional.
BIG_PATTERN = r"^[0-9]{11}$"


def validate_big(value: str) -> None:
    if value and not re.match(BIG_PATTERN, value):
        raise ValidationError(
            _("Een BIG-nummer bestaat uit precies 11 cijfers; '%(value)s' is dat niet."),
            code="invalid_big",
            params={"value": value},
        )
