"""The register as FHIR R4 resources, shaped after the NL Generic Functions care-services directory
profiles (IHE mCSD): plain dicts from register rows, validated and serialised by ``fhir.resources``
(its R4B models, which match R4 for these resources) in ``validated()``.

- Organization ``instelling-<id>``: an institution, with its KvK and AGB identifiers;
- Organization ``afdeling-<id>``: a department, ``partOf`` its (first) institution;
- Location ``locatie-<id>``: with its position, managed by its department;
- HealthcareService ``aanbod-<id>``: a department's offer: type (the offer kind), specialty (the
  target groups), eligibility (the age groups), ``notAvailable`` for a registration pause,
  providedBy (the department), location (its locations), the department's current certificate as a
  characteristic (its state today, number and validity period, from certification's Certificate);
- OrganizationAffiliation ``netwerk-<department>-<institution>``: a network department (more than one
  institution) and each institution taking part in it.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone
from fhir.resources.R4B import get_fhir_model_class

PROFILE_BASE = "http://minvws.github.io/generiekefuncties-docs/StructureDefinition/"
KVK_SYSTEM = "http://fhir.nl/fhir/NamingSystem/kvk"
AGB_SYSTEM = "http://fhir.nl/fhir/NamingSystem/agb-z"
CODE_BASE = "https://topggz.nl/fhir/CodeSystem/"
ORGANIZATION_TYPE = CODE_BASE + "organisatiesoort"  # instelling, afdeling
OFFER_KIND = CODE_BASE + "aanbod"
TARGET_GROUP = CODE_BASE + "doelgroep"
AGE_GROUP = CODE_BASE + "leeftijdsgroep"
CARE_FUNCTION = CODE_BASE + "zorgfunctie"
CERTIFICATION = CODE_BASE + "keurmerk"  # the certificate's state: valid, suspended, withdrawn, expired, not_yet, none
CERTIFICATE_SYSTEM = "https://topggz.nl/keurmerk"  # certificate numbers (verification page /keurmerk/<number>/)
CERTIFICATE_NUMBER_EXTENSION = "https://topggz.nl/fhir/StructureDefinition/keurmerk-nummer"
CERTIFICATE_PERIOD_EXTENSION = "https://topggz.nl/fhir/StructureDefinition/keurmerk-geldigheid"
SLUG_SYSTEM = "https://topggz.nl/afdelingen"
AFFILIATION_ROLE = "http://hl7.org/fhir/organization-role"


def validated(resource: dict) -> dict:
    """`resource` checked against its fhir.resources model and serialised by it (ValidationError if
    it is not valid FHIR)."""
    model = get_fhir_model_class(resource["resourceType"])
    return model.model_validate(resource).model_dump(mode="json", exclude_none=True)


def instant(value) -> str:
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time.min, tzinfo=timezone.get_current_timezone())
    return timezone.localtime(value).isoformat(timespec="seconds")


def _meta(profile: str, last_updated) -> dict:
    return {"profile": [PROFILE_BASE + profile], "lastUpdated": instant(last_updated)}


def reference(kind: str, id_: str, display: str = "") -> dict:
    ref = {"reference": f"{kind}/{id_}"}
    if display:
        ref["display"] = display
    return ref


def institution_id(pk) -> str:
    return f"instelling-{pk}"


def department_id(pk) -> str:
    return f"afdeling-{pk}"


def institution(row) -> dict:
    identifiers = []
    if row.kvk_number:
        identifiers.append({"system": KVK_SYSTEM, "value": row.kvk_number})
    if row.agb_code:
        identifiers.append({"system": AGB_SYSTEM, "value": row.agb_code})
    resource = {
        "resourceType": "Organization",
        "id": institution_id(row.pk),
        "meta": _meta("nl-gf-organization", row.updated_at),
        "active": True,
        "type": [{"coding": [{"system": ORGANIZATION_TYPE, "code": "instelling", "display": "Instelling"}]}],
        "name": row.name,
        "address": [{"city": row.city, "country": "NL"}],
    }
    if identifiers:
        resource["identifier"] = identifiers
    if row.website:
        resource["telecom"] = [{"system": "url", "value": row.website}]
    return resource


def department(row, institutions) -> dict:
    """`institutions`: the department's institutions (name order)."""
    telecom = [
        {"system": system, "value": value}
        for system, value in (("phone", row.phone), ("email", row.email), ("url", row.website))
        if value
    ]
    resource = {
        "resourceType": "Organization",
        "id": department_id(row.pk),
        "meta": _meta("nl-gf-organization", row.updated_at),
        "identifier": [{"system": SLUG_SYSTEM, "value": row.slug}],
        "active": True,
        "type": [{"coding": [{"system": ORGANIZATION_TYPE, "code": "afdeling", "display": "Afdeling"}]}],
        "name": row.name,
    }
    if telecom:
        resource["telecom"] = telecom
    if institutions:
        resource["partOf"] = reference("Organization", institution_id(institutions[0].pk), institutions[0].name)
    return resource


def location(row, last_updated) -> dict:
    return {
        "resourceType": "Location",
        "id": f"locatie-{row.pk}",
        "meta": _meta("nl-gf-location", last_updated),
        "status": "active",
        "name": row.name,
        "mode": "instance",
        "type": [
            {"coding": [{"system": CARE_FUNCTION, "code": function.code, "display": function.label_nl}]}
            for function in row.care_functions.all()
        ],
        "address": {"line": [row.street_address], "postalCode": row.postcode, "city": row.city, "country": "NL"},
        "position": {"latitude": round(row.latitude, 6), "longitude": round(row.longitude, 6)},
        "managingOrganization": reference("Organization", department_id(row.department_id)),
    }


def _eligibility(age) -> dict:
    until = f"{age.max_age}" if age.max_age is not None else ""
    return {
        "code": {"coding": [{"system": AGE_GROUP, "code": age.code, "display": age.label_nl}]},
        "comment": f"Leeftijd {age.min_age}" + (f" tot en met {until} jaar" if until else " jaar en ouder"),
    }


CERTIFICATE_STATES = {
    "valid": "Geldig",
    "suspended": "Geschorst",
    "withdrawn": "Ingetrokken",
    "expired": "Verlopen",
    "not_yet": "Nog niet geldig",
    "none": "Geen keurmerk geregistreerd",
}


def certification_characteristic(certificate, today) -> dict:
    """The quality mark from the department's current Certificate (certification.visitation:
    ``current_certificate``), never from the register's own fields: its state today as the code,
    its number as an Identifier and its validity as a Period (extensions), and all three in the
    text. ``certificate`` None: the register holds no certificate for the department."""
    if certificate is None:
        code = "none"
        return {"coding": [{"system": CERTIFICATION, "code": code, "display": CERTIFICATE_STATES[code]}],
                "text": CERTIFICATE_STATES[code]}
    code = certificate.state_on(today)
    text = (f"Keurmerk {certificate.number}, geldig van {certificate.valid_from.isoformat()} tot en met "
            f"{certificate.valid_until.isoformat()}: {CERTIFICATE_STATES[code].lower()}")
    return {
        "extension": [
            {"url": CERTIFICATE_NUMBER_EXTENSION, "valueIdentifier": {"system": CERTIFICATE_SYSTEM, "value": certificate.number}},
            {"url": CERTIFICATE_PERIOD_EXTENSION,
             "valuePeriod": {"start": certificate.valid_from.isoformat(), "end": certificate.valid_until.isoformat()}},
        ],
        "coding": [{"system": CERTIFICATION, "code": code, "display": CERTIFICATE_STATES[code]}],
        "text": text,
    }


def healthcare_service(offer, department_row, locations, target_groups, age_groups, last_updated, today,
                       certificate=None) -> dict:
    """`certificate`: the department's current Certificate (or None)."""
    resource = {
        "resourceType": "HealthcareService",
        "id": f"aanbod-{offer.pk}",
        "meta": _meta("nl-gf-healthcareservice", last_updated),
        "active": True,
        "providedBy": reference("Organization", department_id(department_row.pk), department_row.name),
        "type": [{"coding": [{"system": OFFER_KIND, "code": offer.kind, "display": str(offer.get_kind_display())}]}],
        "name": f"{offer.get_kind_display()}: {department_row.name}",
        "comment": offer.how_to_request,
        "characteristic": [certification_characteristic(certificate, today)],
        "appointmentRequired": True,
    }
    if target_groups:
        resource["specialty"] = [
            {"coding": [{"system": TARGET_GROUP, "code": group.code, "display": group.label_nl}]} for group in target_groups
        ]
    if age_groups:
        resource["eligibility"] = [_eligibility(age) for age in age_groups]
    if locations:
        resource["location"] = [reference("Location", f"locatie-{loc.pk}", loc.name) for loc in locations]
    if offer.status == "paused":
        pause = {"description": f"Aanmeldpauze: {offer.pause_reason}"}
        if offer.pause_expected_end:
            pause["during"] = {"end": instant(offer.pause_expected_end)}
        resource["notAvailable"] = [pause]
    return resource


def affiliation(department_row, institution_row) -> dict:
    return {
        "resourceType": "OrganizationAffiliation",
        "id": f"netwerk-{department_row.pk}-{institution_row.pk}",
        "meta": _meta("nl-gf-organizationaffiliation", department_row.updated_at),
        "active": True,
        "organization": reference("Organization", department_id(department_row.pk), department_row.name),
        "participatingOrganization": reference("Organization", institution_id(institution_row.pk), institution_row.name),
        "code": [{"coding": [{"system": AFFILIATION_ROLE, "code": "member", "display": "Member"}]}],
    }
