"""The change history of a department and everything that belongs to it.

django-simple-history stores a historical row per save of Department,
Location, Offer and DepartmentExclusion. This module turns those rows into
one time line of changes: who, when, which record and which fields changed
from what to what.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .models import Department, DepartmentExclusion, Location, Offer

ACTIONS = {"+": _("aangemaakt"), "~": _("gewijzigd"), "-": _("verwijderd")}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class HistoryEntry:
    when: object
    who: object
    record_type: str
    record: str
    action: str
    reason: str = ""
    changes: list[FieldChange] = field(default_factory=list)


def _entries_for(history_rows, record_type: str) -> list[HistoryEntry]:
    entries = []
    rows = list(history_rows)
    # Each row is compared with the previous version of the same record.
    previous_by_id: dict = {}
    for row in sorted(rows, key=lambda r: (r.history_date, r.history_id)):
        before = previous_by_id.get(row.id)
        changes = []
        if before is not None and row.history_type == "~":
            delta = row.diff_against(before)
            changes = [FieldChange(c.field, c.old, c.new) for c in delta.changes]
        entries.append(
            HistoryEntry(
                when=row.history_date,
                who=row.history_user,
                record_type=record_type,
                record=str(row.instance) if row.history_type != "-" else f"#{row.id}",
                action=str(ACTIONS.get(row.history_type, row.history_type)),
                reason=row.history_change_reason or "",
                changes=changes,
            )
        )
        previous_by_id[row.id] = row
    return entries


def department_history(department: Department) -> list[HistoryEntry]:
    """All changes to the department and its locations, offers and exclusions, newest first."""
    sources = [
        (department.history.select_related("history_user"), str(Department._meta.verbose_name)),
        (
            Location.history.filter(department_id=department.pk).select_related("history_user"),
            str(Location._meta.verbose_name),
        ),
        (Offer.history.filter(department_id=department.pk).select_related("history_user"), str(Offer._meta.verbose_name)),
        (
            DepartmentExclusion.history.filter(department_id=department.pk).select_related("history_user"),
            str(DepartmentExclusion._meta.verbose_name),
        ),
    ]
    entries = [entry for rows, record_type in sources for entry in _entries_for(rows, record_type)]
    return sorted(entries, key=lambda e: e.when, reverse=True)
