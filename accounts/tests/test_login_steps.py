"""The steps of a log-in are audited, and the second step locks after too many wrong codes (issue 10, finding 4)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.models import User
from accounts.roles import Role
from accounts.second_factor import SecondFactorState, after_failure, after_success, locked
from audit.models import AuditEntry

from .factories import PASSWORD, UserFactory, current_code, give_totp_device

NOW = timezone.now()
COOLOFF = timedelta(minutes=15)


def log_in_with_password(client, user):
    return client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})


def enter_code(client, code):
    return client.post(reverse("accounts:two_factor"), {"token": code})


def actions(user):
    return list(AuditEntry.objects.filter(object_id=str(user.pk)).order_by("sequence").values_list("action", "outcome"))


def staff_with_device(role=Role.BUREAU_ADMIN):
    user = UserFactory(role=role, is_superuser=role == Role.BUREAU_ADMIN)
    return user, give_totp_device(user)


def reset_django_otp_back_off(device):
    """django-otp's own back-off (seconds, doubling per wrong code) has long ended after our cool-off."""
    device.refresh_from_db()
    device.throttle_reset()


# --- the pure rule ---------------------------------------------------------


def test_a_wrong_code_below_the_limit_only_counts():
    assert after_failure(SecondFactorState(3, None), now=NOW, limit=5, cooloff=COOLOFF) == SecondFactorState(4, None)


def test_the_wrong_code_that_reaches_the_limit_locks_for_the_cool_off_and_starts_the_count_again():
    assert after_failure(SecondFactorState(4, None), now=NOW, limit=5, cooloff=COOLOFF) == SecondFactorState(0, NOW + COOLOFF)


def test_a_wrong_code_during_a_lock_does_not_extend_it():
    state = SecondFactorState(0, NOW + COOLOFF)

    assert after_failure(state, now=NOW + timedelta(minutes=1), limit=5, cooloff=COOLOFF) == state


def test_a_lock_ends_at_its_end_time():
    assert locked(NOW + COOLOFF, NOW) and not locked(NOW + COOLOFF, NOW + COOLOFF)


def test_a_passed_code_clears_count_and_lock():
    assert after_success() == SecondFactorState(0, None)


# --- the audit trail of a log-in ---------------------------------------------



@pytest.mark.django_db
def test_the_password_step_of_staff_is_audited_as_password_accepted_not_as_login(client):
    user, _device = staff_with_device()

    log_in_with_password(client, user)

    assert actions(user) == [("password_accepted", "success")]


@pytest.mark.django_db
def test_login_is_audited_only_when_the_second_factor_has_passed(client):
    user, device = staff_with_device()
    log_in_with_password(client, user)

    enter_code(client, current_code(device))

    assert actions(user) == [("password_accepted", "success"), ("login", "success")]
    assert AuditEntry.objects.get(action="login").detail == {"factors": 2, "method": "authenticator", "step": "login"}


@pytest.mark.django_db
def test_a_referrer_without_a_second_factor_is_audited_as_logged_in_after_the_password(client):
    user = UserFactory(role=Role.REFERRER)

    log_in_with_password(client, user)

    assert actions(user) == [("login", "success")]


@pytest.mark.django_db
def test_each_wrong_code_is_audited_as_a_failure(client):
    user, _device = staff_with_device()
    log_in_with_password(client, user)

    enter_code(client, "000000")
    enter_code(client, "111111")

    assert actions(user)[1:] == [("second_factor_failed", "failure")] * 2


@pytest.mark.django_db
def test_the_session_key_is_renewed_when_the_second_factor_passes(client):
    user, device = staff_with_device()
    log_in_with_password(client, user)
    key_after_password = client.session.session_key

    enter_code(client, current_code(device))

    assert client.session.session_key != key_after_password
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_the_session_key_is_renewed_when_the_first_authenticator_is_linked(client):
    user = UserFactory(role=Role.DEPARTMENT_EDITOR)
    log_in_with_password(client, user)
    client.get(reverse("accounts:two_factor_setup"))
    key_after_password = client.session.session_key
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    client.post(reverse("accounts:two_factor_setup"), {"token": current_code(device)})

    assert client.session.session_key != key_after_password
    assert actions(user)[-1] == ("login", "success")


# --- the lock-out of the second step -----------------------------------------


@pytest.mark.django_db
def test_the_second_step_locks_after_the_limit_of_wrong_codes_even_for_the_right_code(client, settings):
    user, device = staff_with_device()
    log_in_with_password(client, user)
    for _ in range(settings.OTP_FAILURE_LIMIT):
        enter_code(client, "000000")
    reset_django_otp_back_off(device)

    response = enter_code(client, current_code(device))

    assert response.status_code == 429
    assert "te vaak een verkeerde code" in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


@pytest.mark.django_db
def test_one_wrong_code_less_than_the_limit_does_not_lock(client, settings):
    user, device = staff_with_device()
    log_in_with_password(client, user)
    for _ in range(settings.OTP_FAILURE_LIMIT - 1):
        enter_code(client, "000000")
    reset_django_otp_back_off(device)

    enter_code(client, current_code(device))

    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_the_lock_out_of_the_second_step_is_audited(client, settings):
    user, _device = staff_with_device()
    log_in_with_password(client, user)
    for _ in range(settings.OTP_FAILURE_LIMIT):
        enter_code(client, "000000")

    entry = AuditEntry.objects.get(action="second_factor_lockout")
    assert (entry.outcome, entry.actor_email, entry.detail["limit"]) == ("denied", user.email, settings.OTP_FAILURE_LIMIT)


@pytest.mark.django_db
def test_the_limit_of_wrong_codes_is_a_setting(client, settings):
    settings.OTP_FAILURE_LIMIT = 2
    user, _device = staff_with_device()
    log_in_with_password(client, user)

    enter_code(client, "000000")
    response = enter_code(client, "000000")

    assert response.status_code == 429


@pytest.mark.django_db
def test_the_lock_is_per_user_so_a_new_log_in_does_not_lift_it(client, settings):
    user, device = staff_with_device()
    log_in_with_password(client, user)
    for _ in range(settings.OTP_FAILURE_LIMIT):
        enter_code(client, "000000")
    client.post(reverse("accounts:logout"))
    reset_django_otp_back_off(device)
    log_in_with_password(client, user)

    response = enter_code(client, current_code(device))

    assert response.status_code == 429


@pytest.mark.django_db
def test_a_code_tried_during_the_lock_is_audited_as_denied(client, settings):
    user, device = staff_with_device()
    log_in_with_password(client, user)
    for _ in range(settings.OTP_FAILURE_LIMIT):
        enter_code(client, "000000")

    enter_code(client, current_code(device))

    assert actions(user)[-1] == ("second_factor_failed", "denied")


@pytest.mark.django_db
def test_the_lock_lifts_after_the_cool_off(client, settings):
    user, device = staff_with_device()
    log_in_with_password(client, user)
    for _ in range(settings.OTP_FAILURE_LIMIT):
        enter_code(client, "000000")
    User.objects.filter(pk=user.pk).update(second_factor_locked_until=timezone.now() - timedelta(seconds=1))
    reset_django_otp_back_off(device)

    enter_code(client, current_code(device))

    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_the_bureau_can_lift_the_lock_and_that_is_audited(client, settings):
    bureau = UserFactory(role=Role.BUREAU_ADMIN, is_superuser=True, email="bureau@topggz.example")
    user, device = staff_with_device(Role.DEPARTMENT_EDITOR)
    log_in_with_password(client, user)
    for _ in range(settings.OTP_FAILURE_LIMIT):
        enter_code(client, "000000")
    reset_django_otp_back_off(device)

    call_command("unlock_second_factor", user.email.upper(), "--actor", bureau.email, stdout=StringIO())
    enter_code(client, current_code(device))

    assert client.session.get("otp_device_id") == device.persistent_id
    unlock = AuditEntry.objects.get(action="second_factor_unlock")
    assert (unlock.actor_email, unlock.object_id, unlock.detail) == (bureau.email, str(user.pk), {"was_locked": True})


@pytest.mark.django_db
def test_wrong_codes_at_the_first_set_up_count_towards_the_lock(client, settings):
    user = UserFactory(role=Role.DEPARTMENT_EDITOR)
    log_in_with_password(client, user)
    client.get(reverse("accounts:two_factor_setup"))
    for _ in range(settings.OTP_FAILURE_LIMIT):
        client.post(reverse("accounts:two_factor_setup"), {"token": "000000"})

    response = client.get(reverse("accounts:two_factor_setup"))

    assert response.status_code == 429
    assert [a for a in actions(user) if a[0].startswith("second_factor")] == [("second_factor_failed", "failure")] * settings.OTP_FAILURE_LIMIT + [
        ("second_factor_lockout", "denied")
    ]


@pytest.mark.django_db
def test_a_recovery_code_still_passes_the_second_step_and_is_audited_as_such(client):
    user, _device = staff_with_device()
    code = services.new_recovery_codes(user)[0]
    log_in_with_password(client, user)

    enter_code(client, code)

    assert client.get(reverse("admin:index")).status_code == 200
    assert AuditEntry.objects.get(action="login").detail["method"] == "recovery_code"


@pytest.mark.django_db
def test_a_passed_code_resets_the_count_of_wrong_codes(client, settings):
    user, device = staff_with_device()
    log_in_with_password(client, user)
    enter_code(client, "000000")
    reset_django_otp_back_off(device)

    enter_code(client, current_code(device))

    assert User.objects.get(pk=user.pk).second_factor_failures == 0


@pytest.mark.django_db
def test_a_code_posted_at_the_set_up_during_a_lock_is_refused_and_audited_as_denied(client, settings):
    user = UserFactory(role=Role.DEPARTMENT_EDITOR)
    log_in_with_password(client, user)
    client.get(reverse("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    User.objects.filter(pk=user.pk).update(second_factor_locked_until=timezone.now() + COOLOFF)

    response = client.post(reverse("accounts:two_factor_setup"), {"token": current_code(device)})

    assert response.status_code == 429
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert actions(user)[-1] == ("second_factor_failed", "denied")
