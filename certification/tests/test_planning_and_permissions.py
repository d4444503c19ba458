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


# ------------------------------------------------------------------ the procedure page


@pytest.fixture
def procedure():
    department = DepartmentFactory(status="in_procedure", certified_from=None, certified_until=None)
    return Procedure.objects.create(department=department, applied_on=date(2026, 1, 5))


def procedure_url(procedure):
    return reverse("certification:procedure", args=[procedure.pk])


@pytest.mark.parametrize(
    "who, status",
    [("bureau", 200), ("manager", 200), ("editor", 200), ("team member", 200), ("other manager", 404),
     ("committee member elsewhere", 404), ("referrer", 404), ("analyst", 404)],
)
def test_the_procedure_page_is_for_the_bureau_the_department_and_the_team(client, procedure, who, status):
    from .factories import editor_of, manager_of

    user = {
        "bureau": lambda: bureau_admin(),
        "manager": lambda: manager_of(procedure.department),
        "editor": lambda: editor_of(procedure.department),
        "team member": lambda: _team_member(procedure),
        "other manager": lambda: manager_of(DepartmentFactory()),
        "committee member elsewhere": lambda: UserFactory(role=Role.COMMITTEE_MEMBER),
        "referrer": lambda: UserFactory(role=Role.REFERRER),
        "analyst": lambda: UserFactory(role=Role.ANALYST),
    }[who]()
    login(client, user)
    assert client.get(procedure_url(procedure)).status_code == status


def _team_member(procedure, role="member", declared=False):
    from django.utils import timezone

    from certification.visitation.models import TeamMember

    user = UserFactory(role=Role.COMMITTEE_SECRETARY if role == "secretary" else Role.COMMITTEE_MEMBER)
    TeamMember.objects.create(procedure=procedure, user=user, role=role,
                              no_conflict_declared_at=timezone.now() if declared else None)
    return user


def test_reading_the_procedure_page_is_audited_and_a_refusal_too(client, procedure):
    from .factories import manager_of

    login(client, manager_of(procedure.department))
    client.get(procedure_url(procedure))
    login(client, UserFactory(role=Role.REFERRER))
    client.get(procedure_url(procedure))
    entries = AuditEntry.objects.filter(object_type="certification.procedure", object_id=str(procedure.pk))
    assert {e.outcome for e in entries} == {"success", "denied"}


def test_the_bureau_sees_the_plan_button_and_the_manager_does_not(client, procedure):
    from .factories import manager_of

    login(client, bureau_admin())
    assert "Aanvraag in behandeling nemen" in client.get(procedure_url(procedure)).content.decode()
    login(client, manager_of(procedure.department))
    assert "Aanvraag in behandeling nemen" not in client.get(procedure_url(procedure)).content.decode()


def test_the_bureau_takes_a_step_with_a_post_and_it_is_in_the_history(client, procedure):
    login(client, bureau_admin())
    response = client.post(procedure_url(procedure), {"action": "transition", "transition": "plan"})
    assert response.status_code == 302
    procedure.refresh_from_db()
    assert procedure.state == "planning" and procedure.steps.get().transition == "plan"


def test_a_manager_posting_a_bureau_step_gets_403_and_nothing_changes(client, procedure):
    from .factories import manager_of

    login(client, manager_of(procedure.department))
    response = client.post(procedure_url(procedure), {"action": "transition", "transition": "plan"})
    procedure.refresh_from_db()
    assert response.status_code == 403 and procedure.state == "application"


def test_a_visit_date_less_than_eight_weeks_away_answers_400_with_the_reason(client, procedure):
    from datetime import timedelta

    from django.utils import timezone

    procedure.state = "planning"
    procedure.save()
    login(client, bureau_admin())
    soon = timezone.localdate() + timedelta(weeks=7)
    response = client.post(procedure_url(procedure),
                           {"action": "transition", "transition": "request_dossier", "visit_date": soon.isoformat()})
    assert response.status_code == 400 and "minstens acht weken" in response.content.decode()


def test_the_bureau_adds_a_team_member_and_the_member_declares_no_conflict_on_the_page(client, procedure):
    member = UserFactory(role=Role.COMMITTEE_MEMBER)
    login(client, bureau_admin())
    client.post(procedure_url(procedure), {"action": "add_member", "member": member.pk, "role": "chair"})
    login(client, member)
    client.post(procedure_url(procedure), {"action": "declare"})
    (added,) = procedure.team.all()
    assert added.user == member and added.role == "chair" and added.no_conflict_declared_at is not None


def test_with_a_declared_team_the_bureau_sets_the_visit_date_and_the_dossier_due_date_follows(client, procedure):
    from datetime import timedelta

    from django.utils import timezone

    procedure.state = "planning"
    procedure.save()
    for role in ("chair", "member", "member", "secretary"):
        _team_member(procedure, role=role, declared=True)
    login(client, bureau_admin())
    visit = timezone.localdate() + timedelta(weeks=10)
    client.post(procedure_url(procedure), {"action": "transition", "transition": "request_dossier", "visit_date": visit.isoformat()})
    procedure.refresh_from_db()
    assert procedure.state == "dossier_due" and procedure.dossier_due == visit - timedelta(weeks=8)


def test_the_manager_saves_two_hearing_responses_as_two_versions(client, procedure):
    from .factories import manager_of

    procedure.state, procedure.hearing_sent_on, procedure.hearing_due = "hearing", date(2026, 5, 1), date(2099, 1, 1)
    procedure.save()
    login(client, manager_of(procedure.department))
    client.post(procedure_url(procedure), {"action": "hearing_response", "text": "Eerste reactie."})
    client.post(procedure_url(procedure), {"action": "hearing_response", "text": "Tweede reactie."})
    page = client.get(procedure_url(procedure)).content.decode()
    assert [r.version for r in procedure.hearing_responses.all()] == [1, 2] and "Versie 2" in page


def test_the_chair_advises_for_a_coming_board_meeting(client, procedure):
    procedure.state = "committee_advice"
    procedure.save()
    meeting = BoardMeeting.objects.create(held_on=date(2099, 6, 20))
    login(client, _team_member(procedure, role="chair", declared=True))
    client.post(procedure_url(procedure), {"action": "transition", "transition": "advise", "board_meeting": meeting.pk})
    procedure.refresh_from_db()
    assert procedure.state == "board_decision" and procedure.board_meeting == meeting


def test_the_planning_view_links_a_procedure_on_a_board_agenda_to_its_procedure_page(client, certificate):
    meeting = BoardMeeting.objects.create(held_on=date(2099, 3, 20))
    procedure = Procedure.objects.create(department=certificate.department, applied_on=date(2026, 1, 5),
                                         state="board_decision", board_meeting=meeting)
    login(client, bureau_admin())
    assert reverse("certification:procedure", args=[procedure.pk]) in client.get(reverse("certification:planning")).content.decode()
