"""Roles and what they may do: pure rules, no database access.

The roles follow ../shared/ARCHITECTURE.md. A user has one role; department
editors and managers are linked to their departments by memberships, and
every per-object decision goes through the functions below so that the
site, the admin and any API answer the same way.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    REFERRER = "referrer", _("Verwijzer")
    DEPARTMENT_EDITOR = "department_editor", _("Redacteur afdeling")
    DEPARTMENT_MANAGER = "department_manager", _("Manager afdeling")
    COMMITTEE_MEMBER = "committee_member", _("Lid visitatiecommissie")
    COMMITTEE_SECRETARY = "committee_secretary", _("Secretaris visitatiecommissie")
    BUREAU_ADMIN = "bureau_admin", _("Medewerker bureau (beheerder)")
    ANALYST = "analyst", _("Analist")
    REGIONAL_COORDINATOR = "regional_coordinator", _("Regiocoördinator")


DEPARTMENT_ROLES = frozenset({Role.DEPARTMENT_EDITOR, Role.DEPARTMENT_MANAGER})

# Roles that work with certification dossiers (which ones: certification.permissions).
DOSSIER_ROLES = frozenset(
    {Role.DEPARTMENT_EDITOR, Role.DEPARTMENT_MANAGER, Role.COMMITTEE_MEMBER, Role.COMMITTEE_SECRETARY, Role.BUREAU_ADMIN}
)


def works_with_dossiers(role: str, is_superuser: bool = False) -> bool:
    return is_superuser or role in DOSSIER_ROLES

# Roles that use the admin site; their model permissions come from the
# group of the same name (see accounts.services.sync_role_groups).
ADMIN_SITE_ROLES = frozenset({Role.DEPARTMENT_EDITOR, Role.DEPARTMENT_MANAGER, Role.BUREAU_ADMIN})

# Model permissions per role, as "app_label.codename".
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.REFERRER: frozenset(),
    Role.DEPARTMENT_EDITOR: frozenset(
        {
            "register.view_department",
            "register.change_department",
            "register.view_location",
            "register.add_location",
            "register.change_location",
            "register.delete_location",
            "register.view_offer",
            "register.add_offer",
            "register.change_offer",
            "register.delete_offer",
            "register.view_departmentexclusion",
            "register.add_departmentexclusion",
            "register.change_departmentexclusion",
            "register.delete_departmentexclusion",
        }
    ),
    Role.COMMITTEE_MEMBER: frozenset(),
    Role.COMMITTEE_SECRETARY: frozenset(),
    Role.ANALYST: frozenset(),
    Role.REGIONAL_COORDINATOR: frozenset(),
}
ROLE_PERMISSIONS[Role.DEPARTMENT_MANAGER] = ROLE_PERMISSIONS[Role.DEPARTMENT_EDITOR]


def requires_two_factor(role: str, is_superuser: bool = False) -> bool:
    """Every role except referrers must log in with a second factor."""
    return is_superuser or role != Role.REFERRER


def uses_admin_site(role: str, is_superuser: bool = False) -> bool:
    return is_superuser or role in ADMIN_SITE_ROLES


def sees_all_departments(role: str, is_superuser: bool = False) -> bool:
    """Bureau admins (and superusers) act for every department; others only for their own."""
    return is_superuser or role == Role.BUREAU_ADMIN


def may_edit_department(role: str, is_superuser: bool, member_department_ids: set[int], department_id: int) -> bool:
    if sees_all_departments(role, is_superuser):
        return True
    return role in DEPARTMENT_ROLES and department_id in member_department_ids
