"""Exports and imports of the register are written to the audit log."""

import pytest
from django.urls import reverse

from accounts.testing import login_verified
from accounts.tests.factories import UserFactory
from audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau_client(client):
    return login_verified(client, UserFactory(role="bureau_admin", is_superuser=True))


def test_an_export_from_the_admin_writes_an_export_audit_entry(bureau_client):
    response = bureau_client.get(reverse("admin:register_department_export") + "?formaat=xlsx")

    assert response.status_code == 200
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert (entry.action, entry.object_type, entry.outcome) == ("export", "register", "success")


def test_a_failed_import_from_the_admin_writes_an_import_audit_entry_with_outcome_failure(bureau_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("instellingen.csv", b"name,website,city,agb_code,kvk_number\nStichting Proef,,Utrecht,123,\n", "text/csv")
    bureau_client.post(reverse("admin:register_department_import"), {"files": upload, "kind": ""})

    entry = AuditEntry.objects.filter(action="import").order_by("-sequence").first()
    assert entry is not None
    assert entry.outcome == "failure"
