"""The open-data download page (/open-data/) and the downloads: HSDS 3.0 JSON and CSV."""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .hsds import export
from .http import conditional, register_version


@require_safe
def open_data(request):
    changed_at = register_version()[1]
    return render(request, "api/open_data.html", {
        "licence": export.licence(),
        "changed_at": changed_at,
        "iso": changed_at.isoformat(timespec="seconds") if changed_at else "",
    })


@require_safe
def hsds_json(request):
    def build():
        response = HttpResponse(
            json.dumps(export.dataset(), ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="topggz-register-hsds.json"'
        return response

    return conditional(request, build)


@require_safe
def hsds_csv(request):
    def build():
        response = HttpResponse(export.csv_zip(export.dataset()), content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="topggz-register-hsds-csv.zip"'
        return response

    return conditional(request, build)


# --- API tokens of departments (managers) -------------------------------------------------------

from django.contrib import messages  # noqa: E402
from django.contrib.auth.decorators import login_required  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.shortcuts import get_object_or_404, redirect  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from django.views.decorators.http import require_http_methods, require_POST  # noqa: E402

from accounts.permissions import deny  # noqa: E402
from accounts.roles import Role, sees_all_departments  # noqa: E402
from register.models import Department  # noqa: E402

from . import services  # noqa: E402
from .forms import TokenForm  # noqa: E402
from .models import ApiToken  # noqa: E402
from .rules.tokens import SCOPES  # noqa: E402


def _managed_departments(user):
    if sees_all_departments(user.role, user.is_superuser):
        return list(Department.objects.order_by("name").only("pk", "name", "slug"))
    if user.role == Role.DEPARTMENT_MANAGER:
        return list(Department.objects.filter(pk__in=user.department_ids()).order_by("name").only("pk", "name", "slug"))
    return []


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tokens(request):
    """A manager's API tokens: the list per department, a form for a new one, revoking."""
    departments = _managed_departments(request.user)
    if not departments:
        deny(request, object_type=services.OBJECT_TYPE, object_id="")
    new_token = None
    form = TokenForm(request.POST or None, departments=departments)
    if request.method == "POST" and form.is_valid():
        department = next(d for d in departments if d.pk == form.cleaned_data["department"])
        try:
            row, new_token = services.create_token(
                actor=request.user, department=department, name=form.cleaned_data["name"], scopes=form.cleaned_data["scopes"]
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            form = TokenForm(departments=departments)
    rows = list(ApiToken.objects.filter(department__in=[d.pk for d in departments]).select_related("department", "created_by"))
    response = render(request, "api/tokens.html", {
        "form": form,
        "rows": rows,
        "new_token": new_token,
        "scope_labels": {scope: _(label) for scope, label in SCOPES.items()},
    }, status=400 if request.method == "POST" and new_token is None else 200)
    response["Cache-Control"] = "no-store"  # the new token is shown once, never cached
    return response


@login_required
@require_POST
def revoke(request, pk):
    token = get_object_or_404(ApiToken.objects.select_related("department"), pk=pk)
    if not services.may_manage(request.user, token.department_id):
        deny(request, object_type=services.OBJECT_TYPE, object_id=pk, on_behalf_of=services.on_behalf_of(token.department_id))
    services.revoke_token(actor=request.user, token=token)
    messages.success(request, _("De sleutel %(name)s is ingetrokken. Systemen die hem gebruiken, krijgen geen toegang meer.") % {"name": token.name})
    return redirect("api-tokens")
