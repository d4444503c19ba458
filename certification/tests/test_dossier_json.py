"""Dossier files in and out of the database: all-or-nothing import, and an export that reads back unchanged."""

import json

import pytest
from django.core.exceptions import PermissionDenied

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from certification.format.jsonio import DossierValidationError, dossier_from_json, dossier_to_json
from certification.models import Attachment, Dossier, Publication, StaffMember
from certification.dossier.selectors import load_dossier
from certification.dossier.services import ConcurrentEditError, export_dossier_json, import_dossier_json
from register.tests.factories import DepartmentFactory

from .builders import FIGUREHEAD_LEFT, PASSING, TOO_FEW, load_json
from .factories import bureau_admin, editor_of

pytestmark = pytest.mark.django_db

ALL_EXAMPLES = [PASSING, FIGUREHEAD_LEFT, TOO_FEW]
SLUGS = {
    name: load_json(name)["department"]["register_slug"] for name in ALL_EXAMPLES
}


def department_for(name):
    return DepartmentFactory(slug=SLUGS[name], name=load_json(name)["department"]["name"])


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_an_imported_example_exports_to_the_same_json(name):
    department = department_for(name)
    user = editor_of(department)
    stored = import_dossier_json(user=user, data=load_json(name), file_name=name)
    expected = dossier_to_json(dossier_from_json(load_json(name)))
    assert export_dossier_json(user=user, dossier_id=stored.pk) == expected


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_an_imported_example_loads_as_the_same_pure_dossier(name):
    department = department_for(name)
    user = editor_of(department)
    stored = import_dossier_json(user=user, data=load_json(name))
    assert load_dossier(stored.pk, user=user) == dossier_from_json(load_json(name))


def test_an_exported_dossier_imports_again_into_a_fresh_database_row():
    department = department_for(ALL_EXAMPLES[0])
    user = editor_of(department)
    first = import_dossier_json(user=user, data=load_json(ALL_EXAMPLES[0]))
    exported = export_dossier_json(user=user, dossier_id=first.pk)
    Dossier.objects.filter(pk=first.pk).delete()
    second = import_dossier_json(user=user, data=json.dumps(exported).encode())
    assert export_dossier_json(user=user, dossier_id=second.pk) == exported


def test_an_import_with_schema_errors_lists_them_by_json_path_and_writes_nothing():
    data = load_json(ALL_EXAMPLES[0])
    data["staff"][0]["fte"] = "veel"
    data["publications"][2]["date"] = "2021-02-30"
    department_for(ALL_EXAMPLES[0])
    with pytest.raises(DossierValidationError) as caught:
        import_dossier_json(user=bureau_admin(), data=data)
    paths = [e.path for e in caught.value.errors]
    assert "$.staff[0].fte" in paths and "$.publications[2].date" in paths
    assert not Dossier.objects.exists() and not StaffMember.objects.exists()


def test_a_file_that_is_not_json_is_reported_with_its_line_and_column():
    with pytest.raises(DossierValidationError) as caught:
        import_dossier_json(user=bureau_admin(), data=b'{"format_version": 1,\n  "visitation_date": }')
    assert caught.value.errors[0].message.startswith("geen geldige JSON") and "regel 2" in caught.value.errors[0].message


def test_a_file_for_another_department_is_refused_at_its_register_slug():
    other = DepartmentFactory(slug="een-andere-afdeling")
    with pytest.raises(DossierValidationError) as caught:
        import_dossier_json(user=bureau_admin(), data=load_json(ALL_EXAMPLES[0]), department=other)
    assert caught.value.errors[0].path == "$.department.register_slug"


def test_a_second_dossier_for_the_same_department_and_date_is_refused_at_the_visitation_date():
    department = department_for(ALL_EXAMPLES[0])
    user = editor_of(department)
    import_dossier_json(user=user, data=load_json(ALL_EXAMPLES[0]))
    with pytest.raises(DossierValidationError) as caught:
        import_dossier_json(user=user, data=load_json(ALL_EXAMPLES[0]))
    assert caught.value.errors[0].path == "$.visitation_date"
    assert Dossier.objects.count() == 1


def test_an_unknown_criteria_set_is_refused_at_its_path():
    department_for(ALL_EXAMPLES[0])
    data = load_json(ALL_EXAMPLES[0]) | {"criteria_set": "2099-2102"}
    with pytest.raises(DossierValidationError) as caught:
        import_dossier_json(user=bureau_admin(), data=data)
    assert caught.value.errors[0].path == "$.criteria_set"


def test_importing_into_an_existing_dossier_replaces_its_records():
    department = department_for(ALL_EXAMPLES[0])
    user = editor_of(department)
    stored = import_dossier_json(user=user, data=load_json(ALL_EXAMPLES[0]))
    smaller = load_json(ALL_EXAMPLES[0])
    smaller["publications"] = smaller["publications"][:1]
    import_dossier_json(user=user, data=smaller, into=stored.pk, expected_version=stored.version)
    assert Publication.objects.filter(dossier=stored).count() == 1
    assert Attachment.objects.filter(dossier=stored).count() == len(smaller["attachments"])


def test_importing_into_a_dossier_someone_else_saved_meanwhile_is_refused():
    department = department_for(ALL_EXAMPLES[0])
    user = editor_of(department)
    stored = import_dossier_json(user=user, data=load_json(ALL_EXAMPLES[0]))
    import_dossier_json(user=user, data=load_json(ALL_EXAMPLES[0]), into=stored.pk, expected_version=stored.version)
    with pytest.raises(ConcurrentEditError):
        import_dossier_json(user=user, data=load_json(ALL_EXAMPLES[0]), into=stored.pk, expected_version=stored.version)


def test_an_editor_of_another_department_cannot_import_a_dossier_for_this_one():
    department_for(ALL_EXAMPLES[0])
    outsider = editor_of(DepartmentFactory())
    with pytest.raises(PermissionDenied):
        import_dossier_json(user=outsider, data=load_json(ALL_EXAMPLES[0]))
    assert not Dossier.objects.exists()


def test_an_imported_dossier_keeps_history_naming_the_importer():
    department = department_for(ALL_EXAMPLES[0])
    user = editor_of(department)
    stored = import_dossier_json(user=user, data=load_json(ALL_EXAMPLES[0]), file_name="dossier.json")
    history = StaffMember.history.filter(dossier_id=stored.pk)
    assert history.count() == StaffMember.objects.filter(dossier=stored).count()
    assert {h.history_user_id for h in history} == {user.pk}


def test_a_referrer_cannot_export_a_dossier():
    department = department_for(ALL_EXAMPLES[0])
    stored = import_dossier_json(user=editor_of(department), data=load_json(ALL_EXAMPLES[0]))
    with pytest.raises(PermissionDenied):
        export_dossier_json(user=UserFactory(role=Role.REFERRER), dossier_id=stored.pk)
