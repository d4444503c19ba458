"""Account pages in a real browser: the authenticator QR code is drawn, and the
password-reset pages look like the other account pages and pass axe (issue 10, findings 14 and 22)."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .axe import assert_no_axe_violations, assert_no_axe_violations_without_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Een-lang-wachtwoord-2026"
TEXTBOX = "utrecht-textbox"


@pytest.fixture
def editor(live_server):
    """A department editor with a password and no authenticator yet (committed for the live server)."""
    from accounts.models import User

    return User.objects.create_user("redacteur@afdeling.example", PASSWORD, role="department_editor", is_staff=True)


def log_in_with_password(page, url, email):
    page.goto(url("accounts:login"))
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()


def reset_link(url, user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return url("accounts:password_reset_confirm", uidb64=uid, token=default_token_generator.make_token(user))


# --- finding 14: the QR code ---------------------------------------------------


def test_the_qr_code_on_the_authenticator_set_up_page_is_drawn(page, url, editor):
    log_in_with_password(page, url, editor.email)

    page.goto(url("accounts:two_factor_setup"))
    qr = page.get_by_role("img", name="QR-code voor uw authenticator-app")
    qr.wait_for()
    page.wait_for_function("img => img.complete", arg=qr.element_handle())

    assert qr.evaluate("img => img.naturalWidth") > 0
    assert qr.evaluate("img => img.naturalHeight") > 0


# --- finding 22: the password-reset pages ----------------------------------------


def test_the_reset_request_page_has_a_styled_field_and_no_wcag_violations(page, url):
    page.goto(url("accounts:password_reset"))

    assert TEXTBOX in page.get_by_label("E-mailadres").get_attribute("class")
    assert_no_axe_violations(page)


def test_the_reset_request_with_an_invalid_address_shows_the_error_at_the_field_without_wcag_violations(page_nojs, axe_page, url):
    page_nojs.goto(url("accounts:password_reset"))
    page_nojs.get_by_label("E-mailadres").fill("geen-adres")
    with page_nojs.expect_navigation():
        page_nojs.get_by_role("button", name="Link versturen").click()

    field = page_nojs.get_by_label("E-mailadres")
    assert field.get_attribute("aria-invalid") == "true"
    assert page_nojs.locator(".utrecht-form-field-error-message").count() == 1
    assert_no_axe_violations_without_js(page_nojs, axe_page)


def test_the_reset_sent_page_has_no_wcag_violations(page, url, editor):
    page.goto(url("accounts:password_reset"))
    page.get_by_label("E-mailadres").fill(editor.email.upper())
    with page.expect_navigation():
        page.get_by_role("button", name="Link versturen").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Kijk in uw e-mail"
    assert_no_axe_violations(page)


def test_the_choose_a_new_password_page_is_dutch_styled_and_has_no_wcag_violations(page, url, editor):
    page.goto(reset_link(url, editor))

    assert page.get_by_role("heading", level=1).inner_text() == "Nieuw wachtwoord kiezen"
    assert TEXTBOX in page.get_by_label("Nieuw wachtwoord", exact=True).get_attribute("class")
    assert TEXTBOX in page.get_by_label("Nieuw wachtwoord nog een keer").get_attribute("class")
    assert_no_axe_violations(page)


def test_two_different_new_passwords_are_refused_with_a_dutch_error_and_no_wcag_violations(page_nojs, axe_page, url, editor):
    page_nojs.goto(reset_link(url, editor))
    page_nojs.get_by_label("Nieuw wachtwoord", exact=True).fill("Nieuw-wachtwoord-2026")
    page_nojs.get_by_label("Nieuw wachtwoord nog een keer").fill("Ander-wachtwoord-2026")
    with page_nojs.expect_navigation():
        page_nojs.get_by_role("button", name="Wachtwoord opslaan").click()

    assert "De twee wachtwoorden zijn niet gelijk." in page_nojs.locator(".utrecht-form-field-error-message").all_inner_texts()
    assert_no_axe_violations_without_js(page_nojs, axe_page)


def test_a_new_password_is_saved_and_the_done_page_has_no_wcag_violations(page, url, editor):
    page.goto(reset_link(url, editor))
    page.get_by_label("Nieuw wachtwoord", exact=True).fill("Nieuw-wachtwoord-2026")
    page.get_by_label("Nieuw wachtwoord nog een keer").fill("Nieuw-wachtwoord-2026")
    with page.expect_navigation():
        page.get_by_role("button", name="Wachtwoord opslaan").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Wachtwoord gewijzigd"
    editor.refresh_from_db()
    assert editor.check_password("Nieuw-wachtwoord-2026")
    assert_no_axe_violations(page)


def test_a_used_or_wrong_reset_link_says_so_in_dutch_without_wcag_violations(page, url):
    page.goto(url("accounts:password_reset_confirm", uidb64="MTIz", token="verkeerd-token"))

    assert page.get_by_role("heading", level=1).inner_text() == "Deze link werkt niet meer"
    assert_no_axe_violations(page)


def test_the_locked_second_step_page_is_dutch_and_has_no_wcag_violations(page, url, editor):
    from datetime import timedelta

    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User

    TOTPDevice.objects.create(user=editor, name="authenticator", confirmed=True)
    User.objects.filter(pk=editor.pk).update(second_factor_locked_until=timezone.now() + timedelta(minutes=15))
    log_in_with_password(page, url, editor.email)

    response = page.goto(url("accounts:two_factor"))

    assert response.status == 429
    assert page.get_by_role("heading", level=1).inner_text() == "Tweede stap tijdelijk geblokkeerd"
    assert_no_axe_violations(page)
