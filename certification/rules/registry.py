"""The registry of rule kinds: ``RULES``, the ``rule`` decorator, parameter schemas and ``norm_errors``."""


from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from jsonschema import Draft202012Validator

from certification.format.dossier import Dossier
from .report import Outcome
from certification.format.schemaerrors import schema_errors


@dataclass(frozen=True)
class Context:
    visitation_date: date


RuleFunction = Callable[[Dossier, dict, Context], Outcome]


@dataclass(frozen=True)
class RuleSpec:
    kind: str
    label: str  # Dutch, shown in the admin
    function: RuleFunction
    params_schema: dict

    def param_errors(self, params) -> list[str]:
        """Dutch messages naming the parameter, e.g. "parameter years: verplicht veld ontbreekt"."""
        validator = Draft202012Validator(self.params_schema)
        errors = [e for error in validator.iter_errors(params) for e in schema_errors(error)]
        return [
            f"parameter {e.path.removeprefix('$.')}: {e.message}" if e.location else f"params: {e.message}"
            for e in errors
        ]


RULES: dict[str, RuleSpec] = {}


def params(properties: dict) -> dict:
    """A parameter schema in which every parameter is required and no other is allowed."""
    return {
        "type": "object",
        "properties": properties,
        "required": sorted(properties),
        "additionalProperties": False,
    }


COUNT = {"type": "integer", "minimum": 0}
POSITIVE = {"type": "integer", "minimum": 1}
HOURS = {"type": "number", "minimum": 0, "maximum": 168}
SHARE = {"type": "number", "minimum": 0, "maximum": 1}
FLAG = {"type": "boolean"}
NAMES = {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1, "uniqueItems": True}


def rule(kind: str, label: str, params_schema: dict):
    def register(function: RuleFunction) -> RuleFunction:
        if kind in RULES:
            raise ValueError(f"rule {kind!r} registered twice")
        RULES[kind] = RuleSpec(kind, label, function, params_schema)
        return function

    return register


def norm_errors(norm) -> list[str]:
    """What is wrong with one norm of a criteria set (empty: it can run)."""
    if not isinstance(norm, dict) or not isinstance(norm.get("kind"), str):
        return ['een norm is een object met "kind" en "params"']
    extra = set(norm) - {"kind", "params"}
    if extra:
        return [f"onbekende velden in norm {norm['kind']!r}: {', '.join(sorted(extra))}"]
    spec = RULES.get(norm["kind"])
    if spec is None:
        return [f"onbekende normsoort {norm['kind']!r}; bekend zijn: {', '.join(sorted(RULES))}"]
    return [f"norm {spec.kind!r}, {error}" for error in spec.param_errors(norm.get("params", {}))]
