"""Monthly reports: who may report (department managers for their own departments, the bureau), the form and the
CSV upload (all-or-nothing), history kept, and the latest figures copied onto the department for the register."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from accounts.testing import login_verified
from audit.models import AuditEntry
from insight import services
from insight.models import CapacityReport
from insight.rules.capacity import Report
from register.models import Department, Offer, SearchIndexState
from register.tests.factories import DepartmentFactory, OfferFactory
from triage.tests.builders import bureau, person

pytestmark = pytest.mark.django_db

HEADER = "maand;aanbod;meetdatum;weken_tot_intake;weken_tot_behandeling;wachtenden;bedden_vrij;bedden_totaal;aanmeldpauze\n"


def report(month=date(2026, 11, 1), intake="5", treatment="9", measured=date(2026, 11, 30), paused=False):
    return Report(month, "treatment", measured, Decimal(intake), Decimal(treatment), 30, None, None, paused)


def index_stamp():
    return SearchIndexState.objects.filter(pk=1).values_list("stamp", flat=True).first()


@pytest.fixture
def department():
    return OfferFactory().department


@pytest.fixture
def manager(department):
    return person(Role.DEPARTMENT_MANAGER, departments=[department])


def test_a_manager_s_report_is_stored_and_audited(manager, department):
    services.submit_report(user=manager, department_id=department.pk, report=report())
    stored = CapacityReport.objects.get()
    assert (stored.intake_weeks, stored.reported_by) == (Decimal("5.0"), manager)
    assert AuditEntry.objects.filter(object_type="insight.capacity_report", action="create", outcome="success").exists()


def test_the_latest_treatment_figures_and_the_trend_are_copied_onto_the_department(manager, department):
    services.submit_report(user=manager, department_id=department.pk, report=report(date(2026, 10, 1), "3", "8", date(2026, 10, 31)))
    services.submit_report(user=manager, department_id=department.pk, report=report())
    department.refresh_from_db()
    assert (department.waiting_intake_weeks, department.waiting_treatment_weeks, department.waiting_measured_on) == (
        Decimal("5.0"), Decimal("9.0"), date(2026, 11, 30))
    assert department.waiting_trend == [["2026-10", "3.0", "8.0"], ["2026-11", "5.0", "9.0"]]


def test_a_second_report_for_the_same_month_replaces_it_and_the_history_keeps_the_first(manager, department):
    services.submit_report(user=manager, department_id=department.pk, report=report(intake="5"))
    services.submit_report(user=manager, department_id=department.pk, report=report(intake="6"))
    stored = CapacityReport.objects.get()
    assert stored.intake_weeks == Decimal("6.0")
    assert sorted(h.intake_weeks for h in stored.history.all()) == [Decimal("5.0"), Decimal("6.0")]


def test_a_manager_cannot_report_for_another_department(manager):
    other = OfferFactory().department
    with pytest.raises(PermissionDenied):
        services.submit_report(user=manager, department_id=other.pk, report=report())
    assert not CapacityReport.objects.exists()
    assert AuditEntry.objects.filter(object_type="insight.capacity_report", outcome="denied").exists()


@pytest.mark.parametrize("role", [Role.DEPARTMENT_EDITOR, Role.REFERRER, Role.ANALYST])
def test_other_roles_cannot_report_even_for_their_own_department(department, role):
    user = person(role, departments=[department] if role == Role.DEPARTMENT_EDITOR else [])
    with pytest.raises(PermissionDenied):
        services.submit_report(user=user, department_id=department.pk, report=report())


def test_the_bureau_may_report_for_any_department(department):
    services.submit_report(user=bureau(), department_id=department.pk, report=report())
    assert CapacityReport.objects.count() == 1


def test_an_upload_with_one_bad_row_saves_nothing(manager, department):
    text = HEADER + "2026-10;treatment;2026-10-31;3;8;20;;;nee\n2026-11;treatment;2026-11-30;3;8;;;;nee\n"
    outcome = services.upload_reports(user=manager, department_id=department.pk, content=text.encode(), today=date(2026, 12, 6))
    assert [e.row for e in outcome.errors] == [3]
    assert not CapacityReport.objects.exists()
    assert Department.objects.get(pk=department.pk).waiting_measured_on is None


def test_a_good_upload_saves_every_month_and_updates_the_department(manager, department):
    text = HEADER + "2026-10;treatment;2026-10-31;3;8;20;;;nee\n2026-11;treatment;2026-11-30;4;9;25;;;nee\n"
    outcome = services.upload_reports(user=manager, department_id=department.pk, content=text.encode(), today=date(2026, 12, 6))
    assert outcome.ok and outcome.saved == 2
    assert Department.objects.get(pk=department.pk).waiting_measured_on == date(2026, 11, 30)


def test_a_reported_pause_pauses_the_open_offer_in_the_register_with_a_new_index_stamp(manager, department):
    before = index_stamp()
    services.submit_report(user=manager, department_id=department.pk, report=report(paused=True))
    offer = Offer.objects.get(department=department, kind="treatment")
    assert (offer.status, offer.pause_expected_end) == ("paused", date(2027, 1, 30))
    assert "november 2026" in offer.pause_reason
    assert index_stamp() != before


def test_a_report_without_a_pause_opens_a_paused_offer(manager, department):
    Offer.objects.filter(department=department).update(status="paused", pause_reason="Te veel wachtenden.",
                                                       pause_expected_end=date(2027, 3, 1))
    services.submit_report(user=manager, department_id=department.pk, report=report(paused=False))
    offer = Offer.objects.get(department=department, kind="treatment")
    assert (offer.status, offer.pause_reason, offer.pause_expected_end) == ("open", "", None)


def test_a_pause_already_on_keeps_its_own_reason_and_end(manager, department):
    Offer.objects.filter(department=department).update(status="paused", pause_reason="Verbouwing.",
                                                       pause_expected_end=date(2027, 3, 1))
    services.submit_report(user=manager, department_id=department.pk, report=report(paused=True))
    offer = Offer.objects.get(department=department, kind="treatment")
    assert (offer.pause_reason, offer.pause_expected_end) == ("Verbouwing.", date(2027, 3, 1))


def test_a_correction_of_an_older_month_does_not_change_the_pause(manager, department):
    services.submit_report(user=manager, department_id=department.pk, report=report(paused=False))
    services.submit_report(user=manager, department_id=department.pk,
                           report=report(date(2026, 10, 1), measured=date(2026, 10, 31), paused=True))
    assert Offer.objects.get(department=department, kind="treatment").status == "open"


def test_an_upload_whose_last_month_is_paused_pauses_the_offer(manager, department):
    text = HEADER + "2026-10;treatment;2026-10-31;3;8;20;;;nee\n2026-11;treatment;2026-11-30;4;9;25;;;ja\n"
    services.upload_reports(user=manager, department_id=department.pk, content=text.encode(), today=date(2026, 12, 6))
    assert Offer.objects.get(department=department, kind="treatment").status == "paused"


# ------------------------------------------------------------------ the pages


def test_a_manager_sees_only_their_own_departments_on_the_report_page(client, manager, department):
    other = DepartmentFactory(name="Andere afdeling")
    login_verified(client, manager)
    page = client.get(reverse("insight:reports")).content.decode()
    assert department.name in page and "Andere afdeling" not in page
    assert client.get(reverse("insight:reports"), {"afdeling": other.pk}).status_code == 404


def test_an_editor_is_refused_the_report_pages_with_404_and_an_audit_entry(client, department):
    editor = person(Role.DEPARTMENT_EDITOR, departments=[department])
    login_verified(client, editor)
    assert client.get(reverse("insight:reports")).status_code == 404
    assert client.get(reverse("insight:report_new")).status_code == 404
    assert AuditEntry.objects.filter(object_type="insight.capacity_report", outcome="denied").exists()


def test_the_report_pages_need_a_log_in(client):
    response = client.get(reverse("insight:report_new"))
    assert response.status_code == 302 and "inloggen" in response["Location"]


def test_the_form_stores_a_month(client, manager, department):
    login_verified(client, manager)
    today = date.today()
    response = client.post(reverse("insight:report_new"), {
        "department": department.pk, "offer_kind": "treatment", "month": f"{today:%Y-%m}", "measured_on": today.isoformat(),
        "intake_weeks": "4,5", "treatment_weeks": "10", "waiting_count": "12",
    })
    assert response.status_code == 302
    assert CapacityReport.objects.get().intake_weeks == Decimal("4.5")


def test_the_form_shows_the_shared_checks_as_field_errors(client, manager, department):
    login_verified(client, manager)
    today = date.today()
    page = client.post(reverse("insight:report_new"), {
        "department": department.pk, "offer_kind": "treatment", "month": f"{today:%Y-%m}", "measured_on": today.isoformat(),
        "intake_weeks": "4,55", "treatment_weeks": "10", "waiting_count": "12",
    }).content.decode()
    assert "Er is 1 probleem" in page and 'href="#id_intake_weeks"' in page
    assert not CapacityReport.objects.exists()


def test_the_form_offers_only_the_manager_s_departments(client, manager):
    DepartmentFactory(name="Andere afdeling")
    login_verified(client, manager)
    assert "Andere afdeling" not in client.get(reverse("insight:report_new")).content.decode()


def test_the_upload_page_lists_every_error_with_its_row(client, manager, department):
    login_verified(client, manager)
    file = SimpleUploadedFile("maanden.csv", (HEADER + "2026-10;treatment;2026-10-31;drie;8;20;;;nee\n").encode())
    response = client.post(reverse("insight:report_upload"), {"department": department.pk, "file": file})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Niets opgeslagen: 1 fout in het bestand" in page and "Regel 2, weken_tot_intake" in page


def test_the_template_csv_is_offered_to_managers(client, manager):
    login_verified(client, manager)
    response = client.get(reverse("insight:report_template"))
    assert response.status_code == 200 and response.content.decode("utf-8-sig").startswith("maand;aanbod;")
