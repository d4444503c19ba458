"""Who may read and change which dossier (object level), and the audit entries that go with it.

- Bureau admins and superusers: every dossier, read and write.
- Department editors and managers: the dossiers of their own departments
  (``accounts.permissions.department_scope``); managers also submit.
- Committee members and secretaries: read the dossiers assigned to them
  (``CommitteeAssignment``), and those the rooms above add with ``add_reader_rule``
  (visitation: the team of a procedure about the dossier, in its review period); never write.
- Everyone else (referrers, analysts, anonymous): nothing.

Every read and every change is written to the audit log (object type
``certification.dossier``, on behalf of the department's id); a refused
attempt is logged with outcome "denied" and raises ``PermissionDenied``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from accounts.permissions import department_scope
from accounts.roles import Role, sees_all_departments
from audit.models import Action, Outcome
from audit.services import record

OBJECT_TYPE = "certification.dossier"
COMMITTEE_ROLES = frozenset({Role.COMMITTEE_MEMBER, Role.COMMITTEE_SECRETARY})


def _department_model():
    from register.models import Department

    return Department


def _active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


# Rules of the rooms above (which this room may not import) that let more committee users read a
# dossier: functions ``(user, for_report) -> Q`` on Dossier, added at start-up (certification.apps).
_READER_RULES: list = []


def add_reader_rule(rule) -> None:
    """Let ``rule(user, for_report=...)`` (a ``Q`` on Dossier) open more dossiers to committee users."""
    if rule not in _READER_RULES:
        _READER_RULES.append(rule)


def visible_dossiers(user, queryset=None, *, for_report: bool = False):
    """The dossiers ``user`` may read: own departments' (editors, managers), assigned ones (committee), all (bureau).

    ``for_report``: the dossiers whose visitation report ``user`` may be shown (the report view then
    decides per stage); a reader rule may open more dossiers for that than for the dossier's own pages.
    """
    from .models import CommitteeAssignment, Dossier

    queryset = Dossier.objects.all() if queryset is None else queryset
    if not _active(user):
        return queryset.none()
    if sees_all_departments(user.role, user.is_superuser):
        return queryset
    allowed = Q(department__in=department_scope(user, _department_model().objects.all()).values("pk"))
    if user.role in COMMITTEE_ROLES:
        allowed |= Q(pk__in=CommitteeAssignment.objects.filter(user=user).values("dossier_id"))
        for rule in _READER_RULES:
            allowed |= rule(user, for_report=for_report)
    return queryset.filter(allowed)


def may_edit_department(user, department_id: int) -> bool:
    """Write access to the dossiers of one department (bureau, or an editor/manager of that department)."""
    if not _active(user):
        return False
    if sees_all_departments(user.role, user.is_superuser):
        return True
    return department_scope(user, _department_model().objects.filter(pk=department_id)).exists()


def may_submit_department(user, department_id: int) -> bool:
    """Submitting is for the department's manager (or the bureau), not for editors."""
    if not _active(user):
        return False
    if sees_all_departments(user.role, user.is_superuser):
        return True
    return user.role == Role.DEPARTMENT_MANAGER and may_edit_department(user, department_id)


def may_manage_committees(user) -> bool:
    return _active(user) and sees_all_departments(user.role, user.is_superuser)


def audit(user, action, dossier_id, department_id, outcome=Outcome.SUCCESS, detail=None, object_type=OBJECT_TYPE):
    record(
        action=action,
        actor=user if _active(user) else None,
        object_type=object_type,
        object_id="" if dossier_id is None else str(dossier_id),
        on_behalf_of="" if department_id is None else str(department_id),
        outcome=outcome,
        detail=detail,
    )


def deny(user, action, dossier_id, department_id, detail=None):
    """Log the refused attempt, then refuse (call outside any transaction that will roll back)."""
    audit(user, action, dossier_id, department_id, outcome=Outcome.DENIED, detail=detail)
    raise PermissionDenied("U hebt geen toegang tot dit dossier.")


READ = Action.READ
CREATE = Action.CREATE
UPDATE = Action.UPDATE
DELETE = Action.DELETE
IMPORT = Action.IMPORT
EXPORT = Action.EXPORT
PERMISSION_CHANGE = Action.PERMISSION_CHANGE
