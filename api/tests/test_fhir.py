"""FHIR R4 at /fhir/: every answer validates with fhir.resources; search, paging, includes, near."""

import pytest
from fhir.resources.R4B import get_fhir_model_class

from api.tests.conftest import make_department
from register.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db

FHIR_JSON = "application/fhir+json"


def fhir(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith(FHIR_JSON)
    body = response.json()
    get_fhir_model_class(body["resourceType"]).model_validate(body)  # every answer is valid FHIR
    return body


def resources_of(bundle, mode="match"):
    return [entry["resource"] for entry in bundle.get("entry", []) if entry["search"]["mode"] == mode]


@pytest.fixture
def network(departments):
    """The Utrecht department is a network of two institutions."""
    departments[0].institutions.add(InstitutionFactory(name="Stichting Tweede Partner"))
    return departments[0]


def test_the_capability_statement_names_every_resource_type(client, db):
    body = fhir(client, "/fhir/metadata")
    assert body["fhirVersion"] == "4.0.1"
    assert {resource["type"] for resource in body["rest"][0]["resource"]} == {
        "Organization", "Location", "HealthcareService", "OrganizationAffiliation"
    }


def test_an_institution_is_an_organization_with_kvk_and_agb(client, departments):
    institution = departments[0].institutions.first()
    body = fhir(client, f"/fhir/Organization/instelling-{institution.pk}")
    systems = {identifier["system"]: identifier["value"] for identifier in body["identifier"]}
    assert systems["http://fhir.nl/fhir/NamingSystem/kvk"] == institution.kvk_number
    assert systems["http://fhir.nl/fhir/NamingSystem/agb-z"] == institution.agb_code


def test_a_department_is_an_organization_part_of_its_institution(client, departments):
    department = departments[1]
    body = fhir(client, f"/fhir/Organization/afdeling-{department.pk}")
    assert body["partOf"]["reference"] == f"Organization/instelling-{department.institutions.first().pk}"


def test_organizations_search_by_name_and_type(client, departments):
    bundle = fhir(client, "/fhir/Organization?name=psychotrauma&type=afdeling")
    assert bundle["type"] == "searchset"
    assert {resource["name"] for resource in resources_of(bundle)} == {"Psychotrauma Centrum Amsterdam"}


def test_include_partof_brings_the_institutions(client, departments):
    bundle = fhir(client, f"/fhir/Organization?_id=afdeling-{departments[2].pk}&_include=Organization:partof")
    included = resources_of(bundle, "include")
    assert [resource["id"] for resource in included] == [f"instelling-{departments[2].institutions.first().pk}"]


def test_a_paused_offer_is_not_available_with_its_reason(client, departments):
    bundle = fhir(client, "/fhir/HealthcareService?type=consultation")
    (service,) = resources_of(bundle)
    assert service["notAvailable"][0]["description"] == "Aanmeldpauze: Te veel aanmeldingen"
    assert service["notAvailable"][0]["during"]["end"].startswith("2027-03-01")
    assert service["specialty"][0]["coding"][0]["code"] == "psychotrauma"
    assert service["characteristic"][0]["coding"][0]["code"] == "none"  # no Certificate (test_certificates_api.py)


def test_a_healthcare_service_includes_its_department_and_locations(client, departments):
    bundle = fhir(client, "/fhir/HealthcareService?type=consultation&_include=HealthcareService:organization"
                          "&_include=HealthcareService:location")
    kinds = sorted(resource["resourceType"] for resource in resources_of(bundle, "include"))
    assert kinds == ["Location", "Organization"]


def test_a_network_has_an_affiliation_per_institution(client, network):
    bundle = fhir(client, "/fhir/OrganizationAffiliation?_include=OrganizationAffiliation:participating-organization")
    affiliations = resources_of(bundle)
    assert len(affiliations) == 2
    assert {a["organization"]["reference"] for a in affiliations} == {f"Organization/afdeling-{network.pk}"}
    assert len(resources_of(bundle, "include")) == 2


def test_count_pages_the_bundle_with_next_and_previous(client, departments):
    first = fhir(client, "/fhir/Location?_count=2")
    assert first["total"] == 3 and len(resources_of(first)) == 2
    next_url = next(link["url"] for link in first["link"] if link["relation"] == "next")
    second = fhir(client, next_url.replace("http://testserver", ""))
    assert len(resources_of(second)) == 1
    assert any(link["relation"] == "previous" for link in second["link"])


def test_last_updated_selects_by_date(client, departments):
    assert fhir(client, "/fhir/Organization?_lastUpdated=ge2000-01-01")["total"] == 6
    assert fhir(client, "/fhir/Organization?_lastUpdated=lt2000-01-01")["total"] == 0


def test_near_lists_locations_nearest_first_within_the_distance(client, departments):
    bundle = fhir(client, "/fhir/Location?near=52.37|4.89|100|km")
    assert [resource["address"]["city"] for resource in resources_of(bundle)] == ["Amsterdam", "Utrecht"]


def test_an_unknown_parameter_is_an_operation_outcome(client, db):
    body = fhir(client, "/fhir/Location?kleur=rood", status=400)
    assert body["resourceType"] == "OperationOutcome"


def test_an_unknown_resource_is_an_operation_outcome_404(client, db):
    assert fhir(client, "/fhir/Location/locatie-999999", status=404)["resourceType"] == "OperationOutcome"


def test_a_bad_near_is_refused(client, db):
    assert fhir(client, "/fhir/Location?near=abc", status=400)["issue"][0]["code"] == "invalid"


def test_an_unknown_path_under_fhir_is_an_operation_outcome(client, db):
    assert fhir(client, "/fhir/Patient", status=404)["resourceType"] == "OperationOutcome"


def test_near_gives_the_nearest_locations_of_the_finders_distance_sort(client, departments):
    """Location?near= and the finder's distance sort name the same nearest location per department."""
    for number in range(6):
        make_department(f"Extra {number}", f"extra-{number}", lat=52.0 + number * 0.07, lon=5.0 + number * 0.05)
    finder = client.get("/api/v1/afdelingen?plaats=3511&sorteer=distance&afstand=100&aantal=100").json()
    origin = finder["origin"]
    bundle = fhir(client, f"/fhir/Location?near={origin['latitude']}|{origin['longitude']}|100|km&_count=100")
    seen, nearest_per_department = set(), []
    for resource in resources_of(bundle):
        department = resource["managingOrganization"]["reference"]
        if department not in seen:
            seen.add(department)
            nearest_per_department.append(int(resource["id"].removeprefix("locatie-")))
    assert nearest_per_department == [hit["nearest_location"] for hit in finder["results"]]
