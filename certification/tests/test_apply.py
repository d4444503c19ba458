"""Applying for the quality mark on the web: a manager of the department (or the bureau) starts the
procedure as an application, audited; anyone else is refused; a second application while one runs is
refused with a clear message; the bureau sees new applications on its planning view."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.testing import login_verified
from accounts.tests.factories import UserFactory
from audit.models import AuditEntry
from certification.visitation import services as certificate_services
from certification.visitation.models import Procedure
from register.tests.factories import DepartmentFactory

from .factories import bureau_admin, editor_of, manager_of

pytestmark = pytest.mark.django_db

URL = reverse("certification:apply")


@pytest.fixture
def department():
    return DepartmentFactory(name="Afdeling Dwang")


def post(client, user, department):
    login_verified(client, user)
    return client.post(URL, {"department": department.pk})


def test_a_manager_applies_for_their_department_and_the_procedure_starts_as_an_application(client, department):
    manager = manager_of(department)
    response = post(client, manager, department)
    procedure = Procedure.objects.get(department=department)
    assert (procedure.state, procedure.kind, procedure.applied_on) == ("application", "first", timezone.localdate())
    assert response.status_code == 302 and response.url == reverse("certification:procedure", args=[procedure.pk])


def test_the_application_is_audited(client, department):
    manager = manager_of(department)
    post(client, manager, department)
    procedure = Procedure.objects.get(department=department)
    assert AuditEntry.objects.filter(object_type="certification.procedure", object_id=str(procedure.pk), action="create",
                                     actor_id=manager.pk, outcome="success").exists()


def test_the_bureau_applies_on_behalf_of_a_department(client, department):
    assert post(client, bureau_admin(), department).status_code == 302
    assert Procedure.objects.filter(department=department, state="application").exists()


def test_a_manager_of_another_department_is_refused_and_the_refusal_is_audited(client, department):
    outsider = manager_of(DepartmentFactory())
    response = post(client, outsider, department)
    assert response.status_code == 404
    assert not Procedure.objects.filter(department=department).exists()
    assert AuditEntry.objects.filter(object_type="certification.procedure", on_behalf_of=str(department.pk),
                                     outcome="denied").exists()


def test_an_editor_of_the_department_may_not_apply(client, department):
    response = post(client, editor_of(department), department)
    assert response.status_code == 404
    assert not Procedure.objects.exists()


@pytest.mark.parametrize("role", [Role.REFERRER, Role.DEPARTMENT_EDITOR, Role.COMMITTEE_MEMBER, Role.COMMITTEE_SECRETARY,
                                  Role.ANALYST, Role.REGIONAL_COORDINATOR])
def test_only_managers_and_the_bureau_see_the_application_page(client, role):
    login_verified(client, UserFactory(role=role))
    assert client.get(URL).status_code == 404


def test_a_manager_sees_the_application_page(client, department):
    login_verified(client, manager_of(department))
    page = client.get(URL)
    assert page.status_code == 200 and "Afdeling Dwang" in page.content.decode()


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_a_second_application_while_a_procedure_runs_is_refused_with_a_clear_message(client, department):
    manager = manager_of(department)
    Procedure.objects.create(department=department, applied_on=date(2026, 9, 1), state="dossier_due")
    response = post(client, manager, department)
    assert response.status_code == 400
    assert "Voor deze afdeling loopt al een procedure (stap: Dossier opgevraagd, aangevraagd op 1 september 2026)" in response.content.decode()
    assert Procedure.objects.filter(department=department).count() == 1


def test_after_a_refusal_the_department_may_apply_again(client, department):
    Procedure.objects.create(department=department, applied_on=date(2025, 1, 6), state="refused")
    assert post(client, manager_of(department), department).status_code == 302
    assert Procedure.objects.filter(department=department, state="application").count() == 1


def test_a_certified_department_applies_for_re_visitation(client, department):
    certificate_services.issue_certificate(user=bureau_admin(), department_id=department.pk,
                                           decided_on=timezone.localdate().replace(day=1))
    post(client, manager_of(department), department)
    assert Procedure.objects.get(department=department, state="application").kind == "renewal"


def test_the_bureau_sees_the_new_application_on_the_planning_view(client, department):
    post(client, manager_of(department), department)
    client.logout()
    login_verified(client, bureau_admin())
    page = client.get(reverse("certification:planning")).content.decode()
    procedure = Procedure.objects.get(department=department)
    assert "Nieuwe aanvragen" in page
    assert reverse("certification:procedure", args=[procedure.pk]) in page


def test_the_dossier_list_links_a_manager_to_the_application_page(client, department):
    login_verified(client, manager_of(department))
    assert URL in client.get(reverse("certification:dossiers")).content.decode()


def test_the_dossier_list_has_no_application_link_for_an_editor(client, department):
    login_verified(client, editor_of(department))
    assert URL not in client.get(reverse("certification:dossiers")).content.decode()
