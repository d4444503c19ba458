"""Triage in a real browser: the questionnaire and the result pass axe with and without JavaScript, a professional
answers the questionnaire without JavaScript, and the triage pages do not scroll sideways at 320 CSS pixels.

Referrers log in with a password only; department staff and the bureau with both factors. The tests hand the
browser the session cookie of a verified session made with Django's test client (``login_verified``).
"""

from __future__ import annotations

import pytest

from .axe import assert_no_axe_violations, assert_no_axe_violations_without_js
from .conftest import TIMEOUT_MS
from .test_reflow import NARROW, assert_reflows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EXAMPLE = "voorbeeld-hoogspecialistisch"
SUBMIT = "Bekijk de uitslag"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(live_server, user, *pages) -> None:
    from django.conf import settings
    from django.test import Client

    from accounts.testing import login_verified

    session_id = login_verified(Client(), user).cookies[settings.SESSION_COOKIE_NAME].value
    for page in pages:
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session_id, "url": live_server.url, "httpOnly": True}]
        )


@pytest.fixture
def referrer(db):
    from accounts.roles import Role
    from triage.tests.builders import person

    return person(Role.REFERRER)


@pytest.fixture
def questionnaire(url):
    return url("triage:questionnaire", EXAMPLE)


def answer_everything(page, *, last: str = "Ja") -> None:
    """Choose a target group and age, a postcode, then 'Ja' on every question (``last`` on the last)."""
    page.get_by_label("Doelgroep").select_option("psychotrauma")
    page.get_by_label("Leeftijdsgroep").select_option("adults")
    page.get_by_label("Postcode van de patiënt").fill("3511")
    groups = page.locator("fieldset.topggz-question")
    count = groups.count()
    for index in range(count):
        groups.nth(index).get_by_label("Ja" if index < count - 1 else last, exact=True).check()


@pytest.fixture
def result_address(demo_register, referrer, url):
    """The result page of a high-specialist outcome for psychotrauma, adults, 3511: departments to show."""
    from triage import services
    from triage.tests.builders import example_version

    result = services.record_result(
        user=referrer, version_id=example_version().pk, answers=dict.fromkeys(
            ["ernstige_beperkingen", "meerdere_aandoeningen", "standaardbehandeling_onvoldoende", "hoogspecialistisch_aanbod", "kan_meedoen"], True),
        target_group="psychotrauma", age_group="adults", pc4="3511",
    )
    return url("triage:result", result.pk)


# ------------------------------------------------------------------ axe: the questionnaire


def test_the_questionnaire_has_no_wcag_violations_with_javascript(page, live_server, referrer, questionnaire):
    log_in(live_server, referrer, page)
    page.goto(questionnaire)
    assert page.locator("fieldset.topggz-question legend").count() == 8
    assert_no_axe_violations(page)


def test_the_questionnaire_has_no_wcag_violations_without_javascript(page_nojs, axe_page, live_server, referrer, questionnaire):
    log_in(live_server, referrer, page_nojs, axe_page)
    page_nojs.goto(questionnaire)
    assert_no_axe_violations_without_js(page_nojs, axe_page)


def test_the_questionnaire_with_errors_has_no_wcag_violations_with_javascript(page, live_server, referrer, questionnaire):
    log_in(live_server, referrer, page)
    page.goto(questionnaire)
    with page.expect_navigation():
        page.get_by_role("button", name=SUBMIT).click()
    summary = page.get_by_role("alert")
    assert "Er zijn 9 problemen" in summary.inner_text()
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'foutmeldingen'")
    summary.get_by_role("link", name="Vraag 3: kies ja, nee of weet ik niet.").click()
    assert page.evaluate("() => document.activeElement.id") == "id_vraag_zeldzaam_0"
    assert_no_axe_violations(page, "the questionnaire with every error")


def test_the_questionnaire_with_errors_has_no_wcag_violations_without_javascript(page_nojs, axe_page, live_server, referrer, questionnaire):
    log_in(live_server, referrer, page_nojs, axe_page)
    page_nojs.goto(questionnaire)
    with page_nojs.expect_navigation():
        page_nojs.get_by_role("button", name=SUBMIT).click()
    assert page_nojs.title().startswith("Fout:")
    assert_no_axe_violations_without_js(page_nojs, axe_page)


# ------------------------------------------------------------------ without JavaScript, start to finish


def test_a_professional_answers_the_questionnaire_without_javascript_and_sees_the_result(page_nojs, live_server, referrer, questionnaire, demo_register):
    log_in(live_server, referrer, page_nojs)
    page_nojs.goto(questionnaire)
    answer_everything(page_nojs, last="Weet ik niet")
    with page_nojs.expect_navigation():
        page_nojs.get_by_role("button", name=SUBMIT).click()
    assert "/triage/uitslag/" in page_nojs.url
    main = page_nojs.locator("main").inner_text()
    assert "Hoogspecialistische ggz" in main
    assert "Score: 13 van de 14 punten." in main
    assert page_nojs.locator(".topggz-hit").count() > 0  # departments from the finder's engine, as cards


# ------------------------------------------------------------------ axe: the result


def test_the_result_has_no_wcag_violations_with_javascript(page, live_server, referrer, result_address):
    log_in(live_server, referrer, page)
    page.goto(result_address)
    assert page.locator(".topggz-hit").count() > 0
    assert_no_axe_violations(page)


def test_the_result_has_no_wcag_violations_without_javascript(page_nojs, axe_page, live_server, referrer, result_address):
    log_in(live_server, referrer, page_nojs, axe_page)
    page_nojs.goto(result_address)
    assert page_nojs.locator(".topggz-hit").count() > 0
    assert_no_axe_violations_without_js(page_nojs, axe_page)


# ------------------------------------------------------------------ reflow at 320 CSS pixels


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def narrow_page(request, browser, live_server):
    context = browser.new_context(locale="nl-NL", viewport=NARROW, java_script_enabled=request.param)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_the_questionnaire_and_its_errors_do_not_scroll_sideways_at_320_css_pixels(narrow_page, live_server, referrer, questionnaire):
    log_in(live_server, referrer, narrow_page)
    narrow_page.goto(questionnaire)
    assert_reflows(narrow_page)
    with narrow_page.expect_navigation():
        narrow_page.get_by_role("button", name=SUBMIT).click()
    assert_reflows(narrow_page)


def test_the_result_does_not_scroll_sideways_at_320_css_pixels(narrow_page, live_server, referrer, result_address):
    log_in(live_server, referrer, narrow_page)
    narrow_page.goto(result_address)
    assert_reflows(narrow_page)


@pytest.fixture
def registrations(db):
    """A department with a quarter of registrations, its editor, and the bureau."""
    from datetime import date

    from accounts.roles import Role
    from register.tests.factories import DepartmentFactory
    from triage import services
    from triage.tests.builders import bureau, intake, person

    department = DepartmentFactory(name="Kinderenjeugdpsychiatrischebehandelingsexpertisecentrumafdeling Noord")
    editor = person(Role.DEPARTMENT_EDITOR, departments=[department])
    for day in range(1, 8):
        services.register_intake(user=editor, department_id=department.pk, intake=intake(
            date(2026, 1, day), high=day % 3 > 0, tool=EXAMPLE, tool_version=1, score=11, tool_outcome="high_specialist", own_criteria=""))
    services.register_intake(user=editor, department_id=department.pk, intake=intake(date(2026, 2, 1), high=False))
    return editor, bureau()


@pytest.mark.parametrize("name", ["triage:index", "triage:intake", "triage:intake_new", "triage:intake_upload", "triage:analysis"])
def test_the_other_triage_pages_do_not_scroll_sideways_at_320_css_pixels(narrow_page, live_server, registrations, url, name):
    editor, staff = registrations
    log_in(live_server, staff if name == "triage:analysis" else editor, narrow_page)
    narrow_page.goto(url(name) + ("?kwartaal=2026-Q1" if name == "triage:intake" else ""))
    assert narrow_page.url.startswith(url(name))
    assert_reflows(narrow_page)


@pytest.mark.parametrize("name", ["triage:index", "triage:intake", "triage:intake_new", "triage:intake_upload", "triage:analysis"])
def test_the_other_triage_pages_have_no_wcag_violations(page, live_server, registrations, url, name):
    editor, staff = registrations
    log_in(live_server, staff if name == "triage:analysis" else editor, page)
    page.goto(url(name))
    assert_no_axe_violations(page)


# ------------------------------------------------------------------ criterion 2 from the registrations


POPULATION_CRITERION = 2


@pytest.fixture
def criterion_2_page(url):
    """(editor, address) of criterion 2 in a dossier with records of every kind, one quarter filled from the registrations."""
    from certification.tests.factories import DossierFactory, editor_of, fill

    dossier = fill(DossierFactory(), 2)
    dossier.treatment_quarters.filter(pk=dossier.treatment_quarters.first().pk).update(from_intake=True)
    return editor_of(dossier.department), url("certification:criterion", dossier.pk, POPULATION_CRITERION)


def test_the_criterion_2_page_with_the_fill_button_has_no_wcag_violations_with_javascript(page, live_server, criterion_2_page):
    editor, address = criterion_2_page
    log_in(live_server, editor, page)
    page.goto(address)
    assert page.get_by_role("button", name="Vul aan uit de intakeregistratie").is_visible()
    assert_no_axe_violations(page)


def test_the_criterion_2_page_with_the_fill_button_has_no_wcag_violations_without_javascript(page_nojs, axe_page, live_server, criterion_2_page):
    editor, address = criterion_2_page
    log_in(live_server, editor, page_nojs, axe_page)
    page_nojs.goto(address)
    assert_no_axe_violations_without_js(page_nojs, axe_page)


def test_an_editor_fills_criterion_2_from_the_registrations_without_javascript(page_nojs, url, live_server):
    from datetime import date

    from accounts.roles import Role
    from certification.tests.factories import DossierFactory
    from triage import services
    from triage.tests.builders import intake, person

    dossier = DossierFactory()  # visitation 2022-06-15: 2021-Q3 counts
    editor = person(Role.DEPARTMENT_EDITOR, departments=[dossier.department])
    for day in (5, 6, 7):
        services.register_intake(user=editor, department_id=dossier.department_id, intake=intake(date(2021, 7, day), high=day != 7))

    log_in(live_server, editor, page_nojs)
    page_nojs.goto(url("certification:criterion", dossier.pk, POPULATION_CRITERION))
    with page_nojs.expect_navigation():
        page_nojs.get_by_role("button", name="Vul aan uit de intakeregistratie").click()
    main = page_nojs.locator("main").inner_text()
    assert "Aangevuld uit de intakeregistratie (2021-06-15 t/m 2022-06-14): 1 kwartaal toegevoegd." in main
    assert "uit de intakeregistratie" in main
    with page_nojs.expect_navigation():
        page_nojs.get_by_role("link", name="Bekijk de registraties").first.click()
    assert "kwartaal=2021-Q3" in page_nojs.url
    assert page_nojs.locator("main tbody tr").count() >= 3  # the quarter's figures and its three registrations
