"""Certificates: four years from the board's decision, suspended or withdrawn with dates and reasons,
and the register's status and dates derived from them (never typed)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from certification.visitation import rules, services
from certification.visitation.models import Certificate
from register.models import Department, SearchIndexState
from register.tests.factories import DepartmentFactory

from .factories import bureau_admin, editor_of

TODAY = date(2026, 12, 6)


@pytest.fixture
def department(db):
    return DepartmentFactory(status=Department.Status.IN_PROCEDURE, certified_from=None, certified_until=None)


@pytest.fixture
def bureau(db):
    return bureau_admin()


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(services, "_today", lambda: TODAY)


def stamp():
    return SearchIndexState.objects.filter(pk=1).values_list("stamp", flat=True).first()


def issue(bureau, department, decided_on=date(2026, 3, 15)):
    return services.issue_certificate(user=bureau, department_id=department.pk, decided_on=decided_on)


# --- the pure rules ---------------------------------------------------------------------------


def test_a_certificate_is_valid_up_to_and_including_the_day_before_four_years_later():
    assert rules.valid_until(date(2026, 3, 15)) == date(2030, 3, 14)


def test_a_certificate_decided_on_29_february_ends_on_28_february_four_years_later():
    assert rules.valid_until(date(2024, 2, 29)) == date(2028, 2, 28)


def test_a_certificate_decided_on_1_january_ends_on_31_december_three_years_later():
    assert rules.valid_until(date(2027, 1, 1)) == date(2030, 12, 31)


def test_one_calendar_month_after_31_january_is_the_last_day_of_february():
    assert rules.months_after(date(2027, 1, 31), 1) == date(2027, 2, 28)


def test_six_calendar_months_after_31_august_is_29_february_in_a_leap_year():
    assert rules.months_after(date(2027, 8, 31), 6) == date(2028, 2, 29)


def test_a_suspended_certificate_is_in_force_again_from_the_day_the_suspension_is_lifted():
    facts = rules.CertificateFacts(
        date(2026, 1, 1), date(2029, 12, 31), suspensions=(rules.Suspension(date(2026, 6, 1), date(2026, 7, 1)),)
    )
    assert [rules.state_on(facts, day) for day in (date(2026, 5, 31), date(2026, 6, 1), date(2026, 6, 30), date(2026, 7, 1))] == [
        rules.VALID, rules.SUSPENDED, rules.SUSPENDED, rules.VALID
    ]


def test_a_certificate_has_expired_the_day_after_its_last_day():
    facts = rules.CertificateFacts(date(2026, 1, 1), date(2029, 12, 31))
    assert (rules.state_on(facts, date(2029, 12, 31)), rules.state_on(facts, date(2030, 1, 1))) == (rules.VALID, rules.EXPIRED)


# --- issuing and the register --------------------------------------------------------------------


def test_issuing_a_certificate_numbers_it_by_the_year_of_the_decision(bureau, department):
    assert issue(bureau, department).number == "TOPGGZ-2026-0001"
    assert issue(bureau, DepartmentFactory(status="in_procedure", certified_from=None, certified_until=None)).number == "TOPGGZ-2026-0002"


def test_issuing_a_certificate_makes_the_department_certified_in_the_register_with_its_dates(bureau, department):
    issue(bureau, department)
    department.refresh_from_db()
    assert (department.status, department.certified_from, department.certified_until) == (
        "certified", date(2026, 3, 15), date(2030, 3, 14)
    )


def test_issuing_a_certificate_gives_the_finder_a_new_stamp(bureau, department):
    before = stamp()
    issue(bureau, department)
    assert stamp() != before


def test_issuing_a_certificate_is_audited(bureau, department):
    certificate = issue(bureau, department)
    entry = AuditEntry.objects.filter(object_type="certification.certificate", object_id=str(certificate.pk)).get()
    assert (entry.action, entry.outcome, entry.on_behalf_of) == ("create", "success", str(department.pk))


def test_a_department_editor_may_not_issue_a_certificate_and_the_refusal_is_audited(department):
    editor = editor_of(department)
    with pytest.raises(PermissionDenied):
        services.issue_certificate(user=editor, department_id=department.pk, decided_on=date(2026, 3, 15))
    assert not Certificate.objects.exists()
    assert AuditEntry.objects.filter(object_type="certification.certificate", outcome="denied").exists()


def test_suspending_a_certificate_ends_the_registers_certification_the_day_before(bureau, department):
    certificate = issue(bureau, department)
    services.suspend_certificate(user=bureau, certificate_id=certificate.pk, on=date(2026, 11, 1), reason="Boegbeeld vertrokken")
    department.refresh_from_db()
    assert (department.status, department.certified_until) == ("expired", date(2026, 10, 31))


def test_a_suspension_needs_a_reason(bureau, department):
    certificate = issue(bureau, department)
    with pytest.raises(ValidationError):
        services.suspend_certificate(user=bureau, certificate_id=certificate.pk, on=date(2026, 11, 1), reason=" ")


def test_lifting_a_suspension_makes_the_department_certified_again_until_the_certificates_end(bureau, department):
    certificate = issue(bureau, department)
    services.suspend_certificate(user=bureau, certificate_id=certificate.pk, on=date(2026, 11, 1), reason="Boegbeeld vertrokken")
    services.reinstate_certificate(user=bureau, certificate_id=certificate.pk, on=date(2026, 12, 1), reason="Nieuw boegbeeld")
    department.refresh_from_db()
    assert (department.status, department.certified_until) == ("certified", date(2030, 3, 14))


def test_withdrawing_a_certificate_ends_the_registers_certification_the_day_before(bureau, department):
    certificate = issue(bureau, department)
    services.withdraw_certificate(user=bureau, certificate_id=certificate.pk, on=date(2026, 12, 1), reason="Niet hersteld binnen zes maanden")
    department.refresh_from_db()
    assert (department.status, department.certified_from, department.certified_until) == (
        "expired", date(2026, 3, 15), date(2026, 11, 30)
    )


def test_a_department_editor_may_not_withdraw_a_certificate(bureau, department):
    certificate = issue(bureau, department)
    with pytest.raises(PermissionDenied):
        services.withdraw_certificate(user=editor_of(department), certificate_id=certificate.pk, on=date(2026, 12, 1), reason="x")
    certificate.refresh_from_db()
    assert certificate.withdrawn_on is None


def test_a_department_without_certificates_keeps_what_the_register_had(db):
    department = DepartmentFactory(status="certified", certified_from=date(2024, 1, 1), certified_until=date(2027, 12, 31))
    services.sync_register(department.pk)
    department.refresh_from_db()
    assert (department.status, department.certified_until) == ("certified", date(2027, 12, 31))


def test_the_daily_sync_marks_a_certificate_that_ran_out_as_expired(bureau, department, monkeypatch):
    monkeypatch.setattr(services, "_today", lambda: date(2026, 12, 5))
    issue(bureau, department, decided_on=date(2022, 12, 6))
    assert services.sync_all(today=date(2026, 12, 6)) == 1
    department.refresh_from_db()
    assert (department.status, department.certified_until) == ("expired", date(2026, 12, 5))


# --- public pages ---------------------------------------------------------------------------------


def test_the_verification_page_shows_the_number_department_and_dates_to_anyone(client, bureau, department):
    certificate = issue(bureau, department)
    page = client.get(reverse("certification:certificate", args=[certificate.number])).content.decode()
    assert certificate.number in page and department.name in page
    assert "15 maart 2026" in page and "14 maart 2030" in page


def test_an_unknown_certificate_number_is_not_found(client, db):
    assert client.get(reverse("certification:certificate", args=["TOPGGZ-1999-0001"])).status_code == 404


def test_the_verification_page_shows_the_history_with_reasons(client, bureau, department):
    certificate = issue(bureau, department)
    services.suspend_certificate(user=bureau, certificate_id=certificate.pk, on=date(2026, 11, 1), reason="Boegbeeld vertrokken")
    page = client.get(reverse("certification:certificate", args=[certificate.number])).content.decode()
    assert "Geschorst" in page and "Boegbeeld vertrokken" in page and "1 november 2026" in page


def test_the_department_page_links_to_its_latest_certificate(client, bureau, department):
    issue(bureau, department, decided_on=date(2022, 1, 10))
    latest = issue(bureau, department)
    page = client.get(reverse("register:department_detail", args=[department.slug])).content.decode()
    assert reverse("certification:certificate", args=[latest.number]) in page


def test_the_printable_certificate_names_the_department_and_the_validity(client, bureau, department):
    certificate = issue(bureau, department)
    page = client.get(reverse("certification:certificate_print", args=[certificate.number])).content.decode()
    assert department.name in page and "Geldig van 15 maart 2026 tot en met 14 maart 2030." in page


@pytest.mark.parametrize(
    "step, register_state",
    [(None, "certified"), ("suspend", "expired"), ("withdraw", "expired"), ("reinstate", "certified")],
)
def test_the_register_and_the_verification_page_agree_with_the_certificates_outcome(client, bureau, department, step, register_state):
    certificate = issue(bureau, department)
    if step in ("suspend", "reinstate"):
        services.suspend_certificate(user=bureau, certificate_id=certificate.pk, on=date(2026, 11, 1), reason="Boegbeeld vertrokken")
    if step == "reinstate":
        services.reinstate_certificate(user=bureau, certificate_id=certificate.pk, on=date(2026, 12, 1), reason="Hersteld")
    if step == "withdraw":
        services.withdraw_certificate(user=bureau, certificate_id=certificate.pk, on=date(2026, 12, 1), reason="Niet hersteld")
    certificate.refresh_from_db()
    department.refresh_from_db()
    state = certificate.state_on(TODAY)
    assert department.status == register_state
    assert (state == rules.VALID) == (department.status == "certified")


# --- which certificate tells a department's state (rules.current_index) --------------------------


def facts(start, end, **kwargs):
    return rules.CertificateFacts(valid_from=start, valid_until=end, **kwargs)


def test_the_certificate_in_force_tells_the_state_even_when_a_later_one_is_withdrawn():
    in_force = facts(date(2026, 1, 1), date(2029, 12, 31))
    withdrawn = facts(date(2026, 6, 1), date(2030, 5, 31), withdrawn_on=date(2026, 7, 1))
    assert rules.current_index([in_force, withdrawn], TODAY) == 0


def test_without_one_in_force_the_latest_that_has_begun_tells_the_state():
    older = facts(date(2020, 1, 1), date(2023, 12, 31))
    suspended = facts(date(2024, 1, 1), date(2027, 12, 31), suspensions=(rules.Suspension(date(2026, 11, 1)),))
    assert rules.current_index([suspended, older], TODAY) == 0


def test_a_department_with_only_a_future_certificate_shows_that_one():
    assert rules.current_index([facts(date(2027, 1, 1), date(2030, 12, 31))], TODAY) == 0


def test_a_department_without_certificates_has_none():
    assert rules.current_index([], TODAY) is None
