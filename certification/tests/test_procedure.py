"""The visitation procedure: every transition allowed for the roles the table names and refused for
the others, each one audited; and every deadline with exact dates."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from audit.models import AuditEntry
from certification.visitation import procedure as p
from certification.visitation import procedure_services as services
from certification.visitation.models import BoardMeeting, Certificate, HearingResponse, Procedure, TeamMember
from register.tests.factories import DepartmentFactory

from .factories import bureau_admin, editor_of, manager_of

ON = date(2027, 6, 1)
ACTORS = ("bureau", "manager", "chair", "secretary", "member", "editor", "other_manager")
ROLE_OF_ACTOR = {"bureau": p.BUREAU, "manager": p.MANAGER, "chair": p.CHAIR, "secretary": p.SECRETARY}


@pytest.fixture
def world(db):
    department = DepartmentFactory(status="in_procedure", certified_from=None, certified_until=None)
    procedure = Procedure.objects.create(department=department, applied_on=date(2027, 1, 10))
    people = {
        "bureau": bureau_admin(),
        "manager": manager_of(department),
        "editor": editor_of(department),
        "other_manager": manager_of(DepartmentFactory()),
    }
    for role, user_role in (("chair", Role.COMMITTEE_MEMBER), ("member", Role.COMMITTEE_MEMBER),
                            ("secretary", Role.COMMITTEE_SECRETARY)):
        people[role] = UserFactory(role=user_role)
        TeamMember.objects.create(procedure=procedure, user=people[role], role=role, no_conflict_declared_at=timezone.now())
    TeamMember.objects.create(
        procedure=procedure, user=UserFactory(role=Role.COMMITTEE_MEMBER), role="member", no_conflict_declared_at=timezone.now()
    )
    return procedure, people


def prepare(procedure: Procedure, t: p.Transition, people) -> dict:
    """Put the procedure in the transition's source state with what its conditions need; the data to pass."""
    procedure.state = t.source
    data = {}
    if t.name == "request_dossier":
        data["visit_date"] = date(2027, 9, 1)
    if t.source == p.HEARING:
        procedure.hearing_sent_on = date(2027, 5, 20)
        procedure.hearing_due = date(2027, 6, 3) if t.name == "respond" else date(2027, 5, 31)
        HearingResponse.objects.create(procedure=procedure, version=1, text="Onze reactie", submitted_by=people["manager"])
    if t.name == "advise":
        data["board_meeting_id"] = BoardMeeting.objects.create(held_on=date(2027, 6, 20)).pk
    if t.source in (p.BOARD_DECISION, p.RECOVERY):
        procedure.board_meeting = BoardMeeting.objects.create(held_on=date(2027, 5, 25))
    if t.name == "start_recovery":
        procedure.kind = Procedure.Kind.RENEWAL
    if t.source == p.REFUSED:
        procedure.objection_due = date(2027, 6, 15)
    procedure.save()
    return data


CASES = [(t.name, actor, ROLE_OF_ACTOR.get(actor) in t.roles) for t in p.TRANSITIONS for actor in ACTORS]


@pytest.mark.parametrize("name, actor, allowed", CASES, ids=[f"{n}-{a}-{'allowed' if ok else 'refused'}" for n, a, ok in CASES])
def test_each_transition_is_allowed_exactly_for_the_roles_the_table_names(world, name, actor, allowed):
    procedure, people = world
    t = p.BY_NAME[name]
    data = prepare(procedure, t, people)
    if allowed:
        services.take(user=people[actor], procedure_id=procedure.pk, transition=name, on=ON, **data)
        assert Procedure.objects.get(pk=procedure.pk).state == t.target
    else:
        with pytest.raises(PermissionDenied):
            services.take(user=people[actor], procedure_id=procedure.pk, transition=name, on=ON, **data)
        assert Procedure.objects.get(pk=procedure.pk).state == t.source


@pytest.mark.parametrize("outcome", ["success", "denied"])
def test_every_transition_taken_or_refused_is_audited(world, outcome):
    procedure, people = world
    actor = people["bureau"] if outcome == "success" else people["editor"]
    try:
        services.take(user=actor, procedure_id=procedure.pk, transition="plan", on=ON)
    except PermissionDenied:
        pass
    entry = AuditEntry.objects.filter(object_type="certification.procedure", object_id=str(procedure.pk)).get()
    assert (entry.outcome, entry.detail["transition"]) == (outcome, "plan")


def test_a_transition_that_does_not_start_from_the_current_state_is_refused(world):
    procedure, people = world
    with pytest.raises(ValidationError):
        services.take(user=people["bureau"], procedure_id=procedure.pk, transition="grant", on=ON)
    assert Procedure.objects.get(pk=procedure.pk).state == p.APPLICATION


def test_a_team_member_who_has_not_declared_no_conflict_of_interest_keeps_the_visit_from_being_planned(world):
    procedure, people = world
    TeamMember.objects.filter(procedure=procedure, role="member").update(no_conflict_declared_at=None)
    procedure.state = p.PLANNING
    procedure.save()
    with pytest.raises(ValidationError, match="geen belangen"):
        services.take(user=people["bureau"], procedure_id=procedure.pk, transition="request_dossier", on=ON,
                      visit_date=date(2027, 9, 1))


def test_a_team_without_a_secretary_cannot_visit(world):
    procedure, people = world
    TeamMember.objects.filter(procedure=procedure, role="secretary").delete()
    procedure.state = p.PLANNING
    procedure.save()
    with pytest.raises(ValidationError, match="secretary"):
        services.take(user=people["bureau"], procedure_id=procedure.pk, transition="request_dossier", on=ON,
                      visit_date=date(2027, 9, 1))


def test_a_chair_who_has_not_declared_no_conflict_of_interest_may_not_act_as_chair(world):
    procedure, people = world
    TeamMember.objects.filter(procedure=procedure, role="chair").update(no_conflict_declared_at=None)
    assert p.CHAIR not in services.actor_roles(people["chair"], procedure)


def test_granting_issues_a_certificate_dated_on_the_board_meeting(world):
    procedure, people = world
    prepare(procedure, p.BY_NAME["grant"], people)
    services.take(user=people["bureau"], procedure_id=procedure.pk, transition="grant", on=ON)
    certificate = Certificate.objects.get(department=procedure.department)
    assert (certificate.decided_on, certificate.valid_until) == (date(2027, 5, 25), date(2031, 5, 24))


# --- deadlines --------------------------------------------------------------------------------


def test_the_dossier_is_due_eight_weeks_before_the_visit():
    assert p.dossier_due(date(2027, 5, 20)) == date(2027, 3, 25)


def test_the_dossier_reminders_go_two_weeks_and_one_week_before_it_is_due():
    assert p.dossier_reminders(date(2027, 5, 20)) == (date(2027, 3, 11), date(2027, 3, 18))


def test_the_hearing_response_is_due_the_configured_number_of_days_after_the_draft_report_was_sent():
    assert p.hearing_due(date(2027, 6, 1), 14) == date(2027, 6, 15)


def test_objection_is_possible_up_to_six_weeks_after_the_decision():
    assert p.objection_due(date(2027, 9, 15), 6) == date(2027, 10, 27)


def test_the_recovery_period_ends_six_calendar_months_after_it_starts():
    assert p.recovery_due(date(2027, 3, 15)) == date(2027, 9, 15)


def test_a_recovery_period_from_31_august_ends_on_29_february():
    assert p.recovery_due(date(2027, 8, 31)) == date(2028, 2, 29)


def test_the_re_certification_invitation_goes_twelve_months_before_the_certificate_expires():
    assert p.invitation_date(date(2030, 3, 14)) == date(2029, 3, 15)


def test_requesting_the_dossier_stores_its_due_date(world):
    procedure, people = world
    prepare(procedure, p.BY_NAME["request_dossier"], people)
    services.take(user=people["bureau"], procedure_id=procedure.pk, transition="request_dossier", on=ON,
                  visit_date=date(2027, 9, 1))
    assert Procedure.objects.get(pk=procedure.pk).dossier_due == date(2027, 7, 7)


def test_a_visit_less_than_eight_weeks_ahead_is_refused(world):
    procedure, people = world
    prepare(procedure, p.BY_NAME["request_dossier"], people)
    with pytest.raises(ValidationError):
        services.take(user=people["bureau"], procedure_id=procedure.pk, transition="request_dossier", on=ON,
                      visit_date=date(2027, 7, 26))


def test_sending_the_draft_report_sets_the_hearing_deadline(world, settings):
    settings.CERTIFICATION_HEARING_DAYS = 21
    procedure, people = world
    prepare(procedure, p.BY_NAME["send_for_hearing"], people)
    services.take(user=people["secretary"], procedure_id=procedure.pk, transition="send_for_hearing", on=ON)
    assert Procedure.objects.get(pk=procedure.pk).hearing_due == date(2027, 6, 22)


def test_a_response_after_the_hearing_deadline_is_refused(world):
    procedure, people = world
    prepare(procedure, p.BY_NAME["respond"], people)
    with pytest.raises(ValidationError):
        services.take(user=people["manager"], procedure_id=procedure.pk, transition="respond", on=date(2027, 6, 4))


def test_the_bureau_cannot_close_the_hearing_while_the_deadline_runs(world):
    procedure, people = world
    prepare(procedure, p.BY_NAME["close_hearing"], people)
    with pytest.raises(ValidationError):
        services.take(user=people["bureau"], procedure_id=procedure.pk, transition="close_hearing", on=date(2027, 5, 31))


def test_an_objection_after_its_deadline_is_refused(world):
    procedure, people = world
    prepare(procedure, p.BY_NAME["object"], people)
    with pytest.raises(ValidationError):
        services.take(user=people["manager"], procedure_id=procedure.pk, transition="object", on=date(2027, 6, 16))


def test_refusing_sets_the_objection_deadline_from_the_board_meeting(world):
    procedure, people = world
    prepare(procedure, p.BY_NAME["refuse"], people)
    services.take(user=people["bureau"], procedure_id=procedure.pk, transition="refuse", on=ON)
    assert Procedure.objects.get(pk=procedure.pk).objection_due == date(2027, 7, 6)


def test_every_hearing_response_is_kept_as_a_new_version(world):
    procedure, people = world
    procedure.state = p.HEARING
    procedure.save()
    services.save_hearing_response(user=people["manager"], procedure_id=procedure.pk, text="Eerste versie")
    services.save_hearing_response(user=people["manager"], procedure_id=procedure.pk, text="Tweede versie")
    assert list(procedure.hearing_responses.values_list("version", "text")) == [(1, "Eerste versie"), (2, "Tweede versie")]
