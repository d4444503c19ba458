"""Insight in a real browser: the national dashboard, the coverage map page, the what-if, demand against supply,
the department page with waiting-time figures and the manager's report form pass axe with and without JavaScript,
and none of them scrolls sideways at 320 CSS pixels."""

from __future__ import annotations

import pytest

from .axe import assert_no_axe_violations, assert_no_axe_violations_without_js
from .conftest import TIMEOUT_MS
from .test_reflow import NARROW, assert_reflows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def figures(demo_register):
    """The demo register with a year of monthly waiting times (a few departments not current)."""
    from django.utils import timezone

    from insight import selectors
    from insight.demo import load_demo_insight

    selectors.clear()
    load_demo_insight(timezone.localdate())
    return demo_register


@pytest.fixture
def department_with_figures(figures):
    from register.models import Department

    department = Department.objects.filter(waiting_measured_on__isnull=False).exclude(waiting_trend=[]).order_by("slug").first()
    return department


def addresses(live_server, department=None):
    base = live_server.url
    pages = {
        "dashboard": f"{base}/inzicht/wachttijden/",
        "map": f"{base}/inzicht/dekking/?doelgroep=eetstoornissen",
        "what-if": f"{base}/inzicht/dekking/wat-als/?doelgroep=eetstoornissen&opent=GM0014",
        "demand": f"{base}/inzicht/vraag-en-aanbod/",
        "overview": f"{base}/inzicht/",
    }
    if department is not None:
        pages["department"] = f"{base}/afdelingen/{department.slug}/"
    return pages


PAGES = ["dashboard", "map", "what-if", "demand", "overview", "department"]


@pytest.mark.parametrize("name", PAGES)
def test_the_insight_pages_have_no_wcag_violations_with_javascript(page, live_server, department_with_figures, name):
    page.goto(addresses(live_server, department_with_figures)[name])
    assert_no_axe_violations(page)


@pytest.mark.parametrize("name", ["dashboard", "map", "department"])
def test_the_insight_pages_have_no_wcag_violations_without_javascript(page_nojs, axe_page, live_server, department_with_figures, name):
    page_nojs.goto(addresses(live_server, department_with_figures)[name])
    assert_no_axe_violations_without_js(page_nojs, axe_page)


def test_the_department_page_shows_the_waiting_times_and_the_trend_chart(page, live_server, department_with_figures):
    page.goto(addresses(live_server, department_with_figures)["department"])
    section = page.locator("section.topggz-waiting")
    assert "de norm van 4 weken" in section.inner_text()
    chart = page.get_by_role("img", name="Verloop van de totale wachttijd")
    assert chart.is_visible()
    chart.evaluate("img => img.decode()")  # fails when the image does not load (a 404, or a CSP refusal)
    assert chart.evaluate("img => img.naturalWidth") > 0


@pytest.mark.parametrize("name", ["overview", "map", "demand"])
def test_the_bar_charts_are_images_that_load(page, live_server, figures, name):
    page.goto(addresses(live_server)[name])
    images = page.locator("figure.topggz-chart img")
    assert images.count() >= 1
    for index in range(images.count()):
        images.nth(index).evaluate("img => img.decode()")
        assert images.nth(index).evaluate("img => img.naturalWidth") > 0


@pytest.fixture(params=[True, False], ids=["with JavaScript", "without JavaScript"])
def narrow_page(request, browser, live_server):
    context = browser.new_context(locale="nl-NL", viewport=NARROW, java_script_enabled=request.param)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_the_insight_pages_do_not_scroll_sideways_at_320_css_pixels(narrow_page, live_server, department_with_figures, name):
    narrow_page.goto(addresses(live_server, department_with_figures)[name])
    assert_reflows(narrow_page)


def test_the_report_form_and_its_errors_pass_axe_and_reflow(browser, page, live_server, department_with_figures):
    from accounts.roles import Role
    from triage.tests.builders import person

    from .test_triage import log_in

    manager = person(Role.DEPARTMENT_MANAGER, departments=[department_with_figures])
    log_in(live_server, manager, page)
    page.goto(f"{live_server.url}/inzicht/rapporteren/nieuw/")
    assert_no_axe_violations(page, "the report form")
    page.get_by_label("Wachttijd van aanmelding tot intake (weken)").fill("4,55")
    page.get_by_role("button", name="Opslaan").click()
    assert page.locator("#foutmeldingen").is_visible()
    assert_no_axe_violations(page, "the report form with an error")
    page.set_viewport_size(NARROW)
    assert_reflows(page)
