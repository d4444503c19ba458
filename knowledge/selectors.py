"""The reads of the knowledge base: every public item of every department's current dossier, in a
fixed number of SQL queries whatever the number of items (one for the dossiers, one per kind, one
for the departments, one for their target groups)."""

from __future__ import annotations

from certification.dossier import models as dossier_models
from register.models import Department

from .rules import publishing

# The columns read per kind: the public fields (knowledge.rules.publishing.PUBLIC_FIELDS) and what
# the rules need to decide; never the personal fields of a record.
_READ = {kind: ("id", "dossier_id", "public", *fields) for kind, fields in publishing.PUBLIC_FIELDS.items()}


def _model(kind: str):
    return getattr(dossier_models, publishing.KINDS[kind])


def current_dossier_ids() -> list[int]:
    """The id of every department's current dossier (knowledge.rules.publishing.current_dossiers)."""
    rows = dossier_models.Dossier.objects.values_list("id", "department_id", "visitation_date")
    return list(publishing.current_dossiers(publishing.DossierRef(*row) for row in rows).values())


def published_items(*, department_id=None) -> list[publishing.Item]:
    """The public items (merged across departments), newest first. ``department_id``: only the
    items that department published (still naming the other departments that published them too)."""
    dossiers = dossier_models.Dossier.objects.values_list("id", "department_id", "visitation_date", "updated_at")
    refs, updated = [], {}
    for pk, dep, visited, changed in dossiers:
        refs.append(publishing.DossierRef(pk, dep, visited))
        updated[pk] = changed
    current = publishing.current_dossiers(refs)
    dossier_department = {dossier_id: dep for dep, dossier_id in current.items()}
    if not current or (department_id is not None and department_id not in current):
        return []  # without a dossier a department has published nothing: no need to read the others'
    current_ids = set(current.values())
    rows = []
    public_study_ids = set()
    for kind in publishing.KINDS:
        query = _model(kind).objects.filter(dossier_id__in=current_ids, public=True).order_by("dossier_id", "position", "pk")
        for row in query.values(*_READ[kind]):
            if publishing.is_public(kind, row, current_ids):
                rows.append((kind, row))
                if kind == "study":
                    public_study_ids.add(row["id"])
    departments = {
        pk: (pk, name, slug)
        for pk, name, slug in Department.objects.filter(pk__in=set(dossier_department.values())).values_list("id", "name", "slug")
    }
    groups: dict[int, list[str]] = {}
    through = Department.target_groups.through
    for dep, code in through.objects.filter(department_id__in=departments).values_list("department_id", "targetgroup__code"):
        groups.setdefault(dep, []).append(code)
    studies = {row["id"]: row for kind, row in rows if kind == "study"}

    entries = []
    for kind, row in rows:
        dep = dossier_department[row["dossier_id"]]
        values = publishing.public_fields(kind, row)
        if kind == "innovation":
            study = studies.get(values.pop("study_id", None))
            values["study"] = publishing.public_fields("study", study) if study and study["id"] in public_study_ids else None
        entries.append((kind, values, departments[dep], row["id"], updated[row["dossier_id"]]))
    items = publishing.merge(entries)
    for item in items:
        item.department_groups = tuple(dict.fromkeys(code for dep in item.departments for code in groups.get(dep[0], ())))
    if department_id is not None:
        items = [item for item in items if any(dep[0] == department_id for dep in item.departments)]
    items.sort(key=publishing.sort_key)
    return items
