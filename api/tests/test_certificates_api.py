"""Certificates in the REST API (/api/v1/keurmerken, the department's ``certificate``) and in FHIR
(the HealthcareService's characteristic): public facts with the state of today, read from the
Certificate (certification.visitation), never from the register's own status fields."""

from datetime import timedelta

import pytest
from django.utils import timezone

from api.tests.conftest import make_department
from certification.tests.factories import bureau_admin
from certification.visitation import services
from register.models import Department

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau(db):
    return bureau_admin()


@pytest.fixture
def department(geo):
    return make_department("Centrum Psychotrauma Utrecht", "centrum-psychotrauma-utrecht")


def today():
    return timezone.localdate()


def issue(bureau, department, years_ago=1):
    return services.issue_certificate(user=bureau, department_id=department.pk,
                                      decided_on=today() - timedelta(days=365 * years_ago))


def suspend(bureau, certificate):
    return services.suspend_certificate(user=bureau, certificate_id=certificate.pk, on=today() - timedelta(days=10),
                                        reason="Geen hoofdbehandelaar meer.")


def withdraw(bureau, certificate):
    return services.withdraw_certificate(user=bureau, certificate_id=certificate.pk, on=today() - timedelta(days=5),
                                         reason="Herstel niet gelukt.")


def get_certificate(client, number):
    response = client.get(f"/api/v1/keurmerken/{number}")
    assert response.status_code == 200
    return response.json()


# --- the REST API ---------------------------------------------------------------------------------


def test_a_valid_certificate_is_shown_with_its_dates_department_and_verification_page(client, bureau, department):
    certificate = issue(bureau, department)
    body = get_certificate(client, certificate.number)
    assert (body["status"], body["in_force"], body["department"]) == ("valid", True, department.slug)
    assert (body["valid_from"], body["valid_until"]) == (certificate.valid_from.isoformat(), certificate.valid_until.isoformat())
    assert body["verification_url"].endswith(f"/keurmerk/{certificate.number}/")
    assert [event["kind"] for event in body["events"]] == ["issued"]


def test_a_suspended_certificate_is_shown_suspended_with_its_reason(client, bureau, department):
    certificate = suspend(bureau, issue(bureau, department))
    body = get_certificate(client, certificate.number)
    assert (body["status"], body["in_force"]) == ("suspended", False)
    assert body["suspension_reason"] == "Geen hoofdbehandelaar meer."


def test_a_withdrawn_certificate_is_shown_withdrawn_with_its_reason(client, bureau, department):
    certificate = withdraw(bureau, issue(bureau, department))
    body = get_certificate(client, certificate.number)
    assert (body["status"], body["withdrawn_on"], body["withdrawal_reason"]) == (
        "withdrawn", (today() - timedelta(days=5)).isoformat(), "Herstel niet gelukt.")


def test_an_expired_certificate_is_shown_expired(client, bureau, department):
    certificate = issue(bureau, department, years_ago=5)
    assert get_certificate(client, certificate.number)["status"] == "expired"


def test_an_unknown_number_is_a_404_problem(client, db):
    response = client.get("/api/v1/keurmerken/TOPGGZ-1999-0001")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"


def test_the_list_has_every_certificate_by_number_with_its_state(client, bureau, department, geo):
    other = make_department("Expertisecentrum Dwang Groningen", "dwang-groningen", target_groups=("dwang",))
    expired = issue(bureau, other, years_ago=5)
    valid = issue(bureau, department)
    body = client.get("/api/v1/keurmerken").json()
    assert body["count"] == 2
    assert [(row["number"], row["status"]) for row in body["results"]] == sorted(
        [(expired.number, "expired"), (valid.number, "valid")])


def test_the_list_keeps_one_departments_certificates_with_afdeling(client, bureau, department, geo):
    other = make_department("Expertisecentrum Dwang Groningen", "dwang-groningen", target_groups=("dwang",))
    issue(bureau, other)
    mine = issue(bureau, department)
    body = client.get(f"/api/v1/keurmerken?afdeling={department.slug}&aantal=1").json()
    assert [row["number"] for row in body["results"]] == [mine.number]


def test_the_department_shows_its_current_certificate(client, bureau, department):
    issue(bureau, department, years_ago=5)  # expired
    current = issue(bureau, department)
    body = client.get(f"/api/v1/afdelingen/{department.slug}").json()
    assert (body["certificate"]["number"], body["certificate"]["status"]) == (current.number, "valid")


def test_the_department_shows_its_suspended_certificate_as_suspended(client, bureau, department):
    suspend(bureau, issue(bureau, department))
    body = client.get(f"/api/v1/afdelingen/{department.slug}").json()
    assert body["certificate"]["status"] == "suspended" and body["certification"]["in_force"] is False


def test_a_department_without_a_certificate_shows_none(client, department):
    assert client.get(f"/api/v1/afdelingen/{department.slug}").json()["certificate"] is None


# --- FHIR -------------------------------------------------------------------------------------------


def characteristic(client, department):
    bundle = client.get(f"/fhir/HealthcareService?organization=Organization/afdeling-{department.pk}").json()
    (service,) = [entry["resource"] for entry in bundle["entry"]]
    return service["characteristic"][0]


def extension(concept, name):
    (found,) = [item for item in concept["extension"] if item["url"].endswith(name)]
    return found


def test_fhir_shows_the_certificate_number_and_period(client, bureau, department):
    certificate = issue(bureau, department)
    concept = characteristic(client, department)
    assert concept["coding"][0]["code"] == "valid"
    assert extension(concept, "keurmerk-nummer")["valueIdentifier"]["value"] == certificate.number
    assert extension(concept, "keurmerk-geldigheid")["valuePeriod"] == {
        "start": certificate.valid_from.isoformat(), "end": certificate.valid_until.isoformat()}
    assert certificate.number in concept["text"]


def test_fhir_shows_a_withdrawn_certificate_as_withdrawn(client, bureau, department):
    withdraw(bureau, issue(bureau, department))
    assert characteristic(client, department)["coding"][0]["code"] == "withdrawn"


def test_fhir_reads_the_certificate_not_the_registers_typed_status(client, bureau, department):
    suspend(bureau, issue(bureau, department))
    Department.objects.filter(pk=department.pk).update(status="certified", certified_until=today() + timedelta(days=300))
    assert characteristic(client, department)["coding"][0]["code"] == "suspended"


def test_fhir_says_no_certificate_when_the_register_holds_none(client, department):
    assert characteristic(client, department)["coding"][0]["code"] == "none"
