"""The reads of the open data: plain dicts in the shapes of api.schemas, each in a fixed number of
queries whatever the number of rows.

The department search is the finder's own engine (register.search) on the finder's own URL
parameters (register.search.querystring.parse_query), so the same query string gives the same
departments in the same order as /zoeken/ (api/tests/test_contract_finder.py).
"""

from __future__ import annotations

import dataclasses
import math
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation

from certification.visitation import rules as certificate_rules
from certification.visitation.selectors import certificates_prefetch, current_certificate, public_certificates
from geo.models import Province
from register import rules
from register import search as finder
from register.models import (
    AgeGroup,
    CareFunction,
    Department,
    DepartmentExclusion,
    ExclusionCriterion,
    Institution,
    Location,
    Offer,
    TargetGroup,
)
from register.search.querystring import FIELD_PARAMS, PARAM_PAGE, KnownCodes, parse_query, to_querystring

PER_PAGE_PARAM = "aantal"
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20


# --- small pieces ----------------------------------------------------------------------------


def certification(department, today) -> dict:
    return {
        "status": department.status,
        "valid_from": department.certified_from,
        "valid_until": department.certified_until,
        "in_force": rules.is_certified_on(
            department.status, department.certified_from, department.certified_until, today
        ),
    }


def waiting_times(department) -> dict | None:
    """The latest reported waiting times (register.Department's copy of the capacity reports), or None."""
    intake, treatment = department.waiting_intake_weeks, department.waiting_treatment_weeks
    if intake is None and treatment is None:
        return None
    return {
        "intake_weeks": float(intake) if intake is not None else None,
        "treatment_weeks": float(treatment) if treatment is not None else None,
        "measured_on": department.waiting_measured_on,
    }


def is_fresh(department, today) -> bool:
    return rules.is_fresh(department.last_confirmed_on, today, settings.REGISTER_FRESHNESS_MONTHS)


def page_url(path: str, params: list[tuple[str, str]], page: int) -> str:
    pairs = [(name, value) for name, value in params if name != PARAM_PAGE] + ([(PARAM_PAGE, str(page))] if page > 1 else [])
    return path + ("?" + urlencode(pairs) if pairs else "")


def _page_links(path, params, page, pages):
    return (
        page_url(path, params, page + 1) if page < pages else None,
        page_url(path, params, page - 1) if page > 1 else None,
    )


def department_url(slug: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("register:department_detail", args=[slug])


def summary(card, today) -> dict:
    """A department as a finder card shows it (a register.search.cards.DepartmentCard: no query)."""
    return {
        "id": card.pk,
        "slug": card.slug,
        "name": card.name,
        "url": department_url(card.slug),
        "reach": card.reach,
        "institutions": [institution.name for institution in card.institutions],
        "target_groups": [group.code for group in card.target_groups],
        "age_groups": [age.code for age in card.age_groups],
        "offers": [{"kind": offer.kind, "paused": offer.paused} for offer in card.offers],
        "locations": [{"id": loc.pk, "name": loc.name, "city": loc.city} for loc in card.locations],
        "certification": certification(card, today),
        "last_confirmed_on": card.last_confirmed_on,
        "fresh": is_fresh(card, today),
        "waiting_times": waiting_times(card),
    }


# --- the department search --------------------------------------------------------------------


def known_codes(ctx) -> KnownCodes:
    return KnownCodes(
        target_groups=frozenset(ctx.target_groups),
        age_groups=frozenset(ctx.age_groups),
        care_functions=frozenset(ctx.care_functions),
        provinces=frozenset(ctx.provinces),
    )


def per_page(querydict, errors: dict) -> int:
    raw = (querydict.get(PER_PAGE_PARAM) or "").strip()
    if not raw:
        return DEFAULT_PER_PAGE
    if raw.isdigit() and 1 <= int(raw) <= MAX_PER_PAGE:
        return int(raw)
    errors[PER_PAGE_PARAM] = f"Kies een aantal van 1 tot en met {MAX_PER_PAGE}."
    return DEFAULT_PER_PAGE


def search_departments(querydict, path: str) -> tuple[dict | None, dict]:
    """(one page of the finder's hits as a SearchPage, {}) or (None, {parameter: message})."""
    ctx = finder.current_context()
    query, errors = parse_query(querydict, known=known_codes(ctx))
    size = per_page(querydict, errors)
    if errors:
        return None, errors
    query = dataclasses.replace(query, per_page=size)
    result = finder.search(query, ctx)
    if result.errors:
        return None, {FIELD_PARAMS.get(name, name): str(message) for name, message in result.errors.items()}
    today = timezone.localdate()
    pages = max(1, math.ceil(result.total / size))
    if query.page > pages and result.total:
        return None, {PARAM_PAGE: f"Deze pagina bestaat niet: er zijn {pages} pagina's."}
    params = [(name, value) for name, value in _pairs(query)] + ([(PER_PAGE_PARAM, str(size))] if size != DEFAULT_PER_PAGE else [])
    next_url, previous_url = _page_links(path, params, result.page, pages)
    origin = result.origin
    return {
        "count": result.total,
        "page": result.page,
        "pages": pages,
        "per_page": size,
        "next": next_url,
        "previous": previous_url,
        "origin": {"label": origin.label, "latitude": origin.lat, "longitude": origin.lon} if origin else None,
        "reading": {
            "target_groups": [group.code for group in result.interpreted_target_groups],
            "age_groups": [age.code for age in result.interpreted_age_groups],
            "corrections": dict(result.corrections),
            "unknown_words": list(result.unknown_words),
        },
        "results": [
            {
                **summary(hit.department, today),
                "score": round(hit.score, 6),
                "distance_km": round(hit.distance_km, 3) if hit.distance_km is not None else None,
                "nearest_location": hit.nearest_location.pk if hit.nearest_location is not None and hit.distance_km is not None else None,
            }
            for hit in result.hits
        ],
    }, {}


def _pairs(query):
    return parse_qsl(to_querystring(query, page=1))


# --- one department ---------------------------------------------------------------------------


def department_queryset():
    """Departments with everything their record shows, in a fixed number of queries (ten)."""
    return Department.objects.prefetch_related(
        certificates_prefetch(),
        Prefetch("institutions", queryset=Institution.objects.order_by("name", "pk")),
        Prefetch("target_groups", queryset=TargetGroup.objects.order_by("order", "label_nl", "pk")),
        Prefetch("age_groups", queryset=AgeGroup.objects.order_by("order", "label_nl", "pk")),
        Prefetch("offers", queryset=Offer.objects.order_by("pk")),
        Prefetch("exclusions", queryset=DepartmentExclusion.objects.select_related("criterion")),
        Prefetch(
            "locations",
            queryset=Location.objects.prefetch_related(
                Prefetch("care_functions", queryset=CareFunction.objects.order_by("order", "label_nl", "pk"))
            ).order_by("name", "pk"),
        ),
    )


KIND_ORDER = {kind: i for i, kind in enumerate(Offer.Kind.values)}


def location_record(location, slug: str) -> dict:
    return {
        "id": location.pk,
        "department": slug,
        "name": location.name,
        "street_address": location.street_address,
        "postcode": location.postcode,
        "city": location.city,
        "municipality": location.municipality_id,
        "latitude": location.latitude,
        "longitude": location.longitude,
        "care_functions": [function.code for function in location.care_functions.all()],
    }


def offer_record(offer) -> dict:
    return {
        "kind": offer.kind,
        "requesters": list(offer.requesters or []),
        "how_to_request": offer.how_to_request,
        "status": offer.status,
        "pause_reason": offer.pause_reason,
        "pause_expected_end": offer.pause_expected_end,
    }


def department_record(department, today) -> dict:
    offers = sorted(department.offers.all(), key=lambda offer: (KIND_ORDER.get(offer.kind, 99), offer.pk))
    locations = list(department.locations.all())
    institutions = list(department.institutions.all())
    return {
        "id": department.pk,
        "slug": department.slug,
        "name": department.name,
        "url": department_url(department.slug),
        "reach": department.reach,
        "institutions": [institution.name for institution in institutions],
        "institution_refs": [{"id": institution.pk, "name": institution.name} for institution in institutions],
        "target_groups": [group.code for group in department.target_groups.all()],
        "age_groups": [age.code for age in department.age_groups.all()],
        "offers": [{"kind": offer.kind, "paused": offer.status == Offer.Status.PAUSED} for offer in offers],
        "offers_detail": [offer_record(offer) for offer in offers],
        "locations": [{"id": loc.pk, "name": loc.name, "city": loc.city} for loc in locations],
        "locations_detail": [location_record(loc, department.slug) for loc in locations],
        "exclusions": [
            {"criterion": item.criterion.code, "note": item.note}
            for item in sorted(department.exclusions.all(), key=lambda item: (item.criterion.order, item.criterion.code))
        ],
        "certification": certification(department, today),
        "certificate": certificate_record(found, department, today)
        if (found := current_certificate(department, today)) is not None else None,
        "last_confirmed_on": department.last_confirmed_on,
        "fresh": is_fresh(department, today),
        "waiting_times": waiting_times(department),
        "description": department.description,
        "specialised_since": department.specialised_since,
        "phone": department.phone,
        "email": department.email,
        "website": department.website,
        "updated_at": department.updated_at,
    }


def department(slug: str) -> dict | None:
    found = department_queryset().filter(slug=slug).first()
    return department_record(found, timezone.localdate()) if found is not None else None


# --- institutions and locations ----------------------------------------------------------------


def _page_of(queryset, querydict, path, errors, keep=()):
    size = per_page(querydict, errors)
    raw = (querydict.get(PARAM_PAGE) or "1").strip()
    page = int(raw) if raw.isdigit() and int(raw) >= 1 else None
    if page is None:
        errors[PARAM_PAGE] = "Een paginanummer is een geheel getal vanaf 1."
    if errors:
        return None
    count = queryset.count()
    pages = max(1, math.ceil(count / size))
    if page > pages:
        errors[PARAM_PAGE] = f"Deze pagina bestaat niet: er zijn {pages} pagina's."
        return None
    params = [(name, value) for name, value in querydict.items() if name in (PER_PAGE_PARAM, *keep)]
    next_url, previous_url = _page_links(path, params, page, pages)
    rows = list(queryset[(page - 1) * size : page * size])
    return {"count": count, "page": page, "pages": pages, "per_page": size, "next": next_url,
            "previous": previous_url}, rows


def institution_record(institution) -> dict:
    return {
        "id": institution.pk,
        "name": institution.name,
        "city": institution.city,
        "website": institution.website,
        "agb_code": institution.agb_code,
        "kvk_number": institution.kvk_number,
        "departments": [department.slug for department in institution.departments.all()],
        "updated_at": institution.updated_at,
    }


def _institutions():
    return Institution.objects.prefetch_related(
        Prefetch("departments", queryset=Department.objects.order_by("slug").only("pk", "slug"))
    ).order_by("name", "pk")


def institutions(querydict, path) -> tuple[dict | None, dict]:
    errors: dict = {}
    found = _page_of(_institutions(), querydict, path, errors)
    if found is None:
        return None, errors
    page, rows = found
    return {**page, "results": [institution_record(row) for row in rows]}, {}


def institution(pk: int) -> dict | None:
    found = _institutions().filter(pk=pk).first()
    return institution_record(found) if found is not None else None


def locations(querydict, path) -> tuple[dict | None, dict]:
    errors: dict = {}
    queryset = (
        Location.objects.select_related("department")
        .only("pk", "name", "street_address", "postcode", "city", "municipality_id", "latitude", "longitude",
              "department__slug")
        .prefetch_related(Prefetch("care_functions", queryset=CareFunction.objects.order_by("order", "label_nl", "pk")))
        .order_by("pk")
    )
    found = _page_of(queryset, querydict, path, errors)
    if found is None:
        return None, errors
    page, rows = found
    return {**page, "results": [location_record(row, row.department.slug) for row in rows]}, {}


# --- certificates -------------------------------------------------------------------------------


def verification_url(number: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return settings.SITE_URL.rstrip("/") + reverse("certification:certificate", args=[number])


def certificate_record(certificate, department, today) -> dict:
    """A certificate's public facts (its verification page's) and its state on `today`."""
    state = certificate.state_on(today)
    return {
        "number": certificate.number,
        "department": department.slug,
        "department_name": department.name,
        "status": state,
        "status_on": today,
        "in_force": state == certificate_rules.VALID,
        "decided_on": certificate.decided_on,
        "valid_from": certificate.valid_from,
        "valid_until": certificate.valid_until,
        "suspended_on": certificate.suspended_on,
        "suspension_reason": certificate.suspension_reason if certificate.suspended_on else "",
        "withdrawn_on": certificate.withdrawn_on,
        "withdrawal_reason": certificate.withdrawal_reason if certificate.withdrawn_on else "",
        "events": [
            {"kind": event.kind, "on": event.on, "reason": event.reason}
            for event in sorted(certificate.events.all(), key=lambda e: (e.on, e.pk))
        ],
        "verification_url": verification_url(certificate.number),
    }


def certificates(querydict, path) -> tuple[dict | None, dict]:
    """One page of every certificate by number; ``afdeling`` (a slug) keeps one department's."""
    errors: dict = {}
    queryset = public_certificates()
    slug = (querydict.get("afdeling") or "").strip()
    if slug:
        queryset = queryset.filter(department__slug=slug)
    found = _page_of(queryset, querydict, path, errors, keep=("afdeling",))
    if found is None:
        return None, errors
    page, rows = found
    today = timezone.localdate()
    return {**page, "results": [certificate_record(row, row.department, today) for row in rows]}, {}


def certificate(number: str) -> dict | None:
    found = public_certificates().filter(number=number).first()
    return certificate_record(found, found.department, timezone.localdate()) if found is not None else None


# --- the vocabulary ------------------------------------------------------------------------------


def _choices(choices) -> list[dict]:
    with translation.override("nl"):
        dutch = [(value, str(label)) for value, label in choices.choices]
    with translation.override("en"):
        english = {value: str(label) for value, label in choices.choices}
    return [{"code": value, "label_nl": label, "label_en": english[value]} for value, label in dutch]


def _terms(model) -> list[dict]:
    return [
        {"code": row.code, "label_nl": row.label_nl, "label_en": row.label_en}
        for row in model.objects.order_by("order", "label_nl", "pk")
    ]


def vocabulary() -> dict:
    return {
        "target_groups": [
            {"code": g.code, "label_nl": g.label_nl, "label_en": g.label_en, "description": g.description,
             "synonyms": list(g.synonyms or []), "abbreviations": list(g.abbreviations or [])}
            for g in TargetGroup.objects.order_by("order", "label_nl", "pk")
        ],
        "age_groups": [
            {"code": a.code, "label_nl": a.label_nl, "label_en": a.label_en, "min_age": a.min_age, "max_age": a.max_age}
            for a in AgeGroup.objects.order_by("order", "label_nl", "pk")
        ],
        "care_functions": _terms(CareFunction),
        "offer_kinds": _choices(Offer.Kind),
        "requesters": _choices(Offer.Requester),
        "exclusion_criteria": _terms(ExclusionCriterion),
        "provinces": [
            {"code": p.code, "label_nl": p.name, "label_en": p.name} for p in Province.objects.order_by("code")
        ],
    }
