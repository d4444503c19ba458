"""Uploads must open with a parser for their type, not only start with the right bytes (issue 10, finding 9)."""

import io
import sys
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile

from topggz.uploads import open_problem, validate_upload

from .files import DOCX_MAIN, JPEG, PDF, PNG, _image, docx_bytes

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>\n"


def upload(name, content):
    return SimpleUploadedFile(name, content)


def refused(name, content, match):
    with pytest.raises(ValidationError) as exc_info:
        validate_upload(upload(name, content))
    message = exc_info.value.messages[0]
    assert name in message
    assert match in message, message


def test_a_file_that_starts_with_the_pdf_magic_followed_by_html_is_refused():
    refused("cv.pdf", b"%PDF-" + HTML, "cv.pdf is geen bruikbaar PDF-bestand")
    refused("cv.pdf", b"%PDF-1.7\n" + HTML, "het einde van het PDF-bestand (startxref en EOF-markering) ontbreekt")


def test_a_pdf_with_html_and_a_fake_ending_is_refused_because_its_cross_reference_is_not_there():
    fake = b"%PDF-1.7\n" + HTML + b"startxref\n12\n%%EOF\n"
    refused("cv.pdf", fake, "de verwijzing naar de inhoudsopgave van het PDF-bestand klopt niet")


def test_without_pypdf_the_structural_check_alone_still_refuses_html_behind_the_pdf_magic(monkeypatch):
    monkeypatch.setitem(sys.modules, "pypdf", None)  # import pypdf now raises ImportError
    refused("cv.pdf", b"%PDF-1.4\n" + HTML, "ontbreekt")
    validate_upload(upload("cv.pdf", PDF))


def test_a_truncated_pdf_is_refused():
    refused("cv.pdf", PDF[: len(PDF) // 2], "ontbreekt")


def test_a_pdf_without_pages_is_refused():
    empty = PDF.replace(b"/Kids [3 0 R] /Count 1", b"/Kids [     ] /Count 0")
    assert len(empty) == len(PDF)  # offsets unchanged: structurally a PDF
    refused("leeg.pdf", empty, "het PDF-bestand heeft geen pagina's")


def test_a_pdf_written_by_a_real_library_is_accepted():
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.cell(text="Curriculum vitae")
    validate_upload(upload("cv.pdf", bytes(document.output())))


def test_a_pdf_upload_spooled_to_disk_is_opened_from_its_file():
    spooled = TemporaryUploadedFile("cv.pdf", "application/pdf", len(PDF), None)
    spooled.write(PDF)
    spooled.seek(0)
    try:
        validate_upload(spooled)
    finally:
        spooled.close()


def test_a_png_header_followed_by_html_is_refused():
    refused("organigram.png", PNG[:16] + HTML, "organigram.png is geen bruikbaar PNG-bestand: de afbeelding is beschadigd of onvolledig")


def test_a_png_with_a_damaged_chunk_is_refused():
    damaged = bytearray(PNG)
    damaged[-20] ^= 0xFF  # inside the image data: its checksum no longer matches
    refused("organigram.png", bytes(damaged), "beschadigd of onvolledig")


def test_a_jpeg_header_followed_by_html_is_refused():
    refused("foto.jpg", JPEG[:4] + HTML, "foto.jpg is geen bruikbaar JPEG-bestand")


def test_a_truncated_jpeg_is_refused():
    photo = _image("JPEG", size=(64, 64))
    refused("foto.jpg", photo[: len(photo) // 2], "beschadigd of onvolledig")


def test_an_image_with_more_pixels_than_the_limit_is_refused_before_it_is_decoded(settings):
    settings.DOSSIER_UPLOAD_MAX_PIXELS = 10_000
    big = _image("PNG", size=(200, 100))
    refused("organigram.png", big, "de afbeelding is 200 × 100 pixels; de grens is 10.000 pixels (DOSSIER_UPLOAD_MAX_PIXELS)")


def test_a_docx_whose_content_types_do_not_declare_a_word_document_is_refused():
    refused("overeenkomst.docx", docx_bytes(main_type="text/html"), "overeenkomst.docx is geen bruikbaar Word-document: het Word-document mist zijn hoofddeel")


def test_a_macro_enabled_word_document_renamed_to_docx_is_refused():
    refused(
        "overeenkomst.docx",
        docx_bytes(main_type="application/vnd.ms-word.document.macroEnabled.main+xml"),
        "het is een Word-document met macro's",
    )


def test_a_docx_whose_document_part_is_html_is_refused():
    refused("overeenkomst.docx", docx_bytes(document=HTML.decode()), "mist zijn hoofddeel")
    refused("overeenkomst.docx", docx_bytes(document="geen xml"), "het Word-document is beschadigd")


def test_a_docx_with_an_xml_entity_bomb_is_refused():
    bomb = '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaa">]><w:document xmlns:w="x">&a;</w:document>'
    refused("overeenkomst.docx", docx_bytes(document=bomb), "het Word-document is beschadigd")


def test_a_docx_with_more_parts_than_the_limit_is_refused_with_the_count(settings):
    settings.UPLOAD_MAX_ZIP_ENTRIES = 10
    buffer = io.BytesIO(docx_bytes())
    with zipfile.ZipFile(buffer, "a") as archive:
        for n in range(20):
            archive.writestr(f"word/media/{n}.xml", "<x/>")
    refused("overeenkomst.docx", buffer.getvalue(), "het document bestaat uit 22 onderdelen; de grens is 10 (UPLOAD_MAX_ZIP_ENTRIES)")


def test_a_docx_that_unpacks_beyond_the_limit_is_refused_as_a_zip_bomb(settings):
    settings.UPLOAD_MAX_UNPACKED_BYTES = 1024 * 1024
    buffer = io.BytesIO(docx_bytes())
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/nul.bin", b"\0" * (3 * 1024 * 1024))
    assert len(buffer.getvalue()) < 64 * 1024
    refused("overeenkomst.docx", buffer.getvalue(), "het document is uitgepakt 3 MB; de grens is 1 MB (UPLOAD_MAX_UNPACKED_BYTES)")


@pytest.mark.parametrize("kind, content", [("pdf", PDF), ("png", PNG), ("jpeg", JPEG), ("docx", docx_bytes())])
def test_genuine_files_open_and_the_file_is_left_at_its_start(kind, content):
    file = io.BytesIO(content)
    assert open_problem(file, kind) is None
    assert file.tell() == 0


def test_the_main_content_type_of_a_word_document_is_the_one_word_writes():
    assert DOCX_MAIN == "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
