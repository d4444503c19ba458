"""The committee's review on a criterion page, the visitation report and the procedure page (issue 14):
accessibility (axe, WCAG 2.1 A and AA) with and without JavaScript, and no sideways scroll at 320 px."""

from __future__ import annotations

from datetime import date

import pytest

from .axe import assert_no_axe_violations, assert_no_axe_violations_without_js
from .test_dossier_editor import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def reviewed(live_server):
    """A dossier with a question (answered), a finding and a committee verdict that differs from the checker."""
    from certification.tests.factories import DossierFactory, committee_member, editor_of
    from certification.visitation import review_services
    from certification.visitation.models import Procedure, TeamMember

    dossier = DossierFactory()
    member = committee_member(dossier)
    asked = review_services.post(member, dossier, 4, "question", "Wie volgt de figurehead op?")
    review_services.post(editor_of(dossier.department), dossier, 4, "answer", "Dr. de Vries, per 1 mei.", parent_id=asked.pk)
    review_services.post(member, dossier, 4, "finding", "Opvolging lijkt geregeld.")
    review_services.judge(member, dossier, 4, "not_met", "met", "Twee boegbeelden gesproken.", "De opvolger is al benoemd.")
    procedure = Procedure.objects.create(department=dossier.department, dossier=dossier, applied_on=date(2026, 1, 5))
    TeamMember.objects.create(procedure=procedure, user=member, role="member")
    return dossier, member, procedure


def pages(reviewed, url):
    dossier, _member, procedure = reviewed
    return {
        "review": url("certification:criterion", dossier.pk, 4),
        "report": url("certification:report", dossier.pk),
        "procedure": url("certification:procedure", procedure.pk),
    }


@pytest.mark.parametrize("name", ["review", "report", "procedure"])
def test_the_committees_pages_have_no_wcag_violations(reviewed, page, page_nojs, axe_page, url, live_server, name):
    log_in(live_server, reviewed[1], page, page_nojs)
    address = pages(reviewed, url)[name]
    page.goto(address)
    assert_no_axe_violations(page)
    page_nojs.goto(address)
    assert_no_axe_violations_without_js(page_nojs, axe_page)


def test_the_review_shows_the_question_with_its_answer(reviewed, page, url, live_server):
    log_in(live_server, reviewed[1], page)
    page.goto(pages(reviewed, url)["review"])
    assert page.get_by_text("Wie volgt de figurehead op?").is_visible()
    assert page.get_by_text("Dr. de Vries, per 1 mei.").is_visible()


@pytest.mark.parametrize("name", ["review", "report", "procedure"])
def test_the_committees_pages_do_not_scroll_sideways_at_320_pixels(reviewed, page, url, live_server, name):
    log_in(live_server, reviewed[1], page)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(pages(reviewed, url)[name])
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_the_department_reads_the_draft_report_at_the_hearing_without_wcag_violations(
    reviewed, page, page_nojs, axe_page, url, live_server
):
    """From the draft report on the department's manager reads the report (what the hearing is about)."""
    from certification.tests.factories import manager_of

    dossier, _member, procedure = reviewed
    procedure.state = "hearing"
    procedure.save(update_fields=["state"])
    log_in(live_server, manager_of(dossier.department), page, page_nojs)
    address = pages(reviewed, url)["report"]
    page.goto(address)
    assert page.get_by_role("heading", name="Visitatierapport", exact=True).is_visible()
    assert page.get_by_text("De opvolger is al benoemd.").is_visible()
    assert_no_axe_violations(page)
    page_nojs.goto(address)
    assert_no_axe_violations_without_js(page_nojs, axe_page)
