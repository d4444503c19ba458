"""The consultation desk (/consult/) in a real browser: axe finds no WCAG 2.1 A/AA violation on the request
form (both steps, and with errors), the inbox, the desk and the case page in every role's view, with
JavaScript on and off; and at 320 CSS pixels no desk page scrolls sideways.

People log in as after both factors: a session made with Django's test client (``login_verified``) is
handed to the browser context. The data are made through the desk's own services, committed, so the
live server sees them. Every step form on the case page sits in a closed <details>; the tests open
them all, so axe and the reflow check see the forms too.
"""

from __future__ import annotations

import pytest

from .axe import assert_no_axe_violations, assert_no_axe_violations_without_js
from .conftest import TIMEOUT_MS
from .test_reflow import ELEMENTS_PAST_THE_EDGE, LONG_COMPOUND, NARROW

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OPEN_ALL_STEPS = "() => document.querySelectorAll('details').forEach(d => d.open = true)"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def desk(live_server):
    """Two departments (one with a name too long for a 320 px line), their staff, a referrer, the bureau, a
    coordinator of the patients' region, and requests in several states (new, answered with messages,
    escalated, at the desk)."""
    from datetime import timedelta

    from consultation import services
    from consultation.tests.factories import (
        MONDAY,
        answered,
        bureau,
        coordinator,
        desk_department,
        escalated,
        referrer,
        region_of,
        staff_of,
        submitted,
        with_geo,
    )
    from register.models import DepartmentExclusion, ExclusionCriterion

    with_geo()
    first = desk_department(name=f"{LONG_COMPOUND} Centrum Trauma")
    second = desk_department(name="Centrum Psychotrauma Zuid")
    DepartmentExclusion.objects.create(department=second, criterion=ExclusionCriterion.objects.order_by("order", "label_nl").first(),
                                       note="Eerst ontgiften, dan behandelen.")
    staff, person = staff_of(first), referrer()
    new = submitted(person, first, target_groups=["psychotrauma", "depressie"])
    done = answered(person, first, staff, on=MONDAY + timedelta(days=7))
    services.post_message(user=person, request_id=done.pk, body="Dank voor het snelle antwoord. Nog één vraag.")
    stuck = escalated(person, first, on=MONDAY + timedelta(days=14))
    at_desk = submitted(person, None)
    return {
        "first": first, "second": second, "staff": staff, "referrer": person, "bureau": bureau(),
        "coordinator": coordinator(1, region=region_of("3511")), "new": new, "answered": done, "escalated": stuck,
        "at_desk": at_desk,
    }


def log_in(live_server, user, *pages) -> None:
    from django.conf import settings
    from django.test import Client

    from accounts.testing import login_verified

    client = login_verified(Client(), user)
    session_id = client.cookies[settings.SESSION_COOKIE_NAME].value
    for page in pages:
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session_id, "url": live_server.url, "httpOnly": True}]
        )


def fill_request(page, *, question="Hoe verder na twee behandelingen zonder effect?") -> None:
    """Step 1 of the request form, as a referrer fills it in, then "Zoek passende afdelingen"."""
    page.locator("#id_kind_0").check()
    page.locator("#id_profession").select_option("gp")
    page.locator("#id_question").fill(question)
    page.locator("#id_tried").fill("EMDR, 12 sessies, weinig effect.")
    page.locator('input[name="target_groups"][value="psychotrauma"]').check()
    page.locator("#id_age_group").select_option("adults")
    page.locator("#id_patient_pc4").fill("3511")
    page.locator("#id_waiting_since").fill("2026-01-05")
    page.locator('input[name="concerns"]').first.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Zoek passende afdelingen").click()


# --- the pages, each as (who, URL name, reference or None, what it must show, how to get there) -------------

PAGES = {
    "request-form": ("referrer", "consultation:new", None, "#id_question", None),
    "request-form-matching": ("referrer", "consultation:new", None, "#passend", "match"),
    "request-form-bsn-refused": ("referrer", "consultation:new", None, "#id_question_error", "bsn"),
    "mine": ("referrer", "consultation:mine", None, "table", None),
    "inbox": ("staff", "consultation:inbox", None, "table", None),
    "inbox-answered": ("staff", "consultation:inbox", None, "table", "?lijst=beantwoord"),
    "desk": ("bureau", "consultation:desk", None, "table", None),
    "escalations": ("coordinator", "consultation:escalations", None, "table", None),
    "case-new-department": ("staff", "consultation:case", "new", "#stap-doorsturen", None),
    "case-answered-referrer": ("referrer", "consultation:case", "answered", "#berichten", None),
    "case-at-desk-bureau": ("bureau", "consultation:case", "at_desk", "#stap-doorzetten", None),
    "case-escalated-coordinator": ("coordinator", "consultation:case", "escalated", "#kop-escalatie", None),
}


@pytest.fixture(params=list(PAGES))
def desk_page(request, desk, url):
    who, name, which, shows, how = PAGES[request.param]
    address = url(name, desk[which].reference) if which else url(name)
    if how and how.startswith("?"):
        address += how
        how = None
    return desk[who], address, shows, how


def open_desk_page(page, address, shows, how) -> None:
    page.goto(address)
    if how == "match":
        fill_request(page)
    elif how == "bsn":
        fill_request(page, question="Patiënt met BSN 111222333 heeft klachten.")
    page.evaluate(OPEN_ALL_STEPS)
    assert page.locator(shows).count() > 0, f"{page.url} does not show {shows}"


def test_the_desk_page_has_no_wcag_violations_with_javascript(desk_page, page, live_server):
    user, address, shows, how = desk_page
    log_in(live_server, user, page)
    open_desk_page(page, address, shows, how)
    assert_no_axe_violations(page)


def test_the_desk_page_has_no_wcag_violations_without_javascript(desk_page, page_nojs, axe_page, live_server):
    user, address, shows, how = desk_page
    log_in(live_server, user, page_nojs, axe_page)
    open_desk_page(page_nojs, address, shows, how)
    assert_no_axe_violations_without_js(page_nojs, axe_page)


# --- reflow -------------------------------------------------------------------------------------------


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def narrow_page(request, browser, live_server):
    context = browser.new_context(locale="nl-NL", viewport=NARROW, java_script_enabled=request.param)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_no_desk_page_scrolls_sideways_at_320_css_pixels(desk_page, narrow_page, live_server):
    user, address, shows, how = desk_page
    log_in(live_server, user, narrow_page)
    open_desk_page(narrow_page, address, shows, how)
    measured = narrow_page.evaluate(ELEMENTS_PAST_THE_EDGE)
    assert measured["scrollWidth"] <= measured["edge"] and not measured["found"], (
        f"{narrow_page.url} at 320 CSS px is {measured['scrollWidth']} px wide; past the edge: {measured['found']}"
    )


# --- a whole request, without JavaScript ------------------------------------------------------------------


def test_a_referrer_sends_a_request_to_a_matching_department_without_javascript(desk, page_nojs, url, live_server):
    from consultation.models import ConsultationRequest

    log_in(live_server, desk["referrer"], page_nojs)
    page_nojs.goto(url("consultation:new"))
    fill_request(page_nojs)
    assert "Centrum Psychotrauma Zuid" in page_nojs.locator("#passend ~ .topggz-desk-matches").inner_text()
    assert "Eerst ontgiften, dan behandelen." in page_nojs.locator(".topggz-desk-match__exclusions").inner_text()
    assert page_nojs.locator("#id_question").input_value().startswith("Hoe verder")  # kept across the step
    page_nojs.get_by_role("radio", name="Centrum Psychotrauma Zuid").check()
    page_nojs.get_by_label("De patiënt weet van deze vraag").check()
    with page_nojs.expect_navigation():
        page_nojs.get_by_role("button", name="Vraag versturen").click()
    assert page_nojs.get_by_role("heading", level=1).inner_text().startswith("Vraag TG-")
    latest = ConsultationRequest.objects.latest("pk")
    assert latest.department == desk["second"] and "nieuw" not in page_nojs.url


def test_a_department_accepts_a_request_on_its_case_page_without_javascript(desk, page_nojs, url, live_server):
    from consultation.models import ConsultationRequest

    log_in(live_server, desk["staff"], page_nojs)
    page_nojs.goto(url("consultation:case", desk["new"].reference))
    page_nojs.locator("#stap-accepteren summary").click()
    with page_nojs.expect_navigation():
        page_nojs.get_by_role("button", name="Accepteren", exact=True).click()
    assert "De vraag is geaccepteerd." in page_nojs.locator(".topggz-messages").inner_text()
    assert ConsultationRequest.objects.get(pk=desk["new"].pk).status == "in_progress"
