"""Reads for stored dossiers (the criteria sets' reads are in ``certification.criteria.selectors``).

Dossier reads take the acting user, check object permissions
(``certification.dossier.permissions``) and write an audit entry for every read,
also for a refused one (which then raises ``PermissionDenied``). A dossier
that does not exist raises ``Dossier.DoesNotExist``; a view should answer
404 to both, so that existence is not revealed.

``load_dossier`` runs a fixed number of SQL queries whatever the number of
records: one for the dossier with its one-to-one parts, one per record kind
(``dossier.db.PREFETCH``), plus the audit entry.
"""

from __future__ import annotations

from datetime import date

from certification.format import dossier as d
from certification.rules.checker import check_dossier
from .db import PREFETCH, SELECT_RELATED, to_dataclass
from certification.criteria.models import CriteriaSet
from certification.criteria.selectors import criteria_set_data, criteria_set_for
from .models import Dossier
from .permissions import EXPORT, READ, audit, deny, visible_dossiers
from certification.rules.report import CheckReport


class NoCriteriaSetError(LookupError):
    """No criteria set chosen for the dossier and none published for its visitation date."""

    def __init__(self, visitation_date: date):
        self.visitation_date = visitation_date
        super().__init__(
            f"Er is geen gepubliceerde criteriaset van kracht op {visitation_date.isoformat()}; "
            "kies een criteriaset voor dit dossier."
        )


def dossier_queryset():
    """Dossiers with everything ``dossier.db.to_dataclass`` reads, in 1 + len(PREFETCH) queries for any number."""
    return Dossier.objects.select_related(*SELECT_RELATED).prefetch_related(*PREFETCH)


def dossier_list(*, user):
    """The dossiers ``user`` may open, for an overview (names and dates only, so no audit entry)."""
    return visible_dossiers(user).select_related("department", "criteria_set").order_by("-visitation_date", "pk")


def _read(dossier_id, *, user, action=READ, for_report=False) -> Dossier:
    """The prefetched dossier if ``user`` may read it (audited); else the denial is logged and raised."""
    obj = visible_dossiers(user, dossier_queryset(), for_report=for_report).filter(pk=dossier_id).first()
    if obj is None:
        department_id = Dossier.objects.filter(pk=dossier_id).values_list("department_id", flat=True).first()
        if department_id is None:
            raise Dossier.DoesNotExist(f"Dossier {dossier_id} bestaat niet.")
        deny(user, action, dossier_id, department_id)
    audit(user, action, obj.pk, obj.department_id)
    return obj


def dossier_with_records(dossier_id, *, user, for_report: bool = False) -> Dossier:
    """The dossier as model instances with every record prefetched (for an editor's forms); one audited read.

    ``for_report``: for the visitation report only (its view checks the stage); see ``visible_dossiers``.
    """
    return _read(dossier_id, user=user, for_report=for_report)


def load_dossier(dossier_id, *, user) -> d.Dossier:
    """The stored dossier as the pure dataclass the checker reads; one audited read, a fixed number of queries."""
    return to_dataclass(_read(dossier_id, user=user))


def export_dossier_data(dossier_id, *, user) -> d.Dossier:
    """Like ``load_dossier`` but logged as an export (the services turn it into JSON)."""
    return to_dataclass(_read(dossier_id, user=user, action=EXPORT))


def check_stored_dossier(dossier_id, *, user, criteria_set: CriteriaSet | None = None) -> CheckReport:
    """Load the dossier (audited read) and check it against ``criteria_set``, else its own, else the one in force."""
    obj = _read(dossier_id, user=user)
    pure = to_dataclass(obj)
    chosen = criteria_set or obj.criteria_set or criteria_set_for(obj.visitation_date)
    if chosen is None:
        raise NoCriteriaSetError(obj.visitation_date)
    return check_dossier(pure, criteria_set_data(chosen))
