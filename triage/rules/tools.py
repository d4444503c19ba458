"""A decision tool as plain data (pure: no Django, no database).

A tool is a short yes/no questionnaire filled in by a professional. Every item has a
weight; the score is the sum of the weights of the items answered "yes". Two cut-offs
turn the score into an outcome: at or above ``specialist_cutoff`` the tool points to
specialist mental health care, at or above ``high_specialist_cutoff`` to high-specialist
care. An item may belong to one of the three characteristics of a high-specialist care
need (seed 001, "Definities"); a characteristic is met when at least one of its items is
answered "yes". When ``requires_all_characteristics`` is set, the high-specialist outcome
also needs all three characteristics met (the definition: patients with a high-specialist
care need "voldoen aan drie kenmerken"); a score above the cut-off without them stays at
specialist care, and the result says why.

``tool_problems(tool)`` lists what keeps a tool from being used (checked before a version
is published and on import); messages are Dutch and carry a JSON path.
"""

from __future__ import annotations

from dataclasses import dataclass

# The three characteristics of a high-specialist care need (strategic plan 2020-2025, "Definities").
SEVERE_COMPLEX_RARE = "severe_complex_rare"
INSUFFICIENT_BENEFIT = "insufficient_benefit"
EXPECTED_BENEFIT = "expected_benefit"
CHARACTERISTICS = (SEVERE_COMPLEX_RARE, INSUFFICIENT_BENEFIT, EXPECTED_BENEFIT)
CHARACTERISTIC_TEXTS = {
    SEVERE_COMPLEX_RARE: "de patiënt heeft (een) ernstige, complexe en/of zeldzame aandoening(en)",
    INSUFFICIENT_BENEFIT: (
        "de patiënt had onvoldoende baat of zal naar verwachting onvoldoende baat hebben bij een behandeling "
        "conform de professionele standaard in de specialistische ggz"
    ),
    EXPECTED_BENEFIT: "de patiënt zal naar verwachting profiteren van hoogspecialistische ggz",
}

# Outcomes, lowest first. UNDETERMINED: open answers could still change the outcome.
NONE = "none"
SPECIALIST = "specialist"
HIGH_SPECIALIST = "high_specialist"
UNDETERMINED = "undetermined"
OUTCOMES = (NONE, SPECIALIST, HIGH_SPECIALIST)
OUTCOME_TEXTS = {
    NONE: "geen aanwijzing voor specialistische ggz",
    SPECIALIST: "specialistische ggz",
    HIGH_SPECIALIST: "hoogspecialistische ggz",
    UNDETERMINED: "nog niet te bepalen",
}

EXAMPLE = "example"
VALIDATED = "validated"
STATUSES = (EXAMPLE, VALIDATED)

MIN_ITEMS = 1
MAX_ITEMS = 30
MAX_WEIGHT = 100


@dataclass(frozen=True)
class Item:
    key: str
    question: str
    weight: int
    characteristic: str = ""  # one of CHARACTERISTICS, or "" for none
    help_text: str = ""


@dataclass(frozen=True)
class Tool:
    code: str
    name: str
    items: tuple[Item, ...]
    specialist_cutoff: int
    high_specialist_cutoff: int
    requires_all_characteristics: bool = True
    version: int = 1
    status: str = EXAMPLE
    target_groups: tuple[str, ...] = ()  # codes; empty: for every target group
    explanation: str = ""
    source: str = ""

    @property
    def max_score(self) -> int:
        return sum(item.weight for item in self.items)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(item.key for item in self.items)

    def item(self, key: str) -> Item:
        for item in self.items:
            if item.key == key:
                return item
        raise KeyError(key)

    def characteristics(self) -> tuple[str, ...]:
        """The characteristics some item of this tool asks about, in the definition's order."""
        used = {item.characteristic for item in self.items}
        return tuple(c for c in CHARACTERISTICS if c in used)

    def outcome_for_score(self, score: int, all_characteristics_met: bool) -> str:
        """The outcome of a complete set of answers with this score."""
        if score >= self.high_specialist_cutoff and (all_characteristics_met or not self.requires_all_characteristics):
            return HIGH_SPECIALIST
        if score >= self.specialist_cutoff:
            return SPECIALIST
        return NONE

    def possible_outcomes_for_score(self, score: int) -> tuple[str, ...]:
        """Outcomes a complete questionnaire with this score can have (for registrations that give only the score).

        Below the high-specialist cut-off the score decides alone; at or above it, a tool that needs all
        three characteristics may still end at specialist care.
        """
        if score >= self.high_specialist_cutoff:
            if self.requires_all_characteristics:
                return (SPECIALIST, HIGH_SPECIALIST)  # high >= specialist cut-off (tool_problems)
            return (HIGH_SPECIALIST,)
        return (self.outcome_for_score(score, False),)


def tool_problems(tool: Tool) -> list[tuple[str, str]]:
    """What keeps ``tool`` from being used, as (JSON path, Dutch message); empty when it can be used."""
    problems: list[tuple[str, str]] = []
    if not (MIN_ITEMS <= len(tool.items) <= MAX_ITEMS):
        problems.append(("$.items", f"een vragenlijst heeft {MIN_ITEMS} tot {MAX_ITEMS} vragen, niet {len(tool.items)}"))
    seen: set[str] = set()
    for index, item in enumerate(tool.items):
        path = f"$.items[{index}]"
        if item.key in seen:
            problems.append((f"{path}.key", f"de sleutel {item.key!r} komt twee keer voor"))
        seen.add(item.key)
        if not (1 <= item.weight <= MAX_WEIGHT):
            problems.append((f"{path}.weight", f"het gewicht is 1 tot en met {MAX_WEIGHT}, niet {item.weight}"))
        if item.characteristic and item.characteristic not in CHARACTERISTICS:
            problems.append((f"{path}.characteristic", f"onbekend kenmerk {item.characteristic!r}"))
        if not item.question.strip():
            problems.append((f"{path}.question", "de vraag is leeg"))
    if tool.status not in STATUSES:
        problems.append(("$.status", f"de status is 'example' of 'validated', niet {tool.status!r}"))
    top = tool.max_score
    if tool.specialist_cutoff < 1:
        problems.append(("$.cutoffs.specialist", f"het afkappunt is minstens 1, niet {tool.specialist_cutoff}"))
    if tool.high_specialist_cutoff < tool.specialist_cutoff:
        problems.append(
            (
                "$.cutoffs.high_specialist",
                f"het afkappunt voor hoogspecialistisch ({tool.high_specialist_cutoff}) ligt onder dat voor "
                f"specialistisch ({tool.specialist_cutoff})",
            )
        )
    if tool.high_specialist_cutoff > top:
        problems.append(
            (
                "$.cutoffs.high_specialist",
                f"het afkappunt ({tool.high_specialist_cutoff}) is hoger dan de hoogste score ({top}): "
                "deze uitkomst kan nooit voorkomen",
            )
        )
    if tool.requires_all_characteristics:
        missing = [c for c in CHARACTERISTICS if c not in tool.characteristics()]
        if missing:
            problems.append(
                (
                    "$.high_specialist_requires_all_characteristics",
                    "geen vraag hoort bij het kenmerk " + ", ".join(repr(c) for c in missing)
                    + "; koppel vragen aan alle drie de kenmerken of zet deze eis uit",
                )
            )
    return problems
