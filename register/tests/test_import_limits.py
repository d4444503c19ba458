"""Limits of the register import: rows per sheet, columns, cell length, ZIP parts, and numbers that are not numbers (issue 10)."""

import io
import zipfile

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from register.importexport import import_register
from register.models import Institution, Location

from .test_import_export import csv_file, department, geo, institution, location, register_counts, valid_register, xlsx  # noqa: F401


def institutions(n):
    return [institution(name=f"Stichting {i}", agb_code="", kvk_number="") for i in range(n)]


def test_a_csv_with_more_rows_than_the_limit_is_refused_with_the_limit_and_nothing_is_saved(settings, monkeypatch):
    settings.REGISTER_IMPORT_MAX_ROWS = 50
    monkeypatch.setattr("register.importexport.service.import_sheet", lambda *a: pytest.fail("imported a refused file"))
    before = register_counts()
    report = import_register([("instellingen.csv", csv_file("instellingen", institutions(51)))])
    assert [e.message for e in report.errors] == [
        "instellingen.csv bevat meer dan 50 gegevensrijen; de grens is 50 (REGISTER_IMPORT_MAX_ROWS). Splits het bestand."
    ]
    assert register_counts() == before


def test_a_csv_with_exactly_the_limit_of_rows_imports(settings):
    settings.REGISTER_IMPORT_MAX_ROWS = 50
    report = import_register([("instellingen.csv", csv_file("instellingen", institutions(50)))])
    assert report.ok, report.error_lines()
    assert Institution.objects.count() == 50


def test_a_workbook_sheet_that_declares_more_rows_than_the_limit_is_refused_before_its_rows_are_read(settings, monkeypatch):
    settings.REGISTER_IMPORT_MAX_ROWS = 20
    data = xlsx({"instellingen": institutions(30)})
    def rows_read(*args, **kwargs):
        pytest.fail("read the rows")
        yield

    monkeypatch.setattr("openpyxl.worksheet._read_only.ReadOnlyWorksheet._cells_by_row", rows_read)
    report = import_register([("register.xlsx", data)])
    assert [e.message for e in report.errors] == [
        "instellingen bevat 30 gegevensrijen; de grens is 20 (REGISTER_IMPORT_MAX_ROWS). Splits het bestand."
    ]


def test_a_workbook_whose_dimension_lies_is_still_stopped_at_the_row_limit(settings):
    settings.REGISTER_IMPORT_MAX_ROWS = 20
    buffer = io.BytesIO(xlsx({"instellingen": institutions(30)}))
    rewritten = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(rewritten, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                content = content.replace(b'<dimension ref="A1:E31" />', b'<dimension ref="A1:E2" />')
                assert b'ref="A1:E2"' in content
            target.writestr(info, content)
    report = import_register([("register.xlsx", rewritten.getvalue())])
    assert [e.message for e in report.errors] == [
        "instellingen bevat meer dan 20 gegevensrijen; de grens is 20 (REGISTER_IMPORT_MAX_ROWS). Splits het bestand."
    ]


def test_a_row_with_more_columns_than_the_limit_is_refused_with_its_row(settings):
    settings.REGISTER_IMPORT_MAX_COLUMNS = 8
    text = "name,website,city,agb_code,kvk_number\nStichting,,Utrecht,,," + ",x" * 10 + "\n"
    report = import_register([("instellingen.csv", text.encode())])
    assert [(e.row, e.message) for e in report.errors] == [
        (2, "Rij 2 van instellingen.csv bevat 16 kolommen; de grens is 8 (REGISTER_IMPORT_MAX_COLUMNS).")
    ]


def test_trailing_empty_cells_do_not_count_as_columns(settings):
    settings.REGISTER_IMPORT_MAX_COLUMNS = 5
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "instellingen"
    sheet.append(["name", "website", "city", "agb_code", "kvk_number"])
    sheet.append(["Stichting A", "", "Utrecht", "", ""])
    sheet.cell(row=2, column=40).value = ""
    stream = io.BytesIO()
    workbook.save(stream)
    report = import_register([("register.xlsx", stream.getvalue())])
    assert report.ok, report.error_lines()


def test_a_cell_longer_than_the_text_limit_is_refused_with_its_row_and_column(settings):
    settings.IMPORT_MAX_TEXT_CHARS = 300
    report = import_register(
        [("register.xlsx", xlsx({"instellingen": [institution()], "afdelingen": [department(description="x" * 400)]}))]
    )
    assert [(e.source, e.row, e.column, e.message) for e in report.errors] == [
        ("afdelingen", 2, "description", "De cel is 400 tekens lang; de grens is 300 (IMPORT_MAX_TEXT_CHARS).")
    ]
    assert Institution.objects.count() == 0


def test_a_workbook_with_more_parts_than_the_limit_is_refused(settings):
    settings.UPLOAD_MAX_ZIP_ENTRIES = 12
    buffer = io.BytesIO(xlsx(valid_register()))
    with zipfile.ZipFile(buffer, "a") as archive:
        count = len(archive.infolist())
        for n in range(13 - count if count < 13 else 1):
            archive.writestr(f"xl/media/{n}.bin", b"x")
        total = len(archive.infolist())
    report = import_register([("register.xlsx", buffer.getvalue())])
    assert [e.message for e in report.errors] == [f"Het Excel-bestand bevat {total} onderdelen; de grens is 12 (UPLOAD_MAX_ZIP_ENTRIES)."]


@pytest.mark.parametrize("value", ["NaN", "inf", "-Infinity", "1e999", "1e300"])
def test_coordinates_that_are_not_numbers_are_refused(value):
    sheets = valid_register()
    sheets["locaties"] = [location(municipality="GM0344", latitude=value, longitude="5.1")]
    report = import_register([("register.xlsx", xlsx(sheets))])
    assert not report.ok
    assert any(e.column == "latitude" and "geen bruikbaar getal" in e.message for e in report.errors), report.error_lines()
    assert Location.objects.count() == 0


def workbook_with_number_cell(text: bytes) -> bytes:
    buffer = io.BytesIO(xlsx({"instellingen": [institution(agb_code=1.0)]}))
    rewritten = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(rewritten, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                content = content.replace(b"<v>1</v>", b"<v>" + text + b"</v>")
                assert text in content
            target.writestr(info, content)
    return rewritten.getvalue()


def test_an_infinite_number_cell_in_a_workbook_is_an_error_in_its_column_not_a_crash():
    report = import_register([("register.xlsx", workbook_with_number_cell(b"1E999"))])
    assert not report.ok
    assert [(e.row, e.column) for e in report.errors] == [(2, "agb_code")]
    assert Institution.objects.count() == 0


def test_a_nan_number_cell_that_openpyxl_cannot_read_is_reported_not_a_crash():
    report = import_register([("register.xlsx", workbook_with_number_cell(b"NaN"))])
    assert [e.message for e in report.errors] == ["Het Excel-bestand kan niet worden gelezen; is het beschadigd?"]


def test_the_import_command_refuses_a_file_above_the_size_limit_before_reading_it(settings, tmp_path, monkeypatch):
    settings.REGISTER_IMPORT_MAX_BYTES = 1024 * 1024
    path = tmp_path / "instellingen.csv"
    path.write_bytes(b"name\n" + b"x" * (2 * 1024 * 1024))
    monkeypatch.setattr("pathlib.Path.open", lambda self, *a, **k: pytest.fail("read a refused file"))
    with pytest.raises(CommandError, match=r"instellingen\.csv is 2 MB; de grens is 1 MB \(REGISTER_IMPORT_MAX_BYTES\)"):
        call_command("import_register", str(path))


def test_a_workbook_whose_dimension_understates_its_rows_is_read_whole_not_cut_short():
    buffer = io.BytesIO(xlsx({"instellingen": institutions(5)}))
    rewritten = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(rewritten, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                content = content.replace(b'<dimension ref="A1:E6" />', b'<dimension ref="A1:E2" />')
                assert b'ref="A1:E2"' in content
            target.writestr(info, content)
    report = import_register([("register.xlsx", rewritten.getvalue())])
    assert report.ok, report.error_lines()
    assert Institution.objects.count() == 5


def test_an_import_with_more_rows_in_all_than_the_total_limit_is_refused_and_nothing_is_saved(settings, monkeypatch):
    settings.REGISTER_IMPORT_MAX_TOTAL_ROWS = 3
    monkeypatch.setattr("register.importexport.service.import_sheet", lambda *a: pytest.fail("imported a refused file"))
    report = import_register([("register.xlsx", xlsx({"instellingen": institutions(2), "afdelingen": [department(), department(slug="b")]}))])
    assert [(e.source, e.message) for e in report.errors] == [
        ("instellingen, afdelingen", "De import bevat 4 gegevensrijen; de grens is 3 (REGISTER_IMPORT_MAX_TOTAL_ROWS). Importeer in delen.")
    ]


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused_as_a_zip_bomb_naming_both_sizes(settings):
    settings.UPLOAD_MAX_UNPACKED_BYTES = 1024 * 1024
    buffer = io.BytesIO(xlsx(valid_register()))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/nul.bin", b"\0" * (3 * 1024 * 1024))
    assert len(buffer.getvalue()) < 64 * 1024
    report = import_register([("register.xlsx", buffer.getvalue())])
    assert [e.message for e in report.errors] == [
        "Het Excel-bestand is uitgepakt 3 MB; de grens is 1 MB (UPLOAD_MAX_UNPACKED_BYTES)."
    ]
