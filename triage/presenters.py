"""The analysis' tables as rows of shown cells: one source for the page and the CSV exports.

Small counts are hidden (``rules.disclosure``) unless the viewer is the bureau's own staff.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .rules.analysis import agreement, summarise_scores
from .rules.disclosure import Shown, protect, protect_row, share_text
from .rules.tools import HIGH_SPECIALIST, NONE, SPECIALIST, UNDETERMINED
from .selectors import AnalysisData

RESULT_OUTCOMES = (NONE, SPECIALIST, HIGH_SPECIALIST, UNDETERMINED)
SHORT_OUTCOMES = {  # column headers; the outcomes' full names are explained above the table
    NONE: gettext_lazy("Geen"),
    SPECIALIST: gettext_lazy("Specialistisch"),
    HIGH_SPECIALIST: gettext_lazy("Hoogspecialistisch"),
    UNDETERMINED: gettext_lazy("Nog open"),
}
TABLES = ("uitkomsten", "scores", "kwartalen", "overeenstemming")


@dataclass
class Table:
    slug: str
    caption: str
    headers: list[str]
    rows: list[list[str]]
    numeric_from: int  # columns from this index on are numbers (right-aligned)
    group_by_first: bool = False  # the page shows a table per value of the first column (the CSV keeps it flat)

    @property
    def groups(self) -> list[tuple[str, list[list[str]]]]:
        found: dict[str, list[list[str]]] = {}
        for row in self.rows:
            found.setdefault(row[0], []).append(row[1:])
        return list(found.items())


def _version_label(version) -> str:
    return f"{version.name} (v{version.number})" if version is not None else "?"


def _number(value, decimals: int = 1) -> str:
    """1.5 -> '1,5' in Dutch, '1.5' in English; '' for None."""
    return "" if value is None else formats.number_format(value, decimals)


def outcomes_table(data: AnalysisData, *, hide: bool) -> Table:
    rows = []
    for (version_id, group), counts in sorted(data.outcomes.items(), key=lambda kv: (_version_label(data.versions.get(kv[0][0])), kv[0][1])):
        cells = [counts.get(outcome, 0) for outcome in RESULT_OUTCOMES]
        shown, total = protect_row(cells, sum(cells), hide=hide)
        high = shown[RESULT_OUTCOMES.index(HIGH_SPECIALIST)]
        rows.append(
            [_version_label(data.versions.get(version_id)), group or _("niet opgegeven"), total.text, *(c.text for c in shown),
             share_text(high, total)]
        )
    return Table(
        "uitkomsten",
        _("Uitkomsten van de vragenlijsten per vragenlijst en doelgroep"),
        [_("Vragenlijst"), _("Doelgroep"), _("Ingevuld"), *(str(SHORT_OUTCOMES[o]) for o in RESULT_OUTCOMES), _("Aandeel hoogspecialistisch")],
        rows,
        2,
        group_by_first=True,
    )


def scores_table(data: AnalysisData, *, hide: bool) -> Table:
    rows = []
    for (version_id, group), counts in sorted(data.scores.items(), key=lambda kv: (_version_label(data.versions.get(kv[0][0])), kv[0][1])):
        summary = summarise_scores(counts)
        total = protect(summary.count, hide=hide)
        version = data.versions.get(version_id)
        spread = ["", "", ""] if total.hidden else [str(summary.lowest), _number(summary.median), str(summary.highest)]
        per_score = [] if total.hidden else [
            f"{score}: {protect(n, hide=hide).text}" for score, n in sorted(counts.items()) if n
        ]
        rows.append([_version_label(version), group or _("niet opgegeven"), total.text, *spread, "; ".join(per_score)])
    return Table(
        "scores",
        _("Verdeling van de scores per vragenlijst en doelgroep"),
        [_("Vragenlijst"), _("Doelgroep"), _("Ingevuld"), _("Laagste"), _("Mediaan"), _("Hoogste"), _("Aantal per score")],
        rows,
        2,
        group_by_first=True,
    )


def quarters_table(data: AnalysisData, *, hide: bool) -> Table:
    rows = []
    for name, count in data.quarters:
        (high,), started = protect_row([count.high_specialist], count.started, hide=hide)
        share = share_text(high, started)
        meets = "" if not share else (_("ja") if count.high_specialist * 2 >= count.started else _("nee"))
        rows.append([name, count.label, started.text, high.text, share, meets])
    return Table(
        "kwartalen",
        _("Gestarte behandelingen en aandeel hoogspecialistisch per afdeling en kwartaal"),
        [_("Afdeling"), _("Kwartaal"), _("Gestart"), _("Hoogspecialistisch"), _("Aandeel"), _("Minstens 50%")],
        rows,
        2,
    )


def agreement_table(data: AnalysisData, *, hide: bool) -> Table:
    rows = []
    for version_id, pairs in sorted(data.agreement.items(), key=lambda kv: _version_label(data.versions.get(kv[0]))):
        table = agreement(pairs)
        cells, total = protect_row([table.both, table.tool_only, table.department_only, table.neither], table.total, hide=hide)
        agreeing = Shown(table.agreeing, str(table.agreeing)) if not any(c.hidden for c in cells) else Shown(None, "")
        kappa = "" if total.hidden or any(c.hidden for c in cells) else _number(table.kappa, 2)
        rows.append([_version_label(data.versions.get(version_id)), total.text, *(c.text for c in cells),
                     share_text(agreeing, total), kappa])
    return Table(
        "overeenstemming",
        _("Overeenstemming tussen de uitkomst van de vragenlijst en het besluit van de afdeling (hoogspecialistisch ja of nee)"),
        [_("Vragenlijst"), _("Registraties"), _("Beide ja"), _("Alleen vragenlijst ja"), _("Alleen afdeling ja"), _("Beide nee"),
         _("Overeenstemming"), _("Kappa")],
        rows,
        1,
    )


def analysis_tables(data: AnalysisData, *, hide: bool) -> list[Table]:
    return [outcomes_table(data, hide=hide), scores_table(data, hide=hide), quarters_table(data, hide=hide),
            agreement_table(data, hide=hide)]
