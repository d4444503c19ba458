"""The attachments ZIP: safe unique names, identical contents, a table of contents."""

from __future__ import annotations

import csv
import io
import re
import tempfile
import zipfile

from certification.exports.archive import CONTENTS_NAME, ZipMember, write_attachments_zip

SAFE = re.compile(r"^[A-Za-z0-9._-]+$")


def member(title: str, file_name: str, content: bytes = b"", kind: str = "other") -> ZipMember:
    return ZipMember(title=title, kind=kind, file_name=file_name, open=lambda: io.BytesIO(content))


def write(members) -> tuple[list[str], zipfile.ZipFile]:
    out = io.BytesIO()
    names = write_attachments_zip(out, members)
    out.seek(0)
    return names, zipfile.ZipFile(out)


def contents_rows(archive: zipfile.ZipFile) -> list[list[str]]:
    raw = archive.read(CONTENTS_NAME)
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


MEMBERS = [
    member("Organigram", "Organigram.PDF", b"%PDF organigram", "organigram"),
    member("CV", "cv/van-dalen.pdf", b"cv one", "cv"),
    member("CV", "cv/hoekstra.pdf", b"cv two", "cv"),
    member("../../etc/passwd", "passwd", b"root:x:0:0"),
    member("Overeenkomst Université de Liège", "..\\..\\contract.docx", b"docx", "agreement"),
]


def test_names_are_numbered_in_dossier_order_with_the_extension_kept_in_lower_case():
    names, _ = write(MEMBERS)
    assert names == [
        "01-organigram.pdf",
        "02-cv.pdf",
        "03-cv.pdf",
        "04-etc-passwd",
        "05-overeenkomst-universite-de-liege.docx",
    ]


def test_names_are_safe_and_unique_even_for_equal_titles_and_path_tricks():
    names, archive = write(MEMBERS)
    assert len(set(names)) == len(names)
    for name in archive.namelist():
        assert SAFE.match(name), name
        assert ".." not in name and "/" not in name and "\\" not in name


def test_contents_are_byte_identical():
    names, archive = write(MEMBERS)
    for name, m in zip(names, MEMBERS, strict=True):
        assert archive.read(name) == m.open().read()
    assert archive.testzip() is None


def test_files_are_compressed_with_deflate():
    names, archive = write([member("Groot", "groot.txt", b"a" * 100_000)])
    info = archive.getinfo(names[0])
    assert info.compress_type == zipfile.ZIP_DEFLATED
    assert info.compress_size < 1_000


def test_inhoud_csv_lists_archive_name_title_kind_and_original_file_name():
    names, archive = write(MEMBERS)
    rows = contents_rows(archive)
    assert rows[0] == ["bestand", "titel", "soort", "oorspronkelijke bestandsnaam"]
    assert rows[1:] == [[n, m.title, m.kind, m.file_name] for n, m in zip(names, MEMBERS, strict=True)]


def test_inhoud_csv_defuses_cells_a_spreadsheet_would_run_as_a_formula():
    _, archive = write([member("=HYPERLINK(\"http://x\")", "a.pdf")])
    assert contents_rows(archive)[1][1] == "'=HYPERLINK(\"http://x\")"


def test_an_empty_list_gives_a_valid_zip_with_only_inhoud_csv():
    names, archive = write([])
    assert names == []
    assert archive.namelist() == [CONTENTS_NAME]
    assert contents_rows(archive) == [["bestand", "titel", "soort", "oorspronkelijke bestandsnaam"]]


def test_a_title_without_letters_falls_back_to_the_file_name():
    names, _ = write([member("???", "Jaarverslag 2021.pdf"), member("", "")])
    assert names == ["01-jaarverslag-2021.pdf", "02-bijlage"]


def test_tuples_are_accepted_and_the_zip_can_go_to_a_spooled_temporary_file():
    with tempfile.SpooledTemporaryFile(max_size=10) as out:
        names = write_attachments_zip(out, [("Cv", "cv", "cv.pdf", lambda: io.BytesIO(b"x" * 100))])
        out.seek(0)
        assert zipfile.ZipFile(out).read(names[0]) == b"x" * 100


def test_each_source_is_closed_after_copying():
    opened = []

    def source():
        opened.append(io.BytesIO(b"data"))
        return opened[-1]

    write([ZipMember("A", "other", "a.txt", source), ZipMember("B", "other", "b.txt", source)])
    assert len(opened) == 2 and all(f.closed for f in opened)
