"""Keyboard-only use: the skip link and logging in without a mouse."""

import pytest
from django.urls import reverse

from .keyboard import focus_is_inside, focus_matches, focused, tab_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SKIP_LINK = "a.utrecht-skip-link"


def test_the_skip_link_is_the_first_tab_stop(page, url):
    page.goto(url("home"))
    page.keyboard.press("Tab")
    assert focus_matches(page, SKIP_LINK), focused(page)
    assert page.locator(SKIP_LINK).inner_text() == "Direct naar de inhoud"
    assert page.locator(SKIP_LINK).is_visible()


def test_following_the_skip_link_moves_focus_to_the_main_content(page, url):
    page.goto(url("home"))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.url.endswith("#main-content")
    # <main> itself need not take focus, but the next Tab must land inside it,
    # past the header, the language switch and the menu.
    page.keyboard.press("Tab")
    assert focus_is_inside(page, "main#main-content"), focused(page)


def test_logging_in_with_the_keyboard_alone_shows_a_dutch_error_for_a_wrong_password(page, url):
    page.goto(url("home"))
    tab_until(page, f'nav a[href="{reverse("accounts:login")}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(url("accounts:login"))
    # The e-mail field has autofocus; Tab to it if a browser ignored that.
    if not focus_matches(page, "#id_username"):
        tab_until(page, "#id_username")
    page.keyboard.type("niemand@topggz.example")
    page.keyboard.press("Tab")
    assert focus_matches(page, "#id_password"), focused(page)
    page.keyboard.type("verkeerd-wachtwoord")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    alert = page.get_by_role("alert")
    assert "Dit e-mailadres en wachtwoord horen niet bij elkaar" in alert.inner_text()
    assert page.locator("html").get_attribute("lang") == "nl"
