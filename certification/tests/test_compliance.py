"""Continuous compliance: a change in the dossier opens a case with exact deadlines; recovery in time
closes it; no recovery sends it to the board; ``certification check --on`` prints the same dates."""

import copy
import json
from dataclasses import replace
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from certification.dossier import services as dossier_services
from certification.dossier.models import Dossier, StaffMember
from certification.visitation import compliance
from certification.visitation import compliance_services as services
from certification.visitation import services as certificate_services
from certification.visitation.models import ComplianceCase
from register.tests.factories import DepartmentFactory

from .builders import PASSING, criteria_2019_2022, example, load_json
from .factories import bureau_admin, editor_of, manager_of
from .test_command import run  # noqa: F401 - the command as from the command line


def figurehead_leaves(on: date):
    dossier = example()
    staff = list(dossier.staff)
    staff[0] = replace(staff[0], end_date=on)
    return replace(dossier, staff=tuple(staff))


def criterion(failures, number):
    return next(f for f in failures if f.number == number)


# --- pure ----------------------------------------------------------------------------------------


def test_a_figurehead_leaving_makes_criterion_4_fail_from_the_day_after_the_end_date():
    failure = criterion(compliance.failures_on(figurehead_leaves(date(2022, 6, 10)), criteria_2019_2022(), date(2022, 6, 15)), 4)
    assert (failure.since, failure.notification_due, failure.recovery_due) == (
        date(2022, 6, 11), date(2022, 7, 11), date(2022, 12, 11)
    )


def test_the_deadlines_of_a_change_on_31_january_fall_on_the_last_day_of_the_shorter_months():
    failure = criterion(compliance.failures_on(figurehead_leaves(date(2022, 1, 30)), criteria_2019_2022(), date(2022, 2, 10)), 4)
    assert (failure.since, failure.notification_due, failure.recovery_due) == (
        date(2022, 1, 31), date(2022, 2, 28), date(2022, 7, 31)
    )


def test_a_dossier_that_meets_the_criteria_on_the_day_has_no_failures():
    assert compliance.failures_on(example(), criteria_2019_2022(), date(2022, 6, 15)) == []


def test_before_the_end_date_passes_the_criterion_is_still_met():
    assert 4 not in {f.number for f in compliance.failures_on(figurehead_leaves(date(2022, 6, 20)), criteria_2019_2022(), date(2022, 6, 15))}


@pytest.mark.django_db
def test_the_check_command_on_a_date_prints_since_when_and_both_deadlines(tmp_path, run):
    data = load_json(PASSING)
    data = copy.deepcopy(data)
    data["staff"][0]["end_date"] = "2022-06-10"
    path = tmp_path / "dossier.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    status, out, _ = run("check", path, "--on", "2022-06-15")
    assert status == 1
    assert "Criterium 4 (Boegbeeld): voldoet niet sinds 2022-06-11; melding uiterlijk 2022-07-11; herstel uiterlijk 2022-12-11" in out


# --- on the platform -------------------------------------------------------------------------------


@pytest.fixture
def certified(db):
    """A department certified since 1 March 2022 whose submitted dossier says its figurehead left on 10 June 2022."""
    department = DepartmentFactory(status="in_procedure", certified_from=None, certified_until=None)
    bureau = bureau_admin()
    data = copy.deepcopy(load_json(PASSING))
    data["staff"][0]["end_date"] = "2022-06-10"
    data["department"]["register_slug"] = department.slug
    dossier = dossier_services.import_dossier_json(user=bureau, data=data, department=department)
    Dossier.objects.filter(pk=dossier.pk).update(status=Dossier.Status.SUBMITTED, submitted_at=timezone.now())
    certificate_services.issue_certificate(user=bureau, department_id=department.pk, decided_on=date(2022, 3, 1))
    return department


def case_for(department, number):
    return ComplianceCase.objects.get(department=department, criterion=number)


def test_the_daily_run_opens_a_case_with_the_exact_deadlines(certified):
    services.run_daily(today=date(2022, 6, 15))
    case = case_for(certified, 4)
    assert (case.state, case.since, case.notification_due, case.recovery_due) == (
        "open", date(2022, 6, 11), date(2022, 7, 11), date(2022, 12, 11)
    )


def test_the_daily_run_twice_on_one_day_opens_nothing_new(certified):
    services.run_daily(today=date(2022, 6, 15))
    assert services.run_daily(today=date(2022, 6, 15)).opened == 0


def test_recovery_in_time_closes_the_case(certified):
    services.run_daily(today=date(2022, 6, 15))
    StaffMember.objects.filter(dossier__department=certified, end_date=date(2022, 6, 10)).update(end_date=None)
    services.run_daily(today=date(2022, 7, 1))
    case = case_for(certified, 4)
    assert (case.state, case.closed_on) == ("recovered", date(2022, 7, 1))


def test_without_recovery_in_six_months_the_case_goes_to_the_board(certified):
    services.run_daily(today=date(2022, 6, 15))
    services.run_daily(today=date(2022, 12, 11))
    assert case_for(certified, 4).state == "open"
    services.run_daily(today=date(2022, 12, 12))
    assert case_for(certified, 4).state == "to_board"


def test_the_manager_reports_the_change_with_a_recovery_plan(certified):
    services.run_daily(today=date(2022, 6, 15))
    case = services.report_change(
        user=manager_of(certified), department_id=certified.pk, case_id=case_for(certified, 4).pk,
        recovery_plan="Dr. X wordt per 1 september boegbeeld.", on=date(2022, 7, 1),
    )
    assert (case.state, case.reported_on) == ("reported", date(2022, 7, 1))


def test_a_change_the_dossier_cannot_see_is_reported_by_hand_with_its_deadlines(certified):
    case = services.report_change(
        user=manager_of(certified), department_id=certified.pk, recovery_plan="Nieuwe opleider gezocht.",
        since=date(2022, 8, 31), description="De opleider is vertrokken.",
    )
    assert (case.notification_due, case.recovery_due) == (date(2022, 9, 30), date(2023, 2, 28))


def test_an_editor_may_not_report_a_change(certified):
    with pytest.raises(PermissionDenied):
        services.report_change(user=editor_of(certified), department_id=certified.pk, recovery_plan="x",
                               since=date(2022, 8, 31), description="y")


def test_the_department_page_shows_a_running_recovery_period(client, certified):
    from django.urls import reverse

    services.run_daily(today=date(2022, 6, 15))
    page = client.get(reverse("register:department_detail", args=[certified.slug])).content.decode()
    assert "Zij heeft tot en met 11 december 2022 om dat te herstellen." in page


def test_the_department_page_hides_the_recovery_period_when_the_setting_is_off(client, certified, settings):
    from django.urls import reverse

    settings.CERTIFICATION_SHOW_RECOVERY = False
    services.run_daily(today=date(2022, 6, 15))
    page = client.get(reverse("register:department_detail", args=[certified.slug])).content.decode()
    assert "om dat te herstellen" not in page
