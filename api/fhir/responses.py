"""FHIR answers: application/fhir+json, errors as OperationOutcome."""

from __future__ import annotations

import json

from django.http import HttpResponse

FHIR_JSON = "application/fhir+json"

ISSUE_CODES = {400: "invalid", 401: "login", 403: "forbidden", 404: "not-found", 405: "not-supported",
               406: "not-supported", 429: "throttled", 500: "exception"}
DEFAULT_TEXT = {400: "De vraag klopt niet.", 404: "Niet gevonden.", 405: "Deze methode kan hier niet.",
                429: "Te veel vragen; wacht even.", 500: "Er ging iets mis bij ons."}


def fhir_response(resource: dict, status: int = 200) -> HttpResponse:
    return HttpResponse(json.dumps(resource, ensure_ascii=False, separators=(",", ":")), status=status,
                        content_type=f"{FHIR_JSON}; charset=utf-8")


def outcome(status: int, text: str | None = None) -> dict:
    return {
        "resourceType": "OperationOutcome",
        "issue": [{
            "severity": "error" if status < 500 else "fatal",
            "code": ISSUE_CODES.get(status, "processing"),
            "diagnostics": text or DEFAULT_TEXT.get(status, "Fout."),
        }],
    }


def outcome_response(status: int, text: str | None = None) -> HttpResponse:
    return fhir_response(outcome(status, text), status)
