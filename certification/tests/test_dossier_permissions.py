"""Who may read and change which dossier; every read, change and refusal lands in the audit log."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from audit.models import AuditEntry
from certification.models import Dossier
from certification.dossier.selectors import check_stored_dossier, dossier_list, load_dossier
from certification.dossier.services import (
    assign_committee_member,
    delete_record,
    import_publications,
    save_record,
    update_dossier,
)

from .factories import DossierFactory, StaffMemberFactory, bureau_admin, committee_member, editor_of, manager_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier():
    return DossierFactory()


def last_entry():
    return AuditEntry.objects.order_by("-sequence").first()


def test_an_editor_reads_their_own_departments_dossier(dossier):
    assert load_dossier(dossier.pk, user=editor_of(dossier.department)).department.name == dossier.department_name


def test_reading_a_dossier_is_audited_on_behalf_of_its_department(dossier):
    editor = editor_of(dossier.department)
    load_dossier(dossier.pk, user=editor)
    entry = last_entry()
    assert (entry.action, entry.object_type, entry.object_id, entry.on_behalf_of, entry.outcome, entry.actor_id) == (
        "read",
        "certification.dossier",
        str(dossier.pk),
        str(dossier.department_id),
        "success",
        str(editor.pk),
    )


def test_an_editor_of_another_department_cannot_read_the_dossier(dossier):
    with pytest.raises(PermissionDenied):
        load_dossier(dossier.pk, user=editor_of(DossierFactory().department))


def test_a_refused_read_is_audited_as_denied(dossier):
    outsider = manager_of(DossierFactory().department)
    with pytest.raises(PermissionDenied):
        load_dossier(dossier.pk, user=outsider)
    entry = last_entry()
    assert (entry.action, entry.outcome, entry.object_id, entry.on_behalf_of) == (
        "read",
        "denied",
        str(dossier.pk),
        str(dossier.department_id),
    )


def test_an_editor_of_another_department_cannot_change_the_dossier(dossier):
    outsider = editor_of(DossierFactory().department)
    with pytest.raises(PermissionDenied):
        update_dossier(user=outsider, dossier_id=dossier.pk, expected_version=1, target_group="gekaapt")
    assert Dossier.objects.get(pk=dossier.pk).target_group != "gekaapt"
    assert (last_entry().action, last_entry().outcome) == ("update", "denied")


def test_an_editor_of_another_department_cannot_delete_a_record(dossier):
    member = StaffMemberFactory(dossier=dossier)
    with pytest.raises(PermissionDenied):
        delete_record(
            user=editor_of(DossierFactory().department), dossier_id=dossier.pk, expected_version=1, kind="staff", record_id=member.pk
        )
    assert (last_entry().action, last_entry().outcome) == ("delete", "denied")


def test_an_editor_of_another_department_cannot_import_publications(dossier):
    with pytest.raises(PermissionDenied):
        import_publications(dossier, "x.bib", b"", user=editor_of(DossierFactory().department), expected_version=1)


def test_a_denied_write_leaves_the_version_untouched(dossier):
    with pytest.raises(PermissionDenied):
        save_record(user=editor_of(DossierFactory().department), dossier_id=dossier.pk, expected_version=1, kind="staff", values={"name": "X"})
    assert Dossier.objects.get(pk=dossier.pk).version == 1


def test_an_assigned_committee_member_reads_the_dossier(dossier):
    member = committee_member(dossier)
    assert load_dossier(dossier.pk, user=member).visitation_date == dossier.visitation_date


def test_an_assigned_committee_secretary_can_check_the_dossier(dossier):
    secretary = committee_member(dossier, role=Role.COMMITTEE_SECRETARY)
    assert check_stored_dossier(dossier.pk, user=secretary).criteria_set == "2019-2022"


def test_a_committee_member_cannot_read_a_dossier_not_assigned_to_them(dossier):
    with pytest.raises(PermissionDenied):
        load_dossier(dossier.pk, user=committee_member(DossierFactory()))


def test_a_committee_member_cannot_change_an_assigned_dossier(dossier):
    with pytest.raises(PermissionDenied):
        update_dossier(user=committee_member(dossier), dossier_id=dossier.pk, expected_version=1, target_group="x")


def test_a_committee_member_lists_only_the_dossiers_assigned_to_them(dossier):
    DossierFactory()
    assert list(dossier_list(user=committee_member(dossier))) == [dossier]


@pytest.mark.parametrize("role", [Role.REFERRER, Role.ANALYST])
def test_referrers_and_analysts_read_no_dossier(dossier, role):
    with pytest.raises(PermissionDenied):
        load_dossier(dossier.pk, user=UserFactory(role=role))


def test_an_anonymous_visitor_reads_no_dossier_and_the_attempt_is_audited(dossier):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        load_dossier(dossier.pk, user=AnonymousUser())
    assert (last_entry().outcome, last_entry().actor_id) == ("denied", "")


def test_the_bureau_reads_every_dossier(dossier):
    assert load_dossier(dossier.pk, user=bureau_admin()).visitation_date == dossier.visitation_date


def test_a_dossier_that_does_not_exist_is_not_found_rather_than_denied():
    with pytest.raises(Dossier.DoesNotExist):
        load_dossier(987654, user=bureau_admin())


def test_only_the_bureau_assigns_committee_members(dossier):
    member = committee_member()
    with pytest.raises(PermissionDenied):
        assign_committee_member(user=manager_of(dossier.department), dossier_id=dossier.pk, member=member)
    assign_committee_member(user=bureau_admin(), dossier_id=dossier.pk, member=member)
    assert load_dossier(dossier.pk, user=member) is not None


def test_only_committee_roles_can_be_assigned_to_a_committee(dossier):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="lid of secretaris"):
        assign_committee_member(user=bureau_admin(), dossier_id=dossier.pk, member=editor_of(dossier.department))
