"""Importing publication lists (BibTeX, RIS) into a dossier: real-world quirks, unit authors, duplicates, a report."""

import datetime

import pytest

from audit.models import AuditEntry
from certification.publications.bibliography import UnknownFormatError, parse_publications
from certification.models import Dossier, Publication
from certification.dossier.services import ConcurrentEditError, import_publications

from .builders import DATA
from .factories import DossierFactory, PublicationFactory, StaffMemberFactory, editor_of

pytestmark = pytest.mark.django_db

BIB = (DATA / "publicaties.bib").read_bytes()
STAFF = ["Prof. dr. Marieke van Dalen", "Dr. Joël Hoekstra"]

RIS_LINES = [
    "TY  - JOUR",
    "ID  - ris-1",
    "AU  - Dalen, Marieke van",
    "AU  - Hoekstra, J",
    "AU  - et al.",
    "TI  - Dwang in de wachtkamer: een lange titel",
    "  die op de volgende regel doorloopt",
    "JO  - Journal of Anxiety Disorders",
    "PY  - 2021/03/15/",
    "DO  - 10.1016/J.JANXDIS.2021.102",
    "DB  - PubMed",
    "ER  - ",
    "",
    "TY  - CONF",
    "AU  - Hoekstra, Joël",
    "TI  - Vier dagen exposure",
    "T2  - European Congress of Psychiatry",
    "N1  - Poster presentation",
    "PY  - 2020",
    "ER  - ",
    "TY  - CHAP",
    "AU  - Dalen, M. van",
    "TI  - Dwang bij ouderen",
    "T2  - Handboek ouderenpsychiatrie",
    "PY  - 2019/05//",
    "ER  - ",
    "TY  - WXYZ",
    "AU  - Jansen, A.",
    "TI  - Iets van een onbekende soort",
    "PY  - 2021",
    "ER  - ",
    "TY  - JOUR",
    "AU  - Jansen, A.",
    "TI  - Zonder jaar",
    "JO  - Tijdschrift voor Psychiatrie",
    "ER  - ",
]
RIS = ("\ufeff" + "\r\n".join(RIS_LINES) + "\r\n").encode("utf-8")


@pytest.fixture
def dossier():
    dossier = DossierFactory()
    for name in STAFF:
        StaffMemberFactory(dossier=dossier, name=name)
    return dossier


@pytest.fixture
def editor(dossier):
    return editor_of(dossier.department)


def run(dossier, editor, name, data, **kw):
    version = Dossier.objects.get(pk=dossier.pk).version
    return import_publications(dossier, name, data, user=editor, expected_version=version, **kw)


def stored(title_start):
    return Publication.objects.get(title__startswith=title_start)


def notes(entries, key):
    return " | ".join(n.message for n in entries if n.key == key)


# ------------------------------------------------------------------- BibTeX


def test_latex_accents_and_nested_braces_become_plain_text(dossier, editor):
    run(dossier, editor, "publicaties.bib", BIB)
    assert stored("Intensieve").title == (
        "Intensieve ERP bij Österreichische en Nederlandse patiënten: een gerandomiseerde multicenter studie"
    )
    assert stored("Café").title == "Café-gesprekken met ervaringsdeskundigen"


def test_names_with_accents_and_particles_are_kept_readable(dossier, editor):
    run(dossier, editor, "publicaties.bib", BIB)
    assert [a["name"] for a in stored("Intensieve").authors] == ["van Dalen, Marieke", "Hoekstra, J.", "Müller, Hans"]
    assert [a["name"] for a in stored("Café").authors] == ["Hoekstra, Joél", "de Vries, Piet"]


def test_unit_authors_are_marked_by_name_whatever_the_form_case_or_accents(dossier, editor):
    run(dossier, editor, "publicaties.bib", BIB)
    assert [a["unit_author"] for a in stored("Intensieve").authors] == [True, True, False]
    assert [a["unit_author"] for a in stored("Café").authors] == [True, False]


def test_and_others_is_dropped_with_a_warning_that_the_author_list_is_incomplete(dossier, editor):
    report = run(dossier, editor, "publicaties.bib", BIB)
    assert "auteurslijst is onvolledig" in notes(report.warnings, "vandalen2021")


def test_a_string_macro_month_doi_and_pmid_are_read(dossier, editor):
    run(dossier, editor, "publicaties.bib", BIB)
    publication = stored("Intensieve")
    assert (publication.journal, publication.date, publication.doi, publication.indexes, publication.link) == (
        "Tijdschrift voor Psychiatrie",
        datetime.date(2021, 3, 1),
        "10.1000/tvp.2021.17",
        ["PubMed"],
        "https://doi.org/10.1000/TVP.2021.17",
    )


def test_a_missing_journal_is_tolerated_and_reported(dossier, editor):
    report = run(dossier, editor, "publicaties.bib", BIB)
    assert stored("Café").journal == ""
    assert "tijdschrift ontbreekt" in notes(report.warnings, "Hoekstra2022")


def test_an_entry_without_a_year_is_not_imported_and_says_why(dossier, editor):
    report = run(dossier, editor, "publicaties.bib", BIB)
    assert notes(report.skipped, "noyear") == "niet geïmporteerd: jaar van publicatie ontbreekt; jaar 'in druk' is geen jaartal"
    assert not Publication.objects.filter(title__contains="In druk").exists()


def test_a_year_without_a_month_becomes_the_first_of_january_with_a_warning(dossier, editor):
    report = run(dossier, editor, "publicaties.bib", BIB)
    assert stored("Dwang bij ouderen").date == datetime.date(2019, 1, 1)
    assert "alleen het jaar is bekend" in notes(report.warnings, "chapter2019")


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Intensieve", "article"),
        ("Exposure in vier dagen", "congress_abstract"),
        ("Neuromodulatie", "other"),
        ("Dwang bij ouderen", "book_chapter"),
        ("Over dwang", "thesis"),
        ("ERP-planner", "other"),
    ],
)
def test_bibtex_entry_types_map_to_the_dossiers_publication_types(dossier, editor, title, expected):
    run(dossier, editor, "publicaties.bib", BIB)
    assert stored(title).type == expected


def test_a_conference_paper_without_abstract_and_an_unknown_entry_type_are_flagged(dossier, editor):
    report = run(dossier, editor, "publicaties.bib", BIB)
    assert "zonder vermelding van een abstract" in notes(report.warnings, "paper2020")
    assert "onbekende soort @software" in notes(report.warnings, "tool2021")


def test_every_note_names_its_entry_and_line(dossier, editor):
    report = run(dossier, editor, "publicaties.bib", BIB)
    lines = {n.key: n.line for n in [*report.warnings, *report.skipped]}
    text = BIB.decode().splitlines()
    assert all(f"{{{key}," in text[line - 1] for key, line in lines.items())


def test_a_broken_entry_is_reported_and_the_rest_of_the_file_still_imports(dossier, editor):
    broken = b"@article{kapot,\n  title = {Niet gesloten,\n" + BIB
    report = run(dossier, editor, "kapot.bib", broken)
    assert report.skipped[0].key == "kapot" and report.skipped[0].line == 1
    assert len(report.created) == 7


# ---------------------------------------------------------------------- RIS


def test_a_ris_file_with_a_byte_order_mark_and_crlf_line_ends_is_read_from_its_first_entry(dossier, editor):
    report = run(dossier, editor, "export.ris", RIS)
    assert [c.key for c in report.created] == ["ris-1", "regel 14", "regel 21", "regel 27"]


def test_a_ris_title_spread_over_two_lines_is_joined(dossier, editor):
    run(dossier, editor, "export.ris", RIS)
    assert stored("Dwang in de wachtkamer").title == "Dwang in de wachtkamer: een lange titel die op de volgende regel doorloopt"


def test_a_ris_journal_article_keeps_its_full_date_doi_index_and_unit_authors(dossier, editor):
    run(dossier, editor, "export.ris", RIS)
    article = stored("Dwang in de wachtkamer")
    assert (article.type, article.date, article.doi, article.indexes, article.journal) == (
        "article",
        datetime.date(2021, 3, 15),
        "10.1016/j.janxdis.2021.102",
        ["PubMed"],
        "Journal of Anxiety Disorders",
    )
    assert [a["unit_author"] for a in article.authors] == [True, True]


@pytest.mark.parametrize(
    "title, expected",
    [("Vier dagen", "congress_abstract"), ("Dwang bij ouderen", "book_chapter"), ("Iets van een onbekende", "other")],
)
def test_ris_types_map_to_the_dossiers_publication_types(dossier, editor, title, expected):
    run(dossier, editor, "export.ris", RIS)
    assert stored(title).type == expected


def test_an_unknown_ris_type_is_imported_as_other_with_a_warning(dossier, editor):
    report = run(dossier, editor, "export.ris", RIS)
    assert notes(report.warnings, "regel 27").startswith("onbekende soort TY WXYZ")


def test_a_ris_entry_without_a_year_is_skipped_with_its_line(dossier, editor):
    report = run(dossier, editor, "export.ris", RIS)
    assert [(n.key, n.line) for n in report.skipped] == [("regel 32", 32)]


def test_a_ris_date_with_year_and_month_only_keeps_the_month(dossier, editor):
    run(dossier, editor, "export.ris", RIS)
    assert stored("Dwang bij ouderen").date == datetime.date(2019, 5, 1)


# --------------------------------------------------------------- duplicates


def test_a_publication_with_a_doi_already_in_the_dossier_is_skipped(dossier, editor):
    PublicationFactory(dossier=dossier, title="Andere titel", doi="10.1016/j.janxdis.2021.102")
    report = run(dossier, editor, "export.ris", RIS)
    assert notes(report.duplicates, "ris-1") == "dubbel: DOI 10.1016/j.janxdis.2021.102 staat al in het dossier"


def test_a_publication_with_the_same_title_and_year_is_skipped_whatever_case_accents_and_punctuation(dossier, editor):
    PublicationFactory(dossier=dossier, title="CAFE GESPREKKEN MET ERVARINGSDESKUNDIGEN.", date=datetime.date(2022, 1, 1))
    report = run(dossier, editor, "publicaties.bib", BIB)
    assert "titel uit 2022 staat al in het dossier" in notes(report.duplicates, "Hoekstra2022")


def test_the_same_title_in_another_year_is_not_a_duplicate(dossier, editor):
    PublicationFactory(dossier=dossier, title="Café-gesprekken met ervaringsdeskundigen", date=datetime.date(2019, 1, 1))
    report = run(dossier, editor, "publicaties.bib", BIB)
    assert not report.duplicates


def test_importing_the_same_file_twice_adds_nothing_the_second_time(dossier, editor):
    first = run(dossier, editor, "publicaties.bib", BIB)
    second = run(dossier, editor, "publicaties.bib", BIB)
    assert (len(first.created), len(second.created), len(second.duplicates)) == (7, 0, 7)


def test_a_duplicate_within_the_file_names_the_entry_it_repeats(dossier, editor):
    twice = b"\n".join([b"TY  - JOUR", b"AU  - A, B", b"TI  - Dubbel", b"PY  - 2021", b"ER  - "] * 2)
    report = run(dossier, editor, "dubbel.ris", twice)
    assert notes(report.duplicates, "regel 6") == "dubbel: dezelfde titel en hetzelfde jaar (2021) als regel 1 in dit bestand"


# ------------------------------------------------------------- the report


def test_the_report_counts_created_duplicates_skipped_and_warnings(dossier, editor):
    report = run(dossier, editor, "publicaties.bib", BIB)
    assert report.summary().startswith("publicaties.bib: 7 publicatie(s) toegevoegd, 0 dubbel (overgeslagen), 1 niet te gebruiken")
    assert all(c.publication_id for c in report.created)


def test_a_dry_run_reports_without_writing(dossier, editor):
    report = run(dossier, editor, "publicaties.bib", BIB, dry_run=True)
    assert len(report.created) == 7 and not Publication.objects.exists()
    assert Dossier.objects.get(pk=dossier.pk).version == 1


def test_an_import_raises_the_dossier_version_once_and_is_audited(dossier, editor):
    report = run(dossier, editor, "publicaties.bib", BIB)
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert report.version == 2
    assert (entry.action, entry.detail["created"], entry.detail["kind"]) == ("import", 7, "publications")


def test_an_import_from_an_outdated_version_is_refused(dossier, editor):
    run(dossier, editor, "publicaties.bib", BIB)
    with pytest.raises(ConcurrentEditError):
        import_publications(dossier, "export.ris", RIS, user=editor, expected_version=1)


def test_given_unit_author_names_replace_the_staff_list(dossier, editor):
    run(dossier, editor, "export.ris", RIS, unit_author_names=["A. Jansen"])
    assert [a["unit_author"] for a in stored("Dwang in de wachtkamer").authors] == [False, False]
    assert stored("Iets van een onbekende").authors == [{"name": "Jansen, A.", "unit_author": True}]


def test_a_file_that_is_neither_bibtex_nor_ris_is_refused_by_name():
    with pytest.raises(UnknownFormatError, match="lijst.docx: onbekend formaat"):
        parse_publications("lijst.docx", b"PK\x03\x04")


def test_a_latin_1_file_is_read_with_a_warning():
    parsed = parse_publications("oud.bib", "@article{a, author={Müller, H.}, title={Één}, year={2020}, journal={X}}".encode("cp1252"))
    assert parsed.candidates[0].authors == ["Müller, H."]
    assert "geen UTF-8" in parsed.warnings[0].message


def test_a_duplicates_own_warnings_are_left_out_of_the_report(dossier, editor):
    run(dossier, editor, "publicaties.bib", BIB)
    report = run(dossier, editor, "publicaties.bib", BIB)
    assert report.warnings == []
