"""Open Referral HSDS 3.0: the whole register validates against the published schemas (copied into
api/hsds/schema with their licence); the CSV has a table per object; the download page says the
licence and the date of the last change."""

import csv
import io
import json
import zipfile

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from api.hsds.export import SCHEMA_DIR, hsds_id
from register.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def validator(name):
    schemas = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in SCHEMA_DIR.glob("*.json")}
    registry = Registry().with_resources(
        (filename, Resource.from_contents(schema, default_specification=DRAFT202012)) for filename, schema in schemas.items()
    )
    return jsonschema.Draft202012Validator(
        schemas[f"{name}.json"], registry=registry, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@pytest.fixture
def document(client, departments):
    departments[0].institutions.add(InstitutionFactory(name="Netwerkpartner"))
    response = client.get("/open-data/register.hsds.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_every_organization_validates_against_the_hsds_schema(document):
    check = validator("organization")
    assert len(document["organizations"]) == 4
    for organization in document["organizations"]:
        check.validate(organization)


def test_every_service_validates_against_the_hsds_schema(document):
    check = validator("service")
    assert len(document["services"]) == 4
    for service in document["services"]:
        check.validate(service)


def test_a_validator_that_would_miss_nothing_refuses_a_broken_service(document):
    broken = dict(document["services"][0], status="gesloten")
    assert list(validator("service").iter_errors(broken))


def test_a_paused_offer_is_a_temporarily_closed_service_with_an_alert(document, departments):
    paused = [service for service in document["services"] if service["status"] == "temporarily closed"]
    assert len(paused) == 1
    assert paused[0]["alert"].startswith("Aanmeldpauze: Te veel aanmeldingen")


def test_a_service_carries_its_accreditation_and_assured_date(document, departments):
    service = next(s for s in document["services"] if s["program_id"] == hsds_id("department", departments[2].pk))
    assert service["accreditations"].startswith("TOPGGz-keurmerk, geldig van")
    assert service["assured_date"] == departments[2].last_confirmed_on.isoformat()
    assert service["service_at_locations"][0]["location"]["addresses"][0]["city"] == "Groningen"


def test_institutions_carry_kvk_and_agb_identifiers(document, departments):
    institution = departments[1].institutions.first()
    organization = next(o for o in document["organizations"] if o["id"] == hsds_id("institution", institution.pk))
    assert {i["identifier_scheme"]: i["identifier"] for i in organization["organization_identifiers"]} == {
        "NL-KVK": institution.kvk_number, "NL-AGB": institution.agb_code,
    }


def test_the_document_names_its_licence_and_last_change(document, settings):
    assert document["about"]["licence"]["code"] == "CC-BY-4.0"
    assert document["about"]["last_modified"]


def test_the_csv_zip_has_a_table_per_object_with_the_schema_columns(client, departments):
    response = client.get("/open-data/register.hsds.zip")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    services = list(csv.DictReader(io.StringIO(archive.read("services.csv").decode())))
    assert len(services) == 4
    assert list(services[0])[:3] == ["id", "organization_id", "program_id"]
    locations = list(csv.DictReader(io.StringIO(archive.read("locations.csv").decode())))
    assert {row["name"] for row in locations} == {f"Locatie {d.name}" for d in departments}
    assert "CC BY 4.0" in archive.read("LEESMIJ.txt").decode()


def test_the_downloads_are_conditional_reads(client, departments):
    etag = client.get("/open-data/register.hsds.json")["ETag"]
    assert client.get("/open-data/register.hsds.json", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_the_download_page_shows_the_licence_and_the_last_change(client, departments):
    html = client.get("/open-data/").content.decode()
    assert "Creative Commons Naamsvermelding 4.0" in html
    assert "<time datetime=" in html
    assert 'href="/open-data/register.hsds.json"' in html


def test_the_licence_is_a_setting(client, departments, settings):
    settings.OPEN_DATA_LICENCE = "CC0-1.0"
    assert "Creative Commons Zero" in client.get("/open-data/").content.decode()


def test_the_download_page_is_available_in_english(client, departments):
    html = client.get("/en/open-data/").content.decode()
    assert "Open data of the register" in html
    assert "The data are published under the licence" in html


def test_every_page_links_to_the_open_data(client, db):
    assert 'href="/open-data/"' in client.get("/toegankelijkheid/").content.decode()


def test_the_treatment_service_carries_the_waiting_times(client, departments):
    from register.models import Department

    Department.objects.filter(pk=departments[2].pk).update(
        waiting_intake_weeks="6.5", waiting_treatment_weeks="3.0", waiting_measured_on="2026-11-30"
    )
    document = json.loads(client.get("/open-data/register.hsds.json").content)
    service = next(s for s in document["services"] if s["program_id"] == hsds_id("department", departments[2].pk))
    assert service["wait_time"] == "Wachttijd tot intake 6,5 weken; van intake tot behandeling 3 weken (gemeten op 2026-11-30)"
    validator("service").validate(service)
