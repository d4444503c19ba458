"""Limits on everything the platform reads from outside: file sizes, rows, entries, nesting, text, numbers.

Every limit is a Django setting whose default is in ``DEFAULTS``; ``topggz/settings.py`` reads each
from the environment variable of the same name (``env_limit``), so an operator can raise or lower
it without a code change. Code reads a limit with ``limit(NAME)`` at the moment it checks, so tests
can override the setting. A limit is checked before the expensive work (a file's size before it is
read, the number of entries before they are parsed) and a refusal writes nothing; its message is
Dutch and names the limit and what was found (``too_many``, ``too_large``).

``finite_number`` and ``validate_finite`` refuse numbers that are not numbers (NaN, infinity) and
absurd ones (more than ``NUMBER_MAX_ABS``); forms and model fields can use ``validate_finite`` as a
validator.
"""

from __future__ import annotations

import math
import os
import sys

MB = 1024 * 1024

DEFAULTS: dict[str, int] = {
    # Dossier attachments (PDF, Word, PNG, JPEG).
    "DOSSIER_UPLOAD_MAX_BYTES": 20 * MB,
    "DOSSIER_UPLOAD_MAX_PIXELS": 50_000_000,
    # A .docx or .xlsx is a ZIP archive: at most this many parts, unpacking to at most this many bytes.
    "UPLOAD_MAX_ZIP_ENTRIES": 1000,
    "UPLOAD_MAX_UNPACKED_BYTES": 50 * MB,
    # Publications from BibTeX or RIS.
    "PUBLICATION_IMPORT_MAX_BYTES": 2 * MB,
    "PUBLICATION_IMPORT_MAX_ENTRIES": 1000,
    # Characters in the BibTeX fields that are read (title, authors, journal, ...), which are LaTeX-decoded.
    "PUBLICATION_IMPORT_MAX_TEXT_CHARS": 500_000,
    # The dossier JSON format (import and ``manage.py certification check``).
    "DOSSIER_IMPORT_MAX_BYTES": 2 * MB,  # validating costs about 2.7 s per MB
    "DOSSIER_IMPORT_MAX_DEPTH": 20,
    # Records of one kind in one dossier (publications, staff, ...), and items in any JSON list.
    "DOSSIER_MAX_RECORDS_PER_KIND": 2000,
    # One text value in any import: a JSON string, a BibTeX/RIS field, a register cell.
    "IMPORT_MAX_TEXT_CHARS": 20_000,
    # The register (CSV and XLSX).
    "REGISTER_IMPORT_MAX_BYTES": 5 * MB,
    # Importing costs about 16 ms per row (validation, history): 5,000 rows are about 80 s. The register
    # itself has about 800 rows.
    "REGISTER_IMPORT_MAX_ROWS": 2_000,
    "REGISTER_IMPORT_MAX_TOTAL_ROWS": 5_000,
    "REGISTER_IMPORT_MAX_COLUMNS": 50,
    # Any request body (declared by Content-Length): above the largest upload, refused with 413 before it is read.
    "REQUEST_MAX_BYTES": 30 * MB,
}

# No count, hour or share the platform reads is anywhere near this; larger is a mistake or an attack.
NUMBER_MAX_ABS = 10**9


class LimitSettingError(ValueError):
    """A limit's environment variable is not a positive whole number."""


def env_limit(environ, name: str) -> int:
    """The limit ``name`` from the environment (a positive whole number; ``_`` allowed), else its default."""
    raw = (environ.get(name) or "").strip().replace("_", "")
    if not raw:
        return DEFAULTS[name]
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise LimitSettingError(f"{name} must be a positive whole number, not {environ.get(name)!r}.")
    return value


def limit(name: str) -> int:
    """The limit in force: the Django setting when Django is configured, else the environment or the default.

    Pure modules (the checker's JSON loader, the BibTeX/RIS readers) call this too; it does not
    import Django when nothing else has.
    """
    conf = sys.modules.get("django.conf")
    if conf is not None and conf.settings.configured:
        return int(getattr(conf.settings, name, DEFAULTS[name]))
    return env_limit(os.environ, name)


def megabytes(size: int) -> str:
    """1572864 -> '1,5 MB'; 1048576 -> '1 MB'; 2000 -> '2 kB' (Dutch decimal comma)."""
    if size < MB // 10:
        return f"{size / 1024:.1f}".replace(".", ",").removesuffix(",0") + " kB"
    return f"{size / MB:.1f}".replace(".", ",").removesuffix(",0") + " MB"


def number(value: int) -> str:
    """12345 -> '12.345' (Dutch thousands separator)."""
    return f"{value:,}".replace(",", ".")


def too_large(what: str, size: int, name: str) -> str:
    """'<what> is 10 MB; de grens is 2 MB (PUBLICATION_IMPORT_MAX_BYTES)' (no full stop: callers add one where it ends a sentence)."""
    return f"{what} is {megabytes(size)}; de grens is {megabytes(limit(name))} ({name})"


def too_many(what: str, found: int, name: str, noun: str) -> str:
    """'<what> bevat 58.766 <noun>; de grens is 1.000 (NAME)'."""
    return f"{what} bevat {number(found)} {noun}; de grens is {number(limit(name))} ({name})"


def over(found: int, name: str) -> bool:
    return found > limit(name)


# ------------------------------------------------------------------ numbers


def finite_number(value) -> bool:
    """True for an int or float that is finite and at most NUMBER_MAX_ABS in size (bools are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return abs(value) <= NUMBER_MAX_ABS


def number_problem(value) -> str | None:
    """Why ``value`` is not a usable number (Dutch), or None."""
    if isinstance(value, float) and math.isnan(value):
        return "is geen getal (NaN)"
    if isinstance(value, float) and math.isinf(value):
        return "is geen eindig getal (oneindig)"
    if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) > NUMBER_MAX_ABS:
        return f"is onwaarschijnlijk groot (meer dan {number(NUMBER_MAX_ABS)})"
    return None


def validate_finite(value) -> None:
    """Validator for number fields: refuses NaN, infinity and absurdly large numbers.

    Django's MinValueValidator/MaxValueValidator let NaN through (every comparison with NaN is
    false), so a number field that is read by a rule should list this validator first.
    """
    from decimal import Decimal

    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if value is None:
        return
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValidationError(_("Vul een getal in."), code="not_finite")
        value = float(value)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValidationError(_("Vul een getal in."), code="not_finite")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) > NUMBER_MAX_ABS:
        raise ValidationError(
            _("Dit getal is onwaarschijnlijk groot (meer dan %(max)s)."), code="absurd", params={"max": number(NUMBER_MAX_ABS)}
        )


# ------------------------------------------------------------------ requests


class RequestSizeLimitMiddleware:
    """Answers 413 to a request whose Content-Length is above REQUEST_MAX_BYTES, before its body is read.

    Django limits form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not uploaded files, which it
    streams to a temporary file whatever their size; this stops a 1 GB upload at the door. Each
    kind of upload has its own, smaller limit after this one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
        if size > limit("REQUEST_MAX_BYTES"):
            from django.http import HttpResponse
            from django.utils.translation import gettext as _

            message = _("Het verzoek is %(size)s; de grens is %(limit)s (REQUEST_MAX_BYTES). Er is niets opgeslagen.") % {
                "size": megabytes(size),
                "limit": megabytes(limit("REQUEST_MAX_BYTES")),
            }
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

