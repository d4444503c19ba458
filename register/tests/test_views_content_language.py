"""WCAG 3.1.2 (language of parts): on English pages, what the register holds in Dutch only is marked lang="nl".

Department names, descriptions, how to request an offer, the reason of a
registration pause, exclusion notes and location names are written by the
departments in Dutch and have no English version. A screen reader reads them
with Dutch pronunciation only when their element says lang="nl".
"""

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from geo.testing import load_small_geo
from register.models import Offer
from register.tests.factories import DepartmentExclusionFactory, DepartmentFactory, LocationFactory, OfferFactory

pytestmark = pytest.mark.django_db

NAME = "Centrum Psychotrauma Utrecht"
DESCRIPTION = "Wij helpen mensen met ernstige klachten na een schokkende gebeurtenis."
HOW_TO_REQUEST = "Bel eerst met het secretariaat."
PAUSE_REASON = "Wij hebben te weinig behandelaars."
EXCLUSION_NOTE = "Na zes weken zonder gebruik kan het wel."
LOCATION = "Polikliniek Oudegracht"
DUTCH_ONLY = [NAME, DESCRIPTION, HOW_TO_REQUEST, PAUSE_REASON, EXCLUSION_NOTE, LOCATION]

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Languages(HTMLParser):
    """Each text of the <body> with the language it is in: the lang of its nearest element that has one."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []  # (tag, lang)
        self.texts: list[tuple[str | None, str]] = []

    def language(self):
        return next((lang for _tag, lang in reversed(self.stack) if lang is not None), None)

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if data.strip() and any(tag == "body" for tag, _lang in self.stack):
            self.texts.append((self.language(), data.strip()))


def languages_of(html: str, text: str) -> set:
    """The languages in which `text` appears in the page (None: no lang anywhere around it)."""
    parser = _Languages()
    parser.feed(html)
    return {language for language, data in parser.texts if text in data}


@pytest.fixture(autouse=True)
def dutch():
    """Start in Dutch, and leave no language active behind (a request to /en/ activates English for the thread)."""
    with translation.override("nl"):
        yield


@pytest.fixture
def department():
    load_small_geo()
    department = DepartmentFactory(name=NAME, slug="centrum-psychotrauma-utrecht", description=DESCRIPTION,
                                   target_groups=["psychotrauma"])
    OfferFactory(
        department=department,
        kind=Offer.Kind.SECOND_OPINION,
        how_to_request=HOW_TO_REQUEST,
        status=Offer.Status.PAUSED,
        pause_reason=PAUSE_REASON,
        pause_expected_end=datetime.date(2027, 3, 1),
    )
    LocationFactory(department=department, name=LOCATION, city="Utrecht", latitude=52.0907, longitude=5.1214)
    DepartmentExclusionFactory(department=department, note=EXCLUSION_NOTE)
    return department


def get(client, name, *args, language, query=""):
    with translation.override(language):
        path = reverse(name, args=args)
    response = client.get(path + query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("text", DUTCH_ONLY)
def test_dutch_only_department_content_is_marked_dutch_on_the_english_department_page(client, department, text):
    html = get(client, "register:department_detail", department.slug, language="en")

    assert languages_of(html, text) == {"nl"}


def test_the_english_department_page_itself_stays_english(client, department):
    html = get(client, "register:department_detail", department.slug, language="en")

    assert '<html lang="en"' in html
    assert languages_of(html, "About this department") == {"en"}


def test_the_dutch_department_page_does_not_repeat_lang_nl_on_its_parts(client, department):
    html = get(client, "register:department_detail", department.slug, language="nl")

    assert languages_of(html, DESCRIPTION) == {"nl"}
    assert html.count(' lang="nl"') == 2  # only <html> and the language switch's "Nederlands" button


def test_the_department_name_on_an_english_result_card_is_marked_dutch(client, department):
    html = get(client, "register:search", language="en", query="?q=psychotrauma")

    assert 'class="topggz-hit"' in html
    assert languages_of(html, NAME) == {"nl"}


def test_the_department_name_on_a_dutch_result_card_has_no_lang_of_its_own(client, department):
    html = get(client, "register:search", language="nl", query="?q=psychotrauma")

    assert 'class="topggz-hit"' in html
    assert languages_of(html, NAME) == {"nl"}
    assert html.count(' lang="nl"') == 2  # only <html> and the language switch's "Nederlands" button
