"""Repeated failed log-ins lock the account for a while (django-axes)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration
from django.conf import settings
from django.urls import reverse

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def attempt(client, email, password):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_five_wrong_passwords_lock_the_login_even_for_the_right_password(client):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, user.email, "verkeerd-wachtwoord")

    response = attempt(client, user.email, PASSWORD)

    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_do_not_lock_the_login(client):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, user.email, "verkeerd-wachtwoord")

    response = attempt(client, user.email, PASSWORD)

    assert response.status_code == 302


def test_the_lock_lifts_after_the_cool_off_time(client):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, user.email, "verkeerd-wachtwoord")
    past = settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
    for access in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=access.pk).update(attempt_time=access.attempt_time - past)
    for expiration in AccessAttemptExpiration.objects.all():
        AccessAttemptExpiration.objects.filter(pk=expiration.pk).update(expires_at=expiration.expires_at - past)

    response = attempt(client, user.email, PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
