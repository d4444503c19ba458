"""Waiting times as the public sees them (pure: no database).

A department reports its waiting times monthly (insight.CapacityReport); the latest
figures of its treatment offer are copied onto the department (Department.waiting_*),
and these rules decide how they are shown:

- **Actueel**: a figure is current for two months after its measurement date; after
  that it shows as "niet actueel" (the figure is still shown, with its date).
- **Treeknorm** (the Dutch norm for mental health care): at most 4 weeks from
  registration to intake, at most 10 weeks from intake to treatment, at most 14 weeks
  in all. Each figure is compared with its norm in plain words.
- **Trend**: the last months' total waiting time as a line chart with the 14-week norm
  (``Trend.chart``, drawn by topggz.charts when insight's image view is asked for it; the page
  shows it as <img> with the numbers as a table).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from topggz.charts import LineChart

CURRENT_MONTHS = 2
NORM_INTAKE = 4
NORM_TREATMENT = 10
NORM_TOTAL = 14
TREND_MONTHS = 12


def is_current(measured_on: date | None, today: date) -> bool:
    """A figure is current up to and including two months after its measurement date."""
    return measured_on is not None and today <= measured_on + relativedelta(months=CURRENT_MONTHS)


def _weeks(value) -> str:
    """12.0 -> "12", 4.5 -> "4,5" (a decimal comma in Dutch, a point in English)."""
    number = Decimal(str(value)).quantize(Decimal("0.1"))
    text = f"{number:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if (get_language() or "nl").startswith("nl") else text


def _weeks_phrase(value) -> str:
    text = _weeks(value)
    return ngettext("%(weeks)s week", "%(weeks)s weken", 1 if text == "1" else 2) % {"weeks": text}


def compare(value, norm: int) -> str:
    """How a waiting time relates to its norm, in plain words."""
    value = Decimal(str(value))
    difference = value - norm
    if difference > 0:
        return _("%(difference)s langer dan de norm van %(norm)s weken") % {
            "difference": _weeks_phrase(difference), "norm": norm
        }
    if difference == 0:
        return _("precies de norm van %(norm)s weken") % {"norm": norm}
    return _("binnen de norm van %(norm)s weken") % {"norm": norm}


def within(value, norm: int) -> bool:
    return Decimal(str(value)) <= norm


@dataclass(frozen=True)
class WaitingLine:
    label: str
    weeks: str  # "6 weken"
    comparison: str  # "2 weken langer dan de norm van 4 weken"
    within_norm: bool


@dataclass(frozen=True)
class TrendPoint:
    month: str  # "2026-10"
    intake: str
    treatment: str
    total: str


@dataclass(frozen=True)
class Trend:
    points: tuple[TrendPoint, ...]
    description: str
    chart: LineChart


@dataclass(frozen=True)
class WaitingFigures:
    lines: tuple[WaitingLine, ...]
    measured_on: date
    current: bool
    trend: Trend | None


def figures(intake, treatment, measured_on: date | None, trend_rows=(), *, today: date) -> WaitingFigures | None:
    """What the department page and a result card show; None when nothing was reported."""
    if not _reported(intake, treatment, measured_on):
        return None
    total = Decimal(str(intake)) + Decimal(str(treatment))
    lines = (
        WaitingLine(_("Tot intake"), _weeks_phrase(intake), compare(intake, NORM_INTAKE), within(intake, NORM_INTAKE)),
        WaitingLine(_("Van intake tot behandeling"), _weeks_phrase(treatment), compare(treatment, NORM_TREATMENT),
                    within(treatment, NORM_TREATMENT)),
        WaitingLine(_("In totaal"), _weeks_phrase(total), compare(total, NORM_TOTAL), within(total, NORM_TOTAL)),
    )
    return WaitingFigures(lines, measured_on, is_current(measured_on, today), trend(trend_rows))


def _reported(intake, treatment, measured_on) -> bool:
    return measured_on is not None and intake is not None and treatment is not None


def department_trend(department) -> Trend | None:
    """The trend the department page shows (None when it shows none)."""
    if not _reported(department.waiting_intake_weeks, department.waiting_treatment_weeks, department.waiting_measured_on):
        return None
    return trend(department.waiting_trend or ())


def trend(rows) -> Trend | None:
    """The total waiting time per month (two months or more; the last twelve), as a table's points and
    a line chart with the 14-week norm. `rows`: [month "YYYY-MM", intake, treatment]."""
    rows = [row for row in rows if len(row) == 3][-TREND_MONTHS:]
    if len(rows) < 2:
        return None
    totals = [Decimal(str(row[1])) + Decimal(str(row[2])) for row in rows]
    points = tuple(
        TrendPoint(row[0], _weeks(row[1]), _weeks(row[2]), _weeks(total)) for row, total in zip(rows, totals)
    )
    first, last = points[0], points[-1]
    description = _(
        "Totale wachttijd per maand van %(first_month)s (%(first)s weken) tot %(last_month)s (%(last)s weken); "
        "de norm is %(norm)s weken."
    ) % {"first_month": first.month, "first": first.total, "last_month": last.month, "last": last.total, "norm": NORM_TOTAL}
    chart = LineChart(
        title=_("Verloop van de totale wachttijd"),
        description=description,
        points=tuple((row[0], float(total)) for row, total in zip(rows, totals)),
        y_label=_("weken"),
        line_label=_("Totale wachttijd"),
        norm=float(NORM_TOTAL),
        norm_label=_("Norm: %(norm)s weken") % {"norm": NORM_TOTAL},
        lang=(get_language() or "nl")[:2],
    )
    return Trend(points, description, chart)
