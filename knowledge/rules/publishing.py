"""What the public knowledge base shows of a department's dossier, and what it never shows.

Pure: the selectors hand in plain rows (dicts of a record's fields); nothing here touches the
database.

1. **Which dossier counts**: a department's *current* dossier, the one with the latest visitation
   date (ties: the newest row). Records of older dossiers are never shown, even when they were
   marked public there: the current dossier is what the department now stands behind.
2. **Which records**: only records marked public (``public`` is true) of the kinds in ``KINDS``.
   Everything else of the dossier (staff, figures, attachments, texts of the cover sheet, the
   committee) never is.
3. **Which fields**: only those in ``PUBLIC_FIELDS``. The only names of people ever shown are the
   authors of a publication and the presenter of a presentation. A study's researchers, PhD
   candidate, promotors and the candidate's involvement, whether an author belongs to the unit,
   and a training place's occupancy are never shown.
4. **An innovation's effectiveness study** is named only when that study is itself public.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from register.search.text import fold

# kind -> the URL value and the record model's name in certification.dossier.models
KINDS = {
    "innovation": "Innovation",
    "study": "Study",
    "publication": "Publication",
    "presentation": "Presentation",
    "training_place": "TrainingPlace",
    "participation": "PatientParticipation",
}

# The fields a public item may carry, per kind; every other field of the record stays in the dossier.
PUBLIC_FIELDS: dict[str, tuple[str, ...]] = {
    "innovation": (
        "title", "target_group", "description", "innovative_aspect", "difference_from_regular_care",
        "effectiveness_design", "study_id",
    ),
    "study": ("title", "subject", "start_date", "end_date", "phase", "is_phd_study"),
    "publication": ("type", "title", "date", "authors", "journal", "peer_reviewed", "international", "indexes", "link", "doi"),
    "presentation": ("date", "congress", "scope", "title", "presenter", "kind"),
    "training_place": ("discipline", "places", "recognition"),
    "participation": ("title", "date", "end_date", "kind", "description", "result"),
}

# The fields whose words a search reads (names of people are never searched).
TEXT_FIELDS = {
    "innovation": ("title", "target_group", "description", "innovative_aspect", "difference_from_regular_care", "effectiveness_design"),
    "study": ("title", "subject", "phase"),
    "publication": ("title", "journal"),
    "presentation": ("title", "congress"),
    "training_place": ("discipline", "recognition"),
    "participation": ("title", "kind", "description", "result"),
}

# The fields of a record that name or describe a person and are never public.
NEVER_PUBLIC = {
    "study": ("researchers", "phd_candidate", "promotors", "candidate_involvement"),
}

# The field whose date dates an item (year filter, feed, order); kinds without one are undated.
DATE_FIELD = {
    "study": "start_date",
    "publication": "date",
    "presentation": "date",
    "participation": "date",
}


@dataclass(frozen=True)
class DossierRef:
    id: int
    department_id: int
    visitation_date: date


def current_dossiers(dossiers) -> dict[int, int]:
    """department id -> the id of its current dossier (latest visitation date; ties: highest id)."""
    best: dict[int, DossierRef] = {}
    for ref in dossiers:
        held = best.get(ref.department_id)
        if held is None or (ref.visitation_date, ref.id) > (held.visitation_date, held.id):
            best[ref.department_id] = ref
    return {department_id: ref.id for department_id, ref in best.items()}


def is_public(kind: str, row: dict, current_dossier_ids: set) -> bool:
    """A record is shown only when it is of a public kind, marked public, and of a current dossier."""
    return kind in KINDS and row.get("public") is True and row.get("dossier_id") in current_dossier_ids


def public_fields(kind: str, row: dict) -> dict:
    """Only the fields the public may see; authors lose the unit-author mark and keep their names."""
    values = {name: row.get(name) for name in PUBLIC_FIELDS[kind] if name in row}
    if kind == "publication":
        values["authors"] = [
            str(author.get("name", "")).strip()
            for author in (row.get("authors") or [])
            if isinstance(author, dict) and str(author.get("name", "")).strip()
        ]
    return values


def normalised_title(title: str) -> str:
    return re.sub(r"\s+", " ", fold(title or "")).strip()


def sameness_key(kind: str, values: dict) -> tuple:
    """What makes two departments' items the same: a publication by DOI, else (any kind) by its
    normalised title and year (undated kinds: the title and the kind's other identifying text)."""
    if kind == "publication" and values.get("doi"):
        return (kind, "doi", values["doi"].strip().lower())
    when = item_date(kind, values)
    extra = values.get("congress", "") if kind == "presentation" else ""
    if kind == "training_place":
        return (kind, "discipline", values.get("discipline"), values.get("recognition") or "", object())
    return (kind, "title", normalised_title(values.get("title", "")), when.year if when else None, normalised_title(extra))


def item_date(kind: str, values: dict) -> date | None:
    name = DATE_FIELD.get(kind)
    return values.get(name) if name else None


@dataclass
class Item:
    """One public item, shown once, with every department that published it."""

    kind: str
    key: tuple
    values: dict
    departments: list = field(default_factory=list)  # (id, name, slug), in order of first appearance
    record_ids: list = field(default_factory=list)
    dossier_updated: object = None  # the newest change of a dossier that holds it (undated kinds' feed date)
    department_groups: tuple = ()  # codes of the target groups of its departments (register)
    target_groups: tuple = ()  # codes: read from its own words, else its departments' (knowledge.search)

    @property
    def date(self) -> date | None:
        return item_date(self.kind, self.values)

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    def text(self) -> str:
        """The words a search reads: every public text field (never a name of a person)."""
        values = self.values
        parts = [values.get(name) for name in TEXT_FIELDS[self.kind]]
        study = values.get("study") if self.kind == "innovation" else None
        if study:
            parts += [study.get("title"), study.get("subject")]
        return " ".join(str(part) for part in parts if part)

    @property
    def title(self) -> str:
        if self.kind == "training_place":
            return self.values.get("discipline", "")
        return self.values.get("title", "")


def merge(entries) -> list[Item]:
    """``entries``: (kind, values, department (id, name, slug), record id, dossier updated) in order.
    Items with the same sameness key become one Item naming every department once."""
    items: dict[tuple, Item] = {}
    for kind, values, department, record_id, updated in entries:
        key = sameness_key(kind, values)
        item = items.get(key)
        if item is None:
            item = items[key] = Item(kind=kind, key=key, values=values)
        if department not in item.departments:
            item.departments.append(department)
        item.record_ids.append(record_id)
        if updated is not None and (item.dossier_updated is None or updated > item.dossier_updated):
            item.dossier_updated = updated
    return list(items.values())


def sort_key(item: Item) -> tuple:
    """Newest first; undated items after the dated ones, then by title."""
    when = item.date
    return (when is None, -(when.toordinal()) if when else 0, normalised_title(item.title))
