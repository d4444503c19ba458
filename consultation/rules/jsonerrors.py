"""JSON Schema errors as Dutch messages with exact JSON paths (pure).

The same style as the dossier checker's (``certification/schemaerrors.py``):
``$.events[3].on: "2027-02-30" is geen geldige datum (JJJJ-MM-DD)``. A missing
or unknown field gets the path of that field itself.
"""

from __future__ import annotations

import json
import re

from jsonschema.exceptions import best_match

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

_TYPES = {
    "object": "een object",
    "array": "een lijst",
    "string": "tekst",
    "integer": "een geheel getal",
    "number": "een getal",
    "boolean": "true of false",
    "null": "null",
}


def json_path(location) -> str:
    """("events", 2, "on") -> "$.events[2].on"."""
    out = "$"
    for part in location:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _IDENTIFIER.match(part):
            out += f".{part}"
        else:
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out


def _type_of(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _show(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def schema_errors(error) -> list[tuple[tuple, str]]:
    """One jsonschema error as (location, Dutch message) pairs."""
    location = tuple(error.absolute_path)
    v, value, schema = error.validator, error.instance, error.schema
    if v in ("anyOf", "oneOf") and error.context:
        telling = [e for e in error.context if e.validator != "type"]
        return schema_errors(best_match(telling or error.context))
    if "propertyNames" in error.relative_schema_path:
        # The name of a field or of a map's key is wrong: the path is that name's.
        if v == "enum":
            choices = ", ".join(_show(x) for x in error.validator_value)
            return [((*location, value), f"{_show(value)} is hier geen toegestane naam; kies uit {choices}")]
        return [((*location, value), _message(error))]
    if v == "required":
        present = value if isinstance(value, dict) else {}
        missing = [name for name in error.validator_value if name not in present]
        named = [name for name in missing if error.message.startswith(repr(name))]
        return [((*location, name), "verplicht veld ontbreekt") for name in named or missing]
    if v == "additionalProperties":
        allowed = set(schema.get("properties", {}))
        return [((*location, name), "onbekend veld") for name in value if name not in allowed]
    return [(location, _message(error))]


def _message(error) -> str:
    v, value, schema = error.validator, error.instance, error.schema
    if v == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return f"moet {' of '.join(_TYPES.get(t, t) for t in expected)} zijn, niet {_TYPES[_type_of(value)]}"
    if v == "enum":
        return f"{_show(value)} is geen toegestane waarde; kies uit {', '.join(_show(x) for x in error.validator_value)}"
    if v == "const":
        return f"moet {_show(error.validator_value)} zijn, niet {_show(value)}"
    if (v == "format" and error.validator_value == "date") or (v == "pattern" and schema.get("format") == "date"):
        return f"{_show(value)} is geen geldige datum (JJJJ-MM-DD, jaar 2000-2099)"
    if v == "pattern" and error.validator_value == r"\S":
        return "mag niet leeg zijn"
    if v == "pattern" and "ZK" in error.validator_value:
        return f'{_show(value)} is geen zorgkantoorregio zoals "ZK07"'
    if v == "pattern" and error.validator_value == "^[1-9][0-9]{3}$":
        return f"{_show(value)} is geen postcode van vier cijfers (zonder letters)"
    if v == "pattern" and error.validator_value == "^[-a-zA-Z0-9_]+$":
        return f"{_show(value)} is geen afdelingsnaam (slug: letters, cijfers, - en _)"
    if v == "pattern":
        return f"{_show(value)} heeft niet de vorm {error.validator_value}"
    if v == "minimum":
        return f"moet minstens {error.validator_value} zijn, niet {_show(value)}"
    if v == "maximum":
        return f"mag hoogstens {error.validator_value} zijn, niet {_show(value)}"
    if v == "minLength":
        return "mag niet leeg zijn"
    if v == "maxLength":
        return f"is te lang (hoogstens {error.validator_value} tekens)"
    if v == "minItems":
        return f"moet minstens {error.validator_value} element(en) bevatten"
    if v == "uniqueItems":
        return "bevat dubbele waarden"
    return error.message
