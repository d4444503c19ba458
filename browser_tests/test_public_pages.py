"""Accessibility (axe, WCAG 2.1 A and AA) of the pages that exist without the finder."""

import pytest

from .axe import assert_no_axe_violations, assert_no_axe_violations_without_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PAGES = {
    "home": "home",
    "accessibility-statement": "accessibility",
    "login": "accounts:login",
    "registration": "accounts:register",
    "open-data": "open-data",
    "knowledge-base": "knowledge:index",
}


@pytest.fixture(params=list(PAGES))
def public_page(request, url):
    """The address of one public page; the home page is shown with the demo register in it."""
    if request.param == "home":
        request.getfixturevalue("demo_register")
    return url(PAGES[request.param])


def test_the_page_has_no_wcag_violations_with_javascript(public_page, page):
    page.goto(public_page)
    assert_no_axe_violations(page)


def test_the_page_has_no_wcag_violations_without_javascript(public_page, page_nojs, axe_page):
    page_nojs.goto(public_page)
    assert_no_axe_violations_without_js(page_nojs, axe_page)


def test_the_registration_form_with_errors_has_no_wcag_violations_without_javascript(page_nojs, axe_page, url):
    page_nojs.goto(url("accounts:register"))
    page_nojs.get_by_role("button", name="Account aanmaken").click()
    assert page_nojs.locator(".utrecht-form-field-error-message").count() > 0
    assert_no_axe_violations_without_js(page_nojs, axe_page)
