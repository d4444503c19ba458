"""The finder's concept links, its badge legend and its empty-result advice in a real browser (issue 11)."""

import re

import pytest

from .axe import assert_no_axe_violations
from .test_finder import js, any_page, search_url  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo_register"),
]

QUERY = "eetstoornissen jongeren"
REMOVE = "Eetstoornissen weghalen uit de zoekopdracht"


def understood(page) -> str:
    return page.locator(".topggz-concepts").inner_text()


def test_one_click_removes_a_concept_and_a_new_search_keeps_it_out(any_page, url, js):
    any_page.goto(search_url(url, q=QUERY))
    if js:
        any_page.wait_for_function("() => window.htmx !== undefined && document.readyState === 'complete'")
    any_page.get_by_role("link", name=REMOVE).click()

    any_page.wait_for_url(re.compile(r"niet=eetstoornissen"))
    any_page.wait_for_function("() => !document.querySelector('.topggz-concepts strong') || ![...document.querySelectorAll('.topggz-concepts strong')].some(e => e.textContent === 'Eetstoornissen')")
    assert "Jongeren" in understood(any_page)
    assert any_page.locator("#zoek-q").input_value() == QUERY
    assert any_page.get_by_role("link", name="Eetstoornissen weer meenemen").is_visible()

    any_page.get_by_role("button", name="Zoeken", exact=True).click()  # the form sends "niet" again
    any_page.wait_for_load_state()
    assert any_page.locator('#zoek-niet input[name="niet"][value="eetstoornissen"]').count() == 1
    assert "niet=eetstoornissen" in any_page.url


def test_the_open_badge_legend_and_the_concept_links_pass_axe(page, url):
    page.goto(search_url(url, q=QUERY))
    page.locator(".topggz-legend__summary").click()

    assert page.locator(".topggz-legend__list").is_visible()
    assert_no_axe_violations(page, "results with the badge legend open")


def test_the_empty_result_advice_passes_axe(page, url):
    page.goto(search_url(url, q="eetstoornissen", doelgroep="angst", provincie="PV20"))

    assert page.locator(".topggz-no-results").get_by_role("link", name="0800-0113").is_visible()
    assert_no_axe_violations(page, "no results with the advice")
