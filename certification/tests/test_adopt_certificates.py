"""Certificates granted before the platform issued them are recorded from the register once, so
that every certified department's status and dates follow a certificate."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from audit.models import AuditEntry
from certification.visitation import rules, services
from certification.visitation.models import Certificate
from register.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def legacy(**extra):
    start = timezone.localdate().replace(day=1) - timedelta(days=400)
    return DepartmentFactory(status="certified", certified_from=start, certified_until=start + timedelta(days=900), **extra)


def test_a_certified_department_without_a_certificate_gets_one_decided_on_its_register_start_date():
    department = legacy()
    [certificate] = services.adopt_register_certificates()
    assert (certificate.department_id, certificate.decided_on, certificate.valid_from) == (
        department.pk, department.certified_from, department.certified_from
    )
    assert certificate.valid_until == rules.valid_until(department.certified_from)


def test_after_adoption_the_register_s_dates_follow_the_certificate():
    department = legacy()
    services.adopt_register_certificates()
    department.refresh_from_db()
    assert (department.status, department.certified_until) == ("certified", rules.valid_until(department.certified_from))


def test_the_adopted_certificate_s_history_says_it_came_from_the_register():
    legacy()
    [certificate] = services.adopt_register_certificates()
    assert [(event.kind, event.reason) for event in certificate.events.all()] == [("issued", services.ADOPTED_REASON)]


def test_adopting_twice_records_nothing_the_second_time():
    legacy()
    services.adopt_register_certificates()
    assert services.adopt_register_certificates() == [] and Certificate.objects.count() == 1


def test_departments_in_procedure_and_departments_with_a_certificate_are_left_alone():
    DepartmentFactory(status="in_procedure", certified_from=None, certified_until=None)
    with_certificate = legacy()
    Certificate.objects.create(number="TOPGGZ-2020-0001", department=with_certificate, decided_on=date(2020, 1, 1),
                               valid_from=date(2020, 1, 1), valid_until=date(2023, 12, 31))
    certified = legacy()
    assert [c.department_id for c in services.adopt_register_certificates()] == [certified.pk]


def test_each_adopted_certificate_is_audited():
    legacy()
    [certificate] = services.adopt_register_certificates()
    assert AuditEntry.objects.filter(object_type="certification.certificate", object_id=str(certificate.pk),
                                     action="create").count() == 1


def test_the_command_prints_each_adopted_certificate_and_the_count(capsys):
    department = legacy(name="Afdeling Oud Keurmerk")
    call_command("adopt_certificates")
    out = capsys.readouterr().out
    assert "Afdeling Oud Keurmerk" in out and out.strip().endswith("1 keurmerk(en) vastgelegd.")
    assert department.certified_from.isoformat() in out
