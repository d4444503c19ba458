"""The capacity report pages refuse a posted department outside the user's own before reading the form,
and audit the refusal (as the application and compliance pages do)."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.testing import login_verified
from audit.models import AuditEntry
from insight.models import CapacityReport
from register.tests.factories import DepartmentFactory, OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    from consultation.tests.builders import staff_of

    department = OfferFactory().department
    return staff_of(department, role=Role.DEPARTMENT_MANAGER)


@pytest.mark.parametrize("url", ["insight:report_new", "insight:report_upload"])
def test_a_report_for_another_department_is_refused_and_audited_before_the_form_is_read(client, manager, url):
    other = DepartmentFactory()
    login_verified(client, manager)

    response = client.post(reverse(url), {"department": other.pk})  # every other field missing

    assert response.status_code == 404
    assert not CapacityReport.objects.exists()
    assert AuditEntry.objects.filter(object_type="insight.capacity_report", outcome="denied",
                                     on_behalf_of=f"register.department:{other.pk}").exists()
