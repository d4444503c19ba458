"""Registration does not tell whether an address has an account (issue 10, finding 8)."""

import re
from unittest import mock

import pytest
from django.contrib.auth.hashers import get_hasher
from django.core import mail
from django.urls import reverse

from accounts.models import User

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Sterk-wachtwoord-2026"


def register(client, email):
    return client.post(
        reverse("accounts:register"),
        {
            "email": email,
            "first_name": "Eva",
            "last_name": "de Boer",
            "profession": "huisarts",
            "organisation": "Praktijk De Linde",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )


def page_template(response):
    return next(t.name for t in response.templates if not t.name.startswith("accounts/email/"))


def page_without(response, email):
    """The page with the address and the per-response values (CSRF token, CSP nonce) left out."""
    return re.sub(r'(value|nonce)="[^"]*"', "", response.content.decode().replace(email, "ADDRESS"))


def test_registering_a_taken_address_gets_the_same_answer_as_a_new_one(client):
    UserFactory(email="bezet@praktijk.example")

    taken = register(client, "bezet@praktijk.example")
    new = register(client, "nieuw@praktijk.example")

    assert (taken.status_code, page_template(taken)) == (new.status_code, page_template(new))
    assert page_without(taken, "bezet@praktijk.example") == page_without(new, "nieuw@praktijk.example")
    assert "Er is al een account" not in taken.content.decode()


def test_registering_a_taken_address_in_other_letters_gets_the_same_answer(client):
    UserFactory(email="bezet@praktijk.example")

    response = register(client, " BEZET@Praktijk.example")

    assert response.status_code == 200
    assert page_template(response) == "accounts/register_done.html"


def test_the_holder_of_a_taken_address_is_told_by_e_mail_with_links_to_log_in_and_reset(client):
    UserFactory(email="bezet@praktijk.example")

    register(client, "BEZET@praktijk.example")

    (message,) = mail.outbox
    assert message.to == ["bezet@praktijk.example"]
    assert "geprobeerd een account" in message.body
    assert "http://testserver/account/inloggen/" in message.body
    assert "http://testserver/account/wachtwoord-vergeten/" in message.body


def test_registering_a_taken_address_changes_nothing_of_the_existing_account(client):
    user = UserFactory(email="bezet@praktijk.example", first_name="Sam")

    register(client, "bezet@praktijk.example")

    user.refresh_from_db()
    assert (user.first_name, user.check_password(PASSWORD), User.objects.count()) == ("Sam", True, 1)


def test_an_unconfirmed_referrer_gets_a_fresh_confirmation_link_in_that_e_mail(client):
    UserFactory(email="wacht@praktijk.example", is_active=False)

    register(client, "wacht@praktijk.example")

    assert "/account/bevestigen/" in mail.outbox[-1].body


def test_an_account_the_bureau_switched_off_gets_no_confirmation_link(client):
    UserFactory(email="uit@praktijk.example", is_active=False, role="analyst")

    register(client, "uit@praktijk.example")

    assert "/account/bevestigen/" not in mail.outbox[-1].body


def test_both_answers_hash_the_password_once_so_the_timing_does_not_tell(client):
    UserFactory(email="bezet@praktijk.example")
    hasher = type(get_hasher("default"))
    counts = []
    for email in ("bezet@praktijk.example", "nieuw@praktijk.example"):
        with mock.patch.object(hasher, "encode", autospec=True, side_effect=hasher.encode) as encode:
            register(client, email)
        counts.append(encode.call_count)

    assert counts == [1, 1]
