"""A scoring as text or as a JSON object (pure): what ``manage.py triage score`` prints."""

from __future__ import annotations

from .scoring import Scoring
from .tools import CHARACTERISTIC_TEXTS, EXAMPLE, OUTCOME_TEXTS, UNDETERMINED


def _answer(value) -> str:
    return {True: "ja", False: "nee", None: "weet niet"}[value]


def to_dict(scoring: Scoring) -> dict:
    tool = scoring.tool
    return {
        "tool": tool.code,
        "version": tool.version,
        "name": tool.name,
        "status": tool.status,
        "score": scoring.score,
        "highest_possible_score": scoring.highest,
        "max_score": tool.max_score,
        "cutoffs": {"specialist": tool.specialist_cutoff, "high_specialist": tool.high_specialist_cutoff},
        "outcome": scoring.outcome,
        "possible_outcomes": {"lowest": scoring.lowest_outcome, "highest": scoring.highest_outcome},
        "characteristics": {
            code: ("met" if code in scoring.characteristics_met else "open" if code in scoring.characteristics_open else "not_met")
            for code in tool.characteristics()
        },
        "high_specialist_requires_all_characteristics": tool.requires_all_characteristics,
        "capped_by_characteristics": scoring.capped,
        "complete": scoring.complete,
        "unanswered": list(scoring.unanswered),
        "unknown": list(scoring.unknown),
        "answers": {key: scoring.answers.get(key, None) for key in tool.keys if key in scoring.answers},
    }


def render_text(scoring: Scoring) -> str:
    tool = scoring.tool
    lines = [f"{tool.name} ({tool.code}, versie {tool.version})"]
    if tool.status == EXAMPLE:
        lines.append("LET OP: dit is een voorbeeldvragenlijst, niet gevalideerd.")
    if scoring.complete:
        lines.append(f"Score: {scoring.score} van {tool.max_score}")
    else:
        lines.append(f"Score: {scoring.score} van {tool.max_score} (met de open vragen hoogstens {scoring.highest})")
    lines.append(
        f"Afkappunten: specialistisch vanaf {tool.specialist_cutoff}, hoogspecialistisch vanaf {tool.high_specialist_cutoff}"
        + (" (en alle drie de kenmerken)" if tool.requires_all_characteristics else "")
    )
    if scoring.outcome == UNDETERMINED:
        lines.append(
            f"Uitkomst: {OUTCOME_TEXTS[UNDETERMINED]}: tussen {OUTCOME_TEXTS[scoring.lowest_outcome]} en "
            f"{OUTCOME_TEXTS[scoring.highest_outcome]}, afhankelijk van de open vragen"
        )
    else:
        lines.append(f"Uitkomst: {OUTCOME_TEXTS[scoring.outcome]}")
    if scoring.capped:
        lines.append(
            "De score haalt het afkappunt voor hoogspecialistisch, maar niet alle drie de kenmerken zijn vervuld."
        )
    if tool.characteristics():
        lines.append("Kenmerken:")
        for code in tool.characteristics():
            state = (
                "vervuld" if code in scoring.characteristics_met
                else "open" if code in scoring.characteristics_open
                else "niet vervuld"
            )
            lines.append(f"  [{state}] {CHARACTERISTIC_TEXTS[code]}")
    if scoring.unanswered:
        lines.append("Niet beantwoord: " + ", ".join(scoring.unanswered))
    if scoring.unknown:
        lines.append("Weet niet: " + ", ".join(scoring.unknown))
    lines.append("Antwoorden:")
    for item in tool.items:
        given = _answer(scoring.answers[item.key]) if item.key in scoring.answers else "niet beantwoord"
        lines.append(f"  {item.key} ({item.weight}): {given}")
    return "\n".join(lines) + "\n"
