"""The endpoints for a department's own systems, called with its API token (``Authorization: Bearer
topggz_...``): /api/v1/afdeling/{slug}/...

Every call is checked in this order and every outcome audited (api.services.audit_use): a usable
token (else 401, audited by services.authenticate), within API_TOKEN_RATE (else 429), for this
department (else 403: another department's data is refused), with the scope the endpoint needs
(else 403). The inbox list shows what the inbox page shows and no content of the requests.

The capacity write (POST .../capaciteit) is checked by the report form's and the CSV upload's own
rules (insight.services.check_json_reports -> insight.rules.capacity.check_report) and saved by the
same write (insight.services.store_reports), all or nothing: the body is read only after the token
passed every check above.
"""

from __future__ import annotations

import json

from django.utils import timezone
from ninja import Query, Router
from ninja.security import HttpBearer

from audit.models import Action, Outcome
from consultation.selectors import DEPARTMENT_SECTIONS, department_inbox_rows
from insight import services as insight_services
from insight.permissions import REPORT as CAPACITY_OBJECT

from . import schemas, services
from .http import anonymous_key, json_response, problem_response, rate_limited

INBOX_OBJECT = "consultation.request"


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request, token):
        found = services.authenticate(request, token)
        if found is None:
            rate_limited(anonymous_key(request), "API_ANON_RATE")  # failed attempts count as anonymous calls
            return None
        request.api_token = found
        return found


router = Router(tags=["afdeling (met API-sleutel)"], auth=TokenAuth())
TOKEN_ERRORS = {401: schemas.Problem, 403: schemas.Problem, 429: schemas.Problem}


def _refuse(request, token, detail: str, *, object_type: str, **audit):
    services.audit_use(request, token, object_type=object_type, outcome=Outcome.DENIED, **audit)
    return problem_response(403, detail, request=request)


def _guard(request, slug: str, scope: str, object_type: str, action=Action.READ):
    """None when the token may call this endpoint for `slug`; else the refusal (audited)."""
    token = request.auth
    limited = rate_limited(f"token:{token.pk}", "API_TOKEN_RATE")
    if limited is not None:
        services.audit_use(request, token, object_type=object_type, outcome=Outcome.DENIED, action=action, reason="rate")
        return problem_response(429, "Deze sleutel stelde te veel vragen. Wacht even.", request=request, headers=limited)
    if token.department.slug != slug:
        return _refuse(request, token, "Deze sleutel hoort bij een andere afdeling.", object_type=object_type,
                       action=action, reason="other-department", asked=slug[:100])
    if scope not in token.scopes:
        return _refuse(request, token, f"Deze sleutel heeft de bevoegdheid '{scope}' niet.", object_type=object_type,
                       action=action, reason="scope", scope=scope)
    return None


@router.get("/{slug}/inbox", response={200: schemas.InboxPage, 400: schemas.Problem, **TOKEN_ERRORS},
            summary="De inbox van de afdeling (lijst)")
def inbox(request, slug: str, lijst: str | None = Query(None, description=f"Een van: {', '.join(DEPARTMENT_SECTIONS)}."),
          pagina: int | None = Query(None, ge=1, le=100000)):
    """One page of the department's consultation inbox: what the inbox page lists, no request content.
    Scope ``consultation-inbox``. Every call is audited with the requests it lists."""
    refused = _guard(request, slug, "consultation-inbox", INBOX_OBJECT)
    if refused is not None:
        return refused
    token = request.auth
    today = timezone.localdate()
    section, counts, page = department_inbox_rows(token.department_id, section=lijst or "", page=pagina or 1, today=today)
    rows = [row.request for row in page.rows]
    services.audit_use(request, token, object_type=INBOX_OBJECT, list=f"api:{section}", requests=[r.pk for r in rows])
    data = {
        "department": slug,
        "section": section,
        "sections": [{"key": key, "count": count} for key, count in counts],
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "results": [
            {
                "reference": r.reference,
                "kind": r.kind,
                "urgency": r.urgency,
                "status": r.status,
                "age_group": r.age_group.code,
                "target_groups": [group.code for group in r.target_groups.all()],
                "received_on": r.received_on,
                "triage_due_on": r.triage_due_on if r.status == "new" else None,
                "answer_due_on": r.answer_due_on,
                "answered_on": r.answered_on,
                "overdue": r.overdue,
                "escalation_level": r.escalation_level,
                "waiting_days": row.waiting.days,
                "waiting_over_norm": row.waiting.over_norm,
            }
            for row, r in zip(page.rows, rows)
        ],
    }
    return json_response(schemas.InboxPage.model_validate(data).model_dump(mode="json"))


# --- capacity and waiting times (scope "capacity") ----------------------------------------------

CAPACITY_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "oneOf": [
                    {"$ref": "#/components/schemas/CapacityReportIn"},
                    {"type": "array", "items": {"$ref": "#/components/schemas/CapacityReportIn"}, "minItems": 1,
                     "maxItems": 600},
                ]
            },
            "example": {"month": "2026-11", "offer_kind": "treatment", "measured_on": "2026-11-30", "intake_weeks": 5.5,
                        "treatment_weeks": 8, "waiting_count": 42, "beds_free": 3, "beds_total": 20, "paused": False},
        }
    },
}


def _capacity_record(report) -> dict:
    return {
        "month": f"{report.month:%Y-%m}", "offer_kind": report.offer_kind, "measured_on": report.measured_on,
        "intake_weeks": float(report.intake_weeks), "treatment_weeks": float(report.treatment_weeks),
        "waiting_count": report.waiting_count, "beds_free": report.beds_free, "beds_total": report.beds_total,
        "paused": report.paused,
    }


def _field_name(error) -> str:
    """`intake_weeks` for one object, `[2].intake_weeks` for the third of a list, `body` for the whole."""
    where = f"[{error.row}]" if error.row is not None else ""
    field = error.column or ""
    return (f"{where}.{field}" if where and field else where or field) or "body"


@router.post(
    "/{slug}/capaciteit",
    response={201: schemas.CapacityReceipt, 400: schemas.Problem, 422: schemas.Problem, **TOKEN_ERRORS},
    summary="Capaciteit en wachttijden doorgeven (maandrapportage)",
    openapi_extra={"requestBody": CAPACITY_BODY},
)
def capacity(request, slug: str):
    """One monthly capacity report (a JSON object) or several (a JSON array, all or nothing), with the
    fields of the report form. Scope ``capacity``. The same rules as the form and the CSV upload: any
    error gives 422 with every field's message in ``invalid_params`` and stores nothing. Stored reports
    show at once on the department page, in the finder and in this API (waiting times, registration
    pause). Every call is audited."""
    refused = _guard(request, slug, "capacity", CAPACITY_OBJECT, action=Action.CREATE)
    if refused is not None:
        return refused
    token = request.auth
    try:
        data = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        services.audit_use(request, token, object_type=CAPACITY_OBJECT, action=Action.CREATE, outcome=Outcome.FAILURE,
                           reason="not-json")
        return problem_response(400, "De inhoud is geen geldige JSON.", request=request)
    reports, errors = insight_services.check_json_reports(token.department_id, data)
    if errors:
        services.audit_use(request, token, object_type=CAPACITY_OBJECT, action=Action.CREATE, outcome=Outcome.FAILURE,
                           reason="invalid", errors=len(errors))
        invalid = {}
        for error in errors:
            invalid.setdefault(_field_name(error), error.message)
        return problem_response(422, "De rapportage is niet opgeslagen; zie invalid_params.", request=request,
                                invalid_params=invalid)
    saved = insight_services.store_reports(token.department_id, reports)
    services.audit_use(request, token, object_type=CAPACITY_OBJECT, action=Action.CREATE,
                       reports=[row.pk for row in saved],
                       months=[f"{report.month:%Y-%m}:{report.offer_kind}" for report in reports])
    body = schemas.CapacityReceipt.model_validate(
        {"department": slug, "saved": len(saved), "reports": [_capacity_record(report) for report in reports]}
    ).model_dump(mode="json")
    return json_response(body, status=201)
