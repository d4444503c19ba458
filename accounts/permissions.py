"""Per-object permission checks, shared by the site, the admin and APIs.

Denied attempts are written to the audit log with outcome "denied".
"""

from django.http import Http404

from .roles import DEPARTMENT_ROLES, sees_all_departments


def department_scope(user, queryset):
    """Only the departments this user may act for."""
    if not user.is_authenticated:
        return queryset.none()
    if sees_all_departments(user.role, user.is_superuser):
        return queryset
    if user.role in DEPARTMENT_ROLES:
        return queryset.filter(memberships__user=user).distinct()
    return queryset.none()


def deny(request, *, object_type: str, object_id, on_behalf_of: str = ""):
    """Record a denied access and answer 404, so that existence is not revealed."""
    from audit.services import record

    record(
        action="read",
        request=request,
        actor=request.user if request.user.is_authenticated else None,
        role=getattr(request.user, "role", ""),
        object_type=object_type,
        object_id=str(object_id),
        on_behalf_of=on_behalf_of,
        outcome="denied",
    )
    raise Http404("Not found")
