"""The language switch works as a plain form, without JavaScript."""

import pytest
from django.utils import translation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

HEADING_NL = "Hulp bij ernstige, ingewikkelde of zeldzame psychische problemen"


def switch_language(page, language_name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=language_name, exact=True).click()


def test_the_language_switch_changes_the_page_to_english_and_back_without_javascript(page_nojs, url, live_server):
    with translation.override("en"):
        heading_en = translation.gettext(HEADING_NL)
    assert heading_en != HEADING_NL, "the English translation of the home heading is missing"
    page_nojs.goto(url("home"))
    assert page_nojs.locator("html").get_attribute("lang") == "nl"

    switch_language(page_nojs, "English")
    assert (page_nojs.url, page_nojs.locator("html").get_attribute("lang")) == (live_server.url + "/en/", "en")
    assert page_nojs.get_by_role("heading", level=1).inner_text() == heading_en

    switch_language(page_nojs, "Nederlands")
    assert (page_nojs.url, page_nojs.locator("html").get_attribute("lang")) == (live_server.url + "/", "nl")
    assert page_nojs.get_by_role("heading", level=1).inner_text() == HEADING_NL
