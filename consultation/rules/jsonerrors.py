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
    in_property_names = "propertyNames" in error.relative_schema_path
    if v in ("anyOf", "oneOf") and error.context:
        telling = [e for e in error.context if e.validator != "type"]
        return schema_errors(best_match(telling or error.context))
    if in_property_names:
        return [((*location, value), "hoort hier niet bij")]
    if v == "required":
        present = value if isinstance(value, dict) else {}
        missing = [name for name in error.validator_value if name not in present]
        named = [name for name in missing if error.message.startswith(repr(name))]
        return [((*location, name), "verplicht veld ontbreekt") for name in named or missing]
    if v == "additionalProperties":
        allowed = set(schema.get("properties", {}))
        return [((*location, name), "onbekend veld") for name in value if name not in allowed]
    if v == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        message = f"moet {' of '.join(_TYPES.get(t, t) for t in expected)} zijn, niet {_TYPES[_type_of(value)]}"
    elif v == "enum":
        choices = ", ".join(_show(x) for x in error.validator_value)
        message = f"{_show(value)} is geen toegestane waarde; kies uit {choices}"
    elif v == "const":
        message = f"moet {_show(error.validator_value)} zijn, niet {_show(value)}"
    elif (v == "format" and error.validator_value == "date") or (v == "pattern" and schema.get("format") == "date"):
        message = f"{_show(value)} is geen geldige datum (JJJJ-MM-DD, jaar 2000-2099)"
    elif v == "pattern" and error.validator_value == r"\S":
        message = "mag niet leeg zijn"
    elif v == "pattern" and "ZK" in error.validator_value:
        message = f"{_show(value)} is geen zorgkantoorregio zoals \"ZK07\""
    elif v == "pattern" and error.validator_value == "^[1-9][0-9]{3}$":
        message = f"{_show(value)} is geen postcode van vier cijfers (zonder letters)"
    elif v == "pattern":
        message = f"{_show(value)} heeft niet de vorm {error.validator_value}"
    elif v == "minimum":
        message = f"moet minstens {error.validator_value} zijn, niet {_show(value)}"
    elif v == "maximum":
        message = f"mag hoogstens {error.validator_value} zijn, niet {_show(value)}"
    elif v == "minLength":
        message = "mag niet leeg zijn"
    elif v == "maxLength":
        message = f"is te lang (hoogstens {error.validator_value} tekens)"
    elif v == "minItems":
        message = f"moet minstens {error.validator_value} element(en) bevatten"
    elif v == "uniqueItems":
        message = "bevat dubbele waarden"
    else:
        message = error.message
    return [(location, message)]
