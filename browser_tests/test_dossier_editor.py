"""The dossier editor (/dossiers/): accessibility, a figurehead added with the keyboard, concurrent edits, read-only.

Staff need a password and a second factor. The tests do not type a TOTP code:
a verified session is made with Django's test client (``login_verified``) and
its session cookie is handed to the browser context, which is then logged in
exactly as after both factors.
"""

from __future__ import annotations

import re

import pytest

from .axe import assert_no_axe_violations, assert_no_axe_violations_without_js
from .conftest import TIMEOUT_MS, VIEWPORT
from .keyboard import focused, tab_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

GENERAL_CONDITIONS = 0  # a one-per-dossier form (the self-evaluation) on the criterion page
UNIT = 1  # "De te visiteren eenheid": field groups, checkboxes, an attachment choice and record tables
CONSULTATION_CRITERION = 3
FIGUREHEAD_CRITERION = 4
FIGUREHEAD = "Dr. Fenna Boegbeeld"
SAVE = ".topggz-actions button[type=submit]"  # "Opslaan" on a record's page
LIVE_VERDICT = re.compile(r"/criterium/\d+/voorbeeld/$")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Test users need a password, not a strong one: PBKDF2 costs half a second per user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Nothing a test does may write into the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def second_page(browser, live_server):
    """Another JavaScript page in its own context (own cookies): a second editor at the same time."""
    context = browser.new_context(locale="nl-NL", viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


# --- helpers -------------------------------------------------------------------------------------


def log_in(live_server, user, *pages) -> None:
    """Give each page's context the session cookie of a session past both factors."""
    from django.conf import settings
    from django.test import Client

    from accounts.testing import login_verified

    client = login_verified(Client(), user)
    session_id = client.cookies[settings.SESSION_COOKIE_NAME].value
    for page in pages:
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session_id, "url": live_server.url, "httpOnly": True}]
        )


def filled_dossier():
    """A dossier of the 2019-2022 set with two records of every kind (tables, links, one-to-one parts)."""
    from certification.tests.factories import DossierFactory, fill

    return fill(DossierFactory(), 2)


def verdict(page) -> str:
    return page.locator(".topggz-verdict-panel h2 .topggz-verdict").inner_text()


def reasons(page) -> str:
    return page.locator(".topggz-verdict-panel .topggz-reasons").inner_text()


def staff_table_names(page) -> list[str]:
    return page.locator("#deel-staff tbody tr td:first-child").all_inner_texts()


def wait_for_live_verdict(page, leave_field) -> None:
    """Leave a changed field (``leave_field()``) and wait until the live verdict it asks for is shown.

    With JavaScript a form posts its unsaved values to the verdict preview
    (htmx, on change, after 300 ms). A test must not send the form while that
    request runs: on in-memory SQLite the live server's threads share one
    database connection, and two requests at once break each other's
    transactions (a visitor's requests each have their own connection).
    """
    with page.expect_response(LIVE_VERDICT):
        leave_field()
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")


def type_into(page, selector: str, text: str) -> None:
    """Tab to a field and type into it, replacing what it held (a number field starts at 0)."""
    tab_until(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


# --- accessibility -------------------------------------------------------------------------------

PAGES = [
    "dossier-list",
    "overview",
    "general-conditions-editor",
    "unit-criterion-editor",
    "general-conditions-committee",
    "unit-criterion-committee",
    "attachments",
    "consultation-criterion-editor",
]


@pytest.fixture(params=PAGES)
def dossier_page(request, url):
    """(who, address, what the page must show) of one page of the editor, for a filled dossier."""
    from certification.tests.factories import committee_member, editor_of, manager_of

    dossier = filled_dossier()
    kind = request.param
    if kind == "dossier-list":
        # A manager: the list has the dossier and the form for a new one.
        return manager_of(dossier.department), url("certification:dossiers"), "form[method=post] select"
    if kind == "overview":
        # A manager: the cover form and the submit button.
        return manager_of(dossier.department), url("certification:overview", dossier.pk), "#deel-cover form"
    if kind == "attachments":
        return editor_of(dossier.department), url("certification:attachments", dossier.pk), "input[type=file]"
    if kind == "consultation-criterion-editor":
        # Criterion 3: a quarter filled from the consultation desk (marked) and the button that fills them.
        dossier.consultation_quarters.filter(pk=dossier.consultation_quarters.first().pk).update(from_desk=True)
        address = url("certification:criterion", dossier.pk, CONSULTATION_CRITERION)
        return editor_of(dossier.department), address, "form.topggz-desk-fill button"
    number = GENERAL_CONDITIONS if kind.startswith("general-conditions") else UNIT
    address = url("certification:criterion", dossier.pk, number)
    if kind.endswith("-committee"):
        return committee_member(dossier), address, ".topggz-part dl, .topggz-part table"
    return editor_of(dossier.department), address, ".topggz-part form[method=post]"


def test_the_dossier_page_has_no_wcag_violations_with_javascript(dossier_page, page, live_server):
    user, address, shows = dossier_page
    log_in(live_server, user, page)
    page.goto(address)
    assert page.url == address
    assert page.locator(shows).count() > 0, f"{address} does not show {shows}"
    assert_no_axe_violations(page)


def test_the_dossier_page_has_no_wcag_violations_without_javascript(dossier_page, page_nojs, axe_page, live_server):
    user, address, shows = dossier_page
    log_in(live_server, user, page_nojs, axe_page)
    page_nojs.goto(address)
    assert page_nojs.url == address
    assert page_nojs.locator(shows).count() > 0, f"{address} does not show {shows}"
    assert_no_axe_violations_without_js(page_nojs, axe_page)


@pytest.fixture
def invalid_staff_form(url, live_server):
    """(editor, address) of the form that adds a staff member, to be sent with 200 hours a week."""
    from certification.tests.factories import editor_of

    dossier = filled_dossier()
    address = url("certification:new_record", dossier.pk, "staff") + f"?terug={FIGUREHEAD_CRITERION}"
    return editor_of(dossier.department), address


def send_with_200_hours(page, address, *, js: bool) -> None:
    page.goto(address)
    page.locator("#id_name").fill("Dr. Te Veel Uren")
    page.locator("#id_hours_per_week").fill("200")
    if js:
        wait_for_live_verdict(page, lambda: page.keyboard.press("Tab"))
    with page.expect_navigation():
        page.locator(SAVE).click()
    assert page.locator("#id_hours_per_week").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_hours_per_week-error").is_visible()
    assert page.get_by_role("alert").filter(has_text="Verbeter deze velden").is_visible()


def test_the_staff_form_with_an_error_has_no_wcag_violations_with_javascript(invalid_staff_form, page, live_server):
    user, address = invalid_staff_form
    log_in(live_server, user, page)
    send_with_200_hours(page, address, js=True)
    assert_no_axe_violations(page, f"{address} after sending 200 hours a week")


def test_the_staff_form_with_an_error_has_no_wcag_violations_without_javascript(
    invalid_staff_form, page_nojs, axe_page, live_server
):
    user, address = invalid_staff_form
    log_in(live_server, user, page_nojs, axe_page)
    send_with_200_hours(page_nojs, address, js=False)
    assert_no_axe_violations_without_js(page_nojs, axe_page)


# --- editing -------------------------------------------------------------------------------------


def test_an_editor_adds_a_figurehead_with_the_keyboard_and_the_verdict_follows(page, url, live_server):
    from certification.tests.factories import DossierFactory, editor_of

    dossier = DossierFactory()  # no staff, so no figurehead
    log_in(live_server, editor_of(dossier.department), page)
    page.goto(url("certification:criterion", dossier.pk, FIGUREHEAD_CRITERION))
    assert verdict(page) == "voldoet niet"
    assert "geen boegbeeld" in reasons(page)
    assert FIGUREHEAD not in page.locator(".topggz-verdict-panel").inner_text()

    tab_until(page, "#deel-staff a[href*='/onderdelen/staff/nieuw/']", limit=150)
    assert page.evaluate("() => document.activeElement.innerText") == "Toevoegen aan medewerkers", focused(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == "Medewerker toevoegen"

    type_into(page, "#id_name", FIGUREHEAD)
    type_into(page, "#id_discipline", "psychiater")
    type_into(page, "#id_function", "psychiater en boegbeeld")
    type_into(page, "#id_fte", "0.8")
    type_into(page, "#id_hours_per_week", "32")
    type_into(page, "#id_clinical_hours_per_week", "16")
    tab_until(page, "#id_is_figurehead")
    page.keyboard.press("Space")
    assert page.locator("#id_is_figurehead").is_checked()
    type_into(page, "#id_figurehead_field", "dwangstoornissen")
    wait_for_live_verdict(page, lambda: tab_until(page, SAVE))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert re.search(rf"/dossiers/{dossier.pk}/criterium/{FIGUREHEAD_CRITERION}/#deel-staff$", page.url), page.url
    assert staff_table_names(page) == [FIGUREHEAD]
    assert "geen boegbeeld" not in reasons(page)
    assert f"Boegbeeld '{FIGUREHEAD}' (dwangstoornissen): 32 uur per week verbonden, 16 uur klinische zorg" in reasons(
        page
    )
    # No CV yet: the hours now count, but the criterion is still not met, and says what is missing.
    assert verdict(page) == "voldoet niet"
    assert f"cv van boegbeeld '{FIGUREHEAD}'" in page.locator(".topggz-verdict-panel").inner_text()
    member = dossier.staff.get()
    assert (member.name, member.hours_per_week, member.clinical_hours_per_week, member.is_figurehead) == (
        FIGUREHEAD,
        32,
        16,
        True,
    )


def test_the_second_of_two_editors_saving_the_same_record_is_refused_and_keeps_its_input(
    page, second_page, url, live_server
):
    from certification.tests.factories import DossierFactory, StaffMemberFactory, editor_of

    dossier = DossierFactory()
    member = StaffMemberFactory(dossier=dossier, name="Dr. Oorspronkelijk")
    log_in(live_server, editor_of(dossier.department), page)
    log_in(live_server, editor_of(dossier.department), second_page)
    address = url("certification:record", dossier.pk, "staff", member.pk) + f"?terug={FIGUREHEAD_CRITERION}"
    page.goto(address)
    second_page.goto(address)

    page.locator("#id_name").fill("Dr. Eerste")
    wait_for_live_verdict(page, lambda: page.keyboard.press("Tab"))
    with page.expect_navigation():
        page.locator(SAVE).click()
    assert staff_table_names(page) == ["Dr. Eerste"]

    second_page.locator("#id_name").fill("Dr. Tweede")
    wait_for_live_verdict(second_page, lambda: second_page.keyboard.press("Tab"))
    with second_page.expect_navigation() as navigation:
        second_page.locator(SAVE).click()
    assert navigation.value.status == 409
    alert = second_page.locator("form").get_by_role("alert")
    assert alert.inner_text().startswith("Iemand anders heeft dit dossier intussen opgeslagen"), alert.inner_text()
    assert second_page.locator("#id_name").input_value() == "Dr. Tweede"

    member.refresh_from_db()
    assert member.name == "Dr. Eerste"


# --- read only -----------------------------------------------------------------------------------


@pytest.mark.parametrize("number", [GENERAL_CONDITIONS, UNIT], ids=["general-conditions", "unit"])
def test_a_committee_member_sees_no_change_links_or_save_buttons_on_a_criterion_page_only_the_review(
    number, page, url, live_server
):
    from certification.tests.factories import committee_member

    dossier = filled_dossier()
    log_in(live_server, committee_member(dossier), page)
    page.goto(url("certification:criterion", dossier.pk, number))
    main = page.locator(".topggz-dossier__main")
    parts = main.locator(".topggz-part:not(.topggz-review)")
    shown = parts.locator("dd, tbody tr")
    assert shown.count() > 0, "the page shows nothing of the dossier, so there would be nothing to change"
    assert main.get_by_role("link", name=re.compile(r"^(Wijzigen|Verwijderen|Toevoegen)")).count() == 0
    assert parts.get_by_role("button").count() == 0
    assert parts.locator("form, input, select, textarea").count() == 0
    # The committee's own forms (findings, questions, its verdict) are all in the review section.
    assert main.locator("form").count() == main.locator(".topggz-review form").count() > 0
    assert "Alleen lezen" in page.locator(".topggz-dossier-meta").inner_text()


# --- criterion 3 from the consultation desk --------------------------------------------------------


def test_an_editor_fills_criterion_3_from_the_desk_without_javascript(page_nojs, url, live_server, monkeypatch):
    from datetime import date

    from consultation import notifications
    from consultation.tests.builders import desk_department, referrer, staff_of, step, submitted, with_geo
    from certification.tests.factories import DossierFactory

    # The desk's pages are merged separately; a notice's link must not need them.
    monkeypatch.setattr(notifications, "_link", lambda request: "http://testserver/consult/")
    with_geo()
    department = desk_department()
    staff = staff_of(department)
    request = submitted(referrer(), department, on=date(2021, 7, 5), patient_pc4="1011")
    step(staff, request, "answered", date(2021, 7, 6), note="Ons advies is ...")
    dossier = DossierFactory(department=department)  # visitation 2022-06-15: 2021-Q3 counts

    log_in(live_server, staff, page_nojs)
    page_nojs.goto(url("certification:criterion", dossier.pk, CONSULTATION_CRITERION))
    page_nojs.get_by_role("button", name="Vul aan uit de consultatiebalie").click()
    page_nojs.wait_for_load_state()
    assert page_nojs.url.endswith(f"/criterium/{CONSULTATION_CRITERION}/#deel-consultation_quarters"), page_nojs.url
    assert "Aangevuld uit de consultatiebalie" in page_nojs.locator("main").inner_text()
    row = page_nojs.locator("#deel-consultation_quarters tbody tr").first
    assert "uit de consultatiebalie" in row.inner_text()
    assert "100%" in row.inner_text()
