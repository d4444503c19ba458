"""The bureau finds and reads dossiers in the admin; reading one there is audited too."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from certification.models import CommitteeAssignment

from .factories import DossierFactory, StaffMemberFactory, committee_member

pytestmark = pytest.mark.django_db


def test_the_bureau_searches_dossiers_by_department_name(admin_client):
    DossierFactory(department_name="Centrum Dwang Noord")
    DossierFactory(department_name="Kliniek Eetstoornissen Zuid")
    page = admin_client.get(reverse("admin:certification_dossier_changelist"), {"q": "dwang"}).content.decode()
    assert "Centrum Dwang Noord" in page and "Kliniek Eetstoornissen Zuid" not in page


def test_the_bureau_reads_a_dossier_with_its_staff(admin_client):
    dossier = DossierFactory()
    StaffMemberFactory(dossier=dossier, name="Dr. Joris Hoekstra")
    page = admin_client.get(reverse("admin:certification_dossier_change", args=[dossier.pk]))
    assert page.status_code == 200 and "Dr. Joris Hoekstra" in page.content.decode()


def test_reading_a_dossier_in_the_admin_is_audited(admin_client):
    dossier = DossierFactory()
    admin_client.get(reverse("admin:certification_dossier_change", args=[dossier.pk]))
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert (entry.action, entry.object_id, entry.on_behalf_of) == ("read", str(dossier.pk), str(dossier.department_id))


def test_dossiers_cannot_be_changed_in_the_admin(admin_client):
    dossier = DossierFactory()
    admin_client.post(reverse("admin:certification_dossier_change", args=[dossier.pk]), {"department_name": "Anders"})
    dossier.refresh_from_db()
    assert dossier.department_name != "Anders"


def test_the_bureau_assigns_a_committee_member_in_the_admin(admin_client):
    dossier = DossierFactory()
    member = committee_member()
    response = admin_client.post(
        reverse("admin:certification_committeeassignment_add"), {"user": member.pk, "dossier": dossier.pk, "role": "member"}
    )
    assert response.status_code == 302
    assert CommitteeAssignment.objects.filter(user=member, dossier=dossier).exists()
    assert AuditEntry.objects.order_by("-sequence").first().action == "permission_change"
