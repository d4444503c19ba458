"""The dossier PDF: read back with pypdf and checked for what the committee relies on."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from certification.rules.checker import check_dossier
from certification.rules.criteria import CriteriaSetData, CriterionData, Norm
from certification.format.dossier import Author, Publication, StaffMember
from certification.rules.evidence import EVIDENCE
from certification.exports.pdf import (
    EVIDENCE_PARTS,
    NORM_PART_PARAMS,
    NORM_PARTS,
    PARTS,
    dossier_pdf,
    latin1,
    parts_for,
)
from certification.rules.report import Verdict
from certification.rules import RULES
from certification.tests.builders import FIGUREHEAD_LEFT, PASSING, criteria_2019_2022, example

ROOT = Path(__file__).resolve().parents[2]
LONG_URL = "https://example.org/" + "abcdefghij" * 28  # 300 characters, no place to break
assert len(LONG_URL) == 300


def render(dossier=None, criteria: CriteriaSetData | None = None) -> PdfReader:
    dossier = dossier or example(PASSING)
    criteria = criteria or criteria_2019_2022()
    return PdfReader(io.BytesIO(dossier_pdf(dossier, check_dossier(dossier, criteria), criteria)))


def flat(text: str) -> str:
    """Text with every run of whitespace one space (table cells and lines wrap anywhere)."""
    return " ".join(text.split())


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def chapters(reader: PdfReader) -> dict[str, str]:
    """Top-level outline title -> the flattened text of its pages (each chapter starts on a new page)."""
    entries = [e for e in reader.outline if not isinstance(e, list)]
    starts = [reader.get_destination_page_number(e) for e in entries]
    ends = [*starts[1:], len(reader.pages)]
    texts = page_texts(reader)
    return {e.title: flat("\n".join(texts[s:end])) for e, s, end in zip(entries, starts, ends, strict=True)}


def heading(criterion: CriterionData) -> str:
    return f"Criterium {criterion.number} - {criterion.title}" if criterion.number else criterion.title


@pytest.fixture(scope="module")
def passing_pdf() -> PdfReader:
    return render()


@pytest.fixture(scope="module")
def passing_chapters(passing_pdf) -> dict[str, str]:
    return chapters(passing_pdf)


def chapter(chapters_: dict[str, str], number: int) -> str:
    criterion = criteria_2019_2022().all_criteria()[number]  # 0: general conditions, then 1..14
    return chapters_[heading(criterion)]


def records(chapter_text: str) -> str:
    """The "Gegevens uit het dossier" section of a chapter."""
    assert "Gegevens uit het dossier" in chapter_text
    return chapter_text.split("Gegevens uit het dossier", 1)[1]


# ------------------------------------------------------------------ structure


def test_criteria_appear_in_the_order_of_the_criteria_set(passing_pdf):
    body = "\n".join(page_texts(passing_pdf)[1:])  # after the title page with its summary
    positions = [body.index(f"Criterium {n} - ") for n in range(1, 15)]
    assert positions == sorted(positions)
    assert body.index("Algemene voorwaarden") < positions[0]


def test_the_outline_has_an_entry_per_criterion(passing_pdf):
    titles = [e.title for e in passing_pdf.outline if not isinstance(e, list)]
    expected = [heading(c) for c in criteria_2019_2022().all_criteria()]
    assert titles == ["Dossier TOPGGz-keurmerk", *expected, "Bijlagen"]


def test_each_bookmark_points_at_the_page_with_its_heading(passing_pdf):
    texts = page_texts(passing_pdf)
    for entry in passing_pdf.outline[1:]:
        if not isinstance(entry, list):
            assert texts[passing_pdf.get_destination_page_number(entry)].startswith(entry.title)


def test_the_records_of_a_criterion_have_sub_bookmarks(passing_pdf):
    outline = passing_pdf.outline
    index = next(i for i, e in enumerate(outline) if not isinstance(e, list) and e.title.startswith("Criterium 10 "))
    children = outline[index + 1]
    assert [c.title for c in children if not isinstance(c, list)] == ["Gegevens uit het dossier"]
    assert [c.title for c in children[1]] == ["Wetenschappelijke publicaties"]


def test_every_page_has_a_footer_with_page_x_of_y(passing_pdf):
    total = len(passing_pdf.pages)
    for number, text in enumerate(page_texts(passing_pdf), 1):
        assert text.rstrip().endswith(f"pagina {number} van {total}")


def test_the_metadata_names_the_dossier_and_the_language_is_dutch(passing_pdf):
    assert passing_pdf.metadata.title == "Dossier TOPGGz-keurmerk - Expertisecentrum Dwang Westerhaven"
    assert passing_pdf.trailer["/Root"]["/Lang"] == "nl"


# ----------------------------------------------------------------- title page


def test_the_title_page_names_department_institution_visitation_date_and_criteria_set(passing_pdf):
    first = page_texts(passing_pdf)[0]
    assert first.startswith("Dossier TOPGGz-keurmerk")
    assert "Expertisecentrum Dwang Westerhaven" in first
    assert "GGz Westerhaven (fictief)" in first
    assert "Geplande visitatiedatum: 15 juni 2022" in first
    assert "Criteriaset: 2019-2022 - TOPGGz-criteria 2019-2022" in first


def test_the_summary_gives_each_criterion_its_verdict_label(passing_pdf):
    lines = page_texts(passing_pdf)[0].splitlines()
    for criterion in criteria_2019_2022().all_criteria():
        assert f"{criterion.number or '-'} {criterion.title} voldoet" in lines


def test_a_dossier_whose_figurehead_left_shows_voldoet_niet_for_criterion_4_in_the_summary():
    dossier = example(FIGUREHEAD_LEFT)
    assert check_dossier(dossier, criteria_2019_2022()).result(4).verdict is Verdict.NOT_MET
    lines = page_texts(render(dossier))[0].splitlines()
    assert "4 Boegbeeld voldoet niet" in lines
    assert "5 Innovaties voldoet" in lines


# ------------------------------------------------------------------- chapters


def test_each_chapter_states_the_verdict_of_its_criterion(passing_chapters):
    report = check_dossier(example(PASSING), criteria_2019_2022())
    for number, result in enumerate(report.results):
        assert f"Oordeel van de toetser: {result.verdict.label}" in chapter(passing_chapters, number)


def test_a_chapter_prints_the_criterion_text_and_its_sub_items(passing_chapters):
    criterion = criteria_2019_2022().criterion(6)
    text = chapter(passing_chapters, 6)
    assert flat(criterion.text)[:80] in text
    for item in criterion.sub_items:
        assert f"{item.code} {flat(item.text)[:60]}" in text


def test_reasons_are_marked_by_their_effect():
    text = chapter(chapters(render(example(FIGUREHEAD_LEFT))), 4)
    assert "Oordeel van de toetser: voldoet niet" in text
    assert "[x] " in text


def test_review_points_are_listed_for_the_committee(passing_chapters):
    text = chapter(passing_chapters, 10)
    point = criteria_2019_2022().criterion(10).review_points[0]
    assert f"Ter beoordeling door de commissie - {flat(point)}" in text


def test_missing_evidence_is_listed_under_its_criterion():
    dossier = replace(example(PASSING), board_statement=replace(example(PASSING).board_statement, funding=""))
    text = chapter(chapters(render(dossier)), 14)
    assert "Ontbrekende onderbouwing - 14b: financiering van de topklinische functies" in text


# -------------------------------------------------------------------- records


def test_a_staff_member_appears_under_criterion_1(passing_chapters):
    assert "Ruben Smit" in records(chapter(passing_chapters, 1))
    assert "Ruben Smit" not in chapter(passing_chapters, 4)


def test_the_figurehead_appears_under_criterion_4(passing_chapters):
    assert "Prof. dr. Marieke van Dalen therapieresistente dwangstoornissen" in records(chapter(passing_chapters, 4))


def test_a_publication_title_appears_under_criterion_10(passing_chapters):
    title = "Deep brain stimulation for OCD: five-year outcomes"
    assert title in records(chapter(passing_chapters, 10))
    assert title not in chapter(passing_chapters, 9)


def test_consultation_and_second_opinion_each_appear_under_criterion_3(passing_chapters):
    text = records(chapter(passing_chapters, 3))
    assert "Consultatie & advies" in text and "Second opinions" in text
    assert "Een patiënt met dwang en tics vraagt zich af" in text


def test_the_self_evaluation_appears_with_the_general_conditions(passing_chapters):
    assert "De academische staf is klein" in records(chapter(passing_chapters, 0))


def test_attachments_are_listed_with_title_kind_and_file_name(passing_chapters):
    text = passing_chapters["Bijlagen"]
    assert "CV Dr. Joris Hoekstra cv cv/hoekstra.pdf" in text
    assert "Organigram GGz Westerhaven en expertisecentrum organigram organigram.pdf" in text


def test_a_part_that_serves_two_criteria_is_printed_once_and_referenced_later():
    criteria = criteria_2019_2022()
    c7 = criteria.criterion(7)
    c7 = replace(c7, required_evidence=(*c7.required_evidence, "figurehead_details"))
    criteria = replace(criteria, criteria=tuple(c7 if c.number == 7 else c for c in criteria.criteria))
    found = chapters(render(criteria=criteria))
    assert "Boegbeelden Zie criterium 4." in records(chapter(found, 7))
    assert "Boegbeelden Naam" in records(chapter(found, 4))


def test_a_criterion_with_unknown_keys_gets_no_records_section():
    criteria = criteria_2019_2022()
    future = CriterionData(number=14, title="Iets nieuws", required_evidence=("nog_onbekend",))
    criteria = replace(criteria, criteria=tuple(future if c.number == 14 else c for c in criteria.criteria))
    text = chapters(render(criteria=criteria))["Criterium 14 - Iets nieuws"]
    assert "Gegevens uit het dossier" not in text


def test_parts_follow_evidence_keys_and_norm_kinds_not_criterion_numbers():
    criterion = CriterionData(
        number=99,
        title="Nieuw",
        required_evidence=("staff_list", "unknown"),
        norms=(Norm(kind="service_quarters", params={"service": "second_opinion"}), Norm(kind="publications")),
    )
    assert parts_for(criterion) == ["staff_list", "second_opinion", "publications"]


def test_every_evidence_key_and_norm_kind_the_checker_knows_has_a_part():
    assert set(EVIDENCE_PARTS) == set(EVIDENCE)
    assert set(NORM_PARTS) | set(NORM_PART_PARAMS) == set(RULES)
    assert {key for keys in [*EVIDENCE_PARTS.values(), *NORM_PARTS.values()] for key in keys} <= set(PARTS)


# ----------------------------------------------------------------------- text


def test_latin1_folds_typography_and_keeps_dutch_accents():
    assert latin1("“Zon” ‘m’ – a — b ≥ 3 ≤ 4 … • € ™") == "\"Zon\" 'm' - a - b >= 3 <= 4 ... - EUR (TM)"
    assert latin1("café, reünie, ruïne") == "café, reünie, ruïne"
    assert latin1("cafe\u0301") == "café"  # decomposed input is composed first
    assert latin1("Łódź Dvořák œuvre ﬁ") == "Lódz Dvorák oeuvre fi"  # ó is Latin-1; ź and ř lose their accents


def test_latin1_replaces_what_it_cannot_fold_and_never_fails():
    assert latin1("😀 αβ 中") == "? ?? ?"
    assert latin1("a\u200bb\x00c\td") == "abc d"
    sample = "".join(chr(c) for c in range(0, 0x3000)) + "\ud800\U0001f308\ufe0f"
    latin1(sample).encode("latin-1")  # raises if anything outside Latin-1 survived


def test_text_outside_latin_1_emoji_and_a_300_character_url_render_without_error():
    base = example(PASSING)
    odd = "“Aanhalingstekens” ≥ 3 – ‘oké’ … 😀 αβγ • klaar"
    dossier = replace(
        base,
        department=replace(base.department, name=f"Afdeling {odd}", management=f"{odd} {LONG_URL}"),
        staff=(*base.staff, StaffMember(name=f"{LONG_URL} 😀", function=LONG_URL, discipline="ψ")),
        publications=(
            *base.publications,
            Publication(type="article", title=odd, date=date(2021, 1, 4), authors=(Author(name="Ω"),), link=LONG_URL),
        ),
    )
    reader = render(dossier)
    text = "\n".join(page_texts(reader))
    assert '"Aanhalingstekens" >= 3 - \'oké\' ... ? ??? - klaar' in flat(text)
    assert "".join(text.split()).count(LONG_URL) >= 3  # wrapped, but all of it printed
    assert reader.metadata.title.startswith('Dossier TOPGGz-keurmerk - Afdeling "Aanhalingstekens" >= 3')


# --------------------------------------------------------------------- purity


PURE = """
import sys
import certification.exports.pdf, certification.exports.archive
print(sorted(name for name in sys.modules if name == "django" or name.startswith("django.")))
"""


def test_the_export_modules_run_without_importing_django():
    result = subprocess.run([sys.executable, "-c", PURE], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
