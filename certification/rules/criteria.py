"""A criteria set as plain data: what the checker reads instead of the database.

``certification.criteria.selectors.criteria_set_data`` builds a ``CriteriaSetData``
from the ``CriteriaSet`` rows; tests and tools can build one from a dict
(the format of ``migrations/data/criteria_2019_2022.json``) without a
database. The checker only ever sees this structure, so a new set entered by
the bureau in the admin changes verdicts without a code change.

A norm is ``{"kind": <rule name>, "params": {...}}``; ``kind`` selects a rule
function in ``certification.rules`` and ``params`` carries every number it
uses. ``required_evidence`` holds evidence keys from
``certification.rules.evidence.EVIDENCE``. ``review_points`` are the things the
committee must judge itself (shown with the verdict, never computed).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any


@dataclass(frozen=True, kw_only=True)
class Norm:
    kind: str
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "params": dict(self.params)}

    @classmethod
    def from_dict(cls, data: dict) -> Norm:
        return cls(kind=data["kind"], params=dict(data.get("params") or {}))


@dataclass(frozen=True, kw_only=True)
class SubItemData:
    code: str  # "1a"
    text: str
    required_evidence: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"code": self.code, "text": self.text, "required_evidence": list(self.required_evidence)}

    @classmethod
    def from_dict(cls, data: dict) -> SubItemData:
        return cls(code=data["code"], text=data["text"], required_evidence=tuple(data.get("required_evidence", ())))


@dataclass(frozen=True, kw_only=True)
class CriterionData:
    """One criterion; ``number`` 0 is used only for the general conditions (see ``CriteriaSetData.general``)."""

    number: int
    title: str
    text: str = ""
    evidence_text: str = ""
    required_evidence: tuple[str, ...] = ()
    norms: tuple[Norm, ...] = ()
    review_points: tuple[str, ...] = ()
    sub_items: tuple[SubItemData, ...] = ()

    @property
    def key(self) -> str:
        return str(self.number) if self.number else "algemeen"

    @property
    def label(self) -> str:
        return f"Criterium {self.number}. {self.title}" if self.number else self.title

    def all_required_evidence(self) -> list[tuple[str, str]]:
        """(evidence key, where it is asked for: "1a" or "") in the order of the criterion."""
        pairs = [(key, "") for key in self.required_evidence]
        for item in self.sub_items:
            pairs.extend((key, item.code) for key in item.required_evidence)
        return pairs

    def to_dict(self) -> dict:
        return {
            "number": self.number,
            "title": self.title,
            "text": self.text,
            "evidence_text": self.evidence_text,
            "required_evidence": list(self.required_evidence),
            "norms": [n.to_dict() for n in self.norms],
            "review_points": list(self.review_points),
            "sub_items": [s.to_dict() for s in self.sub_items],
        }

    @classmethod
    def from_dict(cls, data: dict, number: int | None = None) -> CriterionData:
        return cls(
            number=data["number"] if number is None else number,
            title=data["title"],
            text=data.get("text", ""),
            evidence_text=data.get("evidence_text", ""),
            required_evidence=tuple(data.get("required_evidence", ())),
            norms=tuple(Norm.from_dict(n) for n in data.get("norms", ())),
            review_points=tuple(data.get("review_points", ())),
            sub_items=tuple(SubItemData.from_dict(s) for s in data.get("sub_items", ())),
        )


GENERAL_TITLE = "Algemene voorwaarden"


@dataclass(frozen=True, kw_only=True)
class CriteriaSetData:
    code: str
    title: str
    in_force_from: date
    in_force_until: date | None
    general: CriterionData
    criteria: tuple[CriterionData, ...]

    def all_criteria(self) -> list[CriterionData]:
        """The general conditions first, then the criteria by number."""
        return [self.general, *sorted(self.criteria, key=lambda c: c.number)]

    def criterion(self, number: int) -> CriterionData:
        for criterion in self.criteria:
            if criterion.number == number:
                return criterion
        raise KeyError(number)

    def to_dict(self) -> dict:
        general = self.general
        return {
            "code": self.code,
            "title": self.title,
            "in_force_from": self.in_force_from.isoformat(),
            "in_force_until": self.in_force_until.isoformat() if self.in_force_until else None,
            "general": {
                "text": general.text,
                "required_evidence": list(general.required_evidence),
                "norms": [n.to_dict() for n in general.norms],
                "review_points": list(general.review_points),
            },
            "criteria": [c.to_dict() for c in sorted(self.criteria, key=lambda c: c.number)],
        }

    @classmethod
    def from_dict(cls, data: dict) -> CriteriaSetData:
        until = data.get("in_force_until")
        return cls(
            code=data["code"],
            title=data["title"],
            in_force_from=date.fromisoformat(data["in_force_from"]),
            in_force_until=date.fromisoformat(until) if until else None,
            general=CriterionData.from_dict({"title": GENERAL_TITLE, **data.get("general", {})}, number=0),
            criteria=tuple(CriterionData.from_dict(c) for c in data["criteria"]),
        )


BUILTIN_DIR = Path(__file__).resolve().parents[1] / "migrations" / "data"


@cache
def builtin_sets() -> tuple[CriteriaSetData, ...]:
    """The criteria sets shipped with the code (the data the migrations seed), oldest first.

    For tools that must work without a migrated database, such as
    ``manage.py certification check`` in a fresh checkout.
    """
    found = [CriteriaSetData.from_dict(json.loads(p.read_text(encoding="utf-8"))) for p in sorted(BUILTIN_DIR.glob("criteria_*.json"))]
    return tuple(sorted(found, key=lambda s: s.in_force_from))


def builtin_set(reference: str) -> CriteriaSetData | None:
    """A shipped set by its code ("2019-2022")."""
    return next((s for s in builtin_sets() if s.code == reference), None)


def builtin_set_for(day: date) -> CriteriaSetData | None:
    """The shipped set in force on ``day`` (both ends included; the most recent start wins)."""
    in_force = [s for s in builtin_sets() if s.in_force_from <= day and (s.in_force_until is None or day <= s.in_force_until)]
    return in_force[-1] if in_force else None

