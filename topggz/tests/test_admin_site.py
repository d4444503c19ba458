"""The admin site: the platform's name, Dutch section names, and per role only what it can use."""

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from accounts import services
from accounts.roles import Role
from accounts.testing import login_verified
from accounts.tests.factories import UserFactory, give_totp_device
from register.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(client, role, *departments):
    user = UserFactory(role=role)
    services.assign_role(user=user, role=role, departments=list(departments))
    login_verified(client, user)
    return user


def sections(client) -> dict[str, list[str]]:
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return {app["app_label"]: sorted(m["object_name"] for m in app["models"]) for app in response.context["app_list"]}


@pytest.mark.parametrize("role", [Role.DEPARTMENT_EDITOR, Role.DEPARTMENT_MANAGER])
def test_department_staff_see_only_their_departments_in_the_admin(client, role):
    log_in(client, role, DepartmentFactory())

    assert sections(client) == {"register": ["Department"]}


def test_the_bureau_sees_users_invitations_audit_log_two_factor_and_lockouts(client):
    log_in(client, Role.BUREAU_ADMIN)

    seen = sections(client)

    assert {"User", "Invitation"} <= set(seen["accounts"])
    assert "AuditEntry" in seen["audit"]
    assert seen["otp_totp"] == ["TOTPDevice"] and seen["axes"] == ["AccessAttempt"]
    assert "auth" not in seen, "role groups are kept by the role service, not edited by hand"


def test_every_admin_section_and_model_has_a_dutch_name(client):
    log_in(client, Role.BUREAU_ADMIN)

    response = client.get(reverse("admin:index"))
    names = [app["name"] for app in response.context["app_list"]]
    names += [m["name"] for app in response.context["app_list"] for m in app["models"]]

    english = {"Axes", "Otp_Totp", "Otp_Static", "Access attempts", "TOTP devices", "Static devices"}
    assert not english & set(names), names
    assert {"Inlogbeveiliging", "Tweestapsverificatie", "Authenticator-apps", "Inlogblokkades"} <= set(names)


def test_the_admin_carries_the_platforms_name(client):
    log_in(client, Role.DEPARTMENT_EDITOR, DepartmentFactory())

    page = client.get(reverse("admin:index")).content.decode()

    assert admin.site.site_header == "TOPGGz-platform"
    assert "<title>Beheer | TOPGGz-platform</title>" in page
    assert "Django" not in page
    assert "css/admin.css" in page


def test_nobody_sees_a_users_authenticator_secret_in_the_admin(client):
    user = UserFactory(role=Role.DEPARTMENT_EDITOR)
    device = give_totp_device(user)
    log_in(client, Role.BUREAU_ADMIN)

    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk])).content.decode()

    assert device.key not in page
    with pytest.raises(NoReverseMatch):
        reverse("admin:otp_totp_totpdevice_config", args=[device.pk])


def test_the_bureau_removes_a_lost_authenticator_in_the_admin(client):
    user = UserFactory(role=Role.DEPARTMENT_EDITOR)
    device = give_totp_device(user)
    log_in(client, Role.BUREAU_ADMIN)

    response = client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not type(device).objects.filter(pk=device.pk).exists()


def test_every_admin_of_a_model_with_history_applies_the_revert_rule():
    """A model with history reached through a stock SimpleHistoryAdmin could be reverted by anyone
    who may view it; every one goes through GuardedHistoryAdmin (only the bureau reverts)."""
    from simple_history.admin import SimpleHistoryAdmin

    from topggz.admin_site import GuardedHistoryAdmin

    with_history = {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if hasattr(model._meta, "simple_history_manager_attribute") or isinstance(model_admin, SimpleHistoryAdmin)
    }

    assert {m._meta.label for m in with_history} >= {"register.Department", "certification.Dossier"}
    assert all(isinstance(model_admin, GuardedHistoryAdmin) for model_admin in with_history.values())
