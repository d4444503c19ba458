"""import_register() and export_register(): the whole register in and out."""

from __future__ import annotations

import csv
import io
import zipfile

import tablib
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Font

from .files import read_uploads
from .report import ImportReport, KindCounts, RowError
from .resources import REQUIRED_MESSAGE, RESOURCES, RegisterResource

REQUIRED_CODES = {"blank", "null", "required"}
EXPORT_FORMATS = ("xlsx", "csv")


def import_register(files, *, kind: str | None = None, user=None, dry_run: bool = False) -> ImportReport:
    """Import register files all-or-nothing and report what happened.

    `files`: {kind: (file name, bytes)}, a list of (file name, bytes), or a
    list of uploaded files. `kind` names the kind of a single CSV file whose
    name does not say it. Every sheet is imported inside one transaction, in
    the order instellingen, afdelingen, locaties, aanbod, exclusiecriteria,
    so a row may refer to rows created earlier in the same import. If any
    row has an error, or on a dry run, the transaction is rolled back and
    nothing is saved. `user` is recorded in the change history.
    """
    report = ImportReport(dry_run=dry_run)
    with translation.override("nl"):
        sheets = read_uploads(files, kind=kind, errors=report.errors)
        if report.errors:
            return report
        with transaction.atomic():
            failed_rows: dict[str, dict[str, str]] = {}
            for sheet_kind, resource_class in RESOURCES.items():
                if sheet_kind in sheets:
                    import_sheet(resource_class, sheets[sheet_kind], user, report, failed_rows)
            if dry_run or report.errors:
                transaction.set_rollback(True)
    return report


def import_sheet(resource_class: type[RegisterResource], sheet, user, report: ImportReport, failed_rows: dict) -> None:
    """Import one sheet inside the caller's transaction; add its counts and errors to the report.

    `failed_rows` collects, per sheet, the keys of rows with errors, so that a
    later sheet referring to such a row says so instead of "unknown".
    """
    columns = resource_class.columns()
    dataset = tablib.Dataset(headers=columns)
    for _, cells in sheet.rows:
        dataset.append([cells.get(name, "") for name in columns])
    resource = resource_class(user=user, source=sheet.source, row_numbers=[number for number, _ in sheet.rows])
    resource.set_failed_rows(failed_rows)
    result = resource.import_data(dataset, dry_run=False, use_transactions=True, raise_errors=False)
    report.counts[sheet.kind] = KindCounts(
        created=result.totals["new"], updated=result.totals["update"], unchanged=result.totals["skip"]
    )
    errors = sorted(result_errors(resource, sheet.source, result), key=lambda e: (e.row or 0, columns_index(columns, e)))
    report.errors.extend(errors)
    failed_rows[sheet.kind] = failed_keys(resource_class, sheet, {error.row for error in errors})


def failed_keys(resource_class: type[RegisterResource], sheet, bad_rows: set) -> dict[str, str]:
    key_column = resource_class.key_column()
    if key_column is None:
        return {}
    return {
        str(cells.get(key_column, "")).strip().casefold(): f"{sheet.source}, rij {number}"
        for number, cells in sheet.rows
        if number in bad_rows
    }


def columns_index(columns: list[str], error: RowError) -> int:
    return columns.index(error.column) if error.column in columns else -1


def result_errors(resource: RegisterResource, source: str, result):
    """RowErrors from an import_export Result: invalid rows, failed rows, file-level errors."""
    column_of = {field.attribute: field.column_name for field in resource.get_import_fields()}
    for invalid in result.invalid_rows:
        row = resource.sheet_row(invalid.number)
        error = invalid.error
        error_dict = error.error_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.error_list}
        for attribute, errors in error_dict.items():
            for error in errors:
                yield RowError(source, row, column_of.get(attribute, ""), message_text(error))
    for error_row in result.error_rows:
        for error in error_row.errors:
            yield RowError(
                source, resource.sheet_row(error_row.number), "", f"Deze regel kon niet worden opgeslagen: {error.error}"
            )
    for error in result.base_errors:
        yield RowError(source, None, "", f"Dit bestand kon niet worden ingelezen: {error.error}")


def message_text(error) -> str:
    if error.code in REQUIRED_CODES:
        return REQUIRED_MESSAGE
    return " ".join(error.messages)


# --- export ------------------------------------------------------------------------------


def export_datasets() -> dict[str, tablib.Dataset]:
    with translation.override("nl"):
        return {sheet: resource_class().export() for sheet, resource_class in RESOURCES.items()}


def export_register(format: str = "xlsx") -> bytes:
    """The whole register as an XLSX workbook, or (format='csv') a ZIP with one CSV per kind."""
    if format not in EXPORT_FORMATS:
        raise ValueError(f"Unknown export format {format!r}; use one of {EXPORT_FORMATS}.")
    datasets = export_datasets()
    return workbook_bytes(datasets) if format == "xlsx" else csv_zip_bytes(datasets)


def workbook_bytes(datasets: dict[str, tablib.Dataset]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, dataset in datasets.items():
        worksheet = workbook.create_sheet(title)
        worksheet.append(dataset.headers)
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
        worksheet.freeze_panes = "A2"
        for values in dataset:
            worksheet.append(list(values))
        for row in worksheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text stays text: a leading '=' is no formula
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def csv_zip_bytes(datasets: dict[str, tablib.Dataset]) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for title, dataset in datasets.items():
            archive.writestr(f"{title}.csv", csv_text(dataset).encode("utf-8-sig"))
    return stream.getvalue()


def csv_text(dataset: tablib.Dataset) -> str:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(dataset.headers)
    writer.writerows(["" if value is None else value for value in values] for values in dataset)
    return text.getvalue()
