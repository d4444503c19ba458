"""Re-certification: the invitation twelve months before expiry, and the next dossier pre-filled."""

import copy
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from certification.dossier import services as dossier_services
from certification.dossier.models import Dossier
from certification.visitation import renewal
from certification.visitation import services as certificate_services
from register.tests.factories import DepartmentFactory

from .builders import PASSING, load_json
from .factories import bureau_admin, editor_of, manager_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def department():
    department = DepartmentFactory(status="in_procedure", certified_from=None, certified_until=None)
    bureau = bureau_admin()
    data = copy.deepcopy(load_json(PASSING))
    data["department"]["register_slug"] = department.slug
    dossier = dossier_services.import_dossier_json(user=bureau, data=data, department=department)
    Dossier.objects.filter(pk=dossier.pk).update(status=Dossier.Status.SUBMITTED, submitted_at=timezone.now())
    certificate_services.issue_certificate(user=bureau, department_id=department.pk, decided_on=date(2022, 7, 1))
    return department


def test_no_invitation_the_day_before_twelve_months_before_expiry(department):
    assert renewal.invite_due(today=date(2025, 6, 30)) == []


def test_the_invitation_opens_a_renewal_procedure_twelve_months_before_expiry(department):
    (procedure,) = renewal.invite_due(today=date(2025, 7, 1))
    assert (procedure.kind, procedure.state, procedure.applied_on) == ("renewal", "application", date(2025, 7, 1))


def test_the_invitation_is_sent_once(department):
    renewal.invite_due(today=date(2025, 7, 1))
    assert renewal.invite_due(today=date(2025, 7, 2)) == []


def test_the_next_dossier_is_pre_filled_from_the_previous_cycle(department):
    (procedure,) = renewal.invite_due(today=date(2025, 7, 1))
    dossier = renewal.start_next_dossier(user=manager_of(department), procedure_id=procedure.pk, visitation_date=date(2026, 5, 1))
    previous = Dossier.objects.exclude(pk=dossier.pk).get(department=department)
    assert dossier.visitation_date == date(2026, 5, 1) and dossier.status == "draft"
    assert sorted(dossier.staff.values_list("name", flat=True)) == sorted(previous.staff.values_list("name", flat=True))


def test_an_editor_may_not_start_the_next_dossier(department):
    (procedure,) = renewal.invite_due(today=date(2025, 7, 1))
    with pytest.raises(PermissionDenied):
        renewal.start_next_dossier(user=editor_of(department), procedure_id=procedure.pk, visitation_date=date(2026, 5, 1))
