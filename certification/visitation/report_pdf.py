"""The visitation report as a PDF, in the style of the dossier's PDF export (pure; no database)."""

from __future__ import annotations

from datetime import date

from certification.exports.pdf import _new_pdf, dutch_date
from certification.format.dossier import Dossier
from certification.rules.criteria import CriteriaSetData

from .report import ReportLine, outcome

TITLE = "Visitatierapport TOPGGz-keurmerk"


def report_pdf(dossier: Dossier, criteria_set: CriteriaSetData, lines: list[ReportLine], made_on: date) -> bytes:
    pdf = _new_pdf(dossier, criteria_set)
    pdf.set_title(f"{TITLE} - {dossier.department.name}")
    pdf.add_page()
    pdf.start_section(TITLE, level=0)
    pdf.put_text(TITLE, size=22, style="B")
    pdf.ln(4)
    pdf.put_text(dossier.department.name, size=14, style="B")
    if dossier.department.institution:
        pdf.put_text(dossier.department.institution, size=12)
    pdf.ln(3)
    pdf.put_text(f"Visitatiedatum: {dutch_date(dossier.visitation_date)}")
    pdf.put_text(f"Criteriaset: {criteria_set.code} \u2013 {criteria_set.title}")
    pdf.put_text(f"Gemaakt op: {dutch_date(made_on)}")
    pdf.ln(5)
    pdf.put_label("Oordeel per criterium")
    pdf.put_table(
        ("Nr.", "Criterium", "Toetser", "Commissie"),
        [(str(line.number or "-"), line.title, line.checker_label, line.committee_label) for line in lines],
        (1, 8, 3, 3),
    )
    pdf.put_text(f"Oordeel van de commissie: {outcome(lines)}.", style="B")
    for line in lines:
        pdf.add_page()
        pdf.put_heading(f"Criterium {line.number} \u2013 {line.title}" if line.number else line.title)
        pdf.put_text(f"Oordeel van de toetser: {line.checker_label}", size=11, style="B")
        pdf.put_text(f"Oordeel van de commissie: {line.committee_label}", size=11, style="B")
        pdf.put_label("Bevinding van de commissie")
        pdf.put_paragraph(line.finding)
        if line.differs:
            pdf.put_label("Waarom de commissie afwijkt van de toetser")
            pdf.put_paragraph(line.reason)
    return bytes(pdf.output())
