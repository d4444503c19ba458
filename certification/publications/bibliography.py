"""Reading publication lists from reference managers: BibTeX (.bib) and RIS (.ris). Pure; no database.

``parse_publications(file_name, data)`` returns the entries it could read
as ``Candidate`` records (type, title, date, authors, journal, DOI, link,
indexes) with a warning per entry for everything it had to guess, and the
entries it could not use (no title, no year, no authors, unreadable) with
their reason. Every note names the entry by its key (the BibTeX key or the
RIS ``ID``) and its line in the file.

BibTeX goes through bibtexparser 2 with the LaTeX-decoding middleware, so
``{\\"o}`` becomes ö, ``\\'e`` é, and protective braces disappear; names are
split into parts first so ``{van Dalen}, M.`` and ``M{\\"u}ller`` survive.
RIS goes through rispy, one entry at a time so each keeps its line number;
a byte-order mark and CRLF line ends are fine.

Type mapping (the dossier's ``PUBLICATION_TYPES``):

- BibTeX ``article`` -> article (review when its ``type`` says so);
  ``inproceedings``/``conference`` -> congress abstract when note, booktitle,
  series or howpublished mention an abstract or poster, else "other" (with a
  warning); ``incollection``/``inbook`` -> book chapter; ``book`` -> book;
  ``phdthesis`` (and biblatex ``thesis`` that is not a master's) -> thesis;
  everything else -> other, with a warning.
- RIS ``JOUR``/``JFULL``/``EJOUR``/``MGZN``/``INPR`` -> article (review when
  M3 says so); ``ABST`` -> congress abstract; ``CONF``/``CPAPER`` as BibTeX
  conferences; ``CHAP``/``ECHAP`` -> book chapter; ``BOOK``/``EBOOK``/
  ``EDBOOK`` -> book; ``THES`` -> thesis; other known types -> other; an
  unknown ``TY`` -> other, with a warning.

A date with only a year becomes 1 January of that year, with a warning
(the criteria count publications by date).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from topggz import limits

from .names import is_et_al

BIBTEX, RIS = "bibtex", "ris"

MONTHS = {
    **{fold: i for i, fold in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)},
    "mrt": 3, "mei": 5, "okt": 10, "maa": 3,
}  # fmt: skip
INDEX_NAMES = (("pubmed", "PubMed"), ("medline", "PubMed"), ("nlm", "PubMed"), ("psycinfo", "PsycINFO"), ("embase", "Embase"))


@dataclass(frozen=True)
class EntryNote:
    key: str  # the entry's key, or "regel N" when it has none
    line: int  # 1-based line where the entry starts (0: the whole file)
    message: str  # Dutch

    def __str__(self) -> str:
        where = f"{self.key} (regel {self.line})" if self.line else self.key
        return f"{where}: {self.message}"

    def to_dict(self) -> dict:
        return {"key": self.key, "line": self.line, "message": self.message}


@dataclass
class Candidate:
    key: str
    line: int
    type: str
    title: str
    date: date
    authors: list[str]
    journal: str = ""
    doi: str = ""
    link: str = ""
    indexes: tuple[str, ...] = ()
    incomplete_authors: bool = False  # "and others" / "et al." in the author list
    warnings: list[str] = field(default_factory=list)


@dataclass
class ParsedFile:
    format: str
    candidates: list[Candidate] = field(default_factory=list)
    skipped: list[EntryNote] = field(default_factory=list)  # entries that could not be used, with why
    warnings: list[EntryNote] = field(default_factory=list)  # about the file, and per usable entry


class PublicationFileError(ValueError):
    """The file as a whole cannot be imported (the message says why, in Dutch); nothing is written."""


class UnknownFormatError(PublicationFileError):
    pass


class PublicationLimitError(PublicationFileError):
    """The file is larger, or has more entries, than the limits allow (``topggz.limits``)."""


def normalise_doi(value: str) -> str:
    """'https://doi.org/10.1000/ABC' or 'doi:10.1000/ABC' -> '10.1000/abc' ('' if it is not a DOI)."""
    text = (value or "").strip()
    lowered = text.lower()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:"):
        if lowered.startswith(prefix):
            text = text[len(prefix):].strip()
            break
    return text.lower() if text.startswith("10.") and "/" in text else ""


# ------------------------------------------------------------------ helpers


def decode(data: bytes | str) -> tuple[str, list[str]]:
    """Text of an uploaded file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 (with a warning)."""
    if isinstance(data, str):
        return data.lstrip("\ufeff"), []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16").lstrip("\ufeff"), []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), [
            "Het bestand is geen UTF-8; het is gelezen als Windows-1252. Controleer letters met accenten."
        ]


def detect_format(file_name: str, text: str) -> str:
    suffix = PurePath(file_name or "").suffix.lower()
    if suffix in (".bib", ".bibtex"):
        return BIBTEX
    if suffix in (".ris", ".txt") and re.search(r"(?m)^TY  - ", text):
        return RIS
    if suffix == ".ris":
        return RIS
    stripped = text.lstrip()
    if re.search(r"(?m)^TY  - ", text):
        return RIS
    if stripped.startswith(("@", "%")) or re.search(r"(?m)^\s*@\w+\s*[{(]", text):
        return BIBTEX
    raise UnknownFormatError(
        f"{file_name or 'Het bestand'}: onbekend formaat. Upload een BibTeX-bestand (.bib) of een RIS-bestand (.ris)."
    )


def clean(value) -> str:
    """One line, single spaces (multi-line fields from both formats)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = " ".join(str(v) for v in value)
    return re.sub(r"\s+", " ", str(value)).strip()


def _month(value) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, int):
        return value if 1 <= value <= 12 else None
    text = clean(value).lower().strip(".")
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 12 else None
    for name, number in MONTHS.items():
        if text.startswith(name):
            return number
    return None


def _make_date(year: int, month: int | None, day: int | None, warnings: list[str]) -> date:
    if month is None:
        warnings.append(f"alleen het jaar is bekend: datum op 1 januari {year} gezet; controleer de datum")
        return date(year, 1, 1)
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        warnings.append(f"dag {day} bestaat niet in maand {month}; de eerste van de maand genomen")
        day = None
    return date(year, month, day or 1)


_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)")
_RIS_DATE = re.compile(r"^\s*(\d{4})(?:[/-](\d{0,2}))?(?:[/-](\d{0,2}))?")


def _indexes(*texts) -> tuple[str, ...]:
    joined = " ".join(clean(t) for t in texts if t).lower()
    found = []
    for needle, name in INDEX_NAMES:
        if needle in joined and name not in found:
            found.append(name)
    return tuple(found)


def _mentions_abstract(*texts) -> bool:
    joined = " ".join(clean(t) for t in texts if t).lower()
    return any(word in joined for word in ("abstract", "poster"))


def _is_review(*texts) -> bool:
    return "review" in " ".join(clean(t) for t in texts if t).lower()


def _link(url: str, doi: str, written_doi: str = "") -> str:
    """The URL, else a doi.org link with the DOI as the file wrote it (DOIs are case-insensitive)."""
    if url:
        return url
    if not doi:
        return ""
    written = written_doi.strip()
    shown = written[written.lower().index(doi[:3]):] if doi[:3] in written.lower() else doi
    return f"https://doi.org/{shown}"


_BIBTEX_ENTRY = re.compile(r"@[ \t]*(\w+)[ \t\r\n]*[{(]")
_RIS_ENTRY = re.compile(r"(?m)^TY  -")
_NOT_ENTRIES = {"comment", "string", "preamble"}


def count_entries(kind: str, text: str) -> int:
    """How many entries the text holds, counted without parsing it (an upper bound for BibTeX)."""
    if kind == RIS:
        return sum(1 for _ in _RIS_ENTRY.finditer(text))
    return sum(1 for m in _BIBTEX_ENTRY.finditer(text) if m.group(1).lower() not in _NOT_ENTRIES)


def check_limits(file_name: str, data: bytes | str) -> None:
    """Refuse a file above PUBLICATION_IMPORT_MAX_BYTES before anything is decoded or parsed."""
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    if limits.over(size, "PUBLICATION_IMPORT_MAX_BYTES"):
        raise PublicationLimitError(limits.too_large(file_name or "Het bestand", size, "PUBLICATION_IMPORT_MAX_BYTES") + ".")


def parse_publications(file_name: str, data: bytes | str) -> ParsedFile:
    """Read a BibTeX or RIS file. Raises ``PublicationLimitError`` (too large, too many entries) or
    ``UnknownFormatError`` before any entry is parsed."""
    check_limits(file_name, data)
    text, notes = decode(data)
    kind = detect_format(file_name, text)
    entries = count_entries(kind, text)
    if limits.over(entries, "PUBLICATION_IMPORT_MAX_ENTRIES"):
        raise PublicationLimitError(
            limits.too_many(file_name or "Het bestand", entries, "PUBLICATION_IMPORT_MAX_ENTRIES", "referenties") + "."
        )
    parsed = parse_bibtex(text) if kind == BIBTEX else parse_ris(text)
    parsed.warnings[:0] = [EntryNote(file_name or "bestand", 0, n) for n in notes]
    return parsed


def _finish(parsed: ParsedFile, key, line, *, type_, title, authors, incomplete, year, month, day, warnings, **rest):
    """Common checks for one entry: skipped when title, year or authors are missing; else a candidate."""
    missing = [what for what, value in (("titel", title), ("jaar van publicatie", year), ("auteurs", authors)) if not value]
    longest = max([len(title), *(len(a) for a in authors), *(len(v) for v in rest.values() if isinstance(v, str))])
    if limits.over(longest, "IMPORT_MAX_TEXT_CHARS"):
        maximum = limits.number(limits.limit("IMPORT_MAX_TEXT_CHARS"))
        why = f"niet geïmporteerd: een veld is {limits.number(longest)} tekens lang; de grens is {maximum} (IMPORT_MAX_TEXT_CHARS)"
        parsed.skipped.append(EntryNote(key, line, why))
        return
    if missing:
        why = "niet geïmporteerd: " + ", ".join(missing) + " ontbreekt"
        parsed.skipped.append(EntryNote(key, line, "; ".join([why, *warnings])))
        return
    if incomplete:
        warnings.append("de auteurslijst is onvolledig ('and others' / 'et al.'); controleer of er auteurs van de eenheid ontbreken")
    candidate = Candidate(
        key=key,
        line=line,
        type=type_,
        title=title,
        date=_make_date(year, month, day, warnings),
        authors=authors,
        incomplete_authors=incomplete,
        warnings=warnings,
        **rest,
    )
    parsed.candidates.append(candidate)
    parsed.warnings.extend(EntryNote(key, line, w) for w in warnings)


# ------------------------------------------------------------------- BibTeX

BIBTEX_TYPES = {
    "article": "article",
    "book": "book",
    "inbook": "book_chapter",
    "incollection": "book_chapter",
    "phdthesis": "thesis",
}
BIBTEX_OTHER = {"misc", "techreport", "report", "unpublished", "manual", "booklet", "online", "mastersthesis", "proceedings"}


def _debrace(text: str) -> str:
    """Protective braces ('{DSM-5}', '{van Dalen}') are kept through LaTeX decoding, then dropped here."""
    return text.replace("{", "").replace("}", "")


def _bibtex_name(parts) -> str:
    """'van Dalen, Marieke' from the parts of a name (split after LaTeX decoding, braces still protecting)."""
    name = " ".join([*parts.von, *parts.last])
    if parts.jr:
        name += ", " + " ".join(parts.jr)
    if parts.first:
        name += ", " + " ".join(parts.first)
    return clean(_debrace(name))


# The fields _bibtex_entry reads; every other field (abstracts, keywords' neighbours, file paths) is dropped
# before LaTeX decoding, which costs about 8 s per MB of text and grows faster than the text for one long field.
BIBTEX_USED_FIELDS = frozenset(
    "author editor title journal journaltitle booktitle series howpublished note keywords type pubtype "
    "year date month day doi url pmid eprinttype".split()
)


def _keep_used_fields_middleware():
    """A bibtexparser middleware: drop unused fields, and empty an entry whose used field is too long.

    Runs after the keys are normalised and before LaTeX decoding, so decoding only ever sees the
    fields we read, each at most IMPORT_MAX_TEXT_CHARS long and together at most
    PUBLICATION_IMPORT_MAX_TEXT_CHARS (else ``PublicationLimitError``). ``too_long`` maps an entry's
    key to its longest field's length; ``parse_bibtex`` skips those entries with that reason.
    """
    from bibtexparser.middlewares.middleware import BlockMiddleware

    class KeepUsedFields(BlockMiddleware):
        def __init__(self):
            super().__init__(allow_inplace_modification=True)
            self.maximum = limits.limit("IMPORT_MAX_TEXT_CHARS")
            self.too_long: dict[str, int] = {}
            self.total = 0

        def transform(self, library):
            library = super().transform(library)
            if limits.over(self.total, "PUBLICATION_IMPORT_MAX_TEXT_CHARS"):
                raise PublicationLimitError(
                    limits.too_many("Het bestand", self.total, "PUBLICATION_IMPORT_MAX_TEXT_CHARS", "tekens in de gelezen velden")
                    + ". Splits het bestand."
                )
            return library

        def transform_entry(self, entry, library):
            kept = [f for f in entry.fields if f.key.lower() in BIBTEX_USED_FIELDS]
            longest = max((len(f.value) for f in kept if isinstance(f.value, str)), default=0)
            if longest > self.maximum:
                self.too_long[entry.key] = longest
                kept = []
            self.total += sum(len(f.value) for f in kept if isinstance(f.value, str))
            entry.fields = kept
            return entry

    return KeepUsedFields()


def parse_bibtex(text: str) -> ParsedFile:
    import bibtexparser
    from bibtexparser.middlewares import (
        LatexDecodingMiddleware,
        MonthIntMiddleware,
        NormalizeFieldKeys,
        SeparateCoAuthors,
        SplitNameParts,
    )
    from bibtexparser.model import DuplicateBlockKeyBlock, MiddlewareErrorBlock

    parsed = ParsedFile(format=BIBTEX)
    keep_used = _keep_used_fields_middleware()
    library = bibtexparser.parse_string(
        text,
        # Decode LaTeX first but keep brace groups, so that the name splitter still sees
        # "{World Health Organization}" and "{van Dalen}, M." as one name; braces go in _debrace.
        append_middleware=[
            NormalizeFieldKeys(),
            keep_used,
            LatexDecodingMiddleware(keep_braced_groups=True),
            MonthIntMiddleware(),
            SeparateCoAuthors(),
            SplitNameParts(),
        ],
    )
    entries = list(library.entries)
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            parsed.skipped.append(EntryNote(block.key, line, f"niet geïmporteerd: de sleutel {block.key} komt al eerder in het bestand voor"))
        elif isinstance(block, MiddlewareErrorBlock) and hasattr(block.ignore_error_block, "fields"):
            entries.append(block.ignore_error_block)  # usable, but some LaTeX could not be decoded
            parsed.warnings.append(EntryNote(getattr(block.ignore_error_block, "key", "?"), line, "LaTeX-opmaak niet volledig omgezet; controleer de tekst"))
        else:
            found = re.match(r"\s*@\w+\s*[{(]\s*([^,\s]+)\s*,", block.raw or "")
            parsed.skipped.append(
                EntryNote(found.group(1) if found else f"regel {line}", line, "niet te lezen: de BibTeX-opmaak klopt niet (haakjes of aanhalingstekens?)")
            )
    entries.sort(key=lambda e: e.start_line or 0)
    maximum = limits.number(keep_used.maximum)
    for entry in entries:
        if entry.key in keep_used.too_long:
            length = limits.number(keep_used.too_long[entry.key])
            why = f"niet geïmporteerd: een veld is {length} tekens lang; de grens is {maximum} (IMPORT_MAX_TEXT_CHARS)"
            parsed.skipped.append(EntryNote(entry.key, (entry.start_line or 0) + 1, why))
            continue
        _bibtex_entry(parsed, entry)
    parsed.skipped.sort(key=lambda note: note.line)
    return parsed


def _bibtex_entry(parsed: ParsedFile, entry) -> None:
    from bibtexparser.middlewares.names import NameParts

    fields = {f.key.lower(): f.value for f in entry.fields}
    key, line = entry.key, (entry.start_line or 0) + 1
    warnings: list[str] = []
    entry_type = entry.entry_type.lower()
    get = lambda name: clean(_debrace(fields[name])) if isinstance(fields.get(name), str) else ""  # noqa: E731

    # Authors (editors for an edited book).
    people = fields.get("author")
    if not people and fields.get("editor"):
        people = fields.get("editor")
        warnings.append("geen auteurs; de redacteuren zijn als auteurs genomen")
    authors, incomplete = [], False
    for person in people or []:
        name = _bibtex_name(person) if isinstance(person, NameParts) else clean(person)
        if is_et_al(name):
            incomplete = True
        elif name:
            authors.append(name)

    # Type.
    booktitle = get("booktitle")
    if entry_type in ("inproceedings", "conference"):
        if _mentions_abstract(get("note"), booktitle, get("series"), get("howpublished"), get("keywords")):
            type_ = "congress_abstract"
        else:
            type_ = "other"
            warnings.append(f"congresbijdrage (@{entry_type}) zonder vermelding van een abstract: als 'ander type publicatie' geïmporteerd; controleer de soort")
    elif entry_type == "thesis":
        type_ = "other" if "master" in get("type").lower() else "thesis"
    elif entry_type in BIBTEX_TYPES:
        type_ = BIBTEX_TYPES[entry_type]
        if type_ == "article" and _is_review(get("type"), get("pubtype")):
            type_ = "review"
    else:
        type_ = "other"
        known = "" if entry_type in BIBTEX_OTHER else "onbekende "
        warnings.append(f"{known}soort @{entry_type}: als 'ander type publicatie' geïmporteerd")

    # Journal (or the book of a chapter or proceedings).
    journal = get("journal") or get("journaltitle")
    if type_ in ("book_chapter", "congress_abstract", "other") and not journal:
        journal = booktitle
    if type_ in ("article", "review") and not journal:
        warnings.append("tijdschrift ontbreekt")

    # Date: year (or biblatex date), month, day.
    year = month = day = None
    biblatex_date = get("date")
    found = _YEAR.search(get("year")) or (_YEAR.match(biblatex_date) if biblatex_date else None)
    if found:
        year = int(found.group(1))
    if get("year") and not _YEAR.search(get("year")):
        warnings.append(f"jaar '{get('year')}' is geen jaartal")
    if biblatex_date:
        parts = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", biblatex_date)
        if parts and year == int(parts.group(1)):
            month = int(parts.group(2)) if parts.group(2) else None
            day = int(parts.group(3)) if parts.group(3) else None
    if fields.get("month") not in (None, ""):
        month = _month(fields.get("month"))
        if month is None:
            warnings.append(f"maand '{clean(fields.get('month'))}' niet herkend")
    if get("day").isdigit() and month:
        day = int(get("day"))

    doi = normalise_doi(get("doi")) or normalise_doi(get("url"))
    if get("doi") and not doi:
        warnings.append(f"'{get('doi')}' is geen geldige DOI")
    pubmed = "pubmed" if get("pmid") or get("eprinttype").lower() == "pubmed" else ""

    _finish(
        parsed,
        key,
        line,
        type_=type_,
        title=get("title"),
        authors=authors,
        incomplete=incomplete,
        year=year,
        month=month,
        day=day,
        warnings=warnings,
        journal=journal,
        doi=doi,
        link=_link(get("url"), doi, get("doi")),
        indexes=_indexes(pubmed, get("note") if "pubmed" in get("note").lower() else ""),
    )


# ---------------------------------------------------------------------- RIS

RIS_TYPES = {
    "JOUR": "article",
    "JFULL": "article",
    "EJOUR": "article",
    "MGZN": "article",
    "INPR": "article",
    "ABST": "congress_abstract",
    "CHAP": "book_chapter",
    "ECHAP": "book_chapter",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "THES": "thesis",
}
_RIS_TAG = re.compile(r"^([A-Z][A-Z0-9])  - ?(.*)$")


def _ris_chunks(text: str):
    """(line number of TY, lines) per entry; lines before the first TY are returned with line 0."""
    chunks, current, start, preamble = [], None, 0, []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("TY  -"):
            if current is not None:
                chunks.append((start, current))
            current, start = [line], number
        elif current is None:
            if line.strip():
                preamble.append(number)
        else:
            current.append(line)
            if re.match(r"^ER  -", line):
                chunks.append((start, current))
                current = None
    if current is not None:
        chunks.append((start, current))
    return chunks, preamble


def parse_ris(text: str) -> ParsedFile:
    import rispy
    from rispy.config import TYPE_OF_REFERENCE_MAPPING

    parsed = ParsedFile(format=RIS)
    chunks, preamble = _ris_chunks(text)
    if preamble:
        parsed.warnings.append(
            EntryNote("bestand", preamble[0], f"{len(preamble)} regel(s) buiten een referentie (vóór TY of na ER) genegeerd")
        )
    if not chunks:
        parsed.warnings.append(EntryNote("bestand", 0, "geen referenties gevonden (een RIS-referentie begint met 'TY  - ')"))
    for line, lines in chunks:
        warnings: list[str] = []
        if not any(re.match(r"^ER  -", x) for x in lines):
            warnings.append("ER-regel ontbreekt; de referentie loopt tot de volgende TY")
            lines = [*lines, "ER  - "]
        id_tag = next((m.group(2).strip() for x in lines if (m := _RIS_TAG.match(x)) and m.group(1) == "ID"), "")
        key = id_tag or f"regel {line}"
        try:
            records = rispy.loads("\n".join(lines))
        except Exception as exc:  # noqa: BLE001 - rispy raises plain exceptions for malformed input
            parsed.skipped.append(EntryNote(key, line, f"niet te lezen (RIS-fout: {exc})"))
            continue
        if not records:
            parsed.skipped.append(EntryNote(key, line, "niet te lezen (geen geldige RIS-velden)"))
            continue
        _ris_entry(parsed, records[0], key, line, warnings, TYPE_OF_REFERENCE_MAPPING)
    return parsed


def _ris_first(entry, *names) -> str:
    for name in names:
        value = clean(entry.get(name))
        if value:
            return value
    return ""


def _ris_entry(parsed, entry, key, line, warnings, known_types) -> None:
    ty = clean(entry.get("type_of_reference")).upper()
    notes = " ".join(clean(n) for n in entry.get("notes", []) or []) + " " + clean(entry.get("note"))
    if ty in RIS_TYPES:
        type_ = RIS_TYPES[ty]
        if type_ == "article" and _is_review(entry.get("type_of_work")):
            type_ = "review"
    elif ty in ("CONF", "CPAPER"):
        if _mentions_abstract(notes, entry.get("secondary_title"), entry.get("type_of_work"), entry.get("tertiary_title")):
            type_ = "congress_abstract"
        else:
            type_ = "other"
            warnings.append(f"congresbijdrage (TY {ty}) zonder vermelding van een abstract: als 'ander type publicatie' geïmporteerd; controleer de soort")
    elif ty in known_types:
        type_ = "other"
        warnings.append(f"soort TY {ty} ({known_types[ty]}): als 'ander type publicatie' geïmporteerd")
    else:
        type_ = "other"
        warnings.append(f"onbekende soort TY {ty or '(leeg)'}: als 'ander type publicatie' geïmporteerd")

    authors, incomplete = [], False
    for name in [*(entry.get("authors") or []), *(entry.get("first_authors") or [])]:
        name = clean(name)
        if is_et_al(name):
            incomplete = True
        elif name and name not in authors:
            authors.append(name)

    if type_ in ("article", "review"):
        journal = _ris_first(entry, "journal_name", "alternate_title3", "secondary_title", "alternate_title2", "alternate_title1")
        if not journal:
            warnings.append("tijdschrift ontbreekt")
    else:
        journal = _ris_first(entry, "secondary_title", "journal_name", "alternate_title3")

    year = month = day = None
    raw_date = _ris_first(entry, "year", "publication_year", "date")
    found = _RIS_DATE.match(raw_date) if raw_date else None
    if found:
        year = int(found.group(1))
        month = int(found.group(2)) if found.group(2) else None
        day = int(found.group(3)) if found.group(3) else None
        if month is not None and not 1 <= month <= 12:
            warnings.append(f"maand {month} bestaat niet")
            month, day = None, None
        if month is None and entry.get("date") and raw_date != clean(entry.get("date")):
            extra = _RIS_DATE.match(clean(entry.get("date")))
            if extra and extra.group(1) == found.group(1) and extra.group(2):
                month = int(extra.group(2)) if 1 <= int(extra.group(2)) <= 12 else None
                day = int(extra.group(3)) if month and extra.group(3) else None
    elif raw_date:
        warnings.append(f"datum '{raw_date}' niet herkend")

    urls = [clean(u) for u in entry.get("urls", []) or [] if clean(u)]
    doi = normalise_doi(clean(entry.get("doi"))) or next((normalise_doi(u) for u in urls if normalise_doi(u)), "")
    if clean(entry.get("doi")) and not normalise_doi(clean(entry.get("doi"))):
        warnings.append(f"'{clean(entry.get('doi'))}' is geen geldige DOI")

    _finish(
        parsed,
        key,
        line,
        type_=type_,
        title=_ris_first(entry, "title", "primary_title", "short_title"),
        authors=authors,
        incomplete=incomplete,
        year=year,
        month=month,
        day=day,
        warnings=warnings,
        journal=journal,
        doi=doi,
        link=_link(urls[0] if urls else "", doi, clean(entry.get("doi"))),
        indexes=_indexes(entry.get("name_of_database"), entry.get("database_provider")),
    )
