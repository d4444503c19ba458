"""The public read API (django-ninja): /api/v1/.

Every answer is a conditional read (api.http.conditional: ETag and Last-Modified from the register's
index stamp, 304 when unchanged), validated against its schema (api.schemas) before it is sent.
Errors are problem details (application/problem+json). The OpenAPI document is generated from this
module and committed as api/openapi.json (``manage.py api_openapi`` writes it; a test compares).
"""

from __future__ import annotations

from typing import Literal

from django.http import Http404
from ninja import NinjaAPI, Query, Router
from ninja.errors import AuthenticationError, HttpError, ValidationError

from register.search.types import DISTANCE_CHOICES

from . import schemas, selectors
from .http import conditional, json_response, problem_response
from .rules.problems import PROBLEM_CONTENT_TYPE

VERSION = "1.0.0"
DESCRIPTION = """\
Het openbare register van TOPGGz-afdelingen als open data: instellingen, afdelingen, locaties,
aanbod met aanmeldpauzes, doelgroepen en hun woordenlijst, en de keurmerken met hun status van vandaag.

*The public register of TOPGGz departments as open data.* The department search takes exactly the
URL parameters of the website's finder (`/zoeken/`) and gives the same departments in the same order.
Every answer carries `ETag` and `Last-Modified`; send `If-None-Match` or `If-Modified-Since` to get
`304 Not Modified` when nothing changed. Anonymous clients are rate limited (429 with `Retry-After`).
Errors are RFC 9457 problem details (`application/problem+json`). Licence of the data: see
`/open-data/`.
"""

api = NinjaAPI(
    title="TOPGGz register API",
    version=VERSION,
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url=None,
    docs_url=None,
)

ERRORS = {400: schemas.Problem, 404: schemas.Problem, 429: schemas.Problem}


def _send(schema, data):
    return json_response(schema.model_validate(data).model_dump(mode="json"))


def _bad_request(request, errors):
    return problem_response(
        400, "Een of meer parameters kloppen niet; zie invalid_params.", request=request, invalid_params=errors
    )


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    errors = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        errors[".".join(location) or "query"] = error.get("msg", "ongeldig")
    return _bad_request(request, errors)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return problem_response(404, "Dit bestaat niet (meer) in het register.", request=request)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return problem_response(
        401, "Stuur een geldige API-sleutel: Authorization: Bearer topggz_...", request=request,
        headers={"WWW-Authenticate": 'Bearer realm="topggz"'},
    )


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return problem_response(exc.status_code, str(exc), request=request)


Code = str
Sort = Literal["relevance", "distance"]
Radius = Literal[tuple(str(km) for km in DISTANCE_CHOICES)]  # type: ignore[valid-type]

register = Router(tags=["register"])


def _page(request, read, schema):
    """A list endpoint: ``read(query, path)`` gives (data, None) or (None, errors), answered as 400."""

    def build():
        data, errors = read(request.GET, request.path)
        if data is None:
            return _bad_request(request, errors)
        return _send(schema, data)

    return conditional(request, build)


def _one(request, read, schema):
    """A single-object endpoint: ``read()`` gives the data, or None for 404."""

    def build():
        data = read()
        if data is None:
            raise Http404
        return _send(schema, data)

    return conditional(request, build)


@register.get("/afdelingen", response={200: schemas.SearchPage, **ERRORS}, summary="Afdelingen zoeken (als de zoeker)")
def search_departments(
    request,
    q: str | None = Query(None, max_length=1000, description="Vrije tekst: klacht, doelgroep, afdeling, plaats."),
    doelgroep: list[Code] | None = Query(None, description="Doelgroepcode (herhaalbaar)."),
    leeftijd: list[Code] | None = Query(None, description="Leeftijdsgroepcode (herhaalbaar)."),
    aanbod: list[Code] | None = Query(None, description="Soort aanbod (herhaalbaar)."),
    zorgfunctie: list[Code] | None = Query(None, description="Zorgfunctiecode (herhaalbaar)."),
    provincie: str | None = Query(None, pattern=r"^PV[0-9]{2}$", description="Provinciecode (PVxx)."),
    plaats: str | None = Query(None, max_length=100, description="Postcode of gemeente."),
    afstand: Radius | None = Query(None, description="Straal in km rond `plaats`."),
    sorteer: Sort | None = Query(None, description="relevance (standaard) of distance (vraagt `plaats`)."),
    niet: list[Code] | None = Query(None, description="Een begrip uit `q` dat niet mee moet tellen (herhaalbaar)."),
    pagina: int | None = Query(None, ge=1, le=1000),
    aantal: int | None = Query(None, ge=1, le=selectors.MAX_PER_PAGE, description="Afdelingen per pagina (standaard 20)."),
):
    """The finder's search on its own URL parameters: the same query gives the same departments in
    the same order as /zoeken/. Unknown codes, a place that is not found or a radius without a place
    are refused (400) where the website drops them with a notice."""

    return _page(request, selectors.search_departments, schemas.SearchPage)


@register.get("/afdelingen/{slug}", response={200: schemas.Department, **ERRORS}, summary="Eén afdeling")
def department(request, slug: str):
    return _one(request, lambda: selectors.department(slug), schemas.Department)


@register.get("/instellingen", response={200: schemas.InstitutionPage, **ERRORS}, summary="Instellingen")
def institutions(request, pagina: int | None = Query(None, ge=1), aantal: int | None = Query(None, ge=1, le=selectors.MAX_PER_PAGE)):
    return _page(request, selectors.institutions, schemas.InstitutionPage)


@register.get("/instellingen/{institution_id}", response={200: schemas.Institution, **ERRORS}, summary="Eén instelling")
def institution(request, institution_id: int):
    return _one(request, lambda: selectors.institution(institution_id), schemas.Institution)


@register.get("/locaties", response={200: schemas.LocationPage, **ERRORS}, summary="Locaties")
def locations(request, pagina: int | None = Query(None, ge=1), aantal: int | None = Query(None, ge=1, le=selectors.MAX_PER_PAGE)):
    return _page(request, selectors.locations, schemas.LocationPage)


@register.get("/keurmerken", response={200: schemas.CertificatePage, **ERRORS}, summary="Keurmerken")
def certificates(
    request,
    afdeling: str | None = Query(None, max_length=100, description="Alleen de keurmerken van deze afdeling (slug)."),
    pagina: int | None = Query(None, ge=1),
    aantal: int | None = Query(None, ge=1, le=selectors.MAX_PER_PAGE),
):
    """Every certificate by number, with its state today (valid, suspended, withdrawn, expired,
    not_yet) and its history: what the public verification page /keurmerk/<number>/ shows."""

    return _page(request, selectors.certificates, schemas.CertificatePage)


@register.get("/keurmerken/{number}", response={200: schemas.Certificate, **ERRORS}, summary="Eén keurmerk (op nummer)")
def certificate(request, number: str):
    return _one(request, lambda: selectors.certificate(number), schemas.Certificate)


@register.get("/woordenlijst", response={200: schemas.Vocabulary, 429: schemas.Problem}, summary="Woordenlijst (codes)")
def vocabulary(request):
    """Every code of the filters and the records, with Dutch and English labels."""
    return conditional(request, lambda: _send(schemas.Vocabulary, selectors.vocabulary()))


api.add_router("/", register)


def _token_router():
    from .tokens import router

    return router


api.add_router("/afdeling", _token_router())


def openapi_document() -> dict:
    """The OpenAPI document, with problem details declared as application/problem+json."""
    document = api.get_openapi_schema(path_prefix="/api/v1/")
    for operations in document.get("paths", {}).values():
        for method, operation in operations.items():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if int(status) >= 400 and "application/json" in content:
                    response["content"] = {PROBLEM_CONTENT_TYPE: content["application/json"]}
                if int(status) == 200:
                    response.setdefault("headers", {}).update(VALIDATOR_HEADERS)
            if method == "get":  # conditional reads; the writes are not
                operation.setdefault("responses", {})[304] = {"description": "Not Modified: your copy is current."}
    # The capacity write reads its body itself (after the token's checks), so its schema is added here.
    document.setdefault("components", {}).setdefault("schemas", {})["CapacityReportIn"] = (
        schemas.CapacityReportIn.model_json_schema(ref_template="#/components/schemas/{model}")
    )
    return document


VALIDATOR_HEADERS = {
    "ETag": {"schema": {"type": "string"}, "description": "Changes when the register or the answer changes."},
    "Last-Modified": {"schema": {"type": "string"}, "description": "When the register last changed."},
}
