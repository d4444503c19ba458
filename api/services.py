"""The writes and the authentication of API tokens, each audited.

- ``create_token``: a manager of the department (or the bureau) makes a token; the plain token is
  returned once and never stored;
- ``revoke_token``: the same people revoke it (it stays, revoked, for the audit trail);
- ``authenticate``: the token of a request, or None; every use is audited by the endpoint that
  serves it (api.tokens), every failed attempt here.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.roles import Role, sees_all_departments
from audit.models import Action, Outcome
from audit.services import record

from .models import ApiToken
from .rules import tokens as rules

OBJECT_TYPE = "api.token"
TOKEN_ROLE = "api-token"


def on_behalf_of(department_id) -> str:
    return f"register.department:{department_id}"


def may_manage(user, department_id) -> bool:
    """The department's managers and the bureau make and revoke its tokens."""
    if not user.is_authenticated:
        return False
    if sees_all_departments(user.role, user.is_superuser):
        return True
    return user.role == Role.DEPARTMENT_MANAGER and department_id in user.department_ids()


def create_token(*, actor, department, name: str, scopes, expires_at=None) -> tuple[ApiToken, str]:
    if not may_manage(actor, department.pk):
        record(action=Action.CREATE, actor=actor, object_type=OBJECT_TYPE, on_behalf_of=on_behalf_of(department.pk),
               outcome=Outcome.DENIED)
        raise PermissionDenied("Alleen een manager van de afdeling maakt haar API-sleutels.")
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Geef de sleutel een naam."})
    try:
        scopes = rules.valid_scopes(scopes)
    except ValueError as error:
        raise ValidationError({"scopes": str(error)}) from error
    prefix, token = rules.new_token()
    with transaction.atomic():
        row = ApiToken.objects.create(
            department=department, name=name[:100], prefix=prefix, token_hash=rules.token_hash(token), scopes=scopes,
            created_by=actor, expires_at=expires_at,
        )
        record(action=Action.CREATE, actor=actor, object_type=OBJECT_TYPE, object_id=row.pk,
               on_behalf_of=on_behalf_of(department.pk), detail={"prefix": prefix, "scopes": scopes})
    return row, token


def revoke_token(*, actor, token: ApiToken) -> ApiToken:
    if not may_manage(actor, token.department_id):
        record(action=Action.UPDATE, actor=actor, object_type=OBJECT_TYPE, object_id=token.pk,
               on_behalf_of=on_behalf_of(token.department_id), outcome=Outcome.DENIED, detail={"revoke": True})
        raise PermissionDenied("Alleen een manager van de afdeling trekt haar API-sleutels in.")
    with transaction.atomic():
        changed = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=actor
        )
        if changed:
            record(action=Action.UPDATE, actor=actor, object_type=OBJECT_TYPE, object_id=token.pk,
                   on_behalf_of=on_behalf_of(token.department_id), detail={"revoked": True, "prefix": token.prefix})
    token.refresh_from_db()
    return token


def authenticate(request, raw: str) -> ApiToken | None:
    """The usable token `raw` names, or None (audited as a denied attempt)."""
    prefix = rules.parse(raw)
    row = ApiToken.objects.filter(prefix=prefix).first() if prefix else None
    now = timezone.now()
    if row is None or not rules.matches(raw, row.token_hash) or not rules.is_usable(row.revoked_at, row.expires_at, now):
        reason = "unknown" if row is None else ("revoked" if row.revoked_at else "invalid")
        record(action=Action.READ, request=request, role=TOKEN_ROLE, object_type=OBJECT_TYPE,
               object_id=row.pk if row is not None else "", outcome=Outcome.DENIED,
               on_behalf_of=on_behalf_of(row.department_id) if row is not None else "",
               detail={"path": request.path[:300], "reason": reason, "prefix": prefix or ""})
        return None
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row


def audit_use(request, token: ApiToken, *, object_type: str, outcome=Outcome.SUCCESS, action=Action.READ, **detail):
    """Every use of a token, allowed or refused: who (the token, its department), what, the outcome."""
    record(action=action, request=request, role=TOKEN_ROLE, object_type=object_type,
           on_behalf_of=on_behalf_of(token.department_id), outcome=outcome,
           detail={"token": token.pk, "prefix": token.prefix, "path": request.path[:300], **detail})
