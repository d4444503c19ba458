"""What an import did, or why it did nothing."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RowError:
    """One problem in one cell (or row, or file) of an uploaded file.

    `source` is the CSV file name or the XLSX sheet name; `row` is the
    spreadsheet row number (the header is row 1), None for a whole file;
    `column` is the column header, '' for the whole row.
    """

    source: str
    row: int | None
    column: str
    message: str

    def __str__(self):
        where = [self.source]
        if self.row is not None:
            where.append(f"rij {self.row}")
        if self.column:
            where.append(f"kolom {self.column}")
        return f"{', '.join(where)}: {self.message}"


@dataclass
class KindCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self):
        return f"{self.created} nieuw, {self.updated} bijgewerkt, {self.unchanged} ongewijzigd"


@dataclass
class ImportReport:
    """The outcome of import_register(): counts per kind, or every error.

    When there is any error nothing was saved; a dry run never saves, and
    its counts say what an import would do.
    """

    dry_run: bool = False
    errors: list[RowError] = field(default_factory=list)
    counts: dict[str, KindCounts] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def saved(self) -> bool:
        return self.ok and not self.dry_run

    def summary_lines(self) -> list[str]:
        return [f"{kind}: {counts}" for kind, counts in self.counts.items()]

    def error_lines(self) -> list[str]:
        return [str(error) for error in self.errors]
