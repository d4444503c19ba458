"""Field validators for the desk: no BSN anywhere, a real 4-digit postcode."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def refuse_bsn(value) -> None:
    """Refuse text that holds a number passing the BSN eleven-test (``rules.bsn``)."""
    from .rules.bsn import find_bsns

    if value and find_bsns(str(value)):
        raise ValidationError(
            _(
                "Hier staat een nummer dat een burgerservicenummer (BSN) kan zijn. Een BSN mag niet in een "
                "vraag: haal het nummer weg. De patiënt blijft anoniem; gebruik leeftijd en postcode."
            ),
            code="bsn",
        )


def validate_pc4(value) -> None:
    if not (isinstance(value, str) and len(value) == 4 and value.isdigit() and value[0] != "0"):
        raise ValidationError(_("Vul de 4 cijfers van de postcode in, bijvoorbeeld 3511."), code="pc4")
