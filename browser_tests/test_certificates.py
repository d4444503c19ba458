"""Certificates and the bureau's planning (issue 14): accessibility (axe, WCAG 2.1 A and AA) of the
public verification page, the printable certificate and the planning view, with and without JavaScript,
and no sideways scroll at 320 px."""

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
def certificate(live_server):
    from certification.tests.factories import bureau_admin
    from certification.visitation import services
    from register.tests.factories import DepartmentFactory

    department = DepartmentFactory(status="in_procedure", certified_from=None, certified_until=None)
    bureau = bureau_admin()
    issued = services.issue_certificate(user=bureau, department_id=department.pk, decided_on=date(2026, 3, 15))
    services.suspend_certificate(user=bureau, certificate_id=issued.pk, on=date(2026, 11, 1), reason="Boegbeeld vertrokken")
    return issued


@pytest.fixture
def planning_data(certificate):
    from certification.visitation.models import BoardMeeting, ComplianceCase, Procedure

    meeting = BoardMeeting.objects.create(held_on=date(2099, 3, 20))
    Procedure.objects.create(department=certificate.department, applied_on=date(2026, 1, 5), state="board_decision",
                             board_meeting=meeting, visit_date=date(2099, 1, 10), dossier_due=date(2098, 11, 15))
    ComplianceCase.objects.create(department=certificate.department, certificate=certificate, criterion=4,
                                  since=date(2026, 6, 11), notification_due=date(2026, 7, 11), recovery_due=date(2026, 12, 11))


@pytest.mark.parametrize("name", ["certification:certificate", "certification:certificate_print"])
def test_the_public_certificate_pages_have_no_wcag_violations(certificate, page, page_nojs, axe_page, url, name):
    address = url(name, certificate.number)
    page.goto(address)
    assert_no_axe_violations(page)
    page_nojs.goto(address)
    assert_no_axe_violations_without_js(page_nojs, axe_page)


def test_the_verification_page_shows_the_suspension_in_plain_words(certificate, page, url):
    page.goto(url("certification:certificate", certificate.number))
    assert page.get_by_text("Geschorst").first.is_visible()
    assert page.get_by_text("Boegbeeld vertrokken").is_visible()


def test_the_planning_view_has_no_wcag_violations(planning_data, page, page_nojs, axe_page, url, live_server):
    from certification.tests.factories import bureau_admin

    log_in(live_server, bureau_admin(), page, page_nojs)
    page.goto(url("certification:planning"))
    assert page.get_by_role("heading", name="Planning keurmerken").is_visible()
    assert_no_axe_violations(page)
    page_nojs.goto(url("certification:planning"))
    assert_no_axe_violations_without_js(page_nojs, axe_page)


@pytest.mark.parametrize("name", ["certification:certificate", "certification:planning"])
def test_the_pages_do_not_scroll_sideways_at_320_pixels(planning_data, certificate, page, url, live_server, name):
    from certification.tests.factories import bureau_admin

    log_in(live_server, bureau_admin(), page)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(url(name, certificate.number) if name == "certification:certificate" else url(name))
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.fixture
def applying_manager(live_server):
    from certification.tests.factories import manager_of
    from register.tests.factories import DepartmentFactory

    return manager_of(DepartmentFactory(name="Afdeling Angst"))


def test_the_application_page_has_no_wcag_violations(applying_manager, page, page_nojs, axe_page, url, live_server):
    log_in(live_server, applying_manager, page, page_nojs)
    page.goto(url("certification:apply"))
    assert page.get_by_role("heading", name="Keurmerk aanvragen", exact=True).is_visible()
    assert_no_axe_violations(page)
    page_nojs.goto(url("certification:apply"))
    assert_no_axe_violations_without_js(page_nojs, axe_page)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(url("certification:apply"))
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_a_manager_applies_and_a_second_application_shows_the_refusal_without_wcag_violations(
    applying_manager, page, url, live_server
):
    from certification.visitation.models import Procedure

    log_in(live_server, applying_manager, page)
    page.goto(url("certification:apply"))
    page.get_by_role("button", name="Keurmerk aanvragen").click()
    page.wait_for_url("**/keurmerken/procedures/*/")
    assert Procedure.objects.filter(state="application").count() == 1
    page.goto(url("certification:apply"))
    page.get_by_role("button", name="Keurmerk aanvragen").click()
    assert page.get_by_role("alert").get_by_text("Voor deze afdeling loopt al een procedure").is_visible()
    assert_no_axe_violations(page)


@pytest.fixture
def compliance_case(applying_manager):
    from certification.visitation import compliance
    from certification.visitation.models import ComplianceCase

    department = applying_manager.memberships.first().department
    since = date(2026, 10, 1)
    return ComplianceCase.objects.create(
        department=department, criterion=4, since=since, description="Het boegbeeld is vertrokken.",
        notification_due=compliance.notification_due(since), recovery_due=compliance.recovery_due(since),
    )


@pytest.mark.parametrize("name", ["certification:compliance", "certification:compliance_case", "certification:compliance_report"])
def test_the_compliance_pages_have_no_wcag_violations_and_fit_320_pixels(
    compliance_case, applying_manager, page, page_nojs, axe_page, url, live_server, name
):
    address = url(name, compliance_case.pk) if name == "certification:compliance_case" else url(name)
    log_in(live_server, applying_manager, page, page_nojs)
    page.goto(address)
    assert_no_axe_violations(page)
    page_nojs.goto(address)
    assert_no_axe_violations_without_js(page_nojs, axe_page)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(address)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_a_manager_reports_the_case_with_a_recovery_plan_and_an_empty_plan_shows_the_error_without_wcag_violations(
    compliance_case, applying_manager, page, url, live_server
):
    log_in(live_server, applying_manager, page)
    page.goto(url("certification:compliance_case", compliance_case.pk))
    page.get_by_role("button", name="Melding vastleggen").click()
    assert page.get_by_role("alert").is_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Herstelplan").fill("Een nieuw boegbeeld begint op 1 maart.")
    page.get_by_role("button", name="Melding vastleggen").click()
    assert page.get_by_text("Gemeld, met herstelplan").is_visible()
