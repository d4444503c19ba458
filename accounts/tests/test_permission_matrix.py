"""For every role and every protected page: the expected allow or deny.

'allow' means HTTP 200. 'deny' means the page is not shown: a redirect to
the log-in, 403, or 404 (for other departments' objects, so that their
existence is not revealed).
"""

import pytest
from django.urls import reverse

from accounts import services
from accounts.roles import Role
from accounts.testing import login_verified
from audit.models import AuditEntry
from register.tests.factories import DepartmentFactory

from .factories import UserFactory

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
ROLES = [ANONYMOUS, *Role.values]
DEPARTMENT_STAFF = {Role.DEPARTMENT_EDITOR, Role.DEPARTMENT_MANAGER}
BUREAU = {Role.BUREAU_ADMIN}


def allowed_for(*roles):
    return set(roles)


# page name -> (url builder, roles allowed)
MATRIX = {
    "home": (lambda own, other: reverse("home"), set(ROLES)),
    "accessibility statement": (lambda own, other: reverse("accessibility"), set(ROLES)),
    "knowledge base": (lambda own, other: reverse("knowledge:index"), set(ROLES)),
    "knowledge feed": (lambda own, other: reverse("knowledge:feed"), set(ROLES)),
    "admin index": (lambda own, other: reverse("admin:index"), BUREAU | DEPARTMENT_STAFF),
    "department list": (lambda own, other: reverse("admin:register_department_changelist"), BUREAU | DEPARTMENT_STAFF),
    "own department": (
        lambda own, other: reverse("admin:register_department_change", args=[own.pk]),
        BUREAU | DEPARTMENT_STAFF,
    ),
    "own department history": (
        lambda own, other: reverse("admin:register_department_history", args=[own.pk]),
        BUREAU | DEPARTMENT_STAFF,
    ),
    "other department": (lambda own, other: reverse("admin:register_department_change", args=[other.pk]), BUREAU),
    "other department history": (
        lambda own, other: reverse("admin:register_department_history", args=[other.pk]),
        BUREAU,
    ),
    "other department old version": (
        lambda own, other: reverse(
            "admin:register_department_simple_history", args=[other.pk, other.history.earliest().history_id]
        ),
        BUREAU,
    ),
    "add department": (lambda own, other: reverse("admin:register_department_add"), BUREAU),
    "register import": (lambda own, other: reverse("admin:register_department_import"), BUREAU),
    "register export": (lambda own, other: reverse("admin:register_department_export"), BUREAU),
    "institutions": (lambda own, other: reverse("admin:register_institution_changelist"), BUREAU),
    "users": (lambda own, other: reverse("admin:accounts_user_changelist"), BUREAU),
    "audit log": (lambda own, other: reverse("admin:audit_auditentry_changelist"), BUREAU),
}

CASES = [(page, role) for page in MATRIX for role in ROLES]


@pytest.fixture
def departments():
    return DepartmentFactory(name="Afdeling A"), DepartmentFactory(name="Afdeling B")


def client_for(client, role, own_department):
    if role == ANONYMOUS:
        return client
    user = UserFactory(role=role)
    departments = [own_department] if role in DEPARTMENT_STAFF else []
    services.assign_role(user=user, role=role, departments=departments)
    return login_verified(client, user)


@pytest.mark.parametrize("page,role", CASES, ids=[f"{p}-{r}" for p, r in CASES])
def test_each_role_gets_exactly_the_pages_it_may_see(client, departments, page, role):
    own, other = departments
    url_for, allowed_roles = MATRIX[page]
    response = client_for(client, role, own).get(url_for(own, other))

    if role in allowed_roles:
        assert response.status_code == 200, f"{role} should see {page}"
    else:
        assert response.status_code in {302, 403, 404}, f"{role} must not see {page}"
        if response.status_code == 302:
            assert "/account/" in response["Location"] or "/beheer/login/" in response["Location"]


@pytest.mark.parametrize("role", sorted(DEPARTMENT_STAFF))
def test_an_editor_asking_for_another_department_by_id_gets_404_and_a_denied_audit_entry(client, departments, role):
    own, other = departments
    client_for(client, role, own)

    response = client.get(reverse("admin:register_department_change", args=[other.pk]))

    assert response.status_code == 404
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert (entry.outcome, entry.object_type, entry.object_id) == ("denied", "register.department", str(other.pk))


def test_an_editor_cannot_change_another_department_by_posting_to_it(client, departments):
    own, other = departments
    client_for(client, Role.DEPARTMENT_EDITOR, own)

    response = client.post(reverse("admin:register_department_change", args=[other.pk]), {"name": "Overgenomen"})

    other.refresh_from_db()
    assert response.status_code == 404
    assert other.name == "Afdeling B"


def test_an_editor_sees_only_their_own_department_in_the_list(client, departments):
    own, other = departments
    client_for(client, Role.DEPARTMENT_EDITOR, own)

    response = client.get(reverse("admin:register_department_changelist"))

    assert list(response.context["cl"].queryset) == [own]


def test_an_editor_cannot_change_the_certification_status_of_their_department(client, departments):
    own, _other = departments
    client_for(client, Role.DEPARTMENT_EDITOR, own)

    response = client.get(reverse("admin:register_department_change", args=[own.pk]))

    assert "status" not in response.context["adminform"].form.fields
