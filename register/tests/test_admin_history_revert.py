"""The admin's history pages: everyone who may see a record may read its old versions;
only the bureau may revert, and a revert never changes a field the user may not change."""

import datetime

import pytest
from django.urls import reverse

from accounts import services
from accounts.roles import Role
from accounts.testing import login_verified
from accounts.tests.factories import UserFactory
from audit.models import AuditEntry
from register.models import Department

from .factories import DepartmentFactory, InstitutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def staff(client, role, *departments):
    user = UserFactory(role=role)
    services.assign_role(user=user, role=role, departments=list(departments))
    login_verified(client, user)
    return user


@pytest.fixture
def decided():
    """A department whose certificate the bureau changed after an older version was recorded."""
    old_institution = InstitutionFactory(name="Oude instelling")
    department = DepartmentFactory(
        name="Centrum Oud",
        slug="centrum-oud",
        status=Department.Status.IN_PROCEDURE,
        certified_from=None,
        certified_until=None,
        institutions=[old_institution],
    )
    old_version = department.history.latest("history_date")
    department.name = "Centrum Nieuw"
    department.slug = "centrum-nieuw"
    department.status = Department.Status.CERTIFIED
    department.certified_from = datetime.date(2024, 1, 1)
    department.certified_until = datetime.date(2028, 1, 1)
    department.save()
    department.institutions.set([InstitutionFactory(name="Nieuwe instelling")])
    return department, old_version


def revert_url(department, version):
    return reverse("admin:register_department_simple_history", args=[department.pk, version.history_id])


def old_version_form_data(department, version):
    """What the old version's form posts: every field of that version, bureau-only fields included."""
    old = version.instance
    return {
        "name": old.name,
        "slug": old.slug,
        "institutions": [row.institution_id for row in version.institutions.all()],
        "description": old.description,
        "specialised_since": old.specialised_since.isoformat() if old.specialised_since else "",
        "reach": old.reach,
        "target_groups": [t.pk for t in department.target_groups.all()],
        "age_groups": [a.pk for a in department.age_groups.all()],
        "phone": old.phone,
        "email": old.email,
        "website": old.website,
        "status": old.status,
        "certified_from": "",
        "certified_until": "",
        "last_confirmed_on": old.last_confirmed_on.isoformat(),
    }


def snapshot(department):
    department.refresh_from_db()
    return (
        department.name,
        department.slug,
        department.status,
        department.certified_from,
        department.certified_until,
        sorted(i.name for i in department.institutions.all()),
    )


@pytest.mark.parametrize("role", [Role.DEPARTMENT_EDITOR, Role.DEPARTMENT_MANAGER])
def test_department_staff_can_read_an_old_version_of_their_department(client, decided, role):
    department, old_version = decided
    staff(client, role, department)

    response = client.get(revert_url(department, old_version))

    assert response.status_code == 200
    assert response.context["revert_disabled"] is True
    form = response.context["adminform"].form
    page = response.content.decode()
    assert set(form.fields) == {"institutions", "target_groups", "age_groups"}
    assert all(field.disabled for field in form.fields.values()), "an old version is shown read-only"
    assert form["institutions"].value() == [row.institution_id for row in old_version.institutions.all()]
    assert "Centrum Oud" in page and "In procedure" in page, "the old version's values, bureau fields included"
    assert 'name="_save"' not in page


@pytest.mark.parametrize("role", [Role.DEPARTMENT_EDITOR, Role.DEPARTMENT_MANAGER])
def test_department_staff_cannot_revert_their_department_to_an_old_version(client, decided, role):
    department, old_version = decided
    staff(client, role, department)
    before = snapshot(department)

    response = client.post(revert_url(department, old_version), old_version_form_data(department, old_version))

    assert response.status_code == 404
    assert snapshot(department) == before
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert (entry.outcome, entry.object_type, entry.object_id) == ("denied", "register.department", str(department.pk))


def test_the_history_list_tells_department_staff_they_can_only_view(client, decided):
    department, _old_version = decided
    staff(client, Role.DEPARTMENT_EDITOR, department)

    response = client.get(reverse("admin:register_department_history", args=[department.pk]))

    assert response.status_code == 200
    assert response.context["revert_disabled"] is True


def test_the_bureau_can_revert_a_department_to_an_old_version(client, decided):
    department, old_version = decided
    staff(client, Role.BUREAU_ADMIN)

    page = client.get(revert_url(department, old_version))
    response = client.post(revert_url(department, old_version), old_version_form_data(department, old_version))

    assert page.status_code == 200 and page.context["revert_disabled"] is False
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    # The certificate's status and dates follow the certificates: a revert leaves them as they are.
    assert snapshot(department)[:5] == (
        "Centrum Oud", "centrum-oud", "certified", datetime.date(2024, 1, 1), datetime.date(2028, 1, 1)
    )


def test_a_revert_keeps_every_field_the_reverting_user_may_not_change(client, decided, monkeypatch):
    """Even someone allowed to revert changes only the fields of their own change form."""
    from register.admin import DepartmentAdmin

    department, old_version = decided
    staff(client, Role.BUREAU_ADMIN)
    monkeypatch.setattr(DepartmentAdmin, "get_readonly_fields", lambda self, request, obj=None: self.bureau_only_fields + self.derived_fields)
    before = snapshot(department)

    response = client.post(revert_url(department, old_version), old_version_form_data(department, old_version))

    assert response.status_code == 302
    after = snapshot(department)
    assert after[0] == "Centrum Oud", "the editable name is reverted"
    assert after[1:] == before[1:], "slug, status, certificate dates and institutions stay as the bureau set them"
