"""The bureau reads the capacity reports in the admin; nobody writes them there."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.testing import login_verified
from insight.models import CapacityReport
from register.tests.factories import DepartmentFactory
from triage.tests.builders import bureau, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored():
    return CapacityReport.objects.create(
        department=DepartmentFactory(name="Centrum Dwang"), month=date(2026, 11, 1), measured_on=date(2026, 11, 30),
        intake_weeks=Decimal("5"), treatment_weeks=Decimal("9"), waiting_count=30,
    )


def test_the_bureau_sees_the_reports_in_the_admin_list(client, stored):
    login_verified(client, bureau())
    response = client.get(reverse("admin:insight_capacityreport_changelist"))
    assert response.status_code == 200
    assert "Centrum Dwang" in response.content.decode()


def test_the_bureau_reads_a_report_but_cannot_change_it(client, stored):
    login_verified(client, bureau())
    response = client.post(reverse("admin:insight_capacityreport_change", args=[stored.pk]), {"waiting_count": 1})
    assert response.status_code == 403
    page = client.get(reverse("admin:insight_capacityreport_change", args=[stored.pk]))
    assert page.status_code == 200 and b'name="waiting_count"' not in page.content


def test_the_bureau_reads_the_earlier_versions_of_a_report(client, stored):
    login_verified(client, bureau())
    assert client.get(reverse("admin:insight_capacityreport_history", args=[stored.pk])).status_code == 200


def test_nobody_adds_a_report_in_the_admin(client):
    login_verified(client, bureau())
    assert client.get(reverse("admin:insight_capacityreport_add")).status_code == 403


def test_a_department_manager_does_not_see_the_reports_in_the_admin(client, stored):
    login_verified(client, person(Role.DEPARTMENT_MANAGER, departments=[stored.department]))
    response = client.get(reverse("admin:insight_capacityreport_changelist"))
    assert response.status_code in (302, 403, 404)
