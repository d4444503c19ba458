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


# --- the lock-out holds for every spelling of the address (issue 10, finding 2) ---


@pytest.mark.parametrize("spelling", ["ANALYST@TOPGGZ.EXAMPLE", " analyst@topggz.example", "Analyst@Topggz.Example "])
def test_the_lock_holds_for_the_address_in_another_letter_case_or_with_spaces(client, spelling):
    UserFactory(email="analyst@topggz.example", role="referrer")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "analyst@topggz.example", "verkeerd-wachtwoord")

    response = attempt(client, spelling, PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_refused_log_in_in_another_spelling_does_not_clear_the_lock(client):
    UserFactory(email="analyst@topggz.example", role="referrer")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "analyst@topggz.example", "verkeerd-wachtwoord")
    attempt(client, "ANALYST@TOPGGZ.EXAMPLE", PASSWORD)

    response = attempt(client, "analyst@topggz.example", PASSWORD)

    assert response.status_code == 429


def test_wrong_passwords_in_different_spellings_count_together(client):
    UserFactory(email="analyst@topggz.example", role="referrer")
    spellings = ["analyst@topggz.example", "ANALYST@topggz.example", " analyst@TOPGGZ.example", "Analyst@topggz.example "]
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, spellings[number % len(spellings)], "verkeerd-wachtwoord")

    response = attempt(client, "analyst@topggz.example", PASSWORD)

    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"analyst@topggz.example"}


def test_the_right_password_with_the_address_in_capitals_logs_in_when_there_is_no_lock(client):
    user = UserFactory(email="analyst@topggz.example", role="referrer")

    response = attempt(client, " ANALYST@topggz.example", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


# --- what the pages say about the lock-out is true ---------------------------


def test_the_wrong_password_message_names_the_configured_limit_and_cool_off(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=20)
    user = UserFactory()

    response = attempt(client, user.email, "verkeerd-wachtwoord")

    assert "na 3 pogingen wordt inloggen 20 minuten geblokkeerd" in response.content.decode()


def test_the_lock_out_page_names_the_configured_cool_off(client, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, user.email, "verkeerd-wachtwoord")

    response = attempt(client, user.email, PASSWORD)

    assert "Probeer het over 30 minuten opnieuw" in response.content.decode()


def test_choosing_a_new_password_from_a_reset_link_lifts_the_lock_out_as_the_lock_out_page_says(client):
    import re

    from django.core import mail

    from audit.models import AuditEntry

    user = UserFactory(email="analyst@topggz.example")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, user.email, "verkeerd-wachtwoord")
    client.post(reverse("accounts:password_reset"), {"email": "Analyst@topggz.example"})
    link = re.search(r"http://testserver(\S+)", mail.outbox[-1].body).group(1)
    form_page = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_page, {"new_password1": "Nieuw-wachtwoord-2026", "new_password2": "Nieuw-wachtwoord-2026"})

    response = attempt(client, "ANALYST@topggz.example", "Nieuw-wachtwoord-2026")

    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="update", object_id=str(user.pk), detail={"password": "reset_link"}).exists()
