"""JSON Schema errors as Dutch messages with exact JSON paths (pure).

Used for dossier files (``jsonio``) and for the parameters of a norm in a
criteria set (``rules``), so a department and the bureau both read the same
kind of message: ``$.staff[0].fte: moet een getal zijn, niet tekst``. A
missing or unknown field gets the path of that field itself, not of its
parent.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from jsonschema.exceptions import best_match

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def json_path(location) -> str:
    """("staff", 2, "name") -> "$.staff[2].name"."""
    out = "$"
    for part in location:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _IDENTIFIER.match(part):
            out += f".{part}"
        else:
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out


@dataclass(frozen=True)
class DossierError:
    location: tuple  # path elements: property names and list indexes
    message: str  # Dutch

    @property
    def path(self) -> str:
        return json_path(self.location)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def to_dict(self) -> dict:
        return {"path": self.path, "message": self.message}


def document_order(data, location) -> tuple:
    """Where ``location`` sits in ``data``: key positions as written, so errors read top to bottom."""
    key, node = [], data
    for part in location:
        if isinstance(node, dict) and isinstance(part, str):
            keys = list(node)
            key.append((keys.index(part), "") if part in node else (len(keys), part))
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int):
            key.append((part, ""))
            node = node[part] if part < len(node) else None
        else:
            key.append((0, str(part)))
            node = None
    return tuple(key)


_JSON_TYPES = {
    "object": "een object",
    "array": "een lijst",
    "string": "tekst",
    "integer": "een geheel getal",
    "number": "een getal",
    "boolean": "true of false",
    "null": "null",
}


def _json_type(value) -> str:
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


def schema_errors(error) -> list[DossierError]:
    """One jsonschema error as Dutch messages with exact paths (one per missing or unknown field)."""
    location = tuple(error.absolute_path)
    v, value, sch = error.validator, error.instance, error.schema
    if v in ("anyOf", "oneOf") and error.context:
        # e.g. an end date that is neither a date nor null: report the date's problem.
        # A value of the wrong type for one branch is rarely the point; prefer the other branch's complaint.
        telling = [e for e in error.context if e.validator != "type"]
        return schema_errors(best_match(telling or error.context))
    if v == "required":
        present = value if isinstance(value, dict) else {}
        missing = [name for name in error.validator_value if name not in present]
        # jsonschema reports each missing property as its own error: keep just that one.
        named = [name for name in missing if error.message.startswith(repr(name))]
        return [DossierError((*location, name), "verplicht veld ontbreekt") for name in named or missing]
    if v == "additionalProperties":
        allowed = set(sch.get("properties", {}))
        return [DossierError((*location, name), "onbekend veld") for name in value if name not in allowed]
    if v == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        wanted = " of ".join(_JSON_TYPES.get(t, t) for t in expected)
        message = f"moet {wanted} zijn, niet {_JSON_TYPES[_json_type(value)]}"
    elif v == "enum":
        message = (
            f"{_show(value)} is geen toegestane waarde; kies uit {', '.join(_show(x) for x in error.validator_value)}"
        )
    elif v == "const":
        message = f"moet {_show(error.validator_value)} zijn, niet {_show(value)}"
    elif v == "format" and error.validator_value == "date" or (v == "pattern" and sch.get("format") == "date"):
        message = f"{_show(value)} is geen geldige datum (JJJJ-MM-DD)"
    elif v == "pattern" and "Q[1-4]" in error.validator_value:
        message = f'{_show(value)} is geen kwartaal zoals "2021-Q3"'
    elif v == "pattern" and error.validator_value == r"\S":
        message = "mag niet leeg zijn"
    elif v == "pattern":
        message = f"{_show(value)} heeft niet de vorm {error.validator_value}"
    elif v == "minimum":
        message = f"moet minstens {error.validator_value} zijn, niet {_show(value)}"
    elif v == "maximum":
        message = f"mag hoogstens {error.validator_value} zijn, niet {_show(value)}"
    elif v == "minLength":
        message = "mag niet leeg zijn"
    elif v == "minItems":
        message = f"moet minstens {error.validator_value} element(en) bevatten"
    elif v == "uniqueItems":
        message = "bevat dubbele waarden"
    else:
        message = error.message
    return [DossierError(location, message)]
