"""Import and export of the complaints vocabulary (register.models.ComplaintTerm) as CSV or XLSX.

Format: one CSV file (any name) or an Excel workbook whose first sheet (or a sheet named
``klachtenwoorden``) has the header row ``term, language, target_groups``:

``term``
    the lay word or phrase as people type it ("stemmen horen", "panic attacks"); at most 100
    characters; the key: a row whose term exists (ignoring case) updates it.
``language``
    ``nl`` or ``en`` (also Nederlands / Engels); empty = nl.
``target_groups``
    ``code=weight;code=weight``, e.g. ``psychose=1.0;psychotrauma=0.4``: target-group codes with
    a weight above 0 and at most 1 (a decimal comma is fine; a code without a weight weighs 1).
    The row gives the term's whole list: groups left out are unlinked.

The same rules as the register import (register.importexport): only .xlsx and .csv, the same size,
row, column and cell limits; UTF-8 with ',' or ';'; all or nothing (one bad row and nothing is
saved; the report names the file, the row number with the header as row 1, the column and the
reason); rows are created or updated, never deleted; a dry run saves nothing. The export writes
the same format, so export, edit and import round-trips.

Writing goes through the models, so the finder's index stamp changes with every saved row
(register.signals): the next search reads the new vocabulary.
"""

from __future__ import annotations

import csv
import io
from pathlib import PurePath

from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Font

from topggz import limits

from ..models import ComplaintLink, ComplaintTerm, TargetGroup
from ..search.text import fold
from ..vocabulary import COMPLAINT_COLUMNS, format_target_group_weights, parse_target_group_weights
from .files import (
    NOT_ACCEPTED,
    NOT_UTF8,
    Upload,
    as_uploads,
    cell_value,
    header_name,
    is_empty,
    limited_rows,
    max_upload_bytes,
    sniff_delimiter,
    too_large,
    xlsx_problem,
)
from .report import ImportReport, KindCounts, RowError

KIND = "klachtenwoorden"
LANGUAGES = {"nl": "nl", "nederlands": "nl", "dutch": "nl", "en": "en", "engels": "en", "english": "en", "": "nl"}
MAX_TERM_LENGTH = ComplaintTerm._meta.get_field("term").max_length
EXPORT_FORMATS = ("xlsx", "csv")


def import_complaints(files, *, dry_run: bool = False) -> ImportReport:
    """Import one complaints file all-or-nothing; `files`: [(name, bytes)] or uploaded files."""
    report = ImportReport(dry_run=dry_run)
    uploads = as_uploads(files, report.errors)
    if report.errors:
        return report
    if len(uploads) != 1:
        report.errors.append(RowError("", None, "", "Kies één .xlsx- of .csv-bestand met klachtenwoorden."))
        return report
    source, rows = read_rows(uploads[0], report.errors)
    if report.errors:
        return report
    if not rows:
        report.errors.append(RowError(source, None, "", "Er staan geen gegevens in."))
        return report
    groups = {group.code: group for group in TargetGroup.objects.all()}
    checked = [check_row(source, number, cells, groups, report.errors) for number, cells in rows]
    duplicates(source, rows, report.errors)
    if report.errors:
        return report
    counts = report.counts.setdefault(KIND, KindCounts())
    with transaction.atomic():
        for term, language, weights in checked:
            save_row(term, language, weights, groups, counts)
        if dry_run:
            transaction.set_rollback(True)
    return report


# --- reading -----------------------------------------------------------------------------------


def read_rows(upload: Upload, errors: list[RowError]) -> tuple[str, list[tuple[int, dict]]]:
    """(source, [(row number, {column: text})]) of the file's data rows; problems go to `errors`."""
    extension = PurePath(upload.name).suffix.lower()
    if extension not in (".xlsx", ".csv"):
        errors.append(RowError(upload.name, None, "", NOT_ACCEPTED))
        return upload.name, []
    if len(upload.content) > max_upload_bytes():
        errors.append(too_large(upload.name, len(upload.content)))
        return upload.name, []
    if extension == ".xlsx":
        source, records = xlsx_records(upload, errors)
    else:
        source, records = csv_records(upload, errors)
    if records is None:
        return source, []
    return source, table(source, records, errors)


def csv_records(upload: Upload, errors: list[RowError]):
    try:
        text = upload.content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text:
        errors.append(RowError(upload.name, None, "", NOT_UTF8))
        return upload.name, None
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
        return upload.name, limited_rows(upload.name, reader, errors)
    except csv.Error as error:
        errors.append(RowError(upload.name, None, "", f"Het csv-bestand kan niet worden gelezen: {error}."))
        return upload.name, None


def xlsx_records(upload: Upload, errors: list[RowError]):
    problem = xlsx_problem(upload.content)
    if problem:
        errors.append(RowError(upload.name, None, "", problem))
        return upload.name, None
    import openpyxl

    damaged = "Het Excel-bestand kan niet worden gelezen; is het beschadigd?"
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(upload.content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a damaged file
        errors.append(RowError(upload.name, None, "", damaged))
        return upload.name, None
    try:
        sheets = workbook.worksheets
        sheet = next((s for s in sheets if s.title.strip().lower() == KIND), sheets[0] if sheets else None)
        if sheet is None:
            errors.append(RowError(upload.name, None, "", "Het Excel-bestand heeft geen tabblad."))
            return upload.name, None
        sheet.reset_dimensions()
        return sheet.title.strip(), limited_rows(sheet.title.strip(), sheet.iter_rows(values_only=True), errors)
    except Exception:  # a damaged sheet part shows only while its rows are read
        errors.append(RowError(upload.name, None, "", damaged))
        return upload.name, None
    finally:
        workbook.close()


def table(source: str, records: list[tuple[int, list]], errors: list[RowError]) -> list[tuple[int, dict]]:
    """Check the header row and turn the data rows into {column: text}."""
    records = [(number, values) for number, values in records if not is_empty(values)]
    if not records or records[0][0] != 1:
        errors.append(RowError(source, 1, "", "De eerste rij moet de kolomnamen bevatten."))
        return []
    headers = [header_name(cell) for cell in records[0][1]]
    for name in headers:
        if name and name not in COMPLAINT_COLUMNS:
            errors.append(RowError(source, 1, name, f"Onbekende kolom '{name}'. Toegestaan: {', '.join(COMPLAINT_COLUMNS)}."))
        elif name and headers.count(name) > 1:
            errors.append(RowError(source, 1, name, f"De kolom '{name}' staat er meer dan één keer in."))
    for name in ("term", "target_groups"):
        if name not in headers:
            errors.append(RowError(source, 1, name, f"De kolom '{name}' ontbreekt."))
    if errors:
        return []
    max_chars = limits.limit("IMPORT_MAX_TEXT_CHARS")
    rows = []
    for number, values in records[1:]:
        cells = {name: str(cell_value(name, value)) for name, value in zip(headers, values) if name}
        for name, value in cells.items():
            if len(value) > max_chars:
                message = f"De cel is {limits.number(len(value))} tekens lang; de grens is {limits.number(max_chars)} (IMPORT_MAX_TEXT_CHARS)."
                errors.append(RowError(source, number, name, message))
        rows.append((number, cells))
    return rows


# --- checking and saving ---------------------------------------------------------------------


def check_row(source: str, number: int, cells: dict, groups: dict, errors: list[RowError]):
    """(term, language, [(code, weight)]) of one row; every problem goes to `errors`."""
    term = " ".join(cells.get("term", "").split())
    if not term:
        errors.append(RowError(source, number, "term", "Vul een woord of zin in."))
    elif len(term) > MAX_TERM_LENGTH:
        errors.append(RowError(source, number, "term", f"Ten hoogste {MAX_TERM_LENGTH} tekens ({len(term)} nu)."))
    elif not fold(term):
        errors.append(RowError(source, number, "term", "Het woord moet letters of cijfers bevatten."))
    language = LANGUAGES.get(cells.get("language", "").strip().lower())
    if language is None:
        errors.append(RowError(source, number, "language", "Kies nl of en."))
    weights = []
    try:
        weights = parse_target_group_weights(cells.get("target_groups", ""))
    except ValueError as error:
        errors.append(RowError(source, number, "target_groups", str(error)))
    unknown = [code for code, _ in weights if code not in groups]
    if unknown:
        errors.append(
            RowError(source, number, "target_groups", f"Onbekende doelgroepcode: {', '.join(unknown)}. Gebruik de codes uit de lijst met doelgroepen.")
        )
    return term, language, weights


def duplicates(source: str, rows, errors: list[RowError]) -> None:
    seen: dict[str, int] = {}
    for number, cells in rows:
        key = " ".join(cells.get("term", "").split()).lower()
        if key in seen:
            errors.append(RowError(source, number, "term", f"Dit woord staat ook in rij {seen[key]}."))
        elif key:
            seen[key] = number


def save_row(term: str, language: str, weights, groups: dict, counts: KindCounts) -> None:
    complaint = ComplaintTerm.objects.filter(term__iexact=term).first()
    wanted = {code: weight for code, weight in weights}
    if complaint is None:
        complaint = ComplaintTerm.objects.create(term=term, language=language)
        for code, weight in weights:
            ComplaintLink.objects.create(complaint=complaint, target_group=groups[code], weight=weight)
        counts.created += 1
        return
    links = {link.target_group.code: link for link in complaint.links.select_related("target_group")}
    current = {code: link.weight for code, link in links.items()}
    if complaint.term == term and complaint.language == language and current == wanted:
        counts.unchanged += 1
        return
    if (complaint.term, complaint.language) != (term, language):
        complaint.term, complaint.language = term, language
        complaint.save()
    for code, link in links.items():
        if code not in wanted:
            link.delete()
        elif link.weight != wanted[code]:
            link.weight = wanted[code]
            link.save()
    for code, weight in weights:
        if code not in links:
            ComplaintLink.objects.create(complaint=complaint, target_group=groups[code], weight=weight)
    counts.updated += 1


# --- export ----------------------------------------------------------------------------------------


def export_rows() -> list[list[str]]:
    rows = []
    links = ComplaintLink.objects.select_related("target_group").order_by("-weight", "target_group__order", "target_group__code")
    by_term: dict[int, list] = {}
    for link in links:
        by_term.setdefault(link.complaint_id, []).append((link.target_group.code, link.weight))
    for complaint in ComplaintTerm.objects.order_by("term"):
        rows.append([complaint.term, complaint.language, format_target_group_weights(by_term.get(complaint.pk, []))])
    return rows


def export_complaints(format: str = "csv") -> bytes:
    """The whole complaints vocabulary as CSV (UTF-8, ',') or as an XLSX sheet 'klachtenwoorden'."""
    if format not in EXPORT_FORMATS:
        raise ValueError(f"Unknown export format {format!r}; choose from {EXPORT_FORMATS}")
    rows = export_rows()
    if format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(COMPLAINT_COLUMNS)
        writer.writerows(rows)
        return buffer.getvalue().encode("utf-8")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = KIND
    sheet.append(list(COMPLAINT_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
