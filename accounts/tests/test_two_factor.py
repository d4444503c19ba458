"""Staff cannot reach any protected page without the second factor."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.roles import Role

from .factories import PASSWORD, UserFactory, current_code, give_totp_device

pytestmark = pytest.mark.django_db

STAFF_ROLES = [r for r in Role.values if r != Role.REFERRER]


def log_in_with_password(client, user):
    return client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_who_logged_in_with_only_a_password_are_sent_to_the_second_step(client, role):
    user = UserFactory(role=role)
    give_totp_device(user)
    log_in_with_password(client, user)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor"))


def test_a_bureau_admin_reaches_the_admin_after_the_second_step(client):
    user = UserFactory(role=Role.BUREAU_ADMIN, is_superuser=True)
    device = give_totp_device(user)
    log_in_with_password(client, user)

    client.post(reverse("accounts:two_factor"), {"token": current_code(device)})

    assert client.get(reverse("admin:index")).status_code == 200


def test_a_wrong_code_keeps_the_user_at_the_second_step(client):
    user = UserFactory(role=Role.BUREAU_ADMIN, is_superuser=True)
    give_totp_device(user)
    log_in_with_password(client, user)

    response = client.post(reverse("accounts:two_factor"), {"token": "000000"})

    assert "klopt niet" in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_recovery_code_works_once(client):
    user = UserFactory(role=Role.BUREAU_ADMIN, is_superuser=True)
    give_totp_device(user)
    code = services.new_recovery_codes(user)[0]
    log_in_with_password(client, user)

    client.post(reverse("accounts:two_factor"), {"token": code})

    assert client.get(reverse("admin:index")).status_code == 200
    assert not StaticDevice.objects.get(user=user).token_set.filter(token=code).exists()


def test_staff_without_a_device_are_asked_to_set_one_up(client):
    user = UserFactory(role=Role.DEPARTMENT_EDITOR)
    log_in_with_password(client, user)

    response = client.get(reverse("accounts:two_factor"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))


def test_setting_up_an_authenticator_confirms_it_and_shows_ten_recovery_codes(client):
    user = UserFactory(role=Role.DEPARTMENT_EDITOR)
    log_in_with_password(client, user)
    client.get(reverse("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    response = client.post(reverse("accounts:two_factor_setup"), {"token": current_code(device)})

    device.refresh_from_db()
    assert device.confirmed
    assert len(response.context["codes"]) == 10


def test_a_referrer_needs_no_second_factor(client):
    user = UserFactory(role=Role.REFERRER)
    log_in_with_password(client, user)

    assert client.get(reverse("home")).status_code == 200


def test_the_admin_login_page_is_our_login_with_the_second_factor(client):
    response = client.get("/beheer/login/?next=/beheer/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_qr_code_is_an_svg_with_its_namespace_so_browsers_draw_it(client):
    from base64 import b64decode
    from urllib.parse import unquote

    user = UserFactory(role=Role.DEPARTMENT_EDITOR)
    log_in_with_password(client, user)

    qr = client.get(reverse("accounts:two_factor_setup")).context["qr"]

    header, _comma, data = qr.partition(",")
    svg = b64decode(data).decode() if header.endswith(";base64") else unquote(data)
    assert header.startswith("data:image/svg+xml")
    assert 'xmlns="http://www.w3.org/2000/svg"' in svg.replace("'", '"')
