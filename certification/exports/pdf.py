"""The certification dossier as one PDF for the committee (pure; no database, no request).

``dossier_pdf(dossier, report, criteria_set) -> bytes`` prints a title page
with a summary of the verdicts, then one chapter per criterion in the order
of the criteria set (the general conditions first): the criterion text, its
sub-items, the checker's verdict with its reasons, the missing evidence, the
review points for the committee and the dossier records that belong to the
criterion. A last chapter lists the attachments; the files themselves go
into the ZIP (``certification.export_zip``), not into the PDF.

Which records belong to which criterion is data, in one place:
``EVIDENCE_PARTS`` (evidence key -> parts) and ``NORM_PARTS`` (norm kind ->
parts, plus ``NORM_PART_PARAMS`` for norms whose parameter names the part,
such as ``service_quarters`` with ``service: consultation``). A criterion
gets the parts its required evidence and its norms point at, in dossier
order, so a new criteria set that reuses the keys gets the same records; a
criterion whose keys are all unknown simply gets no records section.

A part that serves two criteria is printed in full under the first one
only; later criteria print "zie criterium N" instead, so the PDF stays
short and every record appears once.

Text: only fpdf2's core fonts are used (no font files to ship or find), and
they handle Latin-1 only. ``latin1()`` folds everything else: typographic
quotes and dashes, >= and <=, bullets and the euro sign by a small table,
other characters by Unicode decomposition (NFKD), and "?" for the rest.
The PDF class applies it to every string fpdf2 measures or prints, so no
input crashes the layout; words longer than a line are broken by fpdf2.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from fpdf import FPDF
from fpdf.enums import Align, VAlign, XPos, YPos
from fpdf.fonts import FontFace

from certification.rules.criteria import CriteriaSetData, CriterionData
from certification.format.dossier import (
    PHD_EQUIVALENT,
    PHD_OBTAINED,
    PUBLICATION_TYPES,
    Activity,
    ConsultationService,
    Dossier,
    Publication,
    StaffMember,
)
from certification.rules.report import EXCLUDED, FAIL, NOTE, OK, REVIEW, UNCERTAIN, CheckReport, CriterionResult

__all__ = [
    "EVIDENCE_PARTS",
    "NORM_PARTS",
    "NORM_PART_PARAMS",
    "PARTS",
    "dossier_pdf",
    "dutch_date",
    "latin1",
    "parts_for",
]

TITLE = "Dossier TOPGGz-keurmerk"
FONT = "helvetica"

# ------------------------------------------------------------------ text


_REPLACEMENTS = {
    "\u201c": '"',  # “
    "\u201d": '"',  # ”
    "\u201e": '"',  # „
    "\u201f": '"',
    "\u2033": '"',  # ″
    "\u2018": "'",  # ‘
    "\u2019": "'",  # ’
    "\u201a": "'",  # ‚
    "\u201b": "'",
    "\u2032": "'",  # ′
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",  # –
    "\u2014": "-",  # —
    "\u2015": "-",
    "\u2212": "-",  # minus sign
    "\u2026": "...",  # …
    "\u2265": ">=",  # ≥
    "\u2264": "<=",  # ≤
    "\u2260": "!=",
    "\u2248": "~",
    "\u2022": "-",  # •
    "\u2023": "-",
    "\u25e6": "-",
    "\u25aa": "-",
    "\u25cf": "-",
    "\u2043": "-",
    "\u2192": "->",
    "\u2190": "<-",
    "\u20ac": "EUR",  # €
    "\u2122": "(TM)",
    # Letters without a decomposition, common in authors' names.
    "\u0141": "L",  # Ł
    "\u0142": "l",  # ł
    "\u0110": "D",  # Đ
    "\u0111": "d",  # đ
    "\u0131": "i",  # ı
    "\u0152": "OE",  # Œ
    "\u0153": "oe",  # œ
    "\u2028": "\n",  # line separator
    "\u2029": "\n",  # paragraph separator
    "\t": " ",
    "\r": "",
}
# Characters that print as nothing: zero-width spaces and joiners, BOM, variation selectors.
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\ufe0e", "\ufe0f"}


@lru_cache(maxsize=4096)
def _fold(char: str) -> str:
    """One character as Latin-1 text (possibly several characters, possibly none)."""
    if char in _REPLACEMENTS:
        return _REPLACEMENTS[char]
    code = ord(char)
    if char == "\n" or 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xFF:
        return char
    if code < 0xA0 or char in _INVISIBLE:  # control characters (C0 and C1)
        return ""
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Cf"):  # a combining mark on its own, or a format character
        return ""
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", char) if ord(c) <= 0xFF and not unicodedata.combining(c)
    )
    return folded or "?"


def latin1(text) -> str:
    """``text`` (anything; ``None`` is "") as Latin-1 text that fpdf2's core fonts can print."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", str(text).replace("\r\n", "\n"))
    return "".join(map(_fold, text))


_MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()


def dutch_date(day: date | None) -> str:
    """``date(2022, 6, 15)`` -> "15 juni 2022"."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}" if day else "onbekend"


def short_date(day: date | None) -> str:
    """``date(2022, 6, 15)`` -> "15-06-2022" (for table cells)."""
    return day.strftime("%d-%m-%Y") if day else "onbekend"


def _period(start: date | None, end: date | None, show: Callable[[date | None], str] = short_date) -> str:
    if end is None:
        return f"sinds {show(start)}" if start else ""
    return f"{show(start) if start else '...'} t/m {show(end)}"


def _num(value: float) -> str:
    """A number the Dutch way: 0.9 -> "0,9", 32.0 -> "32"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _words(code: str) -> str:
    """A register code as words: "klinisch_psycholoog" -> "klinisch psycholoog"."""
    return (code or "").replace("_", " ")


def _join(values: Iterable[str]) -> str:
    return ", ".join(_words(v) for v in values if v)


# ------------------------------------------------------------------ layout

_MARKERS = {OK: "[+]", FAIL: "[x]", REVIEW: "[?]", EXCLUDED: "[-]", UNCERTAIN: "[~]", NOTE: "[i]"}
_MARKER_LEGEND = (
    "[+] voldoet / telt mee   [x] voldoet niet   [?] ter beoordeling door de commissie   "
    "[-] telt niet mee   [~] telt mee als de commissie het aanvaardt   [i] ter informatie"
)
LINE = 5  # mm per line of body text
_HEADINGS_STYLE = FontFace(emphasis="BOLD", fill_color=(225, 225, 225))


class _Pdf(FPDF):
    """fpdf2 with Latin-1 folding on every string, a page footer and small layout helpers."""

    def normalize_text(self, text: str) -> str:
        return super().normalize_text(latin1(text))

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FONT, "", 8)
        self.cell(0, 10, f"pagina {self.page_no()} van {{nb}}", align=Align.C)

    # Every helper leaves the cursor at the left margin under what it printed.

    def put_text(self, text: str, *, size: float = 10, style: str = "", indent: float = 0) -> None:
        self.set_font(FONT, style, size)
        self.set_x(self.l_margin + indent)
        self.multi_cell(0, LINE * size / 10, text, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def put_heading(self, text: str, *, level: int = 0) -> None:
        """A heading with an outline (bookmark) entry at ``level``."""
        size = (16, 12, 10.5)[min(level, 2)]
        if self.will_page_break(3 * LINE):
            self.add_page()
        self.ln(1 if level else 0)
        self.start_section(latin1(text), level=level)
        self.put_text(text, size=size, style="B")
        self.ln(1)

    def put_record_title(self, text: str) -> None:
        """The bold title of one record (a study, an innovation); kept on a page with its first lines."""
        if self.will_page_break(4 * LINE):
            self.add_page()
        self.ln(1)
        self.put_text(text, style="B")

    def put_label(self, text: str) -> None:
        self.ln(1.5)
        self.put_text(text, size=10, style="B")

    def put_field(self, label: str, value: str) -> None:
        """A labelled piece of free text; a blank value prints "niet ingevuld"."""
        self.put_text(label, size=9, style="B")
        self.put_paragraph(value)

    def put_item(self, marker: str, text: str, *, style: str = "", width: float = 8) -> None:
        """``text`` with a hanging indent behind ``marker`` (a sub-item code, a bullet, a reason's mark)."""
        self.set_font(FONT, style, 10)
        self.set_x(self.l_margin + 2)
        self.cell(width, LINE, marker)
        self.set_font(FONT, "", 10)
        self.multi_cell(0, LINE, text, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def put_list(self, items: Iterable[str], *, marker: str = "-") -> None:
        for item in items:
            self.put_item(marker, item, width=5)

    def put_paragraph(self, text: str) -> None:
        """Free text, or "niet ingevuld" when it is blank."""
        if (text or "").strip():
            self.put_text(text)
        else:
            self.put_empty()
        self.ln(1)

    def put_empty(self, text: str = "niet ingevuld") -> None:
        self.put_text(text, style="I")

    def put_table(self, headings: Sequence[str], rows: Iterable[Sequence[str]], widths: Sequence[float]) -> None:
        self.set_font(FONT, "", 8.5)
        with self.table(
            col_widths=tuple(widths),
            text_align=Align.L,
            v_align=VAlign.T,
            line_height=4,
            headings_style=_HEADINGS_STYLE,
            padding=1,
        ) as table:
            for cells in [headings, *rows]:
                row = table.row()
                for cell in cells:
                    row.cell(str(cell))
        self.ln(2)


# ------------------------------------------------------ parts of the dossier


@dataclass(frozen=True)
class Part:
    """A section of dossier records: its Dutch heading and how to print it."""

    heading: str
    render: Callable[[_Pdf, Dossier], None]


def _attachment_title(dossier: Dossier, attachment_id: str) -> str:
    if not attachment_id:
        return ""
    for attachment in dossier.attachments:
        if attachment.id == attachment_id:
            return attachment.title
    return f"bijlage '{attachment_id}' (niet gevonden)"


def _specialisation(pdf: _Pdf, d: Dossier) -> None:
    since = d.department.specialised_since
    pdf.put_field("Gespecialiseerd in de doelgroep sinds", dutch_date(since) if since else "")


def _self_evaluation(pdf: _Pdf, d: Dossier) -> None:
    s = d.self_evaluation
    pdf.put_field("Sterke kanten", s.strengths)
    pdf.put_field("Zwakke kanten", s.weaknesses)
    pdf.put_field("Ontwikkelpunten voor de komende vier jaar", s.development_points)


def _target_group(pdf: _Pdf, d: Dossier) -> None:
    dep = d.department
    pdf.put_field("Beschrijving van de doelgroep", dep.target_group)
    pdf.put_field("Diagnose(s)", _join(dep.diagnoses))
    pdf.put_field("Leeftijdsgroep(en)", _join(dep.age_groups))
    if dep.other_characteristics:
        pdf.put_field("Overige kenmerken", dep.other_characteristics)


def _patients_per_year(pdf: _Pdf, d: Dossier) -> None:
    rows = [(str(y.year), str(y.count)) for y in d.patients.treated_per_year]
    if not rows:
        return pdf.put_empty()
    pdf.put_table(("Jaar", "Aantal patiënten"), rows, (1, 2))


def _locations(pdf: _Pdf, d: Dossier) -> None:
    rows = [(loc.name, loc.size, _join(loc.care_functions)) for loc in d.department.locations]
    if not rows:
        return pdf.put_empty()
    pdf.put_table(("Locatie", "Omvang", "Zorgfuncties"), rows, (2, 2, 2))


def _text_part(*attrs: str) -> Callable[[_Pdf, Dossier], None]:
    """A part that is one free text, ``dossier.<attrs...>``; the part's heading is its label."""

    def render(pdf: _Pdf, d: Dossier) -> None:
        value = d
        for attr in attrs:
            value = getattr(value, attr)
        pdf.put_paragraph(value)

    return render


def _management(pdf: _Pdf, d: Dossier) -> None:
    pdf.put_paragraph(d.department.management)
    pdf.put_field("Organigram (bijlage)", _attachment_title(d, d.department.organigram))


_ROLE_NAMES = {
    "figurehead": "boegbeeld",
    "senior_researcher": "senior onderzoeker",
    "professor": "hoogleraar",
    "phd_candidate": "promovendus",
}


def _roles(m: StaffMember) -> str:
    return ", ".join(name for attr, name in _ROLE_NAMES.items() if getattr(m, attr) is not None)


def _staff_list(pdf: _Pdf, d: Dossier) -> None:
    rows = [
        (m.name, _words(m.discipline), m.function, _num(m.fte), _num(m.hours_per_week), _roles(m),
         _period(m.start_date, m.end_date))
        for m in d.staff
    ]  # fmt: skip
    if not rows:
        return pdf.put_empty()
    headings = ("Naam", "Discipline", "Functie", "Fte", "Uren", "Rollen", "Periode")
    pdf.put_table(headings, rows, (3, 2.2, 2.6, 0.9, 1, 2.2, 2.2))


def _intake_criteria(pdf: _Pdf, d: Dossier) -> None:
    pdf.put_field("Criteria voor een hoogspecialistische zorgvraag", d.patients.intake_criteria)
    if d.patients.decision_tool:
        pdf.put_field("Beslisinstrument", d.patients.decision_tool)


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def _treatments_started(pdf: _Pdf, d: Dossier) -> None:
    rows = [
        (str(q.quarter), str(q.started), str(q.high_specialist), _share(q.high_specialist, q.started))
        for q in d.patients.treatments_started
    ]
    if not rows:
        return pdf.put_empty()
    pdf.put_table(("Kwartaal", "Gestart", "Hoogspecialistisch", "Aandeel"), rows, (1, 1, 1.4, 1))


def _service(attr: str) -> Callable[[_Pdf, Dossier], None]:
    def render(pdf: _Pdf, d: Dossier) -> None:
        s: ConsultationService = getattr(d, attr)
        pdf.put_field("Beschrijving", s.description)
        pdf.put_field("Aanvragers", s.requesters)
        pdf.put_field("Uitgevoerd door", s.professionals)
        pdf.put_field("Voorbeeld", s.example)
        pdf.put_field("Wat het voorbeeld opleverde", s.example_benefit)
        rows = [(str(q.quarter), str(q.count), _share(q.supra_regional_share, 1)) for q in s.quarters]
        if rows:
            pdf.put_table(("Kwartaal", "Aantal", "Bovenregionaal (schatting)"), rows, (1, 1, 1.6))

    return render


def _figureheads(pdf: _Pdf, d: Dossier) -> None:
    rows = [
        (m.name, m.figurehead.field, _num(m.hours_per_week), _num(m.clinical_hours_per_week),
         _attachment_title(d, m.cv), _period(m.start_date, m.end_date))
        for m in d.staff
        if m.figurehead is not None
    ]  # fmt: skip
    if not rows:
        return pdf.put_empty("Geen boegbeelden opgegeven.")
    headings = ("Naam", "(Deel)terrein", "Uren", "Klinisch", "Cv", "Periode")
    pdf.put_table(headings, rows, (2.6, 3, 1, 1.3, 2.6, 2.2))


def _phd(m: StaffMember) -> str:
    if m.phd == PHD_OBTAINED:
        return "gepromoveerd"
    if m.phd == PHD_EQUIVALENT:
        return "gelijkwaardig niveau" + (f": {m.phd_equivalent_explanation}" if m.phd_equivalent_explanation else "")
    return "niet gepromoveerd"


def _senior_researchers(pdf: _Pdf, d: Dossier) -> None:
    rows = [
        (m.name, _phd(m), _num(m.hours_per_week), _num(m.research_hours_per_week),
         _num(m.clinical_hours_per_week), _attachment_title(d, m.cv), _period(m.start_date, m.end_date))
        for m in d.staff
        if m.senior_researcher is not None
    ]  # fmt: skip
    if not rows:
        return pdf.put_empty("Geen senior onderzoekers opgegeven.")
    headings = ("Naam", "Promotie", "Uren", "Onderzoek", "Klinisch", "Cv", "Periode")
    pdf.put_table(headings, rows, (2.6, 2.4, 1, 1.5, 1.3, 2.4, 2.2))


def _professors(pdf: _Pdf, d: Dossier) -> None:
    rows = [
        (m.name, m.professor.chair, m.professor.university, _num(m.professor.hours_per_week),
         m.professor.contribution, _period(m.start_date, m.end_date))
        for m in d.staff
        if m.professor is not None
    ]  # fmt: skip
    if not rows:
        return pdf.put_empty("Geen hoogleraren opgegeven.")
    headings = ("Naam", "Leerstoel", "Universiteit", "Uren", "Bijdrage", "Periode")
    pdf.put_table(headings, rows, (2.4, 2.4, 2.4, 1, 4, 2.2))


def _university_agreements(pdf: _Pdf, d: Dossier) -> None:
    if not d.university_agreements:
        return pdf.put_empty("Geen samenwerkingsverbanden opgegeven.")
    for a in d.university_agreements:
        kind = {"university": "universiteit", "umc": "umc"}.get(a.partner_kind, a.partner_kind)
        pdf.put_record_title(a.partner + (f" ({kind})" if kind else ""))
        pdf.put_text(_period(a.start_date, a.end_date, dutch_date) or "looptijd onbekend", size=9)
        pdf.put_field("Wederzijds profijt", a.description)
        pdf.put_field("Overeenkomst (bijlage)", _attachment_title(d, a.document))


def _innovations(pdf: _Pdf, d: Dossier) -> None:
    if not d.innovations:
        return pdf.put_empty("Geen innovaties opgegeven.")
    for inn in d.innovations:
        pdf.put_record_title(inn.title)
        pdf.put_field("Doelgroep", inn.target_group)
        pdf.put_field("Waaruit de innovatie bestaat", inn.description)
        pdf.put_field("Innovatief voor patiënten", inn.innovative_aspect)
        pdf.put_field("Verschil met reguliere zorg", inn.difference_from_regular_care)
        pdf.put_field("Onderzoek naar de effectiviteit", inn.effectiveness_design)
        if inn.study:
            pdf.put_field("Bijbehorend onderzoek", inn.study)


def _outcome_measurement(pdf: _Pdf, d: Dossier) -> None:
    om = d.outcome_measurement
    rows = [(i.name, i.moments) for i in om.instruments]
    pdf.put_text("Meetinstrumenten en meetmomenten", size=9, style="B")
    if rows:
        pdf.put_table(("Instrument", "Meetmomenten"), rows, (1, 2.5))
    else:
        pdf.put_empty()
    pdf.put_field("Gebruik bij de individuele behandeling", om.individual_use)
    pdf.put_field("Resultaten op groepsniveau", om.group_results)
    pdf.put_field("Meting van de waardering door patiënten", om.appreciation_method)
    pdf.put_field("Uitkomsten van de waardering", om.appreciation_results)
    pdf.put_field("Aanpassing van het zorgaanbod op basis van effectmetingen", om.adjustment_example)


def _studies(pdf: _Pdf, d: Dossier) -> None:
    if not d.studies:
        return pdf.put_empty("Geen onderzoeken opgegeven.")
    for s in d.studies:
        pdf.put_record_title(s.title)
        running = _period(s.start_date, s.end_date, dutch_date).replace("sinds", "loopt sinds")
        pdf.put_text(f"{running}; fase: {s.phase or 'onbekend'}", size=9)
        pdf.put_field("Onderwerp", s.subject)
        pdf.put_field("Onderzoekers", ", ".join(s.researchers))
        if s.is_phd_study:
            pdf.put_field("Promotieonderzoek; promovendus", s.phd_candidate)
            pdf.put_field("(Co)promotoren", ", ".join(s.promotors))
            pdf.put_field("Betrokkenheid van de promovendus bij de eenheid", s.candidate_involvement)


def _publication_lines(p: Publication) -> tuple[str, str]:
    authors = ", ".join(a.name + ("*" if a.unit_author else "") for a in p.authors)
    journal = f" {p.journal}." if p.journal else ""
    facts = [PUBLICATION_TYPES.get(p.type, p.type), dutch_date(p.date)]
    facts += ["peer reviewed"] if p.peer_reviewed else []
    facts += ["internationaal"] if p.international else []
    facts += [f"geïndexeerd in {', '.join(p.indexes)}"] if p.indexes else []
    facts += [p.link] if p.link else []
    return f"{authors} ({p.date.year}). {p.title}.{journal}", "; ".join(facts)


def _publications(pdf: _Pdf, d: Dossier) -> None:
    if not d.publications:
        return pdf.put_empty("Geen publicaties opgegeven.")
    pdf.put_text("* = auteur verbonden aan de eenheid toen de publicatie werd geschreven", size=8, style="I")
    pdf.ln(1)
    for number, pub in enumerate(d.publications, 1):
        citation, facts = _publication_lines(pub)
        pdf.put_text(f"{number}. {citation}")
        pdf.put_text(facts, size=8.5, indent=5)
        pdf.ln(1)


_SCOPES = {"national": "nationaal", "international": "internationaal"}
_PRESENTATION_KINDS = {"lecture": "lezing", "presentation": "presentatie", "poster": "poster"}


def _presentations(pdf: _Pdf, d: Dossier) -> None:
    rows = [
        (short_date(p.date), p.congress, _SCOPES.get(p.scope, p.scope), p.title, p.presenter,
         _PRESENTATION_KINDS.get(p.kind, p.kind))
        for p in d.presentations
    ]  # fmt: skip
    if not rows:
        return pdf.put_empty("Geen voordrachten opgegeven.")
    headings = ("Datum", "Congres", "Bereik", "Titel", "Spreker", "Soort")
    pdf.put_table(headings, rows, (1.7, 3, 2, 3.4, 2.4, 1.6))


def _activities(attr: str) -> Callable[[_Pdf, Dossier], None]:
    def render(pdf: _Pdf, d: Dossier) -> None:
        activities: tuple[Activity, ...] = getattr(d, attr)
        if not activities:
            return pdf.put_empty("Geen activiteiten opgegeven.")
        for a in activities:
            when = dutch_date(a.date) + (f" t/m {dutch_date(a.end_date)}" if a.end_date else "")
            pdf.put_record_title(a.title)
            pdf.put_text(f"{when}" + (f"; {a.kind}" if a.kind else ""), size=9)
            if a.description:
                pdf.put_text(a.description)
            if a.result:
                pdf.put_field("Resultaat", a.result)
            pdf.ln(1)

    return render


def _training(pdf: _Pdf, d: Dossier) -> None:
    t = d.training
    pdf.put_field("Participatie in de art. 14 BIG-opleidingen", t.participation)
    years = sorted({o.year for p in t.places for o in p.occupancy})
    rows = [
        (_words(p.discipline), str(p.places), p.recognition,
         *({o.year: str(o.occupied) for o in p.occupancy}.get(y, "-") for y in years))
        for p in t.places
    ]  # fmt: skip
    if not rows:
        return pdf.put_empty("Geen opleidingsplaatsen opgegeven.")
    headings = ("Discipline", "Plaatsen", "Erkenning", *(f"Bezet {y}" for y in years))
    pdf.put_table(headings, rows, (2.4, 1, 2.4, *(1 for _ in years)))


def _board_statement(pdf: _Pdf, d: Dossier) -> None:
    b = d.board_statement
    pdf.put_field("Zorginhoudelijk commitment", b.commitment)
    pdf.put_field("Financiering van de topklinische functies", b.funding)
    signed = f"{b.signed_by}, {dutch_date(b.signed_on)}" if b.signed_by and b.signed_on else b.signed_by
    pdf.put_field("Ondertekend door", signed)


# All parts, in the order of the dossier (the order they print in within a criterion).
PARTS: dict[str, Part] = {
    "specialisation": Part("Specialisatie", _specialisation),
    "self_evaluation": Part("Zelfevaluatie", _self_evaluation),
    "target_group": Part("Doelgroep", _target_group),
    "patients_per_year": Part("Patiënten per jaar", _patients_per_year),
    "locations": Part("Locaties", _locations),
    "specialist_offer": Part("Hoogspecialistisch zorgaanbod", _text_part("department", "specialist_offer")),
    "management": Part("Aansturing en positionering", _management),
    "chain_position": Part("Positie in de zorgketen", _text_part("department", "chain_position")),
    "staff_list": Part("Zorginhoudelijke medewerkers", _staff_list),
    "intake_criteria": Part("Instroomcriteria", _intake_criteria),
    "treatments_started": Part("Gestarte behandelingen per kwartaal", _treatments_started),
    "outflow_criteria": Part("Uitstroomcriteria", _text_part("patients", "outflow_criteria")),
    "consultation": Part("Consultatie & advies", _service("consultation")),
    "second_opinion": Part("Second opinions", _service("second_opinion")),
    "figureheads": Part("Boegbeelden", _figureheads),
    "innovations": Part("Innovaties", _innovations),
    "outcome_measurement": Part("Effectmeting", _outcome_measurement),
    "senior_researchers": Part("Senior onderzoekers", _senior_researchers),
    "professors": Part("Hoogleraren", _professors),
    "university_agreements": Part("Samenwerking met universiteiten en umc's", _university_agreements),
    "studies": Part("Patiëntgebonden onderzoek", _studies),
    "publications": Part("Wetenschappelijke publicaties", _publications),
    "presentations": Part("Voordrachten op congressen", _presentations),
    "knowledge_transfer": Part("Kennisoverdracht", _activities("knowledge_transfer")),
    "patient_participation": Part("Patiëntenparticipatie", _activities("patient_participation")),
    "training": Part("Opleidingsplaatsen art. 14 BIG", _training),
    "board_statement": Part("Verklaring van de raad van bestuur", _board_statement),
}

# Evidence key (certification.rules.evidence.EVIDENCE) -> the parts that show it.
EVIDENCE_PARTS: dict[str, tuple[str, ...]] = {
    "self_evaluation": ("self_evaluation",),
    "target_group": ("target_group",),
    "patients_per_year": ("patients_per_year",),
    "locations": ("locations",),
    "specialist_offer": ("specialist_offer",),
    "management": ("management",),
    "chain_position": ("chain_position",),
    "staff_list": ("staff_list",),
    "intake_criteria": ("intake_criteria",),
    "treatments_started": ("treatments_started",),
    "outflow_criteria": ("outflow_criteria",),
    "consultation": ("consultation",),
    "second_opinion": ("second_opinion",),
    "figurehead_details": ("figureheads",),
    "innovation_details": ("innovations",),
    "outcome_instruments": ("outcome_measurement",),
    "outcome_individual_use": ("outcome_measurement",),
    "outcome_group_results": ("outcome_measurement",),
    "patient_appreciation": ("outcome_measurement",),
    "outcome_adjustment_example": ("outcome_measurement",),
    "senior_researcher_details": ("senior_researchers",),
    "agreement_details": ("university_agreements",),
    "studies": ("studies",),
    "phd_study_details": ("studies",),
    "training_participation": ("training",),
    "board_commitment": ("board_statement",),
    "board_funding": ("board_statement",),
}

# Norm kind (certification.rules.RULES) -> the parts holding the records the rule counts.
NORM_PARTS: dict[str, tuple[str, ...]] = {
    "specialised_since": ("specialisation",),
    "high_specialist_share": ("treatments_started",),
    "figurehead_hours": ("figureheads",),
    "innovations_with_design": ("innovations",),
    "senior_researchers": ("senior_researchers",),
    "professors": ("professors",),
    "university_agreements": ("university_agreements",),
    "research_tradition": ("studies",),
    "running_studies": ("studies",),
    "publications": ("publications",),
    "presentations_per_year": ("presentations",),
    "training_places": ("training",),
}

# Norm kind -> the parameter whose value is itself a part key
# (service_quarters {"service": "second_opinion"}, activities_in_period {"collection": "knowledge_transfer"}).
NORM_PART_PARAMS: dict[str, str] = {
    "service_quarters": "service",
    "activities_in_period": "collection",
}


def parts_for(criterion: CriterionData) -> list[str]:
    """The keys of the parts that belong to ``criterion``, in dossier order (unknown keys give nothing)."""
    keys: set[str] = set()
    for evidence_key, _item in criterion.all_required_evidence():
        keys.update(EVIDENCE_PARTS.get(evidence_key, ()))
    for norm in criterion.norms:
        keys.update(NORM_PARTS.get(norm.kind, ()))
        param = NORM_PART_PARAMS.get(norm.kind)
        if param and isinstance(norm.params.get(param), str):
            keys.add(norm.params[param])
    return [key for key in PARTS if key in keys]


# ----------------------------------------------------------------- chapters


def _heading(criterion: CriterionData) -> str:
    return f"Criterium {criterion.number} \u2013 {criterion.title}" if criterion.number else criterion.title


def _short(criterion: CriterionData) -> str:
    """How a "zie ..." reference names a criterion."""
    return f"criterium {criterion.number}" if criterion.number else criterion.title.lower()


def _title_page(pdf: _Pdf, dossier: Dossier, report: CheckReport, criteria_set: CriteriaSetData) -> None:
    pdf.add_page()
    pdf.start_section(TITLE, level=0)
    pdf.put_text(TITLE, size=22, style="B")
    pdf.ln(4)
    pdf.put_text(dossier.department.name, size=14, style="B")
    if dossier.department.institution:
        pdf.put_text(dossier.department.institution, size=12)
    pdf.ln(3)
    pdf.put_text(f"Geplande visitatiedatum: {dutch_date(dossier.visitation_date)}")
    pdf.put_text(f"Criteriaset: {criteria_set.code} \u2013 {criteria_set.title}")
    pdf.ln(5)
    _summary(pdf, report, criteria_set)


def _summary(pdf: _Pdf, report: CheckReport, criteria_set: CriteriaSetData) -> None:
    results = {r.number: r for r in report.results}
    pdf.put_label("Oordeel van de toetser per criterium")
    rows = []
    for criterion in criteria_set.all_criteria():
        result = results.get(criterion.number)
        rows.append((str(criterion.number or "-"), criterion.title, result.verdict.label if result else "niet getoetst"))
    pdf.put_table(("Nr.", "Criterium", "Oordeel"), rows, (1, 9, 5))
    counts = report.counts()
    pdf.put_text(
        f"Eindoordeel: {report.verdict.label} ({counts['met']} voldoet, {counts['not_met']} voldoet niet, "
        f"{counts['needs_review']} ter beoordeling door de commissie).",
        style="B",
    )
    pdf.ln(2)
    pdf.put_text(
        "De toetser beoordeelt de getallen en de aanwezigheid van de onderbouwing; "
        "de inhoudelijke punten beoordeelt de visitatiecommissie.",
        size=9,
        style="I",
    )
    pdf.put_text("Tekens bij de bevindingen: " + _MARKER_LEGEND, size=8)


def _criterion_text(pdf: _Pdf, criterion: CriterionData) -> None:
    if criterion.text:
        pdf.put_text(criterion.text)
    if criterion.evidence_text:
        pdf.put_label("Vereiste onderbouwing")
        pdf.put_text(criterion.evidence_text)
    for item in criterion.sub_items:
        pdf.ln(1)
        pdf.put_item(item.code, item.text, style="B", width=10)


def _verdict(pdf: _Pdf, result: CriterionResult | None) -> None:
    pdf.ln(2)
    if result is None:
        return pdf.put_text("Oordeel van de toetser: niet getoetst", style="B")
    pdf.put_text(f"Oordeel van de toetser: {result.verdict.label}", size=11, style="B")
    if result.reasons:
        pdf.put_label("Bevindingen")
        for reason in result.reasons:
            pdf.put_item(_MARKERS.get(reason.effect, "[ ]"), reason.text)
    if result.missing:
        pdf.put_label("Ontbrekende onderbouwing")
        pdf.put_list(str(m) for m in result.missing)
    if result.review_points:
        pdf.put_label("Ter beoordeling door de commissie")
        pdf.put_list(result.review_points)


def _records(pdf: _Pdf, dossier: Dossier, criterion: CriterionData, printed: dict[str, str]) -> None:
    keys = parts_for(criterion)
    if not keys:
        return
    pdf.ln(3)
    pdf.put_heading("Gegevens uit het dossier", level=1)
    for key in keys:
        part = PARTS[key]
        if key in printed:
            pdf.put_label(part.heading)
            pdf.put_text(f"Zie {printed[key]}.", style="I")
            continue
        pdf.put_heading(part.heading, level=2)
        part.render(pdf, dossier)
        printed[key] = _short(criterion)


def _chapter(
    pdf: _Pdf, dossier: Dossier, criterion: CriterionData, result: CriterionResult | None, printed: dict[str, str]
) -> None:
    pdf.add_page()
    pdf.put_heading(_heading(criterion))
    _criterion_text(pdf, criterion)
    _verdict(pdf, result)
    _records(pdf, dossier, criterion, printed)


_ATTACHMENT_KINDS = {"cv": "cv", "organigram": "organigram", "agreement": "overeenkomst", "other": "overig"}


def _attachments(pdf: _Pdf, dossier: Dossier) -> None:
    pdf.add_page()
    pdf.put_heading("Bijlagen")
    if not dossier.attachments:
        return pdf.put_empty("Het dossier heeft geen bijlagen.")
    pdf.put_text("De bestanden zelf staan in het ZIP-bestand bij dit dossier.", size=9, style="I")
    pdf.ln(2)
    rows = [(a.title, _ATTACHMENT_KINDS.get(a.kind, a.kind), a.file) for a in dossier.attachments]
    pdf.put_table(("Titel", "Soort", "Bestand"), rows, (3, 1, 3))


def _new_pdf(dossier: Dossier, criteria_set: CriteriaSetData) -> _Pdf:
    pdf = _Pdf(orientation="P", unit="mm", format="A4")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(latin1(f"{TITLE} - {dossier.department.name}"))
    pdf.set_subject(latin1(f"Criteriaset {criteria_set.code}: {criteria_set.title}"))
    pdf.set_author(latin1(dossier.department.institution or dossier.department.name))
    pdf.set_creator("TOPGGz-platform")
    pdf.set_lang("nl")
    return pdf


def dossier_pdf(dossier: Dossier, report: CheckReport, criteria_set: CriteriaSetData) -> bytes:
    """The dossier, the checker's report and the criteria as one PDF (A4, Dutch)."""
    pdf = _new_pdf(dossier, criteria_set)
    _title_page(pdf, dossier, report, criteria_set)
    results = {r.number: r for r in report.results}
    printed: dict[str, str] = {}
    for criterion in criteria_set.all_criteria():
        _chapter(pdf, dossier, criterion, results.get(criterion.number), printed)
    _attachments(pdf, dossier)
    return bytes(pdf.output())
