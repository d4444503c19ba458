"""The desk's writes: submitting, steps, concurrency, refusals, the tick and retention."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEntry
from consultation import services
from consultation.models import ConsultationRequest, Escalation, Event, Message, RegionalTable
from topggz.testing import run_queued_tasks
from consultation.tests.builders import MONDAY, desk_department, referrer, staff_of, step, submitted, with_geo

VALID_BSN = "111222333"  # passes the eleven-test


@pytest.fixture
def desk(db):
    with_geo()
    department = desk_department()
    return department, staff_of(department), referrer()


def test_a_submitted_request_is_new_at_its_department_with_the_triage_deadline_five_working_days_on(desk):
    department, _staff, person = desk
    request = submitted(person, department, on=MONDAY)
    assert request.status == "new"
    assert request.department == department
    assert request.triage_due_on == date(2026, 3, 9)  # Mon 2 March + 5 working days
    assert request.answer_due_on == date(2026, 3, 16)


def test_a_request_to_nobody_waits_at_the_bureaus_desk(desk):
    _department, _staff, person = desk
    request = submitted(person, None)
    assert request.status == "at_desk"
    assert request.department is None


def test_a_bsn_in_the_question_is_refused_at_the_field_and_nothing_is_stored(desk):
    department, _staff, person = desk
    with pytest.raises(ValidationError) as refused:
        submitted(person, department, question=f"Patiënt met BSN {VALID_BSN} heeft klachten.")
    assert "question" in refused.value.message_dict
    assert "BSN" in refused.value.message_dict["question"][0]
    assert not ConsultationRequest.objects.exists()


def test_an_unknown_postcode_is_refused_with_the_postcode_named(desk):
    department, _staff, person = desk
    with pytest.raises(ValidationError) as refused:
        submitted(person, department, patient_pc4="1000")
    assert "1000" in refused.value.message_dict["patient_pc4"][0]


def test_a_request_to_a_department_whose_offer_is_paused_is_refused(desk):
    _department, _staff, person = desk
    closed = desk_department(kinds=())
    with pytest.raises(ValidationError) as refused:
        submitted(person, closed)
    assert "department_id" in refused.value.message_dict


def test_department_staff_accept_a_new_request(desk):
    department, staff, person = desk
    request = submitted(person, department)
    accepted = step(staff, request, "accepted", MONDAY + timedelta(days=1))
    assert accepted.status == "in_progress"
    assert accepted.triage_due_on is None  # the triage decision is made


def test_of_two_staff_acting_at_once_the_second_gets_a_clear_message_and_changes_nothing(desk):
    department, staff, person = desk
    colleague = staff_of(department)
    request = submitted(person, department)
    version = request.version
    services.perform(user=staff, request_id=request.pk, expected_version=version, step="accepted", on=MONDAY)
    with pytest.raises(services.ConcurrentActionError) as refused:
        services.perform(user=colleague, request_id=request.pk, expected_version=version, step="declined",
                         reason="other", on=MONDAY)
    assert "Iemand anders" in str(refused.value)
    assert list(Event.objects.filter(request=request).values_list("kind", flat=True)) == ["received", "accepted"]


def test_staff_of_another_department_are_refused_and_the_refusal_is_audited(desk):
    department, _staff, person = desk
    outsider = staff_of(desk_department())
    request = submitted(person, department)
    with pytest.raises(PermissionDenied):
        step(outsider, request, "accepted", MONDAY)
    assert AuditEntry.objects.filter(object_id=str(request.pk), outcome="denied", actor_id=str(outsider.pk)).exists()


def test_a_referrer_cannot_take_a_departments_step(desk):
    department, _staff, person = desk
    request = submitted(person, department)
    with pytest.raises(services.ActionRefused):
        step(person, request, "accepted", MONDAY)


def test_a_step_the_status_does_not_allow_is_refused_with_the_reason(desk):
    department, staff, person = desk
    request = submitted(person, department)
    step(staff, request, "accepted", MONDAY)
    with pytest.raises(services.ActionRefused) as refused:
        step(staff, request, "accepted", MONDAY)
    assert "kan nu niet" in str(refused.value)


def test_a_forward_starts_the_new_departments_clock_and_keeps_waiting_since(desk):
    department, staff, person = desk
    other = desk_department()
    request = submitted(person, department, on=MONDAY)
    forwarded = step(staff, request, "forwarded", MONDAY + timedelta(days=2), department_id=other.pk)
    assert forwarded.department == other
    assert forwarded.status == "new"
    assert forwarded.received_on == MONDAY + timedelta(days=2)
    assert forwarded.waiting_since == MONDAY - timedelta(days=30)
    assert forwarded.triage_due_on == date(2026, 3, 11)


def test_asking_for_information_stops_the_clock_until_it_is_given(desk):
    department, staff, person = desk
    request = submitted(person, department, on=MONDAY)
    asked = step(staff, request, "info_asked", MONDAY + timedelta(days=1), note="Welke medicatie?")
    assert asked.status == "waiting_info"
    assert asked.triage_due_on is None
    given = step(person, asked, "info_given", MONDAY + timedelta(days=8), note="Sertraline 100 mg.")
    assert given.status == "new"
    # Tuesday 3 March used 0 days (the day asked does not count); resumes Wed 11 March: 5 days -> Tue 17 March
    assert given.triage_due_on == date(2026, 3, 17)


def test_three_declines_escalate_the_case_to_the_transfer_point_of_the_patients_region_by_itself(desk):
    from consultation.loading import load_regional_tables

    load_regional_tables()
    first, staff, person = desk
    second, third = desk_department(), desk_department()
    request = submitted(person, first)
    step(staff, request, "declined", MONDAY, reason="outside_target_group")
    step(person, request, "routed", MONDAY + timedelta(days=1), department_id=second.pk)
    step(staff_of(second), request, "declined", MONDAY + timedelta(days=1), reason="exclusion_criterion")
    step(person, request, "routed", MONDAY + timedelta(days=2), department_id=third.pk)
    step(staff_of(third), request, "declined", MONDAY + timedelta(days=2), reason="registration_pause")
    report = services.tick(on=MONDAY + timedelta(days=3))
    assert report.escalated == 1
    escalation = Escalation.objects.get(request=request)
    assert (escalation.level, escalation.region_id, escalation.trigger) == (1, "ZK23", "auto")
    assert escalation.table == RegionalTable.objects.get(code="midden")
    assert services.tick(on=MONDAY + timedelta(days=4)).escalated == 0  # once


def test_the_tick_reminds_the_department_once_before_a_deadline(desk, mailoutbox):
    department, staff, person = desk
    submitted(person, department, on=MONDAY)
    run_queued_tasks()
    mailoutbox.clear()
    first = services.tick(on=date(2026, 3, 6))  # Friday: the triage clock has 1 working day left
    second = services.tick(on=date(2026, 3, 6))
    run_queued_tasks()
    assert (first.reminded, second.reminded) == (1, 0)
    assert [message.to for message in mailoutbox] == [[staff.email]]


def test_notification_mails_carry_a_link_and_no_content(desk, mailoutbox):
    department, staff, person = desk
    request = submitted(person, department, question="Een heel specifieke vraag over slaap.")
    run_queued_tasks()
    body = mailoutbox[0].body
    assert request.reference in body and "/consult/" in body
    assert "slaap" not in body and "slaap" not in mailoutbox[0].subject


def test_retention_removes_the_content_of_old_closed_requests_and_keeps_the_figures(desk):
    department, staff, person = desk
    request = submitted(person, department, on=date(2024, 1, 8))
    step(staff, request, "answered", date(2024, 1, 10), note="Ons advies is ...")
    step(person, request, "closed", date(2024, 1, 12), outcome="helped", helped=True, referral_avoided=True)
    services.post_message(user=person, request_id=request.pk, body="Dank u wel.")
    removed = services.remove_expired_content(on=date(2026, 1, 13))
    request.refresh_from_db()
    assert removed == 1
    assert (request.question, request.tried, request.answer, request.current_provider) == ("", "", "", "")
    assert not Message.objects.filter(request=request).exists()
    assert not Event.objects.filter(request=request).exclude(note="").exists()
    # the anonymised figures remain
    assert (request.kind, request.department_id, request.answered_on, request.patient_pc4) == (
        "consultation", department.pk, date(2024, 1, 10), "3511")
    assert (request.helped, request.referral_avoided, request.age_group.code) == (True, True, "adults")


def test_retention_keeps_requests_closed_less_than_the_period_ago(desk):
    department, staff, person = desk
    request = submitted(person, department, on=date(2024, 1, 8))
    step(person, request, "closed", date(2024, 1, 12), outcome="withdrawn")
    assert services.remove_expired_content(on=date(2026, 1, 11)) == 0
    request.refresh_from_db()
    assert request.question


def test_a_case_placed_by_the_ladder_goes_to_that_department_with_its_clocks(desk):
    from consultation.loading import load_regional_tables
    from consultation.models import CoordinatorSeat
    from accounts.roles import Role
    from accounts.tests.factories import UserFactory

    load_regional_tables()
    first, staff, person = desk
    placed_at = desk_department()
    coordinator = UserFactory(role=Role.REGIONAL_COORDINATOR)
    CoordinatorSeat.objects.create(user=coordinator, level=1, region_id="ZK23")
    request = submitted(person, first)
    step(staff, request, "declined", MONDAY, reason="not_high_specialist")
    step(person, request, "escalated", MONDAY + timedelta(days=1), trigger="referrer")
    placed = step(coordinator, request, "escalation_outcome", MONDAY + timedelta(days=7), outcome="placed",
                  department_id=placed_at.pk, note="Geplaatst na overleg.")
    assert (placed.status, placed.department, placed.received_on) == ("new", placed_at, MONDAY + timedelta(days=7))
    assert Escalation.objects.get(request=request).outcome == "placed"


def test_a_coordinator_without_a_seat_for_the_patients_region_cannot_see_the_case(desk):
    from consultation.loading import load_regional_tables
    from consultation.models import CoordinatorSeat
    from accounts.roles import Role
    from accounts.tests.factories import UserFactory

    load_regional_tables()
    first, staff, person = desk
    elsewhere = UserFactory(role=Role.REGIONAL_COORDINATOR)
    CoordinatorSeat.objects.create(user=elsewhere, level=1, region_id="ZK02")
    request = submitted(person, first)
    step(person, request, "escalated", MONDAY + timedelta(days=1), trigger="referrer")
    with pytest.raises(PermissionDenied):
        step(elsewhere, request, "escalation_outcome", MONDAY + timedelta(days=2), outcome="advice")


def test_the_desks_jobs_are_registered_with_the_platforms_scheduler():
    from topggz.jobs import registered_jobs

    names = {job.name for job in registered_jobs()}
    assert {"consultation.tasks.tick_clocks", "consultation.tasks.remove_expired_content"} <= names


def test_the_clock_job_runs_the_tick_through_the_task_queue(desk):
    from consultation import tasks
    from topggz.testing import run_queued_tasks

    department, _staff, person = desk
    submitted(person, department, on=date(2026, 1, 5))  # long overdue by now
    run_queued_tasks()  # the notice of the new request
    tasks.tick_clocks.enqueue()
    [result] = run_queued_tasks()
    assert result.return_value["overdue"] == 1
    assert ConsultationRequest.objects.get().overdue
