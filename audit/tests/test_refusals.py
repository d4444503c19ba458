"""Every refusal is recorded, whatever transaction surrounds the code that refuses (issue 10, finding 3)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse

from accounts import services as account_services
from accounts.roles import Role
from accounts.testing import login_verified
from accounts.tests.factories import UserFactory
from audit.middleware import AuditContextMiddleware
from audit.models import AuditEntry
from audit.services import refusals_survive_rollback
from certification.dossier import services as dossier_services
from certification.tests.factories import DossierFactory, editor_of
from register.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_and_other_department(client):
    own, other = DepartmentFactory(name="Afdeling A"), DepartmentFactory(name="Afdeling B")
    editor = UserFactory(role=Role.DEPARTMENT_EDITOR)
    account_services.assign_role(user=editor, role=Role.DEPARTMENT_EDITOR, departments=[own])
    login_verified(client, editor)
    return editor, other


def denied_entries(object_type, object_id):
    return AuditEntry.objects.filter(object_type=object_type, object_id=str(object_id), outcome="denied")


def test_a_refused_admin_change_post_of_another_department_is_audited(client, editor_and_other_department):
    editor, other = editor_and_other_department

    response = client.post(reverse("admin:register_department_change", args=[other.pk]), {"name": "Overgenomen"})

    assert response.status_code == 404
    entry = denied_entries("register.department", other.pk).get()
    assert (entry.actor_id, entry.action, entry.client_ip) == (str(editor.pk), "update", "127.0.0.1")


def test_a_refused_admin_delete_post_of_another_department_is_audited(client, editor_and_other_department):
    editor, other = editor_and_other_department

    response = client.post(reverse("admin:register_department_delete", args=[other.pk]), {"post": "yes"})

    assert response.status_code == 404
    entry = denied_entries("register.department", other.pk).get()
    assert (entry.actor_id, entry.action) == (str(editor.pk), "delete")


def test_a_refused_admin_get_is_still_audited_as_a_read(client, editor_and_other_department):
    _editor, other = editor_and_other_department

    client.get(reverse("admin:register_department_change", args=[other.pk]))

    assert denied_entries("register.department", other.pk).get().action == "read"


def test_a_refusal_inside_a_services_transaction_survives_its_rollback_in_a_request():
    dossier = DossierFactory()
    outsider = editor_of(DepartmentFactory())
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.7")
    request.user = outsider

    def view(request):
        with transaction.atomic():  # a caller that wraps the service in its own transaction
            dossier_services.save_record(
                user=outsider, dossier_id=dossier.pk, expected_version=dossier.version, kind="staff", values={}
            )

    with pytest.raises(PermissionDenied):
        AuditContextMiddleware(view)(request)

    entry = denied_entries("certification.dossier", dossier.pk).get()
    assert (entry.actor_id, entry.client_ip, entry.actor_role) == (str(outsider.pk), "192.0.2.7", outsider.role)


def test_a_refusal_inside_a_transaction_outside_a_request_survives_its_rollback():
    dossier = DossierFactory()
    outsider = editor_of(DepartmentFactory())

    with pytest.raises(PermissionDenied), refusals_survive_rollback(), transaction.atomic():
        dossier_services.save_record(
            user=outsider, dossier_id=dossier.pk, expected_version=dossier.version, kind="staff", values={}
        )

    assert denied_entries("certification.dossier", dossier.pk).exists()


def test_a_successful_entry_inside_a_rolled_back_transaction_is_rolled_back_with_it():
    department = DepartmentFactory()

    with pytest.raises(RuntimeError), refusals_survive_rollback(), transaction.atomic():
        dossier_services.create_dossier(
            user=editor_of(department), department=department, visitation_date=datetime.date(2026, 3, 1)
        )
        raise RuntimeError("the caller fails after the change")

    assert not AuditEntry.objects.filter(action="create", outcome="success").exists()


def test_a_permission_denied_that_records_nothing_itself_is_audited_by_the_middleware(client):
    editor = editor_of(DepartmentFactory())
    login_verified(client, editor)

    response = client.get(reverse("admin:register_department_import"))

    assert response.status_code == 403
    entry = AuditEntry.objects.filter(outcome="denied").get()
    assert (entry.actor_id, entry.object_type, entry.client_ip) == (
        str(editor.pk),
        "admin:register_department_import",
        "127.0.0.1",
    )


def test_a_refusal_that_records_itself_is_not_recorded_twice(client):
    dossier = DossierFactory()
    login_verified(client, editor_of(DepartmentFactory()))

    client.post(reverse("certification:new_record", args=[dossier.pk, "staff"]), {"version": dossier.version})

    assert AuditEntry.objects.filter(outcome="denied").count() == 1


def test_a_no_access_page_answered_with_403_is_audited(client):
    referrer = UserFactory(role=Role.REFERRER)
    client.force_login(referrer)

    response = client.get(reverse("admin:login"), REMOTE_ADDR="192.0.2.99")

    assert response.status_code == 403
    entry = AuditEntry.objects.filter(outcome="denied").get()
    assert (entry.actor_id, entry.actor_role, entry.client_ip) == (str(referrer.pk), "referrer", "192.0.2.99")
