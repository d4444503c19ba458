"""Checks for files uploaded to a dossier: type by extension AND by opening the content with a parser, and size.

Allowed: PDF, Word (.docx), PNG and JPEG. The extension must be one of
those, the first bytes must say the same (a ``.pdf`` that is really an
executable, or a PNG renamed to ``.pdf``, is refused), and the file must
open as what it claims to be (``open_problem``):

- PDF: a structural check (``%PDF-1.x`` header, ``startxref`` pointing at a
  cross-reference table or stream, a trailer and ``%%EOF`` at the end), then,
  when pypdf is installed, pypdf must read it and find at least one page; a
  PDF that only opens with a password is refused. So ``%PDF-`` followed by
  HTML is refused.
- PNG and JPEG: Pillow opens the header (the format must match), the size
  must be within ``DOSSIER_UPLOAD_MAX_PIXELS`` (checked before any pixel is
  decoded), and the data must decode (PNG: every chunk's checksum; JPEG: a
  reduced decode of the whole image).
- DOCX: a ZIP archive of at most ``UPLOAD_MAX_ZIP_ENTRIES`` parts unpacking
  to at most ``UPLOAD_MAX_UNPACKED_BYTES``, with ``[Content_Types].xml``
  declaring ``word/document.xml`` as a Word document's main part (a macro
  document .docm is refused), and ``word/document.xml`` an XML document whose
  root is ``w:document`` (both read with defusedxml).

The maximum size is the setting ``DOSSIER_UPLOAD_MAX_BYTES`` (default 20 MB),
checked before the content is looked at. Messages are Dutch and name the file.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from topggz import limits

DEFAULT_MAX_BYTES = limits.DEFAULTS["DOSSIER_UPLOAD_MAX_BYTES"]

# extension -> kind; kind -> Dutch name
EXTENSIONS = {".pdf": "pdf", ".docx": "docx", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}
KIND_NAMES = {"pdf": "een PDF-bestand", "docx": "een Word-document (.docx)", "png": "een PNG-afbeelding", "jpeg": "een JPEG-afbeelding"}
KIND_NOUNS = {"pdf": gettext_lazy("PDF-bestand"), "docx": gettext_lazy("Word-document"), "png": gettext_lazy("PNG-bestand"), "jpeg": gettext_lazy("JPEG-bestand")}

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
ZIP_MAGIC = b"PK\x03\x04"
DOCX_PARTS = ("[Content_Types].xml", "word/document.xml")
DOCX_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WORD_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES_MAX_BYTES = 1024 * 1024


class Unreadable(Exception):
    """The content does not open as the kind it claims to be; the message says why (Dutch, translated)."""


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


# ------------------------------------------------------------ opening by kind

_PDF_HEADER = re.compile(rb"%PDF-[12]\.\d")
_STARTXREF = re.compile(rb"startxref\s+(\d{1,12})\s+%%EOF\s*$")
_XREF_AT = re.compile(rb"\s*(xref\b|\d{1,10}\s+\d{1,5}\s+obj\b)")


def _pdf_structure_problem(file) -> str | None:
    """The PDF's skeleton: header, a final ``startxref`` + ``%%EOF`` whose offset lands on a cross-reference."""
    file.seek(0, io.SEEK_END)
    size = file.tell()
    file.seek(0)
    if not _PDF_HEADER.match(file.read(16)):
        return _("de kop van het PDF-bestand klopt niet")
    file.seek(max(0, size - 2048))
    tail = file.read()
    found = _STARTXREF.search(tail.rstrip(b"\x00 \t\r\n") + b"\n")
    if found is None:
        return _("het einde van het PDF-bestand (startxref en EOF-markering) ontbreekt")
    offset = int(found.group(1))
    if not 0 < offset < size:
        return _("de verwijzing naar de inhoudsopgave van het PDF-bestand klopt niet")
    file.seek(offset)
    if not _XREF_AT.match(file.read(64)):
        return _("de verwijzing naar de inhoudsopgave van het PDF-bestand klopt niet")
    return None


def _open_pdf(file) -> None:
    problem = _pdf_structure_problem(file)
    if problem:
        raise Unreadable(problem)
    try:
        import pypdf
    except ImportError:  # pragma: no cover - pypdf is a pinned dependency; the structure check stands alone
        return
    file.seek(0)
    try:
        reader = pypdf.PdfReader(file, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable(_("het PDF-bestand is met een wachtwoord beveiligd"))
        pages = len(reader.pages)
    except Unreadable:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds of errors for a damaged file
        raise Unreadable(_("het PDF-bestand is beschadigd")) from exc
    if pages < 1:
        raise Unreadable(_("het PDF-bestand heeft geen pagina's"))


def _open_image(file, kind: str) -> None:
    from PIL import Image, UnidentifiedImageError

    expected = {"png": "PNG", "jpeg": "JPEG"}[kind]
    file.seek(0)
    try:
        with Image.open(file, formats=[expected]) as image:
            width, height = image.size
            maximum = limits.limit("DOSSIER_UPLOAD_MAX_PIXELS")
            if width * height > maximum:
                raise Unreadable(
                    _("de afbeelding is %(width)s × %(height)s pixels; de grens is %(max)s pixels (DOSSIER_UPLOAD_MAX_PIXELS)")
                    % {"width": limits.number(width), "height": limits.number(height), "max": limits.number(maximum)}
                )
            if kind == "png":
                image.verify()  # every chunk's checksum, without decoding the pixels
            else:
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))  # decode at 1/8: cheap, but all of it
                image.load()
    except Unreadable:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as exc:
        raise Unreadable(_("de afbeelding is beschadigd of onvolledig")) from exc


def _open_docx(file) -> None:
    import defusedxml.ElementTree as ElementTree
    from defusedxml import DefusedXmlException

    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            if limits.over(len(infos), "UPLOAD_MAX_ZIP_ENTRIES"):
                raise Unreadable(
                    _("het document bestaat uit %(count)s onderdelen; de grens is %(max)s (UPLOAD_MAX_ZIP_ENTRIES)")
                    % {"count": limits.number(len(infos)), "max": limits.number(limits.limit("UPLOAD_MAX_ZIP_ENTRIES"))}
                )
            unpacked = sum(info.file_size for info in infos)
            if limits.over(unpacked, "UPLOAD_MAX_UNPACKED_BYTES"):
                raise Unreadable(
                    _("het document is uitgepakt %(size)s; de grens is %(max)s (UPLOAD_MAX_UNPACKED_BYTES)")
                    % {"size": limits.megabytes(unpacked), "max": limits.megabytes(limits.limit("UPLOAD_MAX_UNPACKED_BYTES"))}
                )
            types = archive.getinfo("[Content_Types].xml")
            if types.file_size > CONTENT_TYPES_MAX_BYTES:
                raise Unreadable(_("het Word-document mist zijn hoofddeel"))
            root = ElementTree.fromstring(archive.read(types))
            declared = {
                element.get("PartName", "").lower(): element.get("ContentType", "")
                for element in root
                if element.tag.endswith("}Override")
            }
            main_type = declared.get("/word/document.xml", "")
            if "macroEnabled" in main_type:
                raise Unreadable(_("het is een Word-document met macro's (.docm); sla het op als .docx zonder macro's"))
            if main_type != DOCX_MAIN_TYPE:
                raise Unreadable(_("het Word-document mist zijn hoofddeel"))
            with archive.open("word/document.xml") as document:
                _event, element = next(iter(ElementTree.iterparse(document, events=("start",))))
            if element.tag != f"{{{WORD_NAMESPACE}}}document":
                raise Unreadable(_("het Word-document mist zijn hoofddeel"))
    except Unreadable:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, StopIteration, ElementTree.ParseError, DefusedXmlException, RuntimeError) as exc:
        raise Unreadable(_("het Word-document is beschadigd")) from exc
    finally:
        file.seek(0)


def open_problem(file, kind: str) -> str | None:
    """Why ``file`` does not open as ``kind`` (Dutch, translated), or None; leaves the file at position 0."""
    try:
        if kind == "pdf":
            _open_pdf(file)
        elif kind in ("png", "jpeg"):
            _open_image(file, kind)
        elif kind == "docx":
            _open_docx(file)
    except Unreadable as exc:
        return str(exc)
    finally:
        file.seek(0)
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
    problem = open_problem(value, actual)
    if problem:
        raise ValidationError(
            _("%(name)s is geen bruikbaar %(kind)s: %(why)s."),
            code="file_content",
            params={"name": name, "kind": str(KIND_NOUNS[actual]), "why": problem},
        )
