"""Old versions of dossiers and criteria sets in the admin: dossiers change only through their
services (version and audit), so nobody reverts one in the admin, not even the bureau."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from certification.models import CriteriaSet, Dossier

from .factories import DossierFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed_dossier():
    dossier = DossierFactory(department_name="Centrum Oud")
    old_version = dossier.history.latest("history_date")
    Dossier.objects.filter(pk=dossier.pk).update(department_name="Centrum Nieuw", version=5)
    dossier.refresh_from_db()
    dossier.history.create(
        **{f.attname: getattr(dossier, f.attname) for f in Dossier._meta.concrete_fields},
        history_date=old_version.history_date.replace(year=old_version.history_date.year + 1),
        history_type="~",
    )
    return dossier, old_version


def history_url(obj, version):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, version.history_id])


def test_the_bureau_reads_an_old_version_of_a_dossier(admin_client, changed_dossier):
    dossier, old_version = changed_dossier

    response = admin_client.get(history_url(dossier, old_version))

    assert response.status_code == 200
    assert response.context["revert_disabled"] is True
    assert "Centrum Oud" in response.content.decode()


def test_nobody_reverts_a_dossier_in_the_admin(admin_client, changed_dossier):
    dossier, old_version = changed_dossier

    response = admin_client.post(history_url(dossier, old_version), {"department_name": "Centrum Oud"})

    dossier.refresh_from_db()
    assert response.status_code == 404
    assert (dossier.department_name, dossier.version) == ("Centrum Nieuw", 5)
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert (entry.outcome, entry.object_type, entry.object_id) == ("denied", "certification.dossier", str(dossier.pk))


def test_the_bureau_can_revert_a_criteria_set(admin_client):
    criteria_set = CriteriaSet.objects.create(code="T-1", title="Oude titel", in_force_from="2030-01-01")
    old_version = criteria_set.history.latest("history_date")
    criteria_set.title = "Nieuwe titel"
    criteria_set.save()
    page = admin_client.get(history_url(criteria_set, old_version))
    data = {name: page.context["adminform"].form[name].value() for name in page.context["adminform"].form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update({"criteria-TOTAL_FORMS": "0", "criteria-INITIAL_FORMS": "0"})

    response = admin_client.post(history_url(criteria_set, old_version), data)

    criteria_set.refresh_from_db()
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert criteria_set.title == "Oude titel"
