"""What every answer under /api/ and /fhir/ gets, whoever answers it (the API, Django's 404, a crash):

- CORS for reading: ``Access-Control-Allow-Origin: *`` on GET and HEAD answers of the public paths,
  and an answer to the browser's preflight (OPTIONS) that allows GET and HEAD only; never for the
  token paths (/api/v1/afdeling/...), which no web page of another site needs to call;
- a rate limit per client address for anonymous requests (API_ANON_RATE), answered with 429;
- errors as problem details (application/problem+json) under /api/, and as a FHIR OperationOutcome
  under /fhir/, also for Django's own 404 and 405 and for unexpected errors.
"""

from __future__ import annotations

import logging

from django.http import HttpResponse

from .http import anonymous_key, problem_response, rate_limited
from .rules.problems import PROBLEM_CONTENT_TYPE

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
FHIR_PREFIX = "/fhir/"
OPEN_DATA_PREFIX = "/open-data/register."
TOKEN_PREFIX = "/api/v1/afdeling/"
CORS_METHODS = "GET, HEAD, OPTIONS"
CORS_HEADERS = "Accept, Accept-Language, If-None-Match, If-Modified-Since"
EXPOSED_HEADERS = "ETag, Last-Modified, Link, Retry-After, RateLimit-Policy"
FHIR_CONTENT_TYPE = "application/fhir+json"


def is_api_path(path: str) -> bool:
    return path.startswith((API_PREFIX, FHIR_PREFIX, OPEN_DATA_PREFIX)) or path in ("/api", "/fhir")


def is_public_read_path(path: str) -> bool:
    return is_api_path(path) and not path.startswith(TOKEN_PREFIX)


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if not is_api_path(path):
            return self.get_response(request)
        public = is_public_read_path(path)
        if request.method == "OPTIONS" and public:
            return self._cors(self._preflight(request), request)
        if "HTTP_AUTHORIZATION" not in request.META:
            limited = rate_limited(anonymous_key(request), "API_ANON_RATE")
            if limited is not None:
                return self._cors(
                    self._error(request, 429, "U stelde te veel vragen. Wacht even en probeer het opnieuw.", limited),
                    request,
                )
        response = self.get_response(request)
        if response.status_code >= 400 and not _is_error_document(response):
            response = self._error(request, response.status_code, "", {
                name: response[name] for name in ("Allow", "Retry-After") if name in response
            })
        if public and request.method in ("GET", "HEAD"):
            self._cors(response, request)
        return response

    @staticmethod
    def _preflight(request) -> HttpResponse:
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Methods"] = CORS_METHODS
        response["Access-Control-Allow-Headers"] = CORS_HEADERS
        response["Access-Control-Max-Age"] = "86400"
        return response

    @staticmethod
    def _cors(response, request):
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        return response

    @staticmethod
    def _error(request, status, detail, headers):
        if request.path.startswith(FHIR_PREFIX) or request.path == "/fhir":
            from .fhir.responses import outcome_response

            response = outcome_response(status, detail or None)
            for name, value in headers.items():
                response[name] = value
            return response
        return problem_response(status, detail, request=request, headers=headers)


def _is_error_document(response) -> bool:
    content_type = response.get("Content-Type", "")
    return content_type.startswith((PROBLEM_CONTENT_TYPE, FHIR_CONTENT_TYPE))
