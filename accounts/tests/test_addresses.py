"""One spelling per e-mail address, wherever an address is stored or compared (issue 10, finding 2)."""

import importlib
import re
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from accounts import services
from accounts.addresses import axes_username, normalize_email
from accounts.models import Invitation, User
from accounts.testing import login_verified

from .factories import PASSWORD, UserFactory

NO_MEMBERSHIPS = {"memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"}


def test_an_address_is_stripped_and_case_folded():
    assert normalize_email("  Analyst@TOPGGZ.Example\t") == "analyst@topggz.example"


def test_compatibility_characters_become_their_plain_letters():
    assert normalize_email("ｊａｎ@topggz.example") == "jan@topggz.example"


def test_no_address_is_the_empty_string():
    assert normalize_email(None) == ""


def test_the_lock_out_counts_by_the_normalised_address_from_the_credentials():
    assert axes_username(None, {"username": " ANALYST@topggz.example"}) == "analyst@topggz.example"


def test_the_lock_out_counts_by_the_normalised_address_from_the_posted_form():
    request = RequestFactory().post("/", {"username": "Analyst@TOPGGZ.example "})

    assert axes_username(request, None) == "analyst@topggz.example"


@pytest.mark.django_db
def test_a_user_is_stored_with_the_normalised_address_whoever_saves_it():
    user = User(email=" Noor.Visser@Afdeling.Example")
    user.set_password(PASSWORD)
    user.save()

    assert User.objects.get(pk=user.pk).email == "noor.visser@afdeling.example"


@pytest.mark.django_db
def test_a_user_is_found_by_any_spelling_of_the_address():
    user = UserFactory(email="noor@afdeling.example")

    assert User.objects.find_by_email(" NOOR@afdeling.EXAMPLE ") == user


@pytest.mark.django_db
def test_registration_stores_the_normalised_address(client):
    client.post(
        reverse("accounts:register"),
        {
            "email": " Huisarts@Praktijk.Example ",
            "first_name": "Eva",
            "last_name": "de Boer",
            "profession": "huisarts",
            "organisation": "Praktijk De Linde",
            "password1": "Sterk-wachtwoord-2026",
            "password2": "Sterk-wachtwoord-2026",
        },
    )

    assert list(User.objects.values_list("email", flat=True)) == ["huisarts@praktijk.example"]


@pytest.mark.django_db
def test_a_password_reset_asked_for_the_address_in_capitals_sends_the_link(client):
    UserFactory(email="vergeten@praktijk.example")

    client.post(reverse("accounts:password_reset"), {"email": " VERGETEN@Praktijk.example"})

    assert [m.to for m in mail.outbox] == [["vergeten@praktijk.example"]]


@pytest.mark.django_db
def test_an_invitation_is_stored_with_the_normalised_address():
    bureau = UserFactory(role="bureau_admin", is_superuser=True)

    invitation, _link = services.invite(email=" Nieuw@Afdeling.EXAMPLE", role="analyst", invited_by=bureau)

    assert Invitation.objects.get(pk=invitation.pk).email == "nieuw@afdeling.example"
    assert mail.outbox[-1].to == ["nieuw@afdeling.example"]


@pytest.mark.django_db
def test_accepting_an_invitation_for_an_address_in_another_case_upgrades_the_existing_account(client):
    bureau = UserFactory(role="bureau_admin", is_superuser=True)
    existing = UserFactory(email="noor@afdeling.example", role="referrer")
    _invitation, link = services.invite(email="NOOR@Afdeling.example", role="analyst", invited_by=bureau)
    path = re.search(r"(/account/uitnodiging/\S+)", link).group(1)

    client.post(path, {"first_name": "Noor", "last_name": "Visser", "password1": "Sterk-wachtwoord-2026", "password2": "Sterk-wachtwoord-2026"})

    assert list(User.objects.filter(email__iexact="noor@afdeling.example").values_list("pk", "role")) == [(existing.pk, "analyst")]


@pytest.mark.django_db
def test_the_admin_refuses_a_new_user_whose_address_differs_only_in_case_from_an_existing_one(client):
    bureau = UserFactory(role="bureau_admin", is_superuser=True)
    UserFactory(email="dubbel@afdeling.example")
    login_verified(client, bureau)

    response = client.post(
        reverse("admin:accounts_user_add"),
        {"email": "Dubbel@Afdeling.Example", "role": "analyst", "password1": "Sterk-wachtwoord-2026", "password2": "Sterk-wachtwoord-2026",
         "usable_password": "true", **NO_MEMBERSHIPS},
    )

    assert response.status_code == 200
    assert "Er is al een gebruiker met dit e-mailadres" in response.content.decode()
    assert User.objects.filter(email__iexact="dubbel@afdeling.example").count() == 1


@pytest.mark.django_db
def test_the_admin_stores_a_new_user_with_the_normalised_address(client):
    bureau = UserFactory(role="bureau_admin", is_superuser=True)
    login_verified(client, bureau)

    client.post(
        reverse("admin:accounts_user_add"),
        {"email": "Nieuw.Lid@Afdeling.Example", "role": "analyst", "password1": "Sterk-wachtwoord-2026", "password2": "Sterk-wachtwoord-2026",
         "usable_password": "true", **NO_MEMBERSHIPS},
    )

    assert User.objects.filter(email="nieuw.lid@afdeling.example").exists()


@pytest.mark.django_db
def test_the_data_migration_lowers_addresses_stored_in_mixed_case():
    user = UserFactory(email="analyst@topggz.example")
    User.objects.filter(pk=user.pk).update(email="Analyst@TOPGGZ.example")
    invitation = Invitation.objects.create(email="x@y.example", role="analyst", token_hash="0" * 64, expires_at="2030-01-01T00:00:00Z")
    Invitation.objects.filter(pk=invitation.pk).update(email="X@Y.example")
    migration = importlib.import_module("accounts.migrations.0004_normalise_emails")

    migration.forwards(django_apps, SimpleNamespace(connection=connection))

    assert User.objects.get(pk=user.pk).email == "analyst@topggz.example"
    assert Invitation.objects.get(pk=invitation.pk).email == "x@y.example"


@pytest.mark.django_db
def test_a_user_stored_in_mixed_case_before_the_migration_can_still_log_in(client):
    user = UserFactory(email="analyst@topggz.example", role="referrer")
    User.objects.filter(pk=user.pk).update(email="Analyst@TOPGGZ.example")

    response = client.post(reverse("accounts:login"), {"username": "analyst@topggz.example", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
