"""The whole register as Open Referral HSDS 3.0: JSON (organizations with their programs and
identifiers; services with their locations) and CSV (one table per HSDS object, in a ZIP).

Mapping: an institution is an HSDS organization (KvK and AGB as organization_identifiers); a
department is a program of its (first) institution; each offer of a department is a service
(status "temporarily closed" during a registration pause, with the pause in ``alert``; the quality
mark in ``accreditations``; the department's last confirmation as ``assured_date``; the age range in
``minimum_age``/``maximum_age``); each location of the department is a service_at_location.
The treatment service carries the department's latest waiting times as ``wait_time`` (text: HSDS
3.0 has no structured field); capacity has no HSDS field and is left out.
Identifiers are stable UUIDs (version 5) of the register's ids. Eight queries, whatever the size.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
import zipfile
from pathlib import Path

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from register import rules
from register.models import AgeGroup, Department, Institution, Location, Offer, TargetGroup

HSDS_VERSION = "3.0"
SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
NAMESPACE = uuid.UUID("6d1f4f0e-3b55-5a6e-9a55-746f7067677a")
LICENCES = {
    "CC-BY-4.0": ("Creative Commons Naamsvermelding 4.0 Internationaal (CC BY 4.0)", "https://creativecommons.org/licenses/by/4.0/deed.nl"),
    "CC0-1.0": ("Creative Commons Zero 1.0 (CC0)", "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"),
}


def hsds_id(kind: str, pk) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{pk}"))


def licence() -> dict:
    code = settings.OPEN_DATA_LICENCE
    name, url = LICENCES.get(code, (code, ""))
    return {"code": code, "name": name, "url": url}


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _certification_text(department, today) -> str:
    if rules.is_certified_on(department.status, department.certified_from, department.certified_until, today):
        return f"TOPGGz-keurmerk, geldig van {department.certified_from.isoformat()} tot en met {department.certified_until.isoformat()}"
    if department.status == Department.Status.IN_PROCEDURE:
        return "TOPGGz-keurmerk: in procedure"
    return "TOPGGz-keurmerk: verlopen"


def _ages(age_groups):
    if not age_groups:
        return None, None
    minimum = min(age.min_age for age in age_groups)
    maximum = None if any(age.max_age is None for age in age_groups) else max(age.max_age for age in age_groups)
    return minimum, maximum


def _weeks(value) -> str:
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")


def _wait_time(department) -> str:
    """The treatment offer's latest waiting times, as text (HSDS 3.0 has only a text field)."""
    parts = []
    if department.waiting_intake_weeks is not None:
        parts.append(f"tot intake {_weeks(department.waiting_intake_weeks)} weken")
    if department.waiting_treatment_weeks is not None:
        parts.append(f"van intake tot behandeling {_weeks(department.waiting_treatment_weeks)} weken")
    if not parts:
        return ""
    measured = f" (gemeten op {department.waiting_measured_on.isoformat()})" if department.waiting_measured_on else ""
    return "Wachttijd " + "; ".join(parts) + measured


def _location(location) -> dict:
    lid = hsds_id("location", location.pk)
    return {
        "id": lid,
        "location_type": "physical",
        "name": location.name,
        "latitude": location.latitude,
        "longitude": location.longitude,
        "addresses": [{
            "id": hsds_id("address", location.pk),
            "location_id": lid,
            "address_1": location.street_address,
            "city": location.city,
            "state_province": location.municipality.province.name,
            "postal_code": location.postcode,
            "country": "NL",
            "address_type": "physical",
        }],
    }


def dataset() -> dict:
    """The whole register as one HSDS document: {"about", "organizations", "services"}."""
    today = timezone.localdate()
    departments = list(
        Department.objects.prefetch_related(
            Prefetch("institutions", queryset=Institution.objects.order_by("name", "pk")),
            Prefetch("target_groups", queryset=TargetGroup.objects.order_by("order", "label_nl", "pk")),
            Prefetch("age_groups", queryset=AgeGroup.objects.order_by("order", "label_nl", "pk")),
            Prefetch("offers", queryset=Offer.objects.order_by("pk")),
            Prefetch("locations", queryset=Location.objects.select_related("municipality__province").order_by("name", "pk")),
        ).order_by("pk")
    )
    programs: dict[int, list] = {}
    services = []
    for department in departments:
        institutions = list(department.institutions.all())
        owner = institutions[0] if institutions else None
        program_id = hsds_id("department", department.pk)
        if owner is not None:
            programs.setdefault(owner.pk, []).append({
                "id": program_id,
                "organization_id": hsds_id("institution", owner.pk),
                "name": department.name,
                "description": department.description,
            })
        groups = list(department.target_groups.all())
        ages = list(department.age_groups.all())
        minimum, maximum = _ages(ages)
        locations = [_location(location) for location in department.locations.all()]
        for offer in department.offers.all():
            service_id = hsds_id("offer", offer.pk)
            service = {
                "id": service_id,
                "name": f"{offer.get_kind_display()}: {department.name}",
                "description": department.description,
                "url": _site(f"/afdelingen/{department.slug}/"),
                "status": "temporarily closed" if offer.status == Offer.Status.PAUSED else "active",
                "application_process": offer.how_to_request,
                "accreditations": _certification_text(department, today),
                "assured_date": department.last_confirmed_on.isoformat(),
                "eligibility_description": "Doelgroepen: " + ", ".join(g.label_nl for g in groups)
                + ". Leeftijd: " + ", ".join(a.label_nl for a in ages) + ".",
                "program_id": program_id,
                "service_at_locations": [
                    {"id": hsds_id("service_at_location", f"{offer.pk}:{loc['id']}"), "service_id": service_id,
                     "location_id": loc["id"], "location": loc}
                    for loc in locations
                ],
            }
            if owner is not None:
                service["organization_id"] = hsds_id("institution", owner.pk)
            if department.email:
                service["email"] = department.email
            if department.phone:
                service["phones"] = [{"id": hsds_id("phone", department.pk), "service_id": service_id, "number": department.phone}]
            if offer.status == Offer.Status.PAUSED:
                service["alert"] = f"Aanmeldpauze: {offer.pause_reason} (verwacht tot {offer.pause_expected_end.isoformat()})"
            wait = _wait_time(department) if offer.kind == Offer.Kind.TREATMENT else ""
            if wait:
                service["wait_time"] = wait
            if minimum is not None:
                service["minimum_age"] = minimum
            if maximum is not None:
                service["maximum_age"] = maximum
            services.append(service)
    organizations = []
    for institution in Institution.objects.order_by("pk"):
        oid = hsds_id("institution", institution.pk)
        identifiers = [
            {"id": hsds_id(f"identifier-{scheme}", institution.pk), "organization_id": oid, "identifier_scheme": scheme,
             "identifier_type": label, "identifier": value}
            for scheme, label, value in (("NL-KVK", "KvK-nummer", institution.kvk_number), ("NL-AGB", "AGB-code", institution.agb_code))
            if value
        ]
        organization = {
            "id": oid,
            "name": institution.name,
            "description": f"Instelling in {institution.city} met een of meer TOPGGz-afdelingen.",
            "organization_identifiers": identifiers,
            "programs": programs.get(institution.pk, []),
        }
        if institution.website:
            organization["website"] = institution.website
        organizations.append(organization)
    return {"about": about(), "organizations": organizations, "services": services}


def about(changed_at=None) -> dict:
    from ..http import register_version

    if changed_at is None:
        changed_at = register_version()[1]
    return {
        "title": "Register van TOPGGz-afdelingen",
        "publisher": "TOPGGz",
        "hsds_version": HSDS_VERSION,
        "licence": licence(),
        "attribution": "Bron: TOPGGz-register",
        "last_modified": timezone.localtime(changed_at).isoformat(timespec="seconds") if changed_at else None,
    }


# --- CSV ------------------------------------------------------------------------------------------

TABLES = {
    # file: (schema, where the rows are)
    "organizations.csv": "organization",
    "organization_identifiers.csv": "organization_identifier",
    "programs.csv": "program",
    "services.csv": "service",
    "phones.csv": "phone",
    "service_at_locations.csv": "service_at_location",
    "locations.csv": "location",
    "addresses.csv": "address",
}


def columns(schema_name: str) -> list[str]:
    """The schema's scalar fields, in its order: the CSV columns of that table."""
    schema = json.loads((SCHEMA_DIR / f"{schema_name}.json").read_text(encoding="utf-8"))
    return [name for name, field in schema["properties"].items() if field.get("type") in ("string", "number", "integer", "boolean")]


def tables(data: dict) -> dict[str, list[dict]]:
    rows = {name: [] for name in TABLES.values()}
    seen_locations = set()
    for organization in data["organizations"]:
        rows["organization"].append(organization)
        rows["organization_identifier"] += organization["organization_identifiers"]
        rows["program"] += organization["programs"]
    for service in data["services"]:
        rows["service"].append(service)
        rows["phone"] += service.get("phones", [])
        for link in service["service_at_locations"]:
            rows["service_at_location"].append(link)
            location = link["location"]
            if location["id"] not in seen_locations:
                seen_locations.add(location["id"])
                rows["location"].append(location)
                rows["address"] += location["addresses"]
    return rows


def csv_zip(data: dict) -> bytes:
    buffer = io.BytesIO()
    by_schema = tables(data)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for filename, schema_name in TABLES.items():
            names = columns(schema_name)
            text = io.StringIO()
            writer = csv.DictWriter(text, fieldnames=names, extrasaction="ignore", lineterminator="\r\n")
            writer.writeheader()
            for row in by_schema[schema_name]:
                writer.writerow({name: row.get(name, "") for name in names})
            archive.writestr(filename, text.getvalue())
        about_ = data["about"]
        archive.writestr(
            "LEESMIJ.txt",
            f"{about_['title']} (HSDS {about_['hsds_version']}).\r\nLaatst gewijzigd: {about_['last_modified']}\r\n"
            f"Licentie: {about_['licence']['name']} {about_['licence']['url']}\r\n{about_['attribution']}\r\n",
        )
    return buffer.getvalue()
