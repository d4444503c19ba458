"""Database reads for the reference geography: postcode and municipality
lookups, `resolve_place()` for free-text input, and radius searches.

User-facing errors are django ValidationErrors with Dutch messages, so forms
can show them as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .distance import bounding_box, haversine_km_many
from .models import Municipality, PostcodeArea
from .postcodes import MUNICIPALITY_ALIASES, Postcode, base_name_key, looks_like_postcode, name_key, parse_postcode


class PlaceKind(StrEnum):
    POSTCODE = "postcode"
    MUNICIPALITY = "municipality"


@dataclass(frozen=True)
class Place:
    """A resolved location: what to show, where it is and which municipality it is in."""

    label: str
    lat: float
    lon: float
    kind: PlaceKind
    municipality_code: str


def get_postcode_area(postcode: str | Postcode) -> PostcodeArea:
    """The PC4 area of a postcode (text is parsed first); ValidationError when unknown."""
    parsed = postcode if isinstance(postcode, Postcode) else parse_postcode(postcode)
    try:
        return PostcodeArea.objects.select_related("municipality").get(code=parsed.pc4)
    except PostcodeArea.DoesNotExist:
        raise ValidationError(
            _("Postcode %(postcode)s is onbekend: voor dit postcodegebied hebben we geen locatie."),
            code="unknown_postcode",
            params={"postcode": str(parsed)},
        ) from None


def find_municipality(name: str) -> Municipality:
    """The municipality called `name`, ignoring case, accents and punctuation.

    Accepts the official CBS name ("'s-Gravenhage", "Bergen (NH.)"), a few
    common aliases ("Den Haag", "Den Bosch") and a name without its province
    qualifier when that is unambiguous ("Hengelo"). Raises ValidationError.
    """
    key = name_key(name)
    if not key:
        raise ValidationError(_("Vul een gemeente in."), code="required")
    names = dict(Municipality.objects.values_list("code", "name"))
    exact = [code for code, official in names.items() if name_key(official) == key]
    if not exact and MUNICIPALITY_ALIASES.get(key) in names:
        exact = [MUNICIPALITY_ALIASES[key]]
    matches = exact or sorted(code for code, official in names.items() if base_name_key(official) == key)
    if len(matches) > 1:
        raise ValidationError(
            _("Gemeente ‘%(name)s’ is niet eenduidig; bedoelt u %(options)s?"),
            code="ambiguous_municipality",
            params={"name": name.strip(), "options": " of ".join(sorted(names[c] for c in matches))},
        )
    if not matches:
        raise ValidationError(
            _("Gemeente ‘%(name)s’ is onbekend."), code="unknown_municipality", params={"name": name.strip()}
        )
    return Municipality.objects.get(code=matches[0])


def resolve_postcode(text: str) -> Place:
    """A postcode as a Place at its PC4 point."""
    parsed = parse_postcode(text)
    area = get_postcode_area(parsed)
    town = area.place_name or area.municipality.name
    return Place(
        label=f"{parsed} {town}",
        lat=area.lat,
        lon=area.lon,
        kind=PlaceKind.POSTCODE,
        municipality_code=area.municipality_id,
    )


def resolve_municipality(name: str) -> Place:
    """A municipality as a Place at its population-weighted centre."""
    return municipality_place(find_municipality(name))


def municipality_place(municipality) -> Place:
    """`municipality` (a Municipality) as a Place at its population-weighted centre."""
    return Place(
        label=municipality.name,
        lat=municipality.pop_weighted_lat,
        lon=municipality.pop_weighted_lon,
        kind=PlaceKind.MUNICIPALITY,
        municipality_code=municipality.code,
    )


def resolve_place(text: str) -> Place:
    """Resolve free text that is either a postcode ("3511 AB", "3511") or a municipality name.

    Text starting with a digit is treated as a postcode. Raises ValidationError
    with a Dutch message for empty, malformed or unknown input.
    """
    if not (text or "").strip():
        raise ValidationError(_("Vul een postcode of gemeente in."), code="required")
    if looks_like_postcode(text):
        return resolve_postcode(text)
    return resolve_municipality(text)


def within_radius(
    queryset: QuerySet, lat: float, lon: float, radius_km: float, lat_field: str = "lat", lon_field: str = "lon"
) -> list[tuple[object, float]]:
    """Objects of `queryset` within radius_km of (lat, lon), nearest first, as (object, km).

    Filters on the bounding box in SQL, then on the exact great-circle
    distance in numpy. Example: within_radius(PostcodeArea.objects.all(), 52.09, 5.12, 10).
    """
    candidates = list(queryset.filter(**bounding_box(lat, lon, radius_km).lookups(lat_field, lon_field)))
    if not candidates:
        return []
    lats = [getattr(obj, lat_field) for obj in candidates]
    lons = [getattr(obj, lon_field) for obj in candidates]
    distances = haversine_km_many(lat, lon, lats, lons)
    order = np.argsort(distances, kind="stable")
    return [(candidates[i], float(distances[i])) for i in order if distances[i] <= radius_km]
