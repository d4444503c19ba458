"""Decision tools and answers as JSON (pure): reading with every error by JSON path, and writing.

- ``parse_json(bytes)``: the document, or why it is not JSON.
- ``load_tools(data)``: the tools in a document of ``triage/schema/tools.schema.json``, checked
  against the schema and ``tools.tool_problems``; all errors at once, nothing half-read.
- ``tools_document(tools)``: the same format, for the export (reading it back gives equal tools).
- ``load_answers(data)``: an answers document (``triage/schema/answers.schema.json``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from consultation.rules.jsonerrors import json_path, schema_errors

from .tools import Item, Tool, tool_problems

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schema"
TOOLS_SCHEMA = SCHEMA_DIR / "tools.schema.json"
ANSWERS_SCHEMA = SCHEMA_DIR / "answers.schema.json"
MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class JsonError:
    path: str
    message: str  # Dutch

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def to_dict(self) -> dict:
        return {"path": self.path, "message": self.message}


@cache
def _validator(path: Path) -> Draft202012Validator:
    return Draft202012Validator(json.loads(path.read_text(encoding="utf-8")))


def parse_json(raw: bytes | str) -> tuple[Any, list[JsonError]]:
    size = len(raw.encode("utf-8")) if isinstance(raw, str) else len(raw)
    if size > MAX_BYTES:
        return None, [JsonError("$", f"het bestand is {size // 1024} kB; de grens is {MAX_BYTES // 1024} kB")]
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return None, [JsonError("$", f"het bestand is geen UTF-8-tekst ({exc.reason})")]
    try:
        return json.loads(raw, parse_constant=_no_constant), []
    except ValueError as exc:
        if isinstance(exc, json.JSONDecodeError):
            return None, [JsonError("$", f"geen geldige JSON: {exc.msg} (regel {exc.lineno}, kolom {exc.colno})")]
        return None, [JsonError("$", str(exc))]
    except RecursionError:
        return None, [JsonError("$", "het bestand is te diep genest")]


def _no_constant(name: str):
    raise ValueError(f"{name} is geen getal")


def _schema_errors(data, schema_path: Path) -> list[JsonError]:
    found: dict[str, JsonError] = {}
    for error in sorted(_validator(schema_path).iter_errors(data), key=lambda e: list(e.absolute_path).__repr__()):
        for location, message in schema_errors(error):
            path = json_path(location)
            found.setdefault(path, JsonError(path, message))
    return sorted(found.values(), key=lambda e: e.path)


def tool_from_dict(data: dict, version: int | None = None) -> Tool:
    """A tool from one (schema-valid) entry of ``tools``."""
    return Tool(
        code=data["code"],
        version=version if version is not None else int(data.get("version") or 1),
        name=data["name"].strip(),
        status=data["status"],
        target_groups=tuple(data.get("target_groups") or ()),
        explanation=(data.get("explanation") or "").strip(),
        source=(data.get("source") or "").strip(),
        specialist_cutoff=data["cutoffs"]["specialist"],
        high_specialist_cutoff=data["cutoffs"]["high_specialist"],
        requires_all_characteristics=data.get("high_specialist_requires_all_characteristics", True),
        items=tuple(
            Item(
                key=item["key"],
                question=item["question"].strip(),
                weight=item["weight"],
                characteristic=item.get("characteristic") or "",
                help_text=(item.get("help_text") or "").strip(),
            )
            for item in data["items"]
        ),
    )


def tool_to_dict(tool: Tool) -> dict:
    return {
        "code": tool.code,
        "version": tool.version,
        "name": tool.name,
        "status": tool.status,
        "target_groups": list(tool.target_groups),
        "explanation": tool.explanation,
        "source": tool.source,
        "cutoffs": {"specialist": tool.specialist_cutoff, "high_specialist": tool.high_specialist_cutoff},
        "high_specialist_requires_all_characteristics": tool.requires_all_characteristics,
        "items": [
            {
                "key": item.key,
                "question": item.question,
                "help_text": item.help_text,
                "weight": item.weight,
                "characteristic": item.characteristic,
            }
            for item in tool.items
        ],
    }


def tools_document(tools) -> dict:
    return {"$schema": "https://topggz.example/schema/triage/tools.schema.json", "tools": [tool_to_dict(t) for t in tools]}


def load_tools(data, *, known_target_groups: set[str] | None = None) -> tuple[list[Tool], list[JsonError]]:
    """The tools in ``data`` and every error (schema, then the tools' own rules, then unknown target groups)."""
    errors = _schema_errors(data, TOOLS_SCHEMA)
    if errors:
        return [], errors
    tools = []
    codes: dict[str, int] = {}
    for index, entry in enumerate(data["tools"]):
        base = f"$.tools[{index}]"
        tool = tool_from_dict(entry)
        if tool.code in codes:
            errors.append(JsonError(f"{base}.code", f"de code {tool.code!r} staat ook in $.tools[{codes[tool.code]}]"))
        codes.setdefault(tool.code, index)
        for path, message in tool_problems(tool):
            errors.append(JsonError(base + path[1:], message))
        if known_target_groups is not None:
            for position, code in enumerate(tool.target_groups):
                if code not in known_target_groups:
                    errors.append(JsonError(f"{base}.target_groups[{position}]", f"onbekende doelgroep {code!r}"))
        tools.append(tool)
    return ([], errors) if errors else (tools, [])


@dataclass(frozen=True)
class AnswersFile:
    answers: dict
    tool: str | None = None
    version: int | None = None


def load_answers(data) -> tuple[AnswersFile | None, list[JsonError]]:
    errors = _schema_errors(data, ANSWERS_SCHEMA)
    if errors:
        return None, errors
    return AnswersFile(answers=dict(data["answers"]), tool=data.get("tool"), version=data.get("version")), []
