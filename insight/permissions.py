"""Who may see and do what in insight: one answer for pages, services and commands.

- Reporting capacity and waiting times: a department **manager** for their own departments only
  (least privilege: editors maintain texts, managers sign for figures), and the bureau for all.
- The public sees aggregates: coverage, the national dashboard, demand against supply, with
  counts under 5 hidden (``triage.rules.disclosure``).
- Analysts (and the bureau) see every figure, small counts included; never personal data,
  which insight does not hold.

Refusals answer 404 through ``accounts.permissions.deny`` (audited).
"""

from __future__ import annotations

from accounts.roles import Role, sees_all_departments

REPORT = "insight.capacity_report"
EXPORT = "insight.export"


def _role(user) -> str:
    return getattr(user, "role", "") or ""


def is_bureau(user) -> bool:
    return bool(user.is_authenticated and sees_all_departments(_role(user), user.is_superuser))


def is_manager(user) -> bool:
    return bool(user.is_authenticated and _role(user) == Role.DEPARTMENT_MANAGER)


def may_report(user) -> bool:
    return is_manager(user) or is_bureau(user)


def may_report_for(user, department_id: int) -> bool:
    if is_bureau(user):
        return True
    return is_manager(user) and department_id in user.department_ids()


def sees_small_counts(user) -> bool:
    """Analysts and the bureau see counts under 5; the public sees "<5"."""
    return bool(user.is_authenticated and (is_bureau(user) or _role(user) == Role.ANALYST))
