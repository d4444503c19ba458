"""The API token page (/api-sleutels/) in a real browser: axe finds no WCAG 2.1 A/AA violation with
JavaScript on and off, with a token in the list and a new token shown once; at 320 CSS pixels the
page does not scroll sideways (a token is one long word)."""

from __future__ import annotations

import pytest

from .axe import assert_no_axe_violations, assert_no_axe_violations_without_js
from .test_consultation import log_in
from .test_reflow import ELEMENTS_PAST_THE_EDGE, NARROW

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def manager(live_server):
    from accounts.roles import Role
    from api import services
    from consultation.tests.builders import desk_department, staff_of, with_geo

    with_geo()
    department = desk_department(name="Centrum Psychotrauma Zuid")
    person = staff_of(department, role=Role.DEPARTMENT_MANAGER)
    services.create_token(actor=person, department=department, name="Ons EPD", scopes=["consultation-inbox"])
    return person


def make_token(page, url):
    page.goto(url("api-tokens"))
    page.locator("#id_name").fill("Capaciteitskoppeling")
    page.locator('input[name="scopes"][value="capacity"]').check()
    page.get_by_role("button", name="Sleutel maken").click()
    assert page.locator(".topggz-token").count() == 1


def test_the_token_page_with_a_new_token_has_no_wcag_violations_with_javascript(page, live_server, url, manager):
    log_in(live_server, manager, page)
    make_token(page, url)
    assert_no_axe_violations(page)


def test_the_token_page_with_a_new_token_has_no_wcag_violations_without_javascript(page_nojs, axe_page, live_server, url, manager):
    log_in(live_server, manager, page_nojs)
    make_token(page_nojs, url)
    assert_no_axe_violations_without_js(page_nojs, axe_page)


def test_the_token_page_does_not_scroll_sideways_at_320_css_pixels(browser, live_server, url, manager):
    context = browser.new_context(locale="nl-NL", viewport=NARROW)
    page = context.new_page()
    try:
        log_in(live_server, manager, page)
        make_token(page, url)
        measured = page.evaluate(ELEMENTS_PAST_THE_EDGE)
        assert measured["scrollWidth"] <= measured["edge"] and not measured["found"], measured
    finally:
        context.close()
