"""Uploaded files: PDF, Word, PNG or JPEG by extension and by content, and not too large."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from topggz.uploads import validate_upload

from .files import JPEG, PDF, PNG, docx_bytes


def upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    "name, content",
    [("cv.pdf", PDF), ("CV.PDF", PDF), ("organigram.png", PNG), ("foto.jpg", JPEG), ("foto.jpeg", JPEG), ("overeenkomst.docx", docx_bytes())],
)
def test_pdf_word_png_and_jpeg_files_are_accepted(name, content):
    validate_upload(upload(name, content))


def test_a_file_type_outside_the_list_is_refused_by_name():
    with pytest.raises(ValidationError, match=r"programma\.exe heeft een niet-toegestaan type \(\.exe\)"):
        validate_upload(upload("programma.exe", b"MZ\x90\x00"))


def test_a_png_renamed_to_pdf_is_refused_for_its_content():
    with pytest.raises(ValidationError, match=r"past niet bij de extensie \.pdf: het is een PNG-afbeelding"):
        validate_upload(upload("cv.pdf", PNG))


def test_a_zip_archive_that_is_not_a_word_document_is_refused():
    with pytest.raises(ValidationError, match="geen PDF, Word-document, PNG of JPEG"):
        validate_upload(upload("verslag.docx", docx_bytes(parts=("iets.txt",))))


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="is leeg"):
        validate_upload(upload("cv.pdf", b""))


def test_a_file_above_the_configured_maximum_is_refused_with_both_sizes(settings):
    settings.DOSSIER_UPLOAD_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError, match=r"is 1,5 MB; de grens is 1 MB"):
        validate_upload(upload("cv.pdf", PDF + b"0" * (1024 * 1024 + 512 * 1024)))


def test_the_default_maximum_is_twenty_megabytes():
    from topggz.uploads import max_upload_bytes

    assert max_upload_bytes() == 20 * 1024 * 1024
