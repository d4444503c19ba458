"""Small but genuine files of each allowed type, for upload tests (they open with pypdf, Pillow and zipfile)."""

import io
import zipfile


def _pdf() -> bytes:
    """A one-page PDF with a correct cross-reference table, written by hand so the bytes never change."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _image(fmt: str, size=(4, 3)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


PDF = _pdf()
PNG = _image("PNG")
JPEG = _image("JPEG")

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="{main}"/>'
    "</Types>"
)
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Samenwerkingsovereenkomst</w:t></w:r></w:p></w:body></w:document>"
)


def docx_bytes(parts=None, *, main_type: str = DOCX_MAIN, document: str = DOCUMENT) -> bytes:
    """A minimal Word document; ``parts`` names other parts instead (each holding ``<xml/>``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if parts is not None:
            for part in parts:
                archive.writestr(part, "<xml/>")
        else:
            archive.writestr("[Content_Types].xml", CONTENT_TYPES.format(main=main_type))
            archive.writestr("word/document.xml", document)
    return buffer.getvalue()
