"""Checking uploaded files and reading them into sheets of rows.

Only .xlsx and .csv are accepted, by extension and by content, up to
REGISTER_IMPORT_MAX_BYTES (default 5 MB) per file, with at most
REGISTER_IMPORT_MAX_ROWS rows per sheet or file and
REGISTER_IMPORT_MAX_TOTAL_ROWS in all, REGISTER_IMPORT_MAX_COLUMNS
columns and IMPORT_MAX_TEXT_CHARS characters per cell (``topggz.limits``).
An .xlsx is a ZIP archive: at most UPLOAD_MAX_ZIP_ENTRIES parts, unpacking
to at most UPLOAD_MAX_UNPACKED_BYTES (a zip bomb is refused). Sizes are checked before a
file is read, rows are counted while they are read (an .xlsx's own dimension
first), so an oversized file is refused before it is parsed whole. Every
problem is added to the `errors` list as a RowError; nothing here touches
the database.
"""

from __future__ import annotations

import csv
import datetime
import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings

from topggz import limits

from .report import RowError
from .resources import KINDS, RESOURCES

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
XLSX_REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
KIND_ALIASES = {
    "institutions": "instellingen",
    "departments": "afdelingen",
    "locations": "locaties",
    "offers": "aanbod",
    "exclusions": "exclusiecriteria",
}
FLOAT_COLUMNS = {"latitude", "longitude"}

NOT_ACCEPTED = "Dit bestandstype wordt niet geaccepteerd: alleen Excel-bestanden (.xlsx) en csv-bestanden (.csv)."
NOT_EXCEL = "Dit is geen geldig Excel-bestand (.xlsx). Sla het bestand in Excel op als 'Excel-werkmap (.xlsx)'."
NOT_UTF8 = "Dit is geen csv-bestand in UTF-8. Sla het bestand in Excel op als 'CSV UTF-8 (door komma's gescheiden)'."
NO_KIND = (
    "Uit de bestandsnaam blijkt niet welke gegevens erin staan. Noem het bestand bijvoorbeeld afdelingen.csv "
    "(een van: {kinds}) of geef de soort gegevens op."
)
KIND_FOR_ONE_CSV = "Een soort gegevens kan alleen worden opgegeven bij precies één csv-bestand."
ZERO_PADDED_COLUMNS = {"agb_code", "kvk_number"}  # Excel drops the leading 0 of a number


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes
    kind: str | None = None


@dataclass
class Sheet:
    """The data rows of one kind: (spreadsheet row number, {column: value})."""

    kind: str
    source: str
    rows: list[tuple[int, dict]] = field(default_factory=list)


def max_upload_bytes() -> int:
    return getattr(settings, "REGISTER_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " MB"


# --- turning what the caller passes into Uploads --------------------------------


def as_uploads(files, errors: list[RowError]) -> list[Upload]:
    """Accept {kind: (name, bytes)}, [(name, bytes)], or uploaded files (name, size, read())."""
    if isinstance(files, dict):
        return [Upload(name, bytes(content), kind_from_name(kind)) for kind, (name, content) in files.items()]
    uploads = []
    for item in files:
        if isinstance(item, (tuple, list)):
            uploads.append(Upload(str(item[0]), bytes(item[1])))
            continue
        name = PurePath(item.name).name
        if getattr(item, "size", 0) > max_upload_bytes():
            errors.append(too_large(name, item.size))
            continue
        uploads.append(Upload(name, item.read()))
    return uploads


def too_large(name: str, size: int) -> RowError:
    return RowError(
        name, None, "", f"Het bestand is te groot ({megabytes(size)}); het maximum is {megabytes(max_upload_bytes())}."
    )


# --- reading -------------------------------------------------------------------------


def read_uploads(files, *, kind: str | None = None, errors: list[RowError]) -> dict[str, Sheet]:
    """All sheets in the files, by kind. `kind` names the kind of a single CSV file."""
    uploads = as_uploads(files, errors)
    if kind is not None:
        kind = kind_from_name(kind)
        if kind is None or len(uploads) != 1:
            errors.append(RowError("", None, "", kind_option_problem(kind)))
            return {}
        uploads = [Upload(uploads[0].name, uploads[0].content, kind)]
    sheets: dict[str, Sheet] = {}
    for upload in uploads:
        for sheet in read_upload(upload, errors):
            if sheet.kind in sheets:
                first = sheets[sheet.kind].source
                message = f"Er zijn twee bronnen voor {sheet.kind}: {first} en {sheet.source}. Lever er één aan."
                errors.append(RowError(sheet.source, None, "", message))
            else:
                sheets[sheet.kind] = sheet
    total = sum(len(sheet.rows) for sheet in sheets.values())
    if limits.over(total, "REGISTER_IMPORT_MAX_TOTAL_ROWS"):
        sources = ", ".join(sheet.source for sheet in sheets.values())
        errors.append(RowError(sources, None, "", limits.too_many("De import", total, "REGISTER_IMPORT_MAX_TOTAL_ROWS", "gegevensrijen") + ". Importeer in delen."))
        return {}
    if not uploads and not errors:
        errors.append(RowError("", None, "", "Kies een .xlsx-bestand of een of meer .csv-bestanden."))
    elif not sheets and not errors:
        errors.append(RowError(", ".join(u.name for u in uploads), None, "", "Er staan geen gegevens in."))
    return sheets


def kind_option_problem(kind: str | None) -> str:
    if kind is None:
        return f"Onbekende soort. Kies uit: {', '.join(KINDS)}."
    return KIND_FOR_ONE_CSV


def read_upload(upload: Upload, errors: list[RowError]) -> list[Sheet]:
    extension = PurePath(upload.name).suffix.lower()
    if extension not in (".xlsx", ".csv"):
        errors.append(RowError(upload.name, None, "", NOT_ACCEPTED))
        return []
    if len(upload.content) > max_upload_bytes():
        errors.append(too_large(upload.name, len(upload.content)))
        return []
    if extension == ".xlsx":
        return read_xlsx(upload, errors)
    return read_csv(upload, errors)


def kind_from_name(name: str) -> str | None:
    """'afdelingen', 'register-afdelingen (2)' or 'departments' -> 'afdelingen'."""
    words = re.findall(r"[a-z]+", name.lower())
    found = {KIND_ALIASES.get(word, word) for word in words} & set(KINDS)
    return found.pop() if len(found) == 1 else None


# --- XLSX ------------------------------------------------------------------------------


def read_xlsx(upload: Upload, errors: list[RowError]) -> list[Sheet]:
    problem = xlsx_problem(upload.content)
    if problem:
        errors.append(RowError(upload.name, None, "", problem))
        return []
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(upload.content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a damaged file
        errors.append(RowError(upload.name, None, "", "Het Excel-bestand kan niet worden gelezen; is het beschadigd?"))
        return []
    sheets = []
    try:
        for worksheet in workbook.worksheets:
            title = worksheet.title.strip()
            declared = declared_rows(worksheet)
            # Read every row the sheet holds, not only those its <dimension> admits to (openpyxl's read-only
            # mode would silently stop there); limited_rows stops at the row limit either way.
            worksheet.reset_dimensions()
            rows = limited_rows(title, worksheet.iter_rows(values_only=True), errors, declared=declared)
            if rows is None:
                continue
            sheet = build_sheet(title, kind_from_sheet_title(worksheet.title), rows, errors)
            if sheet is not None:
                sheets.append(sheet)
    except Exception:  # a damaged sheet part shows only while its rows are read
        errors.append(RowError(upload.name, None, "", "Het Excel-bestand kan niet worden gelezen; is het beschadigd?"))
        return []
    finally:
        workbook.close()
    return sheets


def declared_rows(worksheet) -> int | None:
    """The number of rows the sheet says it has (its <dimension>), without reading them; None if unknown."""
    try:
        return worksheet.max_row
    except Exception:  # noqa: BLE001 - a missing or malformed dimension is not an error in itself
        return None


def limited_rows(source: str, records, errors: list[RowError], declared: int | None = None) -> list[tuple[int, list]] | None:
    """(row number, values) for every row, or None with an error when there are more rows or columns than allowed.

    Counting stops at the limit: a sheet that declares (or turns out to have) more rows is not read further.
    """
    max_rows = limits.limit("REGISTER_IMPORT_MAX_ROWS") + 1  # the header row does not count
    max_columns = limits.limit("REGISTER_IMPORT_MAX_COLUMNS")
    if declared is not None and declared > max_rows:
        errors.append(RowError(source, None, "", too_many_rows(source, declared - 1, exact=True)))
        return None
    rows = []
    for number, values in enumerate(records, 1):
        values = list(values)
        width = used_width(values)
        if width > max_columns:
            message = limits.too_many(f"Rij {number} van {source}", width, "REGISTER_IMPORT_MAX_COLUMNS", "kolommen") + "."
            errors.append(RowError(source, number, "", message))
            return None
        if number > max_rows and (width or number > 2 * max_rows):  # empty rows too, but only far past the limit
            errors.append(RowError(source, None, "", too_many_rows(source, number - 1, exact=False)))
            return None
        rows.append((number, values[:width]))
    return rows


def too_many_rows(source: str, found: int, *, exact: bool) -> str:
    maximum = limits.number(limits.limit("REGISTER_IMPORT_MAX_ROWS"))
    counted = limits.number(found) if exact else f"meer dan {maximum}"
    return f"{source} bevat {counted} gegevensrijen; de grens is {maximum} (REGISTER_IMPORT_MAX_ROWS). Splits het bestand."


def used_width(values: list) -> int:
    """The number of columns up to the last non-empty cell (Excel pads rows with empty cells)."""
    for index in range(len(values) - 1, -1, -1):
        value = values[index]
        if value is not None and str(value).strip() != "":
            return index + 1
    return 0


def xlsx_problem(content: bytes) -> str | None:
    """Why the bytes are not an OOXML workbook (or are a zip bomb); None when fine."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            unpacked = sum(info.file_size for info in infos)
    except (zipfile.BadZipFile, ValueError):
        return NOT_EXCEL
    if limits.over(len(infos), "UPLOAD_MAX_ZIP_ENTRIES"):
        return limits.too_many("Het Excel-bestand", len(infos), "UPLOAD_MAX_ZIP_ENTRIES", "onderdelen") + "."
    if not all(part in names for part in XLSX_REQUIRED_PARTS):
        return NOT_EXCEL
    if limits.over(unpacked, "UPLOAD_MAX_UNPACKED_BYTES"):
        maximum = limits.megabytes(limits.limit("UPLOAD_MAX_UNPACKED_BYTES"))
        return f"Het Excel-bestand is uitgepakt {limits.megabytes(unpacked)}; de grens is {maximum} (UPLOAD_MAX_UNPACKED_BYTES)."
    return None


def kind_from_sheet_title(title: str) -> str | None:
    key = title.strip().lower()
    return KIND_ALIASES.get(key, key) if KIND_ALIASES.get(key, key) in KINDS else None


# --- CSV ----------------------------------------------------------------------------------


def read_csv(upload: Upload, errors: list[RowError]) -> list[Sheet]:
    try:
        text = upload.content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text:
        errors.append(RowError(upload.name, None, "", NOT_UTF8))
        return []
    kind = upload.kind or kind_from_name(PurePath(upload.name).stem)
    if kind is None:
        errors.append(RowError(upload.name, None, "", NO_KIND.format(kinds=", ".join(KINDS))))
        return []
    records = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        rows = limited_rows(upload.name, records, errors)
    except csv.Error as error:
        errors.append(RowError(upload.name, None, "", f"Het csv-bestand kan niet worden gelezen: {error}."))
        return []
    if rows is None:
        return []
    sheet = build_sheet(upload.name, kind, rows, errors)
    return [sheet] if sheet is not None else []


def sniff_delimiter(text: str) -> str:
    """';' (Dutch Excel) or ',', whichever the header line uses more."""
    header = text.lstrip().split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


# --- shared: header check and cell values ----------------------------------------------------


def build_sheet(source: str, kind: str | None, rows: list[tuple[int, list]], errors: list[RowError]) -> Sheet | None:
    """Check the header row and turn the data rows into {column: value}; None for an unusable sheet."""
    rows = [(number, values) for number, values in rows if not is_empty(values)]
    if kind is None:
        if rows:
            errors.append(RowError(source, None, "", f"Onbekend tabblad. Gebruik de tabbladen {', '.join(KINDS)}."))
        return None
    if not rows or rows[0][0] != 1:
        errors.append(RowError(source, 1, "", "De eerste rij moet de kolomnamen bevatten."))
        return None
    headers = [header_name(cell) for cell in rows[0][1]]
    if not headers_ok(source, kind, headers, errors):
        return None
    sheet = Sheet(kind, source)
    max_chars = limits.limit("IMPORT_MAX_TEXT_CHARS")
    before = len(errors)
    for number, values in rows[1:]:
        cells = {name: cell_value(name, value) for name, value in zip(headers, values) if name}
        for name, value in cells.items():
            if isinstance(value, str) and len(value) > max_chars:
                message = f"De cel is {limits.number(len(value))} tekens lang; de grens is {limits.number(max_chars)} (IMPORT_MAX_TEXT_CHARS)."
                errors.append(RowError(source, number, name, message))
        sheet.rows.append((number, cells))
    return sheet if len(errors) == before else None


def headers_ok(source: str, kind: str, headers: list[str], errors: list[RowError]) -> bool:
    resource = RESOURCES[kind]
    known = resource.columns()
    before = len(errors)
    for name in headers:
        if name and name not in known:
            errors.append(RowError(source, 1, name, f"Onbekende kolom '{name}'. Toegestaan: {', '.join(known)}."))
        elif name and headers.count(name) > 1:
            errors.append(RowError(source, 1, name, f"De kolom '{name}' staat er meer dan één keer in."))
    for name in resource.required_columns():
        if name not in headers:
            errors.append(RowError(source, 1, name, f"De kolom '{name}' ontbreekt."))
    return len(errors) == before


def header_name(cell) -> str:
    """'Target groups ' -> 'target_groups'."""
    return re.sub(r"\s+", "_", str(cell or "").strip().lower())


def is_empty(values) -> bool:
    return all(value is None or str(value).strip() == "" for value in values)


def cell_value(column: str, value):
    """A cell as text, except dates (date) and coordinates (number)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)  # text, so the column's own check refuses it ('nan' is no number, code or date)
    if isinstance(value, (int, float)):
        return number_text(column, value)
    return str(value).strip()


def number_text(column: str, value):
    if column in FLOAT_COLUMNS:
        return value
    if isinstance(value, float) and not value.is_integer():
        return repr(value)
    if column in ZERO_PADDED_COLUMNS and 0 <= value < 10**8:
        return f"{int(value):08d}"
    return str(int(value))
