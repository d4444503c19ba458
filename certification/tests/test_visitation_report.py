"""The visitation report: per criterion the checker's verdict, the committee's verdict and finding, and a
reason wherever the committee differs from the checker; as a page and as a PDF."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from accounts.roles import Role
from accounts.testing import login_verified
from accounts.tests.factories import UserFactory
from audit.models import AuditEntry
from certification.visitation import review_services
from certification.visitation.models import CommitteeJudgement
from certification.visitation.report import differs, judgement_errors

from .factories import DossierFactory, bureau_admin, committee_member, editor_of, manager_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier():
    return DossierFactory()


def checker_verdict(client, dossier, number=4):
    """What the checker says about an (almost empty) dossier, as the criterion page shows it."""
    return client.get(reverse("certification:criterion", args=[dossier.pk, number])).context["result"].verdict.value


# ------------------------------------------------------------------ the rule (pure)


def test_a_committee_that_overrules_a_not_met_without_a_reason_gets_an_error_on_the_reason():
    assert set(judgement_errors("not_met", "met", "Toch in orde.", "")) == {"reason"}


def test_a_committee_that_overrules_a_met_with_a_reason_is_accepted():
    assert judgement_errors("met", "not_met", "Opvolging ontbreekt.", "Figurehead vertrekt volgende maand.") == {}


def test_a_committee_that_agrees_with_the_checker_needs_no_reason():
    assert judgement_errors("met", "met", "In orde.", "") == {}


def test_a_criterion_the_checker_left_to_the_committee_needs_no_reason():
    assert not differs("needs_review", "not_met") and judgement_errors("needs_review", "not_met", "Niet gelijkwaardig.", "") == {}


def test_a_judgement_without_a_finding_is_refused():
    assert "finding" in judgement_errors("met", "met", " ", "")


# ------------------------------------------------------------------ saving


def test_the_committee_cannot_save_a_differing_verdict_without_a_reason(dossier):
    with pytest.raises(ValidationError):
        review_services.judge(committee_member(dossier), dossier, 4, "not_met", "met", "Toch in orde.", "")
    assert not CommitteeJudgement.objects.exists()


def test_the_department_may_not_judge(dossier):
    with pytest.raises(PermissionDenied):
        review_services.judge(manager_of(dossier.department), dossier, 4, "met", "met", "x")
    assert AuditEntry.objects.filter(object_type="certification.review", outcome="denied").exists()


def test_a_second_judgement_replaces_the_first(dossier):
    member = committee_member(dossier)
    review_services.judge(member, dossier, 4, "met", "met", "Eerst.")
    review_services.judge(member, dossier, 4, "met", "not_met", "Daarna.", "Opvolger ontbreekt.")
    assert CommitteeJudgement.objects.get().finding == "Daarna."


def test_a_differing_verdict_without_a_reason_answers_400_on_the_criterion_page(client, dossier):
    login_verified(client, committee_member(dossier))
    checker = checker_verdict(client, dossier)
    other = "met" if checker == "not_met" else "not_met"
    response = client.post(reverse("certification:review_judge", args=[dossier.pk, 4]),
                           {"verdict": other, "finding": "Anders.", "reason": ""})
    assert response.status_code == 400 and "Schrijf waarom." in response.content.decode()


def test_a_judgement_saved_on_the_criterion_page_shows_in_the_report(client, dossier):
    login_verified(client, committee_member(dossier))
    checker = checker_verdict(client, dossier)
    other = "met" if checker == "not_met" else "not_met"
    client.post(reverse("certification:review_judge", args=[dossier.pk, 4]),
                {"verdict": other, "finding": "Twee boegbeelden gesproken.", "reason": "Opvolging is geregeld."})
    page = client.get(reverse("certification:report", args=[dossier.pk])).content.decode()
    assert "Twee boegbeelden gesproken." in page and "Opvolging is geregeld." in page and "wijkt af" in page


# ------------------------------------------------------------------ the report


def test_the_report_lists_every_criterion_with_the_checkers_verdict(client, dossier):
    login_verified(client, bureau_admin())
    response = client.get(reverse("certification:report", args=[dossier.pk]))
    lines = response.context["lines"]
    assert [line.number for line in lines][:2] == [0, 1] and len(lines) == 15
    assert all(line.checker_label for line in lines) and response.context["outcome"] == "Nog niet alle criteria beoordeeld"


def test_the_report_pdf_opens_and_holds_the_committees_finding_and_reason(client, dossier):
    member = committee_member(dossier)
    login_verified(client, member)
    checker = checker_verdict(client, dossier)
    other = "met" if checker == "not_met" else "not_met"
    review_services.judge(member, dossier, 4, checker, other, "Bevinding over boegbeelden.", "Reden om af te wijken.")
    response = client.get(reverse("certification:report_pdf", args=[dossier.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Visitatierapport TOPGGz-keurmerk" in text and "Bevinding over boegbeelden." in text
    assert "Reden om af te wijken." in text


def test_downloading_the_report_pdf_is_audited_as_an_export(client, dossier):
    login_verified(client, bureau_admin())
    client.get(reverse("certification:report_pdf", args=[dossier.pk]))
    assert AuditEntry.objects.filter(object_type="certification.dossier", action="export", object_id=str(dossier.pk)).exists()


@pytest.mark.parametrize("make", [editor_of, manager_of])
def test_the_department_does_not_see_the_report_yet(client, dossier, make):
    login_verified(client, make(dossier.department))
    assert client.get(reverse("certification:report", args=[dossier.pk])).status_code == 404
    assert client.get(reverse("certification:report_pdf", args=[dossier.pk])).status_code == 404


@pytest.mark.parametrize("role", [Role.REFERRER, Role.ANALYST, Role.COMMITTEE_MEMBER, Role.COMMITTEE_SECRETARY])
def test_someone_not_on_the_dossier_gets_404_for_the_report(client, dossier, role):
    login_verified(client, UserFactory(role=role))
    assert client.get(reverse("certification:report", args=[dossier.pk])).status_code == 404
