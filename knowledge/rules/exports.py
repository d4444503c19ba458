"""Public publications as BibTeX, RIS and CSL-JSON. Pure: items in, text out.

Written so the dossier's own importers (certification.publications.bibliography) read every
export back to the same record: type, title, date, authors, journal, DOI, link and PubMed
indexing (tests/test_export_round_trip.py). Only what the knowledge base shows is exported (no
unit-author mark, no person other than the authors)."""

from __future__ import annotations

import json
import re

from register.search.text import fold

BIBTEX_TYPES = {
    "article": "article",
    "review": "article",
    "congress_abstract": "inproceedings",
    "book_chapter": "incollection",
    "book": "book",
    "thesis": "phdthesis",
    "other": "misc",
}
RIS_TYPES = {
    "article": "JOUR",
    "review": "JOUR",
    "congress_abstract": "ABST",
    "book_chapter": "CHAP",
    "book": "BOOK",
    "thesis": "THES",
    "other": "GEN",
}
CSL_TYPES = {
    "article": "article-journal",
    "review": "article-journal",
    "congress_abstract": "paper-conference",
    "book_chapter": "chapter",
    "book": "book",
    "thesis": "thesis",
    "other": "document",
}
_LATEX_SPECIAL = re.compile(r"([\\{}%&$#_~^])")
_LATEX_REPLACEMENT = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _doi_link(doi: str) -> str:
    return f"https://doi.org/{doi}" if doi else ""


def _latex(text: str) -> str:
    text = re.sub(r"\s+", " ", str(text or "")).strip()
    return _LATEX_SPECIAL.sub(lambda m: _LATEX_REPLACEMENT.get(m.group(1), "\\" + m.group(1)), text)


def citation_key(item, taken: set) -> str:
    """surname + year (+ a letter when taken): 'jansen2024', 'jansen2024b'."""
    authors = item.values.get("authors") or ["anon"]
    first = authors[0]
    surname = first.split(",")[0] if "," in first else (first.split() or ["anon"])[-1]
    surname = re.sub(r"[^a-z]", "", fold(surname)) or "anon"
    base = f"{surname}{item.year or ''}"
    key, letter = base, ord("a")
    while key in taken:
        letter += 1
        key = f"{base}{chr(letter)}"
    taken.add(key)
    return key


def _container_field(kind: str) -> str:
    return "booktitle" if kind in ("book_chapter", "congress_abstract") else "journal"


def bibtex(items) -> str:
    taken: set = set()
    entries = []
    for item in items:
        v = item.values
        kind = v.get("type") or "other"
        when = item.date
        fields = [("author", " and ".join(_latex(name) for name in v.get("authors") or [])), ("title", _latex(v.get("title")))]
        if v.get("journal"):
            fields.append((_container_field(kind), _latex(v["journal"])))
        fields += [("year", str(when.year)), ("month", str(when.month)), ("day", str(when.day))]
        if kind == "review":
            fields.append(("type", "Review"))
        notes = (["Abstract"] if kind == "congress_abstract" else []) + (["PubMed"] if "PubMed" in (v.get("indexes") or []) else [])
        if notes:
            fields.append(("note", _latex("; ".join(notes))))
        if v.get("doi"):
            fields.append(("doi", _latex(v["doi"])))
        if v.get("link") and v["link"] != _doi_link(v.get("doi", "")):
            fields.append(("url", v["link"]))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entries.append(f"@{BIBTEX_TYPES.get(kind, 'misc')}{{{citation_key(item, taken)},\n{body}\n}}\n")
    return "\n".join(entries)


def _ris_text(text: str) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip()


def ris(items) -> str:
    taken: set = set()
    lines = []
    for item in items:
        v = item.values
        kind = v.get("type") or "other"
        when = item.date
        lines.append(f"TY  - {RIS_TYPES.get(kind, 'GEN')}")
        lines.append(f"ID  - {citation_key(item, taken)}")
        lines += [f"AU  - {_ris_text(name)}" for name in v.get("authors") or []]
        lines.append(f"TI  - {_ris_text(v.get('title'))}")
        if v.get("journal"):
            lines.append(f"{'JO' if kind in ('article', 'review') else 'T2'}  - {_ris_text(v['journal'])}")
        lines.append(f"PY  - {when.year:04d}/{when.month:02d}/{when.day:02d}")
        if kind == "review":
            lines.append("M3  - Review")
        if "PubMed" in (v.get("indexes") or []):
            lines.append("DB  - PubMed")
        if v.get("doi"):
            lines.append(f"DO  - {_ris_text(v['doi'])}")
        if v.get("link") and v["link"] != _doi_link(v.get("doi", "")):
            lines.append(f"UR  - {_ris_text(v['link'])}")
        lines.append("ER  - ")
        lines.append("")
    return "\n".join(lines)


def _csl_name(name: str) -> dict:
    family, _comma, given = name.partition(",")
    return {"family": family.strip(), "given": given.strip()} if given.strip() else {"literal": name.strip()}


def csl_json(items) -> str:
    taken: set = set()
    records = []
    for item in items:
        v = item.values
        kind = v.get("type") or "other"
        when = item.date
        record = {
            "id": citation_key(item, taken),
            "type": CSL_TYPES.get(kind, "document"),
            "title": v.get("title", ""),
            "author": [_csl_name(name) for name in v.get("authors") or []],
            "issued": {"date-parts": [[when.year, when.month, when.day]]},
        }
        if v.get("journal"):
            record["container-title"] = v["journal"]
        if kind == "review":
            record["genre"] = "Review"
        if v.get("doi"):
            record["DOI"] = v["doi"]
        if v.get("link") or v.get("doi"):
            record["URL"] = v.get("link") or _doi_link(v["doi"])
        records.append(record)
    return json.dumps(records, ensure_ascii=False, indent=2)
