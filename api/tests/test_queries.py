"""The number of SQL queries of an answer does not grow with the number of rows it shows."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.tests.conftest import make_department
from certification.tests.factories import bureau_admin
from certification.visitation import services as certificates
from register.tests.factories import DepartmentExclusionFactory, InstitutionFactory

pytestmark = pytest.mark.django_db

URLS = [
    "/api/v1/afdelingen?aantal=100",
    "/api/v1/instellingen?aantal=100",
    "/api/v1/locaties?aantal=100",
    "/api/v1/keurmerken?aantal=100",
    "/fhir/Organization?_count=100&_include=Organization:partof",
    "/fhir/Location?_count=100&_include=Location:organization",
    "/fhir/HealthcareService?_count=100&_include=HealthcareService:organization&_include=HealthcareService:location",
    "/fhir/OrganizationAffiliation?_count=100&_include=OrganizationAffiliation:participating-organization",
    "/open-data/register.hsds.json",
]


def add_departments(count, start):
    for number in range(start, start + count):
        department = make_department(f"Afdeling {number}", f"afdeling-{number}", lat=52 + number / 100, lon=5.1)
        department.institutions.add(InstitutionFactory())  # every one a network
        DepartmentExclusionFactory(department=department)
        certificate = certificates.issue_certificate(user=bureau_admin(), department_id=department.pk,
                                                     decided_on=date(2025, 1, 1) + timedelta(days=number))
        if number % 2:  # some with a suspension: events per certificate
            certificates.suspend_certificate(user=bureau_admin(), certificate_id=certificate.pk,
                                             on=certificate.valid_from + timedelta(days=30), reason="Onderzoek.")


def queries(client, url):
    client.get(url)  # the finder's snapshot and the register's stamp are loaded once per change
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", URLS)
def test_an_answer_costs_the_same_queries_for_two_or_twelve_departments(client, geo, url):
    add_departments(2, 0)
    few = queries(client, url)
    add_departments(10, 2)
    assert queries(client, url) == few
