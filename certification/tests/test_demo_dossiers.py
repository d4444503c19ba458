"""The demo dossiers that `make run` loads for the demo department staff and committee."""

import pytest
from django.core.management import call_command

from accounts.demo import create_demo_users, demo_email
from accounts.models import User
from accounts.roles import Role
from certification.models import CommitteeAssignment, Dossier
from certification.dossier.permissions import visible_dossiers
from register.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_staff(settings):
    settings.DEBUG = True  # demo data only loads in development
    departments = sorted([DepartmentFactory(), DepartmentFactory()], key=lambda d: d.name)
    create_demo_users(departments_for_staff=departments)
    return departments


def test_each_demo_department_gets_one_example_dossier(demo_staff):
    call_command("load_demo_dossiers")
    assert sorted(Dossier.objects.values_list("department_id", flat=True)) == sorted(d.pk for d in demo_staff)


def test_loading_the_demo_dossiers_twice_adds_nothing(demo_staff):
    call_command("load_demo_dossiers")
    call_command("load_demo_dossiers")
    assert Dossier.objects.count() == 2 and CommitteeAssignment.objects.count() == 2


def test_the_demo_committee_member_can_read_the_first_demo_dossier(demo_staff):
    call_command("load_demo_dossiers")
    member = User.objects.get(email=demo_email(Role.COMMITTEE_MEMBER))
    assert [d.department_id for d in visible_dossiers(member)] == [demo_staff[0].pk]


def test_the_demo_dossiers_refuse_to_load_without_debug(demo_staff, settings):
    settings.DEBUG = False
    with pytest.raises(Exception, match="demonstration only"):
        call_command("load_demo_dossiers")
