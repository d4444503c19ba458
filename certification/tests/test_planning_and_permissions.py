"""The new certification pages by role: the public certificate pages for everyone, the bureau's
planning view for the bureau only (everyone else 404, audited)."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.testing import login_verified
from accounts.tests.factories import UserFactory
from audit.models import AuditEntry
from certification.visitation import services as certificate_services
from certification.visitation.models import BoardMeeting, Procedure
from register.tests.factories import DepartmentFactory

from .factories import bureau_admin

pytestmark = pytest.mark.django_db


def login(client, user):
    return login_verified(client, user)


@pytest.fixture
def certificate():
    department = DepartmentFactory(status="in_procedure", certified_from=None, certified_until=None)
    return certificate_services.issue_certificate(user=bureau_admin(), department_id=department.pk, decided_on=date(2026, 3, 15))


ROLES = [Role.REFERRER, Role.DEPARTMENT_EDITOR, Role.DEPARTMENT_MANAGER, Role.COMMITTEE_MEMBER,
         Role.COMMITTEE_SECRETARY, Role.ANALYST, Role.REGIONAL_COORDINATOR, Role.BUREAU_ADMIN]


@pytest.mark.parametrize("role", [None, *ROLES])
def test_the_certificate_verification_and_print_pages_are_public(client, certificate, role):
    if role is not None:
        login(client, UserFactory(role=role))
    for name in ("certification:certificate", "certification:certificate_print"):
        assert client.get(reverse(name, args=[certificate.number])).status_code == 200


@pytest.mark.parametrize("role, status", [(role, 200 if role == Role.BUREAU_ADMIN else 404) for role in ROLES])
def test_only_the_bureau_sees_the_planning_view(client, role, status):
    login(client, UserFactory(role=role))
    assert client.get(reverse("certification:planning")).status_code == status


def test_an_anonymous_visitor_is_sent_to_log_in_for_the_planning_view(client):
    response = client.get(reverse("certification:planning"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_a_refused_look_at_the_planning_view_is_audited(client):
    login(client, UserFactory(role=Role.DEPARTMENT_MANAGER))
    client.get(reverse("certification:planning"))
    assert AuditEntry.objects.filter(object_type="certification.planning", outcome="denied").exists()


def test_the_planning_view_lists_a_certificate_under_the_quarter_it_expires(client, certificate):
    login(client, bureau_admin())
    page = client.get(reverse("certification:planning")).content.decode()
    assert "2030 K1" in page and certificate.number in page


def test_the_planning_view_shows_the_agenda_of_a_board_meeting(client, certificate):
    meeting = BoardMeeting.objects.create(held_on=date(2099, 3, 20))
    Procedure.objects.create(department=certificate.department, applied_on=date(2026, 1, 5), state="board_decision",
                             board_meeting=meeting)
    login(client, bureau_admin())
    page = client.get(reverse("certification:planning")).content.decode()
    assert "20 maart 2099" in page and certificate.department.name in page
