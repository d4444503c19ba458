"""Intake registrations: the checks shared by the form and the quarterly CSV upload (pure).

A registration says, for one treatment started at a department: the start date, the target
group (and optionally the age group), how the care need was established — a decision tool
(code, version, score and the tool's outcome) or the department's own criteria (a short
description) — and the department's decision: high-specialist care need yes or no. Nothing
that identifies a patient: a number that passes the BSN eleven-test in any cell is refused,
and so is any column the format does not know.

``check_intake`` checks one registration's values (the form and every CSV row);
``read_intake_csv`` reads a whole file: UTF-8 (with or without BOM), ``;`` or ``,``, a header
row, then one row per treatment; every error names its row (the header is row 1) and column.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from consultation.rules.bsn import find_bsns

from .quarters import quarter_bounds, quarter_of
from .tools import HIGH_SPECIALIST, NONE, OUTCOME_TEXTS, SPECIALIST, Tool

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_CELL_CHARS = 1000
OWN_CRITERIA_MAX_CHARS = 300

# column -> English alias accepted in the header
COLUMNS = {
    "startdatum": "started_on",
    "doelgroep": "target_group",
    "leeftijdsgroep": "age_group",
    "vragenlijst": "tool",
    "versie": "tool_version",
    "score": "score",
    "uitkomst_vragenlijst": "tool_outcome",
    "eigen_criteria": "own_criteria",
    "hoogspecialistisch": "high_specialist",
}
REQUIRED_COLUMNS = ("startdatum", "doelgroep", "hoogspecialistisch")
ALIASES = {english: dutch for dutch, english in COLUMNS.items()}
IDENTIFYING = {
    "bsn", "burgerservicenummer", "naam", "name", "achternaam", "voornaam", "geboortedatum", "date_of_birth",
    "birth_date", "adres", "address", "postcode", "patientnummer", "patiëntnummer", "patient_id", "clientnummer",
    "cliëntnummer", "dossiernummer", "email", "e-mail", "telefoon", "phone",
}

OUTCOME_WORDS = {
    NONE: NONE, "geen": NONE, "basis": NONE, "basis-ggz": NONE,
    SPECIALIST: SPECIALIST, "specialistisch": SPECIALIST, "specialistische ggz": SPECIALIST, "sggz": SPECIALIST,
    HIGH_SPECIALIST: HIGH_SPECIALIST, "hoogspecialistisch": HIGH_SPECIALIST, "hoogspecialistische ggz": HIGH_SPECIALIST,
    "high-specialist": HIGH_SPECIALIST, "topggz": HIGH_SPECIALIST,
}
YES_WORDS = {"ja", "j", "yes", "y", "1", "true", "waar"}
NO_WORDS = {"nee", "n", "no", "0", "false", "onwaar"}


@dataclass(frozen=True)
class RowError:
    """One problem: the file, the row (header = 1; None for the whole file), the column ('' for the row)."""

    source: str
    row: int | None
    column: str
    message: str  # Dutch

    def __str__(self) -> str:
        where = [self.source] if self.source else []
        if self.row is not None:
            where.append(f"rij {self.row}")
        if self.column:
            where.append(f"kolom {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass(frozen=True)
class Intake:
    """One checked registration (codes, not database rows)."""

    started_on: date
    target_group: str
    high_specialist: bool
    age_group: str = ""
    tool: str = ""
    tool_version: int | None = None
    score: int | None = None
    tool_outcome: str = ""
    own_criteria: str = ""
    row: int | None = None


@dataclass
class Lookups:
    """What the checks need from the database, passed in: vocabularies and the tools that may be named."""

    target_groups: Mapping[str, str]  # any accepted spelling (code, Dutch or English label, lower case) -> code
    age_groups: Mapping[str, str]
    tools: Mapping[tuple[str, int], Tool] = field(default_factory=dict)  # (code, version) -> published version


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def parse_date(text: str) -> date | None:
    """2026-03-01, 1-3-2026, 01-03-2026 or 1/3/2026; None when it is none of those."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        match = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None
    return None


def check_intake(
    *,
    started_on: date | None,
    target_group: str,
    high_specialist: bool | None,
    lookups: Lookups,
    today: date,
    age_group: str = "",
    tool: str = "",
    tool_version: int | None = None,
    score: int | None = None,
    tool_outcome: str = "",
    own_criteria: str = "",
    quarter: tuple[int, int] | None = None,
) -> tuple[Intake | None, dict[str, list[str]]]:
    """One registration's values, checked together: (the registration, {} ) or (None, {field: [messages]}).

    Fields are named as in ``COLUMNS``' English aliases (the form's field names).
    """
    errors: dict[str, list[str]] = {}

    def refuse(name: str, message: str):
        errors.setdefault(name, []).append(message)

    if started_on is None:
        refuse("started_on", "Vul de startdatum van de behandeling in (JJJJ-MM-DD of DD-MM-JJJJ).")
    elif started_on > today:
        refuse("started_on", f"De startdatum {started_on.isoformat()} ligt in de toekomst.")
    elif quarter is not None and quarter_of(started_on) != quarter:
        first, last = quarter_bounds(*quarter)
        refuse(
            "started_on",
            f"De startdatum {started_on.isoformat()} valt niet in {quarter[0]}-Q{quarter[1]} "
            f"({first.isoformat()} tot en met {last.isoformat()}).",
        )
    group = lookups.target_groups.get(_norm(target_group)) if target_group else None
    if not target_group:
        refuse("target_group", "Kies de doelgroep.")
    elif group is None:
        refuse("target_group", f"Onbekende doelgroep '{target_group}'. Gebruik een code of naam uit het register.")
    age = ""
    if age_group:
        age = lookups.age_groups.get(_norm(age_group), "")
        if not age:
            refuse("age_group", f"Onbekende leeftijdsgroep '{age_group}'.")
    if high_specialist is None:
        refuse("high_specialist", "Geef aan of de afdeling een hoogspecialistische zorgvraag vaststelde (ja of nee).")

    found_tool = None
    outcome = ""
    if tool:
        if tool_version is None:
            refuse("tool_version", "Vul de versie van de vragenlijst in.")
        else:
            found_tool = lookups.tools.get((tool, tool_version))
            if found_tool is None:
                known = sorted(v for c, v in lookups.tools if c == tool)
                refuse(
                    "tool_version" if known else "tool",
                    f"Vragenlijst '{tool}' versie {tool_version} bestaat niet"
                    + (f"; er zijn versies {', '.join(map(str, known))}." if known else " (of is niet gepubliceerd)."),
                )
        if score is None:
            refuse("score", "Vul de score op de vragenlijst in.")
        elif found_tool is not None and not (0 <= score <= found_tool.max_score):
            refuse("score", f"De score is 0 tot en met {found_tool.max_score} bij deze vragenlijst, niet {score}.")
        elif found_tool is not None:
            possible = found_tool.possible_outcomes_for_score(score)
            given = OUTCOME_WORDS.get(_norm(tool_outcome)) if tool_outcome else None
            if tool_outcome and given is None:
                refuse("tool_outcome", f"Onbekende uitkomst '{tool_outcome}'. Kies geen, specialistisch of hoogspecialistisch.")
            elif given is not None and given not in possible:
                refuse(
                    "tool_outcome",
                    f"Bij score {score} kan de uitkomst niet '{OUTCOME_TEXTS[given]}' zijn; mogelijk: "
                    + " of ".join(OUTCOME_TEXTS[p] for p in possible) + ".",
                )
            elif given is None and len(possible) > 1:
                refuse(
                    "tool_outcome",
                    f"Bij score {score} hangt de uitkomst af van de kenmerken: vul de uitkomst in ("
                    + " of ".join(OUTCOME_TEXTS[p] for p in possible) + ").",
                )
            else:
                outcome = given or possible[0]
    else:
        if tool_version is not None or score is not None or tool_outcome:
            refuse("tool", "Noem de vragenlijst bij een versie, score of uitkomst.")
        if not own_criteria.strip():
            refuse("own_criteria", "Noem de vragenlijst, of beschrijf kort de eigen criteria van de afdeling.")
    if len(own_criteria) > OWN_CRITERIA_MAX_CHARS:
        refuse("own_criteria", f"Beschrijf de eigen criteria in hoogstens {OWN_CRITERIA_MAX_CHARS} tekens.")
    if find_bsns(own_criteria):
        refuse("own_criteria", "Hier staat een nummer dat een BSN kan zijn. Registreer geen gegevens van de patiënt.")

    if errors:
        return None, errors
    return (
        Intake(
            started_on=started_on,
            target_group=group,
            high_specialist=bool(high_specialist),
            age_group=age,
            tool=tool,
            tool_version=tool_version if tool else None,
            score=score if tool else None,
            tool_outcome=outcome,
            own_criteria=own_criteria.strip(),
        ),
        {},
    )


# ------------------------------------------------------------------ the CSV file


def _delimiter(text: str) -> str:
    header = text.lstrip().split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _header(cell: str) -> str:
    return re.sub(r"\s+", "_", cell.strip().lower())


def _int(text: str) -> int | None | str:
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"-?\d{1,6}", text):
        return int(text)
    return "bad"


def _yes_no(text: str) -> bool | None | str:
    value = _norm(text)
    if not value:
        return None
    if value in YES_WORDS:
        return True
    if value in NO_WORDS:
        return False
    return "bad"


FIELD_COLUMNS = {english: dutch for dutch, english in COLUMNS.items()}


def read_intake_csv(
    content: bytes, *, source: str, lookups: Lookups, today: date, quarter: tuple[int, int] | None = None
) -> tuple[list[Intake], list[RowError]]:
    """Every registration in the file, or every error (then no registrations)."""
    errors: list[RowError] = []
    if not source.lower().endswith(".csv"):
        return [], [RowError(source, None, "", "Alleen csv-bestanden (.csv) worden geaccepteerd.")]
    if len(content) > MAX_BYTES:
        return [], [RowError(source, None, "", f"Het bestand is {len(content) // 1024} kB; de grens is {MAX_BYTES // 1024} kB.")]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text:
        return [], [
            RowError(source, None, "", "Dit is geen csv-bestand in UTF-8. Sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)'.")
        ]
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as exc:
        return [], [RowError(source, None, "", f"Het csv-bestand kan niet worden gelezen: {exc}.")]
    numbered = [(number, row) for number, row in enumerate(records, start=1) if any(cell.strip() for cell in row)]
    if not numbered or numbered[0][0] != 1:
        return [], [RowError(source, 1, "", "De eerste rij moet de kolomnamen bevatten.")]
    if len(numbered) - 1 > MAX_ROWS:
        return [], [RowError(source, None, "", f"Het bestand heeft {len(numbered) - 1} rijen; de grens is {MAX_ROWS}.")]

    headers = [ALIASES.get(_header(cell), _header(cell)) for cell in numbered[0][1]]
    for name in headers:
        if not name:
            continue
        if name not in COLUMNS:
            extra = " Een upload bevat geen gegevens die een patiënt herkenbaar maken." if name in IDENTIFYING else ""
            errors.append(RowError(source, 1, name, f"Onbekende kolom '{name}'. Toegestaan: {', '.join(COLUMNS)}.{extra}"))
        elif headers.count(name) > 1:
            errors.append(RowError(source, 1, name, f"De kolom '{name}' staat er meer dan één keer in."))
    for name in REQUIRED_COLUMNS:
        if name not in headers:
            errors.append(RowError(source, 1, name, f"De kolom '{name}' ontbreekt."))
    if errors:
        return [], errors

    intakes: list[Intake] = []
    for number, row in numbered[1:]:
        cells = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(headers) if name}
        if len(row) > len(headers) and any(cell.strip() for cell in row[len(headers):]):
            errors.append(RowError(source, number, "", "Deze rij heeft meer cellen dan er kolommen zijn."))
        before = len(errors)
        for name, value in cells.items():
            if len(value) > MAX_CELL_CHARS:
                errors.append(RowError(source, number, name, f"De cel is langer dan {MAX_CELL_CHARS} tekens."))
            if find_bsns(value):
                errors.append(
                    RowError(source, number, name, "Hier staat een nummer dat een BSN kan zijn. Registreer geen gegevens van de patiënt.")
                )
        started = parse_date(cells.get("startdatum", "")) if cells.get("startdatum") else None
        if cells.get("startdatum") and started is None:
            errors.append(RowError(source, number, "startdatum", f"'{cells['startdatum']}' is geen datum (JJJJ-MM-DD of DD-MM-JJJJ)."))
        version, score = _int(cells.get("versie", "")), _int(cells.get("score", ""))
        if version == "bad":
            errors.append(RowError(source, number, "versie", f"'{cells['versie']}' is geen geheel getal."))
        if score == "bad":
            errors.append(RowError(source, number, "score", f"'{cells['score']}' is geen geheel getal."))
        decision = _yes_no(cells.get("hoogspecialistisch", ""))
        if decision == "bad":
            errors.append(RowError(source, number, "hoogspecialistisch", f"'{cells['hoogspecialistisch']}' is geen ja of nee."))
        if len(errors) > before:
            continue
        if cells.get("startdatum", "") == "" or started is not None:
            intake, problems = check_intake(
                started_on=started,
                target_group=cells.get("doelgroep", ""),
                high_specialist=decision,
                lookups=lookups,
                today=today,
                age_group=cells.get("leeftijdsgroep", ""),
                tool=cells.get("vragenlijst", "").strip().lower(),
                tool_version=version,
                score=score,
                tool_outcome=cells.get("uitkomst_vragenlijst", ""),
                own_criteria=cells.get("eigen_criteria", ""),
                quarter=quarter,
            )
            for name, messages in problems.items():
                for message in messages:
                    errors.append(RowError(source, number, FIELD_COLUMNS.get(name, name), message))
            if intake is not None:
                intakes.append(Intake(**{**intake.__dict__, "row": number}))
    if not errors and not intakes:
        errors.append(RowError(source, None, "", "Het bestand bevat geen registraties (alleen de kolomnamen)."))
    return ([], errors) if errors else (intakes, [])


def template_csv() -> str:
    """An example file: the header and two rows (a tool, and own criteria)."""
    return (
        ";".join(COLUMNS) + "\n"
        "2026-01-12;psychotrauma;adults;voorbeeld-hoogspecialistisch;1;11;hoogspecialistisch;;ja\n"
        "2026-02-03;eetstoornissen;;;;;;Intakecommissie volgens eigen criteria;nee\n"
    )
