"""Logins, logouts and failed logins are written to the audit log."""

import pytest
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "Een-lang-wachtwoord-1"


def test_a_failed_login_writes_a_login_failed_entry_with_the_attempted_email(client):
    client.post(reverse("accounts:login"), {"username": "onbekend@topggz.example", "password": "fout"})

    entry = AuditEntry.objects.get(action="login_failed")
    assert (entry.outcome, entry.actor_email) == ("failure", "")
    assert entry.detail == {"attempted_email": "onbekend@topggz.example"}
    assert entry.client_ip == "127.0.0.1"


def test_a_successful_login_writes_a_login_entry(client):
    # A referrer needs no second factor, so the password completes the log-in;
    # staff's steps are in accounts/tests/test_login_steps.py.
    user = User.objects.create_user("verwijzer@praktijk.example", PASSWORD, is_active=True)

    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})

    entry = AuditEntry.objects.get(action="login")
    assert (entry.actor_email, entry.object_id, entry.outcome) == (user.email, str(user.pk), "success")


def test_logging_out_writes_a_logout_entry(client):
    user = User.objects.create_superuser("beheerder@topggz.example", PASSWORD)
    client.force_login(user)

    client.post(reverse("accounts:logout"))

    assert AuditEntry.objects.filter(action="logout", actor_email=user.email).exists()
