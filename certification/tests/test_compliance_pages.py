"""The compliance pages: the manager sees their departments' cases, reports one with a recovery plan or a
change by hand; the committee secretary decides on an interim visit; everyone else gets 404, audited."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.testing import login_verified
from accounts.tests.factories import UserFactory
from audit.models import AuditEntry
from certification.visitation import compliance
from certification.visitation.models import ComplianceCase
from register.tests.factories import DepartmentFactory

from .factories import bureau_admin, editor_of, manager_of

pytestmark = pytest.mark.django_db


def open_case(department, since=date(2026, 10, 1), criterion=4, state=ComplianceCase.State.OPEN, plan=""):
    return ComplianceCase.objects.create(
        department=department, criterion=criterion, since=since, state=state, recovery_plan=plan,
        notification_due=compliance.notification_due(since), recovery_due=compliance.recovery_due(since),
    )


@pytest.fixture
def department():
    return DepartmentFactory(name="Afdeling Naleving")


def as_user(client, user):
    login_verified(client, user)
    return client


def test_the_manager_sees_the_cases_of_their_own_department_only(client, department):
    open_case(department)
    open_case(DepartmentFactory(name="Andere Afdeling"))
    page = as_user(client, manager_of(department)).get(reverse("certification:compliance")).content.decode()
    assert "Afdeling Naleving" in page and "Andere Afdeling" not in page


def test_the_case_page_shows_the_exact_deadlines(client, department):
    case = open_case(department, since=date(2027, 1, 31))
    page = as_user(client, manager_of(department)).get(reverse("certification:compliance_case", args=[case.pk])).content.decode()
    assert "28 februari 2027" in page and "31 juli 2027" in page


def test_the_manager_reports_a_case_with_a_recovery_plan(client, department):
    case = open_case(department)
    response = as_user(client, manager_of(department)).post(
        reverse("certification:compliance_case", args=[case.pk]), {"stap": "melden", "recovery_plan": "Nieuw boegbeeld per 1 maart."}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.state, case.recovery_plan, case.reported_on) == ("reported", "Nieuw boegbeeld per 1 maart.", timezone.localdate())


def test_an_empty_recovery_plan_is_refused_with_a_message_and_changes_nothing(client, department):
    case = open_case(department)
    response = as_user(client, manager_of(department)).post(
        reverse("certification:compliance_case", args=[case.pk]), {"stap": "melden", "recovery_plan": "  "}
    )
    assert response.status_code == 400 and "Herstelplan" in response.content.decode()
    case.refresh_from_db()
    assert (case.state, case.recovery_plan) == ("open", "")


def test_the_manager_reports_a_change_by_hand_and_its_deadlines_follow_from_the_day(client, department):
    since = timezone.localdate() - timedelta(days=10)
    response = as_user(client, manager_of(department)).post(reverse("certification:compliance_report"), {
        "department": department.pk, "since": since.isoformat(), "description": "Senior onderzoeker vertrokken.",
        "recovery_plan": "Vacature staat open.",
    })
    case = ComplianceCase.objects.get(department=department)
    assert response.status_code == 302 and response["Location"] == reverse("certification:compliance_case", args=[case.pk])
    assert (case.criterion, case.state, case.notification_due, case.recovery_due) == (
        None, "reported", compliance.notification_due(since), compliance.recovery_due(since)
    )


def test_a_change_reported_for_a_day_in_the_future_is_refused(client, department):
    response = as_user(client, manager_of(department)).post(reverse("certification:compliance_report"), {
        "department": department.pk, "since": (timezone.localdate() + timedelta(days=3)).isoformat(),
        "description": "Nog niet gebeurd.", "recovery_plan": "Plan.",
    })
    assert response.status_code == 400 and "toekomst" in response.content.decode()
    assert not ComplianceCase.objects.exists()


def test_a_manager_may_not_report_for_another_department_and_the_refusal_is_audited(client, department):
    other = DepartmentFactory()
    response = as_user(client, manager_of(department)).post(reverse("certification:compliance_report"), {
        "department": other.pk, "since": "2026-10-01", "description": "", "recovery_plan": "",
    })
    assert response.status_code == 404  # refused before the (here empty) form is read
    assert not ComplianceCase.objects.exists()
    assert AuditEntry.objects.filter(outcome="denied", on_behalf_of=str(other.pk)).exists()


def test_another_department_s_case_answers_404_and_the_refusal_is_audited(client, department):
    case = open_case(DepartmentFactory())
    response = as_user(client, manager_of(department)).get(reverse("certification:compliance_case", args=[case.pk]))
    assert response.status_code == 404
    assert AuditEntry.objects.filter(object_id=str(case.pk), outcome="denied").exists()


def test_a_department_editor_does_not_open_the_compliance_pages(client, department):
    open_case(department)
    client = as_user(client, editor_of(department))
    assert client.get(reverse("certification:compliance")).status_code == 404
    assert client.get(reverse("certification:compliance_report")).status_code == 404


def test_the_committee_secretary_decides_that_an_interim_visit_is_needed(client, department):
    case = open_case(department, state=ComplianceCase.State.REPORTED, plan="Plan.")
    response = as_user(client, UserFactory(role=Role.COMMITTEE_SECRETARY)).post(
        reverse("certification:compliance_case", args=[case.pk]), {"stap": "tussentijds", "needed": "ja"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.interim_visit_needed is True


def test_the_manager_gets_no_interim_decision_form(client, department):
    case = open_case(department, state=ComplianceCase.State.REPORTED, plan="Plan.")
    page = as_user(client, manager_of(department)).get(reverse("certification:compliance_case", args=[case.pk])).content.decode()
    assert 'value="tussentijds"' not in page and 'value="melden"' in page


def test_an_unknown_step_is_refused_with_a_message(client, department):
    case = open_case(department)
    response = as_user(client, bureau_admin()).post(reverse("certification:compliance_case", args=[case.pk]), {"stap": "x"})
    assert response.status_code == 400 and "Deze stap bestaat niet" in response.content.decode()


def test_the_bureau_sees_every_department_s_cases(client, department):
    open_case(department)
    open_case(DepartmentFactory(name="Andere Afdeling"))
    page = as_user(client, bureau_admin()).get(reverse("certification:compliance")).content.decode()
    assert "Afdeling Naleving" in page and "Andere Afdeling" in page


ROLES = [Role.REFERRER, Role.DEPARTMENT_EDITOR, Role.DEPARTMENT_MANAGER, Role.COMMITTEE_MEMBER,
         Role.COMMITTEE_SECRETARY, Role.ANALYST, Role.REGIONAL_COORDINATOR, Role.BUREAU_ADMIN]
SEES_LIST = {Role.DEPARTMENT_MANAGER, Role.COMMITTEE_SECRETARY, Role.BUREAU_ADMIN}
REPORTS = {Role.DEPARTMENT_MANAGER, Role.BUREAU_ADMIN}


@pytest.mark.parametrize("role", ROLES)
def test_who_opens_the_compliance_list_and_the_report_form_by_role(client, department, role):
    user = editor_of(department, role=role) if role in (Role.DEPARTMENT_EDITOR, Role.DEPARTMENT_MANAGER) else UserFactory(role=role)
    client = as_user(client, user)
    assert client.get(reverse("certification:compliance")).status_code == (200 if role in SEES_LIST else 404)
    assert client.get(reverse("certification:compliance_report")).status_code == (200 if role in REPORTS else 404)


def test_an_anonymous_visitor_is_sent_to_log_in_for_the_compliance_list(client):
    response = client.get(reverse("certification:compliance"))
    assert response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL))


# ------------------------------------------------------------------ the board decides on a case not recovered in time


@pytest.fixture
def case_at_the_board(department):
    from certification.visitation import services as certificate_services

    certificate = certificate_services.issue_certificate(user=bureau_admin(), department_id=department.pk,
                                                         decided_on=date(2025, 3, 1))
    case = open_case(department, since=date(2026, 1, 10), state=ComplianceCase.State.TO_BOARD)
    case.certificate = certificate
    case.save(update_fields=["certificate"])
    return case


def board_post(client, user, case, **data):
    return as_user(client, user).post(reverse("certification:compliance_case", args=[case.pk]), {"stap": "bestuur", **data})


def test_the_board_suspends_the_certificate_and_the_case_closes(client, case_at_the_board):
    response = board_post(client, bureau_admin(), case_at_the_board, decision="suspend", on="2026-08-01",
                          reason="Niet hersteld binnen zes maanden.")
    assert response.status_code == 302
    case_at_the_board.refresh_from_db()
    certificate = case_at_the_board.certificate
    certificate.refresh_from_db()
    assert (case_at_the_board.state, case_at_the_board.closed_on) == ("closed", date(2026, 8, 1))
    assert (certificate.suspended_on, certificate.suspension_reason) == (date(2026, 8, 1), "Niet hersteld binnen zes maanden.")


def test_the_board_withdraws_the_certificate_and_the_register_follows(client, case_at_the_board, department):
    board_post(client, bureau_admin(), case_at_the_board, decision="withdraw", on="2026-08-01", reason="Niet hersteld.")
    department.refresh_from_db()
    assert department.status != "certified"


def test_the_board_s_decision_needs_a_reason_and_changes_nothing_without_one(client, case_at_the_board):
    response = board_post(client, bureau_admin(), case_at_the_board, decision="suspend", on="2026-08-01", reason="")
    assert response.status_code == 400
    case_at_the_board.refresh_from_db()
    assert case_at_the_board.state == "to_board" and case_at_the_board.certificate.suspended_on is None


def test_a_manager_may_not_record_the_board_s_decision_and_the_refusal_is_audited(client, case_at_the_board, department):
    response = board_post(client, manager_of(department), case_at_the_board, decision="withdraw", on="2026-08-01", reason="x")
    assert response.status_code == 404
    case_at_the_board.refresh_from_db()
    assert case_at_the_board.state == "to_board"
    assert AuditEntry.objects.filter(object_id=str(case_at_the_board.pk), outcome="denied").exists()


def test_a_case_that_is_not_at_the_board_cannot_be_decided_by_it(client, department):
    case = open_case(department, state=ComplianceCase.State.REPORTED, plan="Plan.")
    response = board_post(client, bureau_admin(), case, decision="suspend", on="2026-08-01", reason="x")
    assert response.status_code == 400 and "ligt niet bij het bestuur" in response.content.decode()


def test_a_step_the_user_may_not_take_is_refused_before_its_form_is_read(client, department):
    case = open_case(department, state=ComplianceCase.State.REPORTED, plan="Plan.")
    response = as_user(client, UserFactory(role=Role.COMMITTEE_SECRETARY)).post(
        reverse("certification:compliance_case", args=[case.pk]), {"stap": "melden", "recovery_plan": ""}
    )
    assert response.status_code == 404  # not a 400 about the empty plan
    assert AuditEntry.objects.filter(object_id=str(case.pk), outcome="denied").exists()
