"""The bureau invites staff; referrers register themselves and confirm their e-mail."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts import services
from accounts.models import User
from accounts.testing import login_verified
from audit.models import AuditEntry
from register.tests.factories import DepartmentFactory

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def link_in_last_mail():
    return re.search(r"http://testserver(\S+)", mail.outbox[-1].body).group(1)


def test_a_bureau_admin_invites_an_editor_for_a_department_through_the_admin(client):
    bureau = UserFactory(role="bureau_admin", is_superuser=True)
    department = DepartmentFactory()
    login_verified(client, bureau)

    client.post(
        reverse("admin:accounts_invitation_add"),
        {"email": "nieuw@afdeling.example", "role": "department_editor", "departments": [department.pk]},
    )

    assert mail.outbox[-1].to == ["nieuw@afdeling.example"]
    assert "/account/uitnodiging/" in mail.outbox[-1].body


def test_accepting_an_invitation_gives_the_role_and_department_and_asks_for_the_second_factor(client):
    bureau = UserFactory(role="bureau_admin", is_superuser=True)
    department = DepartmentFactory()
    services.invite(email="nieuw@afdeling.example", role="department_editor", departments=[department], invited_by=bureau)
    link = re.search(r"(/account/uitnodiging/\S+)", mail.outbox[-1].body).group(1)

    response = client.post(
        link, {"first_name": "Noor", "last_name": "Visser", "password1": "Sterk-wachtwoord-2026", "password2": "Sterk-wachtwoord-2026"}
    )

    user = User.objects.get(email="nieuw@afdeling.example")
    assert (user.role, user.department_ids()) == ("department_editor", {department.pk})
    assert response["Location"] == reverse("accounts:two_factor_setup")
    assert AuditEntry.objects.filter(action="permission_change", object_id=str(user.pk)).exists()


def test_an_invitation_link_works_only_once(client):
    bureau = UserFactory(role="bureau_admin", is_superuser=True)
    _invitation, link = services.invite(email="eenmalig@afdeling.example", role="analyst", invited_by=bureau)
    path = re.search(r"(/account/uitnodiging/\S+)", link).group(1)
    data = {"first_name": "A", "last_name": "B", "password1": "Sterk-wachtwoord-2026", "password2": "Sterk-wachtwoord-2026"}
    client.post(path, data)
    client.logout()

    assert client.get(path).status_code == 404


def test_a_referrer_registers_and_can_log_in_only_after_confirming_the_email(client):
    data = {
        "email": "huisarts@praktijk.example",
        "first_name": "Eva",
        "last_name": "de Boer",
        "profession": "huisarts",
        "organisation": "Praktijk De Linde",
        "big_number": "12345678901",
        "password1": "Sterk-wachtwoord-2026",
        "password2": "Sterk-wachtwoord-2026",
    }
    client.post(reverse("accounts:register"), data)
    user = User.objects.get(email="huisarts@praktijk.example")
    assert not user.is_active

    client.get(link_in_last_mail())

    user.refresh_from_db()
    assert user.is_active and user.email_confirmed_at is not None
    assert user.role == "referrer"


def test_a_malformed_big_number_is_refused_with_a_clear_message(client):
    response = client.post(reverse("accounts:register"), {"email": "x@praktijk.example", "big_number": "12345"})

    assert "precies 11 cijfers" in response.content.decode()
    assert not User.objects.filter(email="x@praktijk.example").exists()


def test_a_weak_password_is_refused_at_registration(client):
    response = client.post(
        reverse("accounts:register"),
        {"email": "y@praktijk.example", "first_name": "Y", "last_name": "Z", "profession": "arts", "organisation": "O",
         "password1": "kort", "password2": "kort"},
    )

    assert response.status_code == 200
    assert not User.objects.filter(email="y@praktijk.example").exists()


def test_password_reset_sends_a_link_that_sets_a_new_password(client):
    user = UserFactory(email="vergeten@praktijk.example")
    client.post(reverse("accounts:password_reset"), {"email": user.email})
    confirm = client.get(link_in_last_mail(), follow=True)

    client.post(confirm.redirect_chain[-1][0], {"new_password1": "Nieuw-wachtwoord-2026", "new_password2": "Nieuw-wachtwoord-2026"})

    user.refresh_from_db()
    assert user.check_password("Nieuw-wachtwoord-2026")


def test_a_session_expires_after_thirty_minutes_without_activity(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
