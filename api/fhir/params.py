"""FHIR search parameters: parsing only, no database (api/tests/test_purity.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

DEFAULT_COUNT = 20
MAX_COUNT = 100
PREFIXES = ("eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$")


class SearchError(ValueError):
    """A parameter the server cannot use (answered 400 with an OperationOutcome)."""


@dataclass(frozen=True)
class Range:
    """[start, end) in UTC."""

    start: datetime
    end: datetime


def parse_date_range(text: str) -> Range:
    """'2026', '2026-05', '2026-05-01' or a dateTime: the period it names, in UTC."""
    match = _DATE.match(text)
    if not match:
        raise SearchError(f"Geen geldige datum: {text!r}.")
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        if month is None:
            start = datetime(int(year), 1, 1)
            end = datetime(int(year) + 1, 1, 1)
        elif day is None:
            start = datetime(int(year), int(month), 1)
            end = datetime(int(year) + int(month) // 12, int(month) % 12 + 1, 1)
        elif hour is None:
            start = datetime.combine(date(int(year), int(month), int(day)), time.min)
            end = start + timedelta(days=1)
        else:
            start = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
            end = start + timedelta(seconds=1)
    except ValueError as error:
        raise SearchError(f"Geen geldige datum: {text!r}.") from error
    offset = timezone.utc
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        offset = timezone(sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
    elif not zone:
        from zoneinfo import ZoneInfo

        offset = ZoneInfo("Europe/Amsterdam")
    return Range(start.replace(tzinfo=offset).astimezone(timezone.utc), end.replace(tzinfo=offset).astimezone(timezone.utc))


def parse_date_param(value: str) -> tuple[str, Range]:
    """'ge2026-01-01' -> ('ge', Range(...)); no prefix is 'eq'."""
    prefix = value[:2] if value[:2] in PREFIXES else "eq"
    text = value[2:] if value[:2] in PREFIXES else value
    if prefix not in ("eq", "gt", "lt", "ge", "le"):
        raise SearchError(f"Het voorvoegsel {prefix!r} kennen we niet bij _lastUpdated.")
    return prefix, parse_date_range(text)


@dataclass(frozen=True)
class Near:
    latitude: float
    longitude: float
    km: float | None


def parse_near(value: str) -> Near:
    """'lat|lon|distance|units' (units km, the default, or m); distance optional (no limit)."""
    parts = value.split("|")
    if len(parts) < 2 or len(parts) > 4:
        raise SearchError("near is breedtegraad|lengtegraad|afstand|eenheid, bijvoorbeeld 52.09|5.12|10|km.")
    try:
        lat, lon = float(parts[0]), float(parts[1])
        distance = float(parts[2]) if len(parts) > 2 and parts[2] != "" else None
    except ValueError as error:
        raise SearchError("near: breedtegraad, lengtegraad en afstand zijn getallen.") from error
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (distance is not None and not distance >= 0):
        raise SearchError("near: de coördinaten of de afstand liggen buiten het bereik.")
    unit = parts[3] if len(parts) > 3 else "km"
    if unit not in ("km", "m", "[km]", "[m]"):
        raise SearchError("near: de eenheid is km of m.")
    if distance is not None and unit.strip("[]") == "m":
        distance = distance / 1000
    return Near(lat, lon, distance)


def parse_count(value: str | None) -> int:
    if value in (None, ""):
        return DEFAULT_COUNT
    if not value.isdigit():
        raise SearchError("_count is een geheel getal.")
    return max(1, min(MAX_COUNT, int(value)))


def parse_page(value: str | None) -> int:
    if value in (None, ""):
        return 1
    if not value.isdigit() or int(value) < 1:
        raise SearchError("_page is een geheel getal vanaf 1.")
    return int(value)


def parse_token(value: str) -> list[str]:
    """'a,b' or 'system|a': the codes (a system is accepted and ignored)."""
    return [part.split("|")[-1] for part in value.split(",") if part.split("|")[-1]]
