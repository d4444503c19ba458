"""Scoring a decision tool (pure): the one function the web app, the command line and the tests use.

``score(tool, answers)`` takes the answers as ``{item key: True | False | None}``: True is "yes",
False is "no", None is "don't know". Answers can be incomplete in three ways, and each is
handled the same way everywhere:

- an item has no answer at all (its key is absent): *unanswered*;
- an item is answered "don't know" (None): *unknown*;
- no answers at all: every item is unanswered.

Unanswered and unknown items are *open*. The score counts only the "yes" answers (a lower
bound); ``highest`` is the score if every open item were "yes". Because the outcome only
rises with more "yes" answers, the outcome is *determined* when the lowest possible outcome
(open items "no") equals the highest (open items "yes"); otherwise it is ``UNDETERMINED``, and the open items are what
the professional still has to find out.

What is not an incomplete answer but bad input is refused by ``check_answers``: a key the
tool does not have (an answer meant for another tool or version) and a value that is not
true, false or null.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .tools import CHARACTERISTICS, HIGH_SPECIALIST, OUTCOMES, UNDETERMINED, Tool


@dataclass(frozen=True)
class AnswerProblem:
    key: str  # the answer's key ("" for the answers as a whole)
    message: str  # Dutch


@dataclass(frozen=True)
class Scoring:
    tool: Tool
    answers: dict  # item key -> True / False / None, only the tool's keys that were given
    score: int  # sum of the weights of the "yes" answers
    highest: int  # the score if every open item were "yes"
    outcome: str  # one of OUTCOMES, or UNDETERMINED
    lowest_outcome: str  # the outcome if every open item were "no"
    highest_outcome: str  # ... and if every open item were "yes"
    characteristics_met: tuple[str, ...]  # met by "yes" answers
    characteristics_open: tuple[str, ...]  # not met yet, but an open item could meet it
    unanswered: tuple[str, ...]  # item keys without an answer, in the tool's order
    unknown: tuple[str, ...]  # item keys answered "don't know"
    capped: bool  # the score reached the high-specialist cut-off, but not every characteristic was met

    @property
    def open_items(self) -> tuple[str, ...]:
        open_keys = set(self.unanswered) | set(self.unknown)
        return tuple(key for key in self.tool.keys if key in open_keys)

    @property
    def complete(self) -> bool:
        return not self.unanswered and not self.unknown

    @property
    def determined(self) -> bool:
        return self.outcome != UNDETERMINED

    @property
    def characteristics_not_met(self) -> tuple[str, ...]:
        done = set(self.characteristics_met) | set(self.characteristics_open)
        return tuple(c for c in self.tool.characteristics() if c not in done)


def check_answers(tool: Tool, answers: Mapping) -> tuple[dict, list[AnswerProblem]]:
    """The answers this tool can score, and every problem with the rest."""
    clean: dict = {}
    problems: list[AnswerProblem] = []
    known = set(tool.keys)
    for key, value in answers.items():
        if key not in known:
            problems.append(
                AnswerProblem(
                    str(key),
                    f"de vragenlijst {tool.code} (versie {tool.version}) heeft geen vraag {key!r}; "
                    f"de vragen zijn: {', '.join(tool.keys)}",
                )
            )
        elif value is not None and not isinstance(value, bool):
            problems.append(
                AnswerProblem(str(key), f"het antwoord is true (ja), false (nee) of null (weet niet), niet {value!r}")
            )
        else:
            clean[key] = value
    return clean, problems


def _outcome(tool: Tool, yes: set[str]) -> tuple[str, bool]:
    """(outcome, capped) for a complete set of answers whose "yes" items are ``yes``."""
    total = sum(item.weight for item in tool.items if item.key in yes)
    met = {item.characteristic for item in tool.items if item.key in yes and item.characteristic}
    all_met = all(c in met for c in CHARACTERISTICS)
    outcome = tool.outcome_for_score(total, all_met)
    capped = total >= tool.high_specialist_cutoff and outcome != HIGH_SPECIALIST
    return outcome, capped


def score(tool: Tool, answers: Mapping) -> Scoring:
    """Score ``answers`` with ``tool``. Raises ValueError on bad input (see ``check_answers``)."""
    clean, problems = check_answers(tool, answers)
    if problems:
        raise ValueError("; ".join(f"{p.key}: {p.message}" for p in problems))
    yes = {key for key, value in clean.items() if value is True}
    unanswered = tuple(key for key in tool.keys if key not in clean)
    unknown = tuple(key for key in tool.keys if key in clean and clean[key] is None)
    open_keys = set(unanswered) | set(unknown)

    lowest, capped = _outcome(tool, yes)
    highest_outcome, _capped = _outcome(tool, yes | open_keys)
    outcome = lowest if lowest == highest_outcome else UNDETERMINED

    met = tuple(c for c in CHARACTERISTICS if any(i.characteristic == c and i.key in yes for i in tool.items))
    could = tuple(
        c
        for c in CHARACTERISTICS
        if c not in met and any(i.characteristic == c and i.key in open_keys for i in tool.items)
    )
    return Scoring(
        tool=tool,
        answers=clean,
        score=sum(item.weight for item in tool.items if item.key in yes),
        highest=sum(item.weight for item in tool.items if item.key in yes | open_keys),
        outcome=outcome,
        lowest_outcome=lowest,
        highest_outcome=highest_outcome,
        characteristics_met=met,
        characteristics_open=could,
        unanswered=unanswered,
        unknown=unknown,
        capped=capped and outcome != UNDETERMINED,
    )


def outcome_rank(outcome: str) -> int:
    return OUTCOMES.index(outcome)
