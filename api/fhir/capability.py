"""The CapabilityStatement at /fhir/metadata: what this read-only server supports."""

from __future__ import annotations

from django.utils import timezone

from .. import rest

COMMON_PARAMS = [
    ("_id", "token"),
    ("_lastUpdated", "date"),
]
TYPES = {
    "Organization": ([("name", "string"), ("type", "token"), ("identifier", "token")], ["Organization:partof"]),
    "Location": ([("name", "string"), ("near", "special"), ("organization", "reference")], ["Location:organization"]),
    "HealthcareService": (
        [("name", "string"), ("type", "token"), ("specialty", "token"), ("organization", "reference")],
        ["HealthcareService:organization", "HealthcareService:location"],
    ),
    "OrganizationAffiliation": (
        [("primary-organization", "reference"), ("participating-organization", "reference")],
        ["OrganizationAffiliation:primary-organization", "OrganizationAffiliation:participating-organization"],
    ),
}
PROFILES = {
    "Organization": "nl-gf-organization",
    "Location": "nl-gf-location",
    "HealthcareService": "nl-gf-healthcareservice",
    "OrganizationAffiliation": "nl-gf-organizationaffiliation",
}


def capability_statement(base_url: str) -> dict:
    from .resources import PROFILE_BASE

    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": timezone.localdate().isoformat(),
        "publisher": "TOPGGz",
        "kind": "instance",
        "software": {"name": "TOPGGz-platform", "version": rest.VERSION},
        "implementation": {"description": "Het TOPGGz-register als zorgaanbiedersadresboek (mCSD)", "url": base_url},
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json"],
        "rest": [{
            "mode": "server",
            "documentation": "Alleen lezen en zoeken. _count (maximaal 100) en _page voor de pagina's van een Bundle.",
            "resource": [
                {
                    "type": kind,
                    "profile": PROFILE_BASE + PROFILES[kind],
                    "interaction": [{"code": "read"}, {"code": "search-type"}],
                    "searchInclude": includes,
                    "searchParam": [{"name": name, "type": kind_} for name, kind_ in COMMON_PARAMS + own],
                }
                for kind, (own, includes) in TYPES.items()
            ],
        }],
    }
