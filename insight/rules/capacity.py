"""A monthly capacity report checked and read (pure: no database).

The form and the CSV upload both go through ``check_report``: one set of rules, one set of
messages. An upload is all-or-nothing: ``read_csv`` checks every row and returns every error
with its row number; the service saves only when there are none.

CSV: semicolon- or comma-separated, UTF-8 (with or without BOM), a header row with these columns
(order free): maand (JJJJ-MM), aanbod (code, see Offer.Kind; empty: treatment), meetdatum
(JJJJ-MM-DD), weken_tot_intake, weken_tot_behandeling (weeks, one decimal, comma or point),
wachtenden, bedden_vrij, bedden_totaal (both empty for outpatient care), aanmeldpauze (ja/nee).

JSON (the API, ``read_json``): an object or a list of objects with the form's field names
(FIELD_COLUMNS); each item is turned into the CSV's text values and checked by ``check_report``,
and a list is checked like a file (``check_rows``: every error, duplicates refused, all or nothing).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

COLUMNS = (
    "maand", "aanbod", "meetdatum", "weken_tot_intake", "weken_tot_behandeling",
    "wachtenden", "bedden_vrij", "bedden_totaal", "aanmeldpauze",
)
REQUIRED = ("maand", "meetdatum", "weken_tot_intake", "weken_tot_behandeling", "wachtenden")
MAX_WEEKS = Decimal("99.9")
MAX_ROWS = 600
MAX_BYTES = 200_000
# field name (the form, the API) -> CSV column
FIELD_COLUMNS = {
    "month": "maand", "offer_kind": "aanbod", "measured_on": "meetdatum", "intake_weeks": "weken_tot_intake",
    "treatment_weeks": "weken_tot_behandeling", "waiting_count": "wachtenden", "beds_free": "bedden_vrij",
    "beds_total": "bedden_totaal", "paused": "aanmeldpauze",
}
COLUMN_FIELDS = {column: name for name, column in FIELD_COLUMNS.items()}
YES = {"ja", "j", "yes", "y", "1", "true"}
NO = {"nee", "n", "no", "0", "false", ""}


@dataclass(frozen=True)
class Report:
    month: date
    offer_kind: str
    measured_on: date
    intake_weeks: Decimal
    treatment_weeks: Decimal
    waiting_count: int
    beds_free: int | None
    beds_total: int | None
    paused: bool


@dataclass(frozen=True)
class RowError:
    row: int | None  # the line in the file (the header is line 1); None: the file as a whole
    column: str
    message: str

    def __str__(self):
        where = f"Regel {self.row}" if self.row else "Bestand"
        return f"{where}{', ' + self.column if self.column else ''}: {self.message}"


def parse_month(text: str) -> date | None:
    text = (text or "").strip()
    year, _sep, month = text.partition("-")
    if len(year) == 4 and year.isdigit() and month.isdigit() and 1 <= int(month) <= 12 and len(month) <= 2:
        return date(int(year), int(month), 1)
    return None


def parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        return None


def parse_weeks(text: str) -> Decimal | None:
    text = (text or "").strip().replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if not value.is_finite() or value < 0 or value > MAX_WEEKS or value != value.quantize(Decimal("0.1")):
        return None
    return value.quantize(Decimal("0.1"))


def parse_count(text: str) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() and len(text) <= 6 else None


def check_report(values: dict, *, offer_kinds: set[str], today: date) -> tuple[Report | None, list[tuple[str, str]]]:
    """One report from text values (the CSV's column names); (report, []) or (None, [(column, message), ...])."""
    errors: list[tuple[str, str]] = []
    month = parse_month(values.get("maand", ""))
    if month is None:
        errors.append(("maand", "Vul de maand in als JJJJ-MM, bijvoorbeeld 2026-11."))
    elif month > today.replace(day=1):
        errors.append(("maand", "De maand ligt in de toekomst."))
    offer_kind = (values.get("aanbod") or "").strip() or "treatment"
    if offer_kind not in offer_kinds:
        errors.append(("aanbod", f"De afdeling heeft geen aanbod '{offer_kind}'. Kies uit: {', '.join(sorted(offer_kinds))}."))
    measured_on = parse_date(values.get("meetdatum", ""))
    if measured_on is None:
        errors.append(("meetdatum", "Vul de meetdatum in als JJJJ-MM-DD."))
    elif measured_on > today:
        errors.append(("meetdatum", "De meetdatum ligt in de toekomst."))
    elif month is not None and measured_on < month:
        errors.append(("meetdatum", "De meetdatum ligt vóór de maand waarover u rapporteert."))
    weeks = {}
    for column in ("weken_tot_intake", "weken_tot_behandeling"):
        weeks[column] = parse_weeks(values.get(column, ""))
        if weeks[column] is None:
            errors.append((column, "Vul een aantal weken in van 0 tot 99,9, met hoogstens één decimaal."))
    waiting_count = parse_count(values.get("wachtenden", ""))
    if waiting_count is None:
        errors.append(("wachtenden", "Vul het aantal wachtenden in als heel getal (0 of meer)."))
    free_text, total_text = (values.get("bedden_vrij") or "").strip(), (values.get("bedden_totaal") or "").strip()
    beds_free = beds_total = None
    if free_text or total_text:
        beds_free, beds_total = parse_count(free_text), parse_count(total_text)
        if beds_free is None or beds_total is None:
            errors.append(("bedden_vrij", "Vul vrije bedden én bedden totaal in als hele getallen, of laat beide leeg."))
        elif beds_free > beds_total:
            errors.append(("bedden_vrij", "Er zijn meer vrije bedden dan bedden in totaal."))
    pause_text = (values.get("aanmeldpauze") or "").strip().lower()
    if pause_text not in YES | NO:
        errors.append(("aanmeldpauze", "Vul ja of nee in."))
    if errors:
        return None, errors
    return Report(
        month, offer_kind, measured_on, weeks["weken_tot_intake"], weeks["weken_tot_behandeling"], waiting_count,
        beds_free, beds_total, pause_text in YES,
    ), []


def read_csv(content: bytes, *, offer_kinds: set[str], today: date) -> tuple[list[Report], list[RowError]]:
    """Every row of an upload checked; any error means no reports."""
    if len(content) > MAX_BYTES:
        return [], [RowError(None, "", f"Het bestand is groter dan {MAX_BYTES // 1000} kB.")]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [RowError(None, "", "Het bestand is geen UTF-8-tekst. Sla het op als CSV (UTF-8).")]
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        return [], [RowError(1, "", f"Deze kolommen ontbreken: {', '.join(missing)}.")]
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        return [], [RowError(1, "", f"Onbekende kolommen: {', '.join(unknown)}.")]
    reader.fieldnames = header
    rows: list[tuple[int, dict]] = []
    errors: list[RowError] = []
    for number, row in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            return [], [RowError(None, "", f"Het bestand heeft meer dan {MAX_ROWS} regels.")]
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue
        if None in row:
            errors.append(RowError(number, "", "Deze regel heeft meer velden dan de kopregel."))
            continue
        rows.append((number, row))
    reports, row_errors = check_rows(rows, offer_kinds=offer_kinds, today=today, where="regel")
    errors.extend(row_errors)
    if not reports and not errors:
        errors.append(RowError(None, "", "Het bestand bevat geen rapportages."))
    return ([], errors) if errors else (reports, [])


def check_rows(rows, *, offer_kinds: set[str], today: date, where: str) -> tuple[list[Report], list[RowError]]:
    """Numbered rows of text values (CSV columns) checked by ``check_report``, and no month and offer
    twice; (reports, errors). `where` names a row in the duplicate message ("regel", "rapportage")."""
    reports: list[Report] = []
    errors: list[RowError] = []
    seen: dict[tuple, int] = {}
    for number, row in rows:
        report, problems = check_report(row, offer_kinds=offer_kinds, today=today)
        errors.extend(RowError(number, column, message) for column, message in problems)
        if report is not None:
            key = (report.month, report.offer_kind)
            if key in seen:
                errors.append(RowError(number, "maand", f"Deze maand en dit aanbod staan ook op {where} {seen[key]}."))
            else:
                seen[key] = number
                reports.append(report)
    return reports, errors


def _text(value) -> str:
    """A JSON value as the text a CSV cell would hold (numbers as written, true/false as ja/nee)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (int, float, str)):
        return str(value)
    return "?"  # an object or a list: no rule accepts it, so the field's own message is given


def read_json(data, *, offer_kinds: set[str], today: date) -> tuple[list[Report], list[RowError]]:
    """Reports from parsed JSON: one object or a list of them (all or nothing). Errors name the
    field (FIELD_COLUMNS' names) in ``column`` and the item (0-based; None for a single object) in ``row``."""
    single = isinstance(data, dict)
    items = [data] if single else data
    if not isinstance(items, list):
        return [], [RowError(None, "", "Stuur één rapportage (een object) of een lijst van rapportages.")]
    if not items:
        return [], [RowError(None, "", "De lijst bevat geen rapportages.")]
    if len(items) > MAX_ROWS:
        return [], [RowError(None, "", f"Stuur hoogstens {MAX_ROWS} rapportages tegelijk.")]
    rows: list[tuple[int | None, dict]] = []
    errors: list[RowError] = []
    for index, item in enumerate(items):
        number = None if single else index
        if not isinstance(item, dict):
            errors.append(RowError(number, "", "Een rapportage is een object met velden."))
            continue
        unknown = sorted(str(name) for name in item if name not in FIELD_COLUMNS)
        for name in unknown:
            errors.append(RowError(number, name, f"Onbekend veld. Bekend zijn: {', '.join(FIELD_COLUMNS)}."))
        rows.append((number, {FIELD_COLUMNS[name]: _text(value) for name, value in item.items() if name in FIELD_COLUMNS}))
    reports, row_errors = check_rows(rows, offer_kinds=offer_kinds, today=today, where="rapportage")
    errors.extend(
        RowError(error.row, COLUMN_FIELDS.get(error.column, error.column), error.message) for error in row_errors
    )
    return ([], errors) if errors else (reports, [])


def template_csv() -> str:
    return ";".join(COLUMNS) + "\r\n" + "2026-11;treatment;2026-11-30;5,5;8;42;3;20;nee\r\n"
