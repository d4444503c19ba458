"""Per-object permission checks, shared by the site, the admin and APIs.

Denied attempts are written to the audit log with outcome "denied". The entry
survives a rollback of the transaction the refusal happens in (the admin's
change and delete views run in one): see ``audit.services``.
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


def deny_other_department(request, departments, *, object_type: str, field: str = "department", on_behalf_of: str = "{}"):
    """Refuse (audited, 404) a posted form whose `field` names an existing department outside
    `departments` (the ones the user may act for), before the form is read: a foreign choice is a
    refusal to record, not a form error. ``on_behalf_of`` formats the posted id for the audit entry."""
    wanted = request.POST.get(field, "") if request.method == "POST" else ""
    if wanted.isdigit() and not departments.filter(pk=wanted).exists():
        deny(request, object_type=object_type, object_id="", on_behalf_of=on_behalf_of.format(wanted))


def deny(request, *, object_type: str, object_id, on_behalf_of: str = "", action: str | None = None):
    """Record a denied access and answer 404, so that existence is not revealed.

    ``action`` defaults to what the request attempts: ``read`` for GET and
    HEAD, ``delete`` on a delete view, ``update`` for other writes.
    """
    from audit.middleware import requested_action
    from audit.services import record

    record(
        action=action or requested_action(request),
        request=request,
        actor=request.user if request.user.is_authenticated else None,
        role=getattr(request.user, "role", ""),
        object_type=object_type,
        object_id=str(object_id),
        on_behalf_of=on_behalf_of,
        outcome="denied",
    )
    raise Http404("Not found")
