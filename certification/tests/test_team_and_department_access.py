"""Access because of a procedure: the visitation team reads and reviews the dossier it visits (in the
review period, without a separate CommitteeAssignment), and the department reads the visitation report
from the draft report on. Least privilege: no other department's dossier, nothing before the review,
only the report after it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.testing import login_verified
from accounts.tests.factories import UserFactory
from audit.models import AuditEntry
from certification.visitation import access, rules
from certification.visitation import procedure as p
from certification.visitation.models import Certificate, CommitteeJudgement, Procedure, ReviewMessage, TeamMember

from .factories import DossierFactory, editor_of, manager_of

pytestmark = pytest.mark.django_db

BEFORE_REVIEW = [p.APPLICATION, p.PLANNING, p.DOSSIER_DUE]
REVIEW = [p.COMMITTEE_REVIEW, p.VISIT, p.DRAFT_REPORT, p.HEARING, p.COMMITTEE_ADVICE]
AFTER_REVIEW = [p.BOARD_DECISION, p.CERTIFIED, p.REFUSED, p.OBJECTION, p.RECOVERY, p.WITHDRAWN]
BEFORE_DRAFT_REPORT = [*BEFORE_REVIEW, p.COMMITTEE_REVIEW, p.VISIT]
FROM_DRAFT_REPORT = [p.DRAFT_REPORT, p.HEARING, p.COMMITTEE_ADVICE, *AFTER_REVIEW]


@pytest.fixture
def dossier():
    return DossierFactory()


def procedure_in(dossier, state):
    certificate = None
    if state == p.CERTIFIED:  # the database requires a certificate for a granted procedure
        day = dossier.visitation_date
        certificate = Certificate.objects.create(
            number="TOPGGZ-2026-0001", department=dossier.department, decided_on=day, valid_from=day,
            valid_until=rules.valid_until(day),
        )
    return Procedure.objects.create(
        department=dossier.department, dossier=dossier, applied_on=dossier.visitation_date, state=state,
        certificate=certificate,
    )


def team_member(procedure, role="member", declared=True):
    user = UserFactory(role=Role.COMMITTEE_SECRETARY if role == "secretary" else Role.COMMITTEE_MEMBER)
    TeamMember.objects.create(
        procedure=procedure, user=user, role=role, no_conflict_declared_at=timezone.now() if declared else None
    )
    return user


def get(client, user, name, dossier, *args):
    login_verified(client, user)
    return client.get(reverse(f"certification:{name}", args=[dossier.pk, *args]))


# ------------------------------------------------------------------ the rules (pure)


def test_the_team_reviews_from_the_committees_review_up_to_its_advice():
    assert [s for s in p.STATES if access.team_reviews_in(s)] == REVIEW


def test_the_team_reads_the_report_from_the_review_on_also_after_the_procedure_ended():
    assert [s for s in p.STATES if access.team_reads_report_in(s)] == REVIEW + AFTER_REVIEW


def test_the_department_reads_the_report_from_the_draft_report_on():
    assert [s for s in p.STATES if access.department_reads_report_in(s)] == FROM_DRAFT_REPORT


# ------------------------------------------------------------------ the team: dossier pages


@pytest.mark.parametrize("role", ["chair", "member", "secretary"])
def test_a_team_member_without_an_assignment_opens_the_dossier_in_the_review_period(client, dossier, role):
    user = team_member(procedure_in(dossier, p.COMMITTEE_REVIEW), role=role)
    assert get(client, user, "overview", dossier).status_code == 200
    assert get(client, user, "criterion", dossier, 4).status_code == 200


@pytest.mark.parametrize("state", REVIEW)
def test_a_team_member_places_a_question_on_the_criterion_page_in_every_review_state(client, dossier, state):
    user = team_member(procedure_in(dossier, state))
    login_verified(client, user)
    response = client.post(
        reverse("certification:review_post", args=[dossier.pk, 4]), {"kind": "question", "text": "Wie volgt op?"}
    )
    assert response.status_code == 302 and ReviewMessage.objects.get().author == user


def test_a_team_member_saves_the_committees_verdict(client, dossier):
    user = team_member(procedure_in(dossier, p.VISIT), role="chair")
    login_verified(client, user)
    response = client.post(
        reverse("certification:review_judge", args=[dossier.pk, 4]),
        {"verdict": "met", "finding": "In orde.", "reason": "Het organigram toont de opvolging."},
    )
    assert response.status_code == 302 and CommitteeJudgement.objects.get().judged_by == user


@pytest.mark.parametrize("state", BEFORE_REVIEW + AFTER_REVIEW)
def test_a_team_member_does_not_open_the_dossier_outside_the_review_period(client, dossier, state):
    user = team_member(procedure_in(dossier, state))
    assert get(client, user, "overview", dossier).status_code == 404
    assert get(client, user, "criterion", dossier, 4).status_code == 404


def test_a_team_member_after_the_review_may_not_post_a_question(client, dossier):
    user = team_member(procedure_in(dossier, p.BOARD_DECISION))
    login_verified(client, user)
    response = client.post(
        reverse("certification:review_post", args=[dossier.pk, 4]), {"kind": "question", "text": "Nog een vraag."}
    )
    assert response.status_code == 404 and not ReviewMessage.objects.exists()


def test_a_team_member_who_did_not_declare_no_conflict_of_interest_does_not_open_the_dossier(client, dossier):
    user = team_member(procedure_in(dossier, p.COMMITTEE_REVIEW), declared=False)
    assert get(client, user, "overview", dossier).status_code == 404


def test_a_team_member_does_not_open_another_departments_dossier(client, dossier):
    user = team_member(procedure_in(dossier, p.COMMITTEE_REVIEW))
    other = DossierFactory()
    assert get(client, user, "overview", other).status_code == 404
    assert get(client, user, "report", other).status_code == 404


def test_a_team_member_may_not_edit_the_dossier(client, dossier):
    user = team_member(procedure_in(dossier, p.COMMITTEE_REVIEW))
    login_verified(client, user)
    response = client.get(reverse("certification:overview", args=[dossier.pk]))
    assert response.status_code == 200 and not response.context["loaded"].may_edit


def test_the_team_members_opening_of_the_dossier_is_audited(client, dossier):
    user = team_member(procedure_in(dossier, p.COMMITTEE_REVIEW))
    get(client, user, "overview", dossier)
    assert AuditEntry.objects.filter(
        object_type="certification.dossier", object_id=str(dossier.pk), action="read", outcome="success"
    ).exists()


# ------------------------------------------------------------------ the team: the report


@pytest.mark.parametrize("state", REVIEW + AFTER_REVIEW)
def test_a_team_member_reads_the_report_during_and_after_the_review(client, dossier, state):
    user = team_member(procedure_in(dossier, state))
    assert get(client, user, "report", dossier).status_code == 200


def test_a_team_member_downloads_the_report_pdf_after_the_procedure_ended(client, dossier):
    user = team_member(procedure_in(dossier, p.CERTIFIED))
    assert get(client, user, "report_pdf", dossier).status_code == 200


@pytest.mark.parametrize("state", BEFORE_REVIEW)
def test_a_team_member_does_not_read_the_report_before_the_review(client, dossier, state):
    user = team_member(procedure_in(dossier, state))
    assert get(client, user, "report", dossier).status_code == 404


def test_after_the_review_the_report_does_not_link_into_the_dossier(client, dossier):
    user = team_member(procedure_in(dossier, p.CERTIFIED))
    response = get(client, user, "report", dossier)
    assert response.status_code == 200
    assert reverse("certification:criterion", args=[dossier.pk, 4]) not in response.content.decode()


# ------------------------------------------------------------------ the department: the report


@pytest.mark.parametrize("state", FROM_DRAFT_REPORT)
def test_the_departments_manager_reads_the_report_from_the_draft_report_on(client, dossier, state):
    procedure_in(dossier, state)
    assert get(client, manager_of(dossier.department), "report", dossier).status_code == 200


@pytest.mark.parametrize("make", [editor_of, manager_of])
def test_the_departments_editor_and_manager_download_the_draft_report_as_pdf(client, dossier, make):
    procedure_in(dossier, p.DRAFT_REPORT)
    assert get(client, make(dossier.department), "report_pdf", dossier).status_code == 200


@pytest.mark.parametrize("state", BEFORE_DRAFT_REPORT)
def test_the_departments_manager_does_not_read_the_report_before_the_draft_report(client, dossier, state):
    procedure_in(dossier, state)
    user = manager_of(dossier.department)
    assert get(client, user, "report", dossier).status_code == 404
    assert get(client, user, "report_pdf", dossier).status_code == 404


def test_the_departments_editor_does_not_read_the_report_during_the_visit(client, dossier):
    procedure_in(dossier, p.VISIT)
    assert get(client, editor_of(dossier.department), "report", dossier).status_code == 404


def test_another_departments_manager_does_not_read_the_report(client, dossier):
    procedure_in(dossier, p.HEARING)
    assert get(client, manager_of(DossierFactory().department), "report", dossier).status_code == 404


def test_a_refused_report_read_by_the_department_is_audited_as_denied(client, dossier):
    procedure_in(dossier, p.VISIT)
    get(client, manager_of(dossier.department), "report", dossier)
    assert AuditEntry.objects.filter(object_type="certification.dossier", object_id=str(dossier.pk), outcome="denied").exists()
