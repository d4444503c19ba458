"""Who may do what with triage: one answer for pages, services and the admin.

- Professionals use the tools: referrers, department staff (editors, managers) and the bureau.
  The validated tools are not public, so every triage page needs a log-in.
- A result is seen by whoever filled it in, and by the bureau.
- Intake registrations: department staff for their own departments only, the bureau for all.
- Analysis: the bureau and analysts; only the bureau (the platform's own staff) sees counts
  under 5, everyone else sees "<5" (``rules.disclosure``).

Refusals answer 404 through ``accounts.permissions.deny`` (audited).
"""

from __future__ import annotations

from accounts.roles import DEPARTMENT_ROLES, Role, sees_all_departments

RESULT = "triage.result"
REGISTRATION = "triage.registration"
TOOL = "triage.tool"
ANALYSIS = "triage.analysis"


def _role(user) -> str:
    return getattr(user, "role", "") or ""


def is_bureau(user) -> bool:
    return bool(user.is_authenticated and sees_all_departments(_role(user), user.is_superuser))


def is_department_staff(user) -> bool:
    return bool(user.is_authenticated and _role(user) in DEPARTMENT_ROLES)


def may_use_tools(user) -> bool:
    return bool(user.is_authenticated and (_role(user) == Role.REFERRER or is_department_staff(user) or is_bureau(user)))


def may_register_intakes(user) -> bool:
    return is_department_staff(user) or is_bureau(user)


def may_register_for(user, department_id: int) -> bool:
    if is_bureau(user):
        return True
    return is_department_staff(user) and department_id in user.department_ids()


def may_analyse(user) -> bool:
    return bool(user.is_authenticated and (is_bureau(user) or _role(user) == Role.ANALYST))


def sees_small_counts(user) -> bool:
    """Only the bureau's own staff see counts under 5."""
    return is_bureau(user)


def may_see_result(user, result) -> bool:
    return bool(user.is_authenticated and (result.created_by_id == user.pk or is_bureau(user)))


def uses_triage(user) -> bool:
    """Whether the main menu shows "Triage" (any of the above)."""
    return may_use_tools(user) or may_register_intakes(user) or may_analyse(user)
