"""The knowledge base page and a department's Kennis section in a real browser: no WCAG 2.1 A/AA
violations (axe), with and without JavaScript, and no sideways scrolling at 320 CSS px, with a long
Dutch compound and a long DOI in the data."""

import datetime

import pytest
from django.urls import reverse

from .axe import assert_no_axe_violations, assert_no_axe_violations_without_js
from .conftest import TIMEOUT_MS
from .test_reflow import LONG_COMPOUND, NARROW, assert_reflows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LONG_DOI = "10.1016/j.kinderenjeugdpsychiatrie.expertisecentrum.2024.01.0123456789"


@pytest.fixture
def knowledge(demo_register):
    """The first demo department with one public item of every kind (long words included), and a
    publication it shares with the second."""
    from certification.tests import factories as f
    from register.demo import demo_departments

    first, second = list(demo_departments().order_by("slug")[:2])
    dossier, other = f.DossierFactory(department=first), f.DossierFactory(department=second)
    study = f.StudyFactory(dossier=dossier, public=True, title=f"{LONG_COMPOUND}onderzoek", phase="dataverzameling")
    f.InnovationFactory(
        dossier=dossier, public=True, title=f"{LONG_COMPOUND} in vier dagen", innovative_aspect="Alles in vier dagen.",
        difference_from_regular_care="Geen wekelijkse sessies.", effectiveness_design="Gerandomiseerd.", study=study,
    )
    f.PublicationFactory(dossier=dossier, public=True, title=f"{LONG_COMPOUND}: een studie", doi=LONG_DOI)
    for record in (dossier, other):
        f.PublicationFactory(dossier=record, public=True, title="Samen in een netwerk", doi="10.1/netwerk", date=datetime.date(2024, 5, 1))
    f.PresentationFactory(dossier=dossier, public=True, title="Lezing", presenter="Dr. P. Jansen")
    f.TrainingPlaceFactory(dossier=dossier, public=True, discipline="klinisch_psycholoog")
    f.PatientParticipationFactory(dossier=dossier, public=True, title="Cliëntenpanel", result="Folder herschreven.")
    # The finder's word lists load once per process (about 3 s, more on a busy machine): load them
    # before the first page is asked for, so a page's time-out measures the page.
    from register.search.lexicon import word_list

    word_list("nl"), word_list("en")
    return first


@pytest.fixture(params=["knowledge-base", "knowledge-base-search", "department"])
def knowledge_address(request, live_server, knowledge):
    if request.param == "department":
        return live_server.url + reverse("register:department_detail", args=[knowledge.slug]) + "#kennis"
    query = "?q=dwang&soort=publicatie&soort=innovatie" if request.param.endswith("search") else ""
    return live_server.url + reverse("knowledge:index") + query


def test_the_page_has_no_wcag_violations_with_javascript(knowledge_address, page):
    page.goto(knowledge_address)
    assert page.locator(".topggz-knowledge-item").count() > 0 or "q=" in knowledge_address
    assert_no_axe_violations(page)


def test_the_page_has_no_wcag_violations_without_javascript(knowledge_address, page_nojs, axe_page):
    page_nojs.goto(knowledge_address)
    assert_no_axe_violations_without_js(page_nojs, axe_page)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_the_page_does_not_scroll_sideways_at_320_css_pixels(browser, knowledge_address, javascript):
    context = browser.new_context(locale="nl-NL", viewport=NARROW, java_script_enabled=javascript)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(knowledge_address)
        assert_reflows(page)
    finally:
        context.close()


def test_the_filters_work_without_javascript(page_nojs, live_server, knowledge):
    page_nojs.goto(live_server.url + reverse("knowledge:index"))
    page_nojs.get_by_label("Innovatie").check()
    page_nojs.get_by_role("button", name="Zoeken").click()

    assert "soort=innovatie" in page_nojs.url
    kinds = page_nojs.locator(".topggz-knowledge-item__kind .topggz-badge").all_inner_texts()
    assert kinds and set(kinds) == {"Innovatie"}


def test_a_shared_publication_shows_once_with_both_departments(page, live_server, knowledge):
    page.goto(live_server.url + reverse("knowledge:index") + "?soort=publicatie")

    shared = page.locator(".topggz-knowledge-item", has_text="Samen in een netwerk")
    assert shared.count() == 1
    assert shared.get_by_role("link").count() >= 2
