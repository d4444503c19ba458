"""Tables and their exports (pure): every table a page shows is a ``Table``, and the same object is
written as CSV or XLSX, so an export always has the numbers of the page.

Counts pass through ``count_cell`` which hides 1 to 4 as "<5" in public output
(triage.rules.disclosure, the platform's one rule for small numbers).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from triage.rules.disclosure import protect


@dataclass(frozen=True)
class Table:
    slug: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple, ...]  # cells: str, int, float or None (shown as "–")
    numeric: frozenset[int] = field(default_factory=frozenset)  # column indexes right-aligned
    caption: str = ""

    def text_rows(self):
        return [[cell_text(cell) for cell in row] for row in self.rows]


def cell_text(cell) -> str:
    if cell is None:
        return "–"
    if isinstance(cell, float):
        return f"{cell:.1f}".replace(".", ",")
    return str(cell)


def count_cell(value: int, *, hide: bool):
    """A count as shown: the number, or "<5" when small and hidden."""
    shown = protect(int(value), hide=hide)
    return shown.value if not shown.hidden else shown.text


def percent(share: float) -> float:
    return round(100 * share, 1)


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow(["" if cell is None else (f"{cell}".replace(".", ",") if isinstance(cell, float) else cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(table: Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = table.slug[:31]
    sheet.append(list(table.headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([cell for cell in row])
    for index, header in enumerate(table.headers, start=1):
        width = max([len(str(header))] + [len(cell_text(row[index - 1])) for row in table.rows[:500]])
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = min(60, width + 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
