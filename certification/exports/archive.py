"""The dossier's attachments as one ZIP file (pure; no database, no request).

``write_attachments_zip(out, attachments)`` writes a ZIP (deflated) to the
binary file object ``out`` with every attachment under a safe archive name
and a table of contents ``inhoud.csv``. It returns the archive names of the
attachments, in the order given (``inhoud.csv`` not included).

Archive names: a number in dossier order, then the title folded to ASCII
(accents dropped, every run of other characters a "-"), then the original
extension in lower case: "01-organigram-ggz-westerhaven.pdf". Only
``[A-Za-z0-9._-]`` occurs, never a path separator or "..", and names are
unique (the number already makes them so; a clash would get "-2", "-3").
A title without usable characters falls back to the original file name,
then to "bijlage".

``inhoud.csv`` is UTF-8 with a byte-order mark and ";" as separator, the way
Dutch Excel opens a CSV file by double-clicking it; columns: bestand, titel,
soort, oorspronkelijke bestandsnaam. Cells starting with = + - or @ get a
leading "'" so a spreadsheet never runs them as a formula.

File contents are streamed with ``shutil.copyfileobj`` in chunks; no file is
read into memory whole.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass
from typing import IO, BinaryIO

__all__ = ["CONTENTS_NAME", "ZipMember", "archive_names", "write_attachments_zip"]

CONTENTS_NAME = "inhoud.csv"
CONTENTS_HEADER = ("bestand", "titel", "soort", "oorspronkelijke bestandsnaam")
CHUNK = 1024 * 1024
MAX_STEM = 60  # characters of the title kept in the archive name
MAX_EXTENSION = 10


@dataclass(frozen=True)
class ZipMember:
    """One attachment: what it is called and how to open its content (a binary file object)."""

    title: str
    kind: str
    file_name: str  # the original file name, for the extension and inhoud.csv
    open: Callable[[], BinaryIO]


def _member(item) -> ZipMember:
    """A ``ZipMember`` from a ``ZipMember``, a 4-tuple or any object with the same attributes."""
    if isinstance(item, ZipMember):
        return item
    if isinstance(item, tuple):
        return ZipMember(*item)
    return ZipMember(item.title, item.kind, item.file_name, item.open)


# ------------------------------------------------------------------- names


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return decomposed.encode("ascii", "ignore").decode("ascii")


def _slug(text: str) -> str:
    """ASCII letters, digits and single "-" between them; no dots, so never ".." or an extension."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", _ascii(text)).strip("-").lower()
    return slug[:MAX_STEM].rstrip("-")


def _base_name(file_name: str) -> str:
    """The last part of a path or URL: "cv/van-dalen.pdf" -> "van-dalen.pdf"."""
    return re.split(r"[/\\]", (file_name or "").split("?")[0].split("#")[0])[-1]


def _extension(file_name: str) -> str:
    """".pdf" for "CV.PDF"; "" when there is no plausible extension."""
    base = _base_name(file_name)
    if "." not in base.strip("."):
        return ""
    ext = re.sub(r"[^a-z0-9]", "", _ascii(base.rsplit(".", 1)[1]).lower())[:MAX_EXTENSION]
    return f".{ext}" if ext else ""


def _stem(member: ZipMember) -> str:
    base = _base_name(member.file_name)
    base_stem = base.rsplit(".", 1)[0] if "." in base.strip(".") else base
    return _slug(member.title) or _slug(base_stem) or "bijlage"


def archive_names(members: Iterable[ZipMember]) -> list[str]:
    """Safe, unique archive names for ``members`` in order: "01-cv.pdf", "02-cv.pdf", ..."""
    members = list(members)
    width = max(2, len(str(len(members))))
    names: list[str] = []
    taken = {CONTENTS_NAME}
    for number, member in enumerate(members, 1):
        stem, ext = f"{number:0{width}d}-{_stem(member)}", _extension(member.file_name)
        name, extra = f"{stem}{ext}", 1
        while name.lower() in taken:
            extra += 1
            name = f"{stem}-{extra}{ext}"
        taken.add(name.lower())
        names.append(name)
    return names


# -------------------------------------------------------------------- write


def _csv_cell(value: str) -> str:
    value = str(value or "")
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _contents_csv(names: list[str], members: list[ZipMember]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(CONTENTS_HEADER)
    for name, m in zip(names, members, strict=True):
        writer.writerow([name, *(_csv_cell(v) for v in (m.title, m.kind, m.file_name))])
    return text.getvalue().encode("utf-8-sig")


def _copy_into(archive: zipfile.ZipFile, name: str, member: ZipMember) -> None:
    with closing(member.open()) as source, archive.open(name, mode="w") as target:
        shutil.copyfileobj(source, target, CHUNK)


def write_attachments_zip(out: IO[bytes], attachments: Iterable) -> list[str]:
    """Write ``attachments`` (``ZipMember``s or 4-tuples) and ``inhoud.csv`` to ``out`` as a ZIP.

    Returns the archive names of the attachments in order (``inhoud.csv`` not included).
    """
    members = [_member(item) for item in attachments]
    names = archive_names(members)
    with zipfile.ZipFile(out, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(CONTENTS_NAME, _contents_csv(names, members))
        for name, member in zip(names, members, strict=True):
            _copy_into(archive, name, member)
    return names
