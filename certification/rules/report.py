"""The outcome of a check: verdicts per criterion with reasons that name records.

Three verdicts: ``met`` (every machine-checkable norm holds and every
required piece of evidence is there), ``not_met`` (a norm fails or evidence
is missing) and ``needs_review`` (a norm can only be met if the committee
accepts something the checker cannot decide, such as a PhD-equivalent level
or a journal indexed outside the listed search engines). A criterion takes
the worst verdict of its parts: not_met > needs_review > met.

``review_points`` are the qualitative parts every criterion has (is the
figurehead really an authority? do the publications concern the target
group?). They are listed for the committee with each criterion but do not
change the verdict: the checker says "the numbers and the evidence are in
order", the committee judges the rest at the visitation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Verdict(StrEnum):
    MET = "met"
    NEEDS_REVIEW = "needs_review"
    NOT_MET = "not_met"

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self]


VERDICT_LABELS = {
    Verdict.MET: "voldoet",
    Verdict.NEEDS_REVIEW: "ter beoordeling door de commissie",
    Verdict.NOT_MET: "voldoet niet",
}
_SEVERITY = {Verdict.MET: 0, Verdict.NEEDS_REVIEW: 1, Verdict.NOT_MET: 2}


def worst(verdicts) -> Verdict:
    return max(verdicts, key=_SEVERITY.__getitem__, default=Verdict.MET)


# What a reason says. Conclusions of a norm: OK (met), FAIL (not met),
# REVIEW (the committee must decide). About one record: OK (counts),
# EXCLUDED (does not count, with why), UNCERTAIN (counts only if the
# committee accepts it). NOTE: information, for example an announced departure.
OK, FAIL, REVIEW, EXCLUDED, UNCERTAIN, NOTE = "ok", "fail", "review", "excluded", "uncertain", "note"


@dataclass(frozen=True)
class Reason:
    text: str
    effect: str = OK
    path: str = ""  # JSON path of the record the reason names, e.g. "$.publications[3]"

    def to_dict(self) -> dict:
        return {"text": self.text, "effect": self.effect, "path": self.path}


@dataclass(frozen=True)
class Missing:
    key: str  # evidence key (certification.rules.evidence) or the rule's own key
    text: str
    item: str = ""  # sub-item code such as "1c", if the evidence is asked for there

    def __str__(self) -> str:
        return f"{self.item}: {self.text}" if self.item else self.text

    def to_dict(self) -> dict:
        return {"key": self.key, "item": self.item, "text": self.text}


@dataclass
class Outcome:
    """What one norm (rule) concluded; rules build it with the helpers below."""

    kind: str
    verdict: Verdict = Verdict.MET
    reasons: list[Reason] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)

    def ok(self, text: str, path: str = "") -> None:
        self.reasons.append(Reason(text, OK, path))

    def note(self, text: str, path: str = "") -> None:
        self.reasons.append(Reason(text, NOTE, path))

    def excluded(self, text: str, path: str = "") -> None:
        """A record that does not count; the verdict follows from the count."""
        self.reasons.append(Reason(text, EXCLUDED, path))

    def uncertain(self, text: str, path: str = "") -> None:
        """A record that counts only if the committee accepts it; the verdict follows from the count."""
        self.reasons.append(Reason(text, UNCERTAIN, path))

    def fail(self, text: str, path: str = "") -> None:
        self.reasons.append(Reason(text, FAIL, path))
        self.verdict = Verdict.NOT_MET

    def review(self, text: str, path: str = "") -> None:
        self.reasons.append(Reason(text, REVIEW, path))
        self.verdict = worst([self.verdict, Verdict.NEEDS_REVIEW])

    def lack(self, text: str, key: str = "", item: str = "") -> None:
        self.missing.append(Missing(key or self.kind, text, item))
        self.verdict = Verdict.NOT_MET


@dataclass(frozen=True)
class CriterionResult:
    number: int  # 0 for the general conditions
    title: str
    verdict: Verdict
    reasons: tuple[Reason, ...] = ()
    missing: tuple[Missing, ...] = ()
    review_points: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return str(self.number) if self.number else "algemeen"

    @property
    def label(self) -> str:
        return f"Criterium {self.number}. {self.title}" if self.number else self.title

    def texts(self) -> list[str]:
        """The reasons as plain strings (handy in tests and summaries)."""
        return [r.text for r in self.reasons]

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "number": self.number,
            "title": self.title,
            "verdict": str(self.verdict),
            "verdict_label": self.verdict.label,
            "reasons": [r.to_dict() for r in self.reasons],
            "missing": [m.to_dict() for m in self.missing],
            "review_points": list(self.review_points),
        }


@dataclass(frozen=True)
class CheckReport:
    department: str
    visitation_date: date
    criteria_set: str
    criteria_set_title: str
    results: tuple[CriterionResult, ...]

    @property
    def verdict(self) -> Verdict:
        return worst(r.verdict for r in self.results)

    @property
    def all_met(self) -> bool:
        return self.verdict is Verdict.MET

    def result(self, key: int | str) -> CriterionResult:
        """The result for criterion ``key`` (a number, or "algemeen")."""
        for result in self.results:
            if result.key == str(key) or (key == 0 and result.number == 0):
                return result
        raise KeyError(key)

    def counts(self) -> dict[str, int]:
        return {str(v): sum(1 for r in self.results if r.verdict is v) for v in Verdict}

    def to_dict(self) -> dict:
        return {
            "department": self.department,
            "visitation_date": self.visitation_date.isoformat(),
            "criteria_set": self.criteria_set,
            "criteria_set_title": self.criteria_set_title,
            "verdict": str(self.verdict),
            "verdict_label": self.verdict.label,
            "counts": self.counts(),
            "results": [r.to_dict() for r in self.results],
        }


_MARKS = {OK: "+", FAIL: "x", REVIEW: "?", EXCLUDED: "-", UNCERTAIN: "?", NOTE: "i"}


def render_text(report: CheckReport, *, review_points: bool = True) -> str:
    """The report as plain Dutch text, one block per criterion."""
    lines = [
        f"Toetsing van het dossier van {report.department}",
        f"Criteriaset {report.criteria_set} ({report.criteria_set_title}); visitatiedatum {report.visitation_date.isoformat()}",
        "",
    ]
    for result in report.results:
        lines.append(f"{result.label}: {result.verdict.label.upper()}")
        lines.extend(f"  {_MARKS[r.effect]} {r.text}" for r in result.reasons)
        if result.missing:
            lines.append("  Ontbrekende onderbouwing:")
            lines.extend(f"  - {m}" for m in result.missing)
        if review_points and result.review_points:
            lines.append("  De commissie beoordeelt verder:")
            lines.extend(f"  * {p}" for p in result.review_points)
        lines.append("")
    counts = report.counts()
    lines.append(
        f"Eindoordeel: {report.verdict.label} "
        f"({counts['met']} voldoet, {counts['not_met']} voldoet niet, "
        f"{counts['needs_review']} ter beoordeling)"
    )
    return "\n".join(lines) + "\n"
