"""Errors as RFC 9457 problem details (application/problem+json): plain dicts, no HTTP here."""

from __future__ import annotations

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "https://topggz.nl/api/problemen/"

# status -> (type slug, Dutch title)
KNOWN = {
    400: ("ongeldige-vraag", "De vraag klopt niet"),
    401: ("niet-aangemeld", "Geen of een ongeldige sleutel"),
    403: ("geen-toegang", "Deze sleutel mag dit niet"),
    404: ("niet-gevonden", "Niet gevonden"),
    405: ("methode-niet-toegestaan", "Deze methode kan hier niet"),
    406: ("niet-aanvaardbaar", "Dit formaat kunnen we niet leveren"),
    422: ("ongeldige-gegevens", "De gegevens kloppen niet"),
    429: ("te-veel-vragen", "Te veel vragen"),
    500: ("serverfout", "Er ging iets mis bij ons"),
}


def problem(status: int, detail: str = "", *, instance: str = "", invalid_params=None, title: str = "") -> dict:
    """A problem details object. `invalid_params`: {parameter: message} (the RFC's example extension)."""
    slug, default_title = KNOWN.get(status, ("fout", "Fout"))
    body = {"type": TYPE_BASE + slug, "title": title or default_title, "status": status}
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    if invalid_params:
        body["invalid_params"] = [{"name": name, "reason": str(reason)} for name, reason in sorted(invalid_params.items())]
    return body
