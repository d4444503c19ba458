"""The committee's review per criterion: findings and questions to the department, threaded, on the criterion page.

The committee members and secretary of the dossier and the bureau write; the department's manager and
editor read the questions (not the findings) and answer them; everyone else gets nothing. Audited.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.testing import login_verified
from accounts.tests.factories import UserFactory
from audit.models import AuditEntry
from certification.visitation import review_services
from certification.visitation.models import Procedure, ReviewMessage, TeamMember

from .factories import DossierFactory, bureau_admin, committee_member, editor_of, manager_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier():
    return DossierFactory()


def url(dossier, number=4):
    return reverse("certification:criterion", args=[dossier.pk, number])


def post_url(dossier, number=4):
    return reverse("certification:review_post", args=[dossier.pk, number])


def question(dossier, number=4, text="Wie volgt de figurehead op?"):
    return review_services.post(committee_member(dossier), dossier, number, "question", text)


# ------------------------------------------------------------------ who may write


@pytest.mark.parametrize("role", [Role.COMMITTEE_MEMBER, Role.COMMITTEE_SECRETARY])
def test_an_assigned_committee_member_or_secretary_writes_a_finding(dossier, role):
    message = review_services.post(committee_member(dossier, role=role), dossier, 4, "finding", "Opvolging onduidelijk.")
    assert ReviewMessage.objects.get(pk=message.pk).kind == "finding"


def test_a_member_of_the_procedures_team_writes_a_question(dossier):
    user = UserFactory(role=Role.COMMITTEE_MEMBER)
    procedure = Procedure.objects.create(
        department=dossier.department, dossier=dossier, applied_on=dossier.visitation_date, state="committee_review"
    )
    TeamMember.objects.create(procedure=procedure, user=user, role="member", no_conflict_declared_at=timezone.now())
    assert review_services.post(user, dossier, 4, "question", "Sinds wanneer?").kind == "question"


def test_the_bureau_writes_a_question(dossier):
    assert review_services.post(bureau_admin(), dossier, 4, "question", "Graag het organigram.").pk


def test_a_committee_member_of_another_dossier_may_not_write(dossier):
    with pytest.raises(PermissionDenied):
        review_services.post(committee_member(DossierFactory()), dossier, 4, "finding", "x")


@pytest.mark.parametrize("make", [editor_of, manager_of])
def test_the_department_may_not_write_a_finding_or_a_question(dossier, make):
    user = make(dossier.department)
    for kind in ("finding", "question"):
        with pytest.raises(PermissionDenied):
            review_services.post(user, dossier, 4, kind, "x")


@pytest.mark.parametrize("make", [editor_of, manager_of])
def test_the_departments_manager_and_editor_answer_a_question(dossier, make):
    asked = question(dossier)
    answer = review_services.post(make(dossier.department), dossier, 4, "answer", "Dr. Jansen.", parent_id=asked.pk)
    assert answer.parent == asked


def test_an_answer_to_a_finding_is_refused(dossier):
    finding = review_services.post(committee_member(dossier), dossier, 4, "finding", "Intern.")
    with pytest.raises(ValidationError):
        review_services.post(editor_of(dossier.department), dossier, 4, "answer", "x", parent_id=finding.pk)


def test_an_empty_message_is_refused(dossier):
    with pytest.raises(ValidationError):
        review_services.post(committee_member(dossier), dossier, 4, "question", "   ")


# ------------------------------------------------------------------ what each sees


def test_the_department_sees_the_questions_but_not_the_findings(dossier):
    member = committee_member(dossier)
    review_services.post(member, dossier, 4, "finding", "Alleen voor de commissie.")
    review_services.post(member, dossier, 4, "question", "Voor de afdeling.")
    shown = review_services.threads(editor_of(dossier.department), dossier, 4)
    assert [t.message.text for t in shown] == ["Voor de afdeling."]


def test_answers_hang_under_their_question_oldest_first(dossier):
    asked = question(dossier)
    editor = editor_of(dossier.department)
    review_services.post(editor, dossier, 4, "answer", "Eerste.", parent_id=asked.pk)
    review_services.post(bureau_admin(), dossier, 4, "answer", "Tweede.", parent_id=asked.pk)
    (thread,) = review_services.threads(editor, dossier, 4)
    assert [a.text for a in thread.answers] == ["Eerste.", "Tweede."]


def test_a_question_shows_only_on_its_own_criterion(dossier):
    question(dossier, number=4)
    assert review_services.threads(bureau_admin(), dossier, 5) == []


def test_writing_and_reading_the_review_are_audited_for_the_department(dossier):
    asked = question(dossier)
    review_services.threads(editor_of(dossier.department), dossier, 4)
    entries = AuditEntry.objects.filter(object_type="certification.review", object_id=str(dossier.pk))
    assert {e.action for e in entries} == {"create", "read"}
    assert all(e.on_behalf_of == str(dossier.department_id) for e in entries) and asked.pk


def test_a_refused_write_is_audited_as_denied(dossier):
    with pytest.raises(PermissionDenied):
        review_services.post(UserFactory(role=Role.REFERRER), dossier, 4, "question", "x")
    assert AuditEntry.objects.filter(object_type="certification.review", outcome="denied").exists()


# ------------------------------------------------------------------ the criterion page


def test_the_committee_places_a_question_on_the_criterion_page(client, dossier):
    login_verified(client, committee_member(dossier))
    response = client.post(post_url(dossier), {"kind": "question", "text": "Wie is de opvolger?"})
    assert response.status_code == 302 and response.url.endswith("#beoordeling")
    assert "Wie is de opvolger?" in client.get(url(dossier)).content.decode()


def test_the_department_answers_on_the_criterion_page(client, dossier):
    asked = question(dossier)
    login_verified(client, manager_of(dossier.department))
    client.post(post_url(dossier), {"kind": "answer", "parent": asked.pk, "text": "Dr. de Vries."})
    page = client.get(url(dossier)).content.decode()
    assert "Vragen van de commissie" in page and "Dr. de Vries." in page


def test_the_department_gets_a_403_when_it_posts_a_finding(client, dossier):
    login_verified(client, editor_of(dossier.department))
    assert client.post(post_url(dossier), {"kind": "finding", "text": "x"}).status_code == 403
    assert not ReviewMessage.objects.exists()


def test_an_empty_text_answers_400_with_the_message_on_the_page(client, dossier):
    login_verified(client, committee_member(dossier))
    response = client.post(post_url(dossier), {"kind": "question", "text": ""})
    assert response.status_code == 400 and "Schrijf eerst een tekst." in response.content.decode()


@pytest.mark.parametrize("role", [Role.REFERRER, Role.ANALYST, Role.REGIONAL_COORDINATOR, Role.COMMITTEE_MEMBER])
def test_someone_who_may_not_see_the_dossier_gets_404_on_posting(client, dossier, role):
    login_verified(client, UserFactory(role=role))
    assert client.post(post_url(dossier), {"kind": "question", "text": "x"}).status_code == 404


def test_posting_needs_a_login(client, dossier):
    assert client.post(post_url(dossier), {"kind": "question", "text": "x"}).status_code == 302
