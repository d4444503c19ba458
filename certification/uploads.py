"""Checks for files uploaded to a dossier: type by extension AND content, and size.

Allowed: PDF, Word (.docx), PNG and JPEG. The extension must be one of
those, and the first bytes of the file must say the same (a ``.pdf`` that
is really an executable, or a PNG renamed to ``.pdf``, is refused). A .docx
is a ZIP archive; it must hold ``[Content_Types].xml`` and
``word/document.xml``. The maximum size is the setting
``DOSSIER_UPLOAD_MAX_BYTES`` (default 20 MB). Messages are Dutch and name
the file.
"""

from __future__ import annotations

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# extension -> kind; kind -> Dutch name
EXTENSIONS = {".pdf": "pdf", ".docx": "docx", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}
KIND_NAMES = {"pdf": "een PDF-bestand", "docx": "een Word-document (.docx)", "png": "een PNG-afbeelding", "jpeg": "een JPEG-afbeelding"}

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
ZIP_MAGIC = b"PK\x03\x04"
DOCX_PARTS = ("[Content_Types].xml", "word/document.xml")


def max_upload_bytes() -> int:
    return int(getattr(settings, "DOSSIER_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",").removesuffix(",0")


def detect_kind(file) -> str | None:
    """'pdf', 'docx', 'png', 'jpeg' from the content, or None; leaves the file at position 0."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(PNG_MAGIC):
        return "png"
    if head.startswith(JPEG_MAGIC):
        return "jpeg"
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, EOFError):
            return None
        finally:
            file.seek(0)
        if all(part in names for part in DOCX_PARTS):
            return "docx"
    return None


def validate_upload(value) -> None:
    """Validator for an uploaded file (an ``UploadedFile``, a ``File``, or an unsaved ``FieldFile``)."""
    if isinstance(value, FieldFile):
        if not value:
            return
        if getattr(value, "_committed", True):
            return  # already stored: it was checked when it came in
    name = PurePath(getattr(value, "name", "") or "").name
    extension = PurePath(name).suffix.lower()
    if extension not in EXTENSIONS:
        raise ValidationError(
            _("Het bestand %(name)s heeft een niet-toegestaan type%(ext)s. Upload een PDF, Word-document (.docx), PNG of JPEG."),
            code="file_type",
            params={"name": name or _("(zonder naam)"), "ext": f" ({extension})" if extension else ""},
        )
    size = getattr(value, "size", None)
    if size is None:
        raise ValidationError(_("De grootte van %(name)s is niet te bepalen."), code="file_size", params={"name": name})
    if size == 0:
        raise ValidationError(_("Het bestand %(name)s is leeg."), code="file_empty", params={"name": name})
    limit = max_upload_bytes()
    if size > limit:
        raise ValidationError(
            _("Het bestand %(name)s is %(size)s MB; de grens is %(limit)s MB."),
            code="file_size",
            params={"name": name, "size": _megabytes(size), "limit": _megabytes(limit)},
        )
    expected = EXTENSIONS[extension]
    actual = detect_kind(value)
    if actual != expected:
        what = KIND_NAMES[actual] if actual else _("geen PDF, Word-document, PNG of JPEG")
        raise ValidationError(
            _("De inhoud van %(name)s past niet bij de extensie %(ext)s: het is %(what)s."),
            code="file_content",
            params={"name": name, "ext": extension, "what": what},
        )
