"""Reflow (WCAG 1.4.10): at 320 CSS pixels wide no page scrolls sideways and nothing is cut off.

320 CSS px is a 1280 px window zoomed to 400 %, or a small phone. Each page is
checked twice: the document is no wider than the window, and no visible
element reaches past the window's right edge (content cut off by an ancestor
that hides its overflow would not make the document wider, but cannot be
read either). With JavaScript on and off, in Dutch and in English, with words
that do not fit on a line (a Dutch compound, an e-mail address, a URL).
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import translation

from .conftest import TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NARROW = {"width": 320, "height": 640}

# Words longer than a 320 px line, as editors really enter them.
LONG_COMPOUND = "Kinderenjeugdpsychiatrischebehandelingsexpertisecentrumafdeling"
LONG_EMAIL = "aanmeldingen.kinderenjeugdpsychiatrie.expertisecentrum@voorbeeldinstelling-ggz.example"
LONG_URL = "https://www.voorbeeldinstelling-ggz.example/zorgaanbod/expertisecentra/kinderenjeugdpsychiatrie/aanmelden"

# Every element whose box reaches past the right edge of the window, unless it is
# not shown (no size, hidden, clipped away like the visually-hidden texts).
ELEMENTS_PAST_THE_EDGE = """() => {
  const edge = document.documentElement.clientWidth;
  const clippedAway = (element) => {
    for (let e = element; e && e !== document.documentElement; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.clipPath !== "none" || style.clip !== "auto" && style.clip !== "") return true;
    }
    return false;
  };
  const describe = (e) => {
    const classes = typeof e.className === "string" && e.className ? "." + e.className.trim().split(/\\s+/).join(".") : "";
    const text = (e.innerText || e.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60);
    return `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}${classes} right=${Math.round(e.getBoundingClientRect().right)} "${text}"`;
  };
  const found = [];
  for (const e of document.body.querySelectorAll("*")) {
    const box = e.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= edge + 0.5) continue;
    const style = getComputedStyle(e);
    if (style.visibility === "hidden" || style.display === "none") continue;
    if (clippedAway(e)) continue;
    found.push(describe(e));
  }
  return {edge, scrollWidth: document.documentElement.scrollWidth, found: found.slice(0, 15)};
}"""


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def narrow_page(request, browser, live_server):
    """A page 320 CSS px wide, with JavaScript on or off."""
    context = browser.new_context(locale="nl-NL", viewport=NARROW, java_script_enabled=request.param)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


@pytest.fixture
def long_words(demo_register):
    """The demo department the reflow pages show, with a long compound, e-mail address and URL in it."""
    from register.demo import demo_departments

    department = demo_departments().filter(name__icontains="verslaving").order_by("slug").first()
    department.name = f"{LONG_COMPOUND} {department.name}"
    department.email = LONG_EMAIL
    department.website = LONG_URL
    department.description = f"{department.description}\n\n{LONG_COMPOUND}: {LONG_URL}"
    department.save()
    exclusion = department.exclusions.first()
    if exclusion is not None:
        exclusion.note = f"{LONG_COMPOUND} ({LONG_EMAIL})"
        exclusion.save()
    offer = department.offers.first()
    offer.how_to_request = f"Mail naar {LONG_EMAIL} of kijk op {LONG_URL}."
    offer.save()
    return department


def address(live_server, name, *args, language="nl", **params) -> str:
    with translation.override(language):
        path = reverse(name, args=args)
    return live_server.url + path + ("?" + urlencode(params, doseq=True) if params else "")


PAGES = {
    # id: (URL name, language, query parameters, needs the register)
    "home": ("home", "nl", {}),
    "home-en": ("home", "en", {}),
    "search-results": ("register:search", "nl", {"q": "eetstoornis"}),
    "search-long-words": ("register:search", "nl", {"q": "verslaving"}),
    "search-filters": ("register:search", "nl", {"q": "angst", "plaats": "3511 AB", "doelgroep": "angst", "afstand": "100", "leeftijd": "adults"}),
    "search-results-en": ("register:search", "en", {"q": "eetstoornis", "plaats": "Utrecht"}),
    "search-nothing-found": ("register:search", "nl", {"q": "qwxzrtvbn"}),
    "department": ("register:department_detail", "nl", {}),
    "department-en": ("register:department_detail", "en", {}),
    "accessibility-statement": ("accessibility", "nl", {}),
    "accessibility-statement-en": ("accessibility", "en", {}),
    "login": ("accounts:login", "nl", {}),
    "login-en": ("accounts:login", "en", {}),
    "registration": ("accounts:register", "nl", {}),
    "registration-en": ("accounts:register", "en", {}),
    "password-reset": ("accounts:password_reset", "nl", {}),
    "password-reset-en": ("accounts:password_reset", "en", {}),
    "password-reset-sent": ("accounts:password_reset_done", "nl", {}),
}


@pytest.fixture(params=list(PAGES))
def narrow_address(request, live_server, long_words):
    name, language, params = PAGES[request.param]
    args = (long_words.slug,) if name == "register:department_detail" else ()
    return address(live_server, name, *args, language=language, **params)


def assert_reflows(page) -> None:
    measured = page.evaluate(ELEMENTS_PAST_THE_EDGE)
    assert measured["scrollWidth"] <= measured["edge"] and not measured["found"], (
        f"{page.url} at {NARROW['width']} CSS px is {measured['scrollWidth']} px wide; "
        f"past the right edge ({measured['edge']} px): {measured['found']}"
    )


def test_no_page_scrolls_sideways_or_cuts_content_off_at_320_css_pixels(narrow_page, narrow_address):
    response = narrow_page.goto(narrow_address)
    assert response.ok, f"{narrow_address} answered {response.status}"
    assert_reflows(narrow_page)


def test_the_registration_form_with_errors_reflows_at_320_css_pixels(narrow_page, live_server):
    narrow_page.goto(address(live_server, "accounts:register"))
    narrow_page.get_by_role("button", name="Account aanmaken").click()
    narrow_page.wait_for_selector(".utrecht-form-field-error-message")
    assert_reflows(narrow_page)


@pytest.fixture
def logged_in_with_a_long_address(narrow_page, live_server):
    """The narrow page logged in (both factors passed) as a department editor with a long e-mail address,
    which the header shows next to the log-out button."""
    from django.conf import settings
    from django.test import Client

    from accounts.roles import Role
    from accounts.testing import login_verified
    from accounts.tests.factories import UserFactory

    user = UserFactory(email=LONG_EMAIL, role=Role.DEPARTMENT_EDITOR)
    client = login_verified(Client(), user)
    narrow_page.context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
        "httpOnly": True,
    }])
    return narrow_page


@pytest.mark.parametrize("name", ["home", "register:search", "accessibility"])
def test_the_header_with_a_long_e_mail_address_reflows_at_320_css_pixels(logged_in_with_a_long_address, live_server, name):
    page = logged_in_with_a_long_address
    page.goto(address(live_server, name))
    assert LONG_EMAIL in page.locator("header").inner_text()
    assert_reflows(page)


def test_the_long_words_are_on_the_pages_the_reflow_test_checks(page, live_server, long_words):
    """The reflow test means something only if the long words are really shown."""
    page.goto(address(live_server, "register:department_detail", long_words.slug))
    text = page.locator("main").inner_text()
    assert LONG_COMPOUND in text and LONG_EMAIL in text
    page.goto(address(live_server, "register:search", q="verslaving"))
    assert any(LONG_COMPOUND in title for title in page.locator(".topggz-hit__title").all_inner_texts())
