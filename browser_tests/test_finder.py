"""The finder (/zoeken/) and a department's page, with and without JavaScript."""

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from .axe import assert_no_axe_violations, assert_no_axe_violations_without_js
from .keyboard import focused, tab_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo_register"),
]

QUERY = "eetstoornis"
NONSENSE = "qwxzrtvbn"
POSTCODE = "3511 AB"
FILTER_CODE, FILTER_LABEL = "angst", "Angststoornissen"
HIT_LINKS = ".topggz-hit__title a"


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def js(request) -> bool:
    return request.param


@pytest.fixture
def any_page(request, js):
    """The same behaviour must hold with JavaScript on and off."""
    return request.getfixturevalue("page" if js else "page_nojs")


def search_url(url, **params) -> str:
    return url("register:search") + ("?" + urlencode(params, doseq=True) if params else "")


def query_params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def hit_titles(page) -> list[str]:
    return page.locator(HIT_LINKS).all_inner_texts()


def hit_distances(page) -> list[float]:
    """The distance shown in each hit ("3,2 km", "27 km"), in order."""
    distances = []
    for text in page.locator(".topggz-hit").all_inner_texts():
        found = re.search(r"([0-9]+(?:[.,][0-9])?) km", text)
        assert found, f"a hit shows no distance: {text[:200]!r}"
        distances.append(float(found.group(1).replace(",", ".")))
    return distances


def hits_all_have_target_group(page, label: str) -> bool:
    tags = page.locator(".topggz-hit .topggz-tags").all_inner_texts()
    return bool(tags) and all(label in text for text in tags)


def wait_for_hits_with_target_group(page, label: str) -> None:
    """Wait until the results show only departments for this target group (the htmx swap is done)."""
    page.wait_for_function(
        "label => { const t = [...document.querySelectorAll('.topggz-hit .topggz-tags')];"
        " return t.length > 0 && t.every(e => e.innerText.includes(label)); }",
        arg=label,
    )


def wait_until_htmx_ready(page):
    page.wait_for_function("() => window.htmx !== undefined && document.readyState === 'complete'")


def record_push_state(page):
    """Count history.pushState calls from now on (a full reload would also lose the counter)."""
    page.evaluate(
        """() => {
          window.__pushes = [];
          const push = history.pushState.bind(history);
          history.pushState = (state, title, url) => { window.__pushes.push(String(url)); return push(state, title, url); };
        }"""
    )


# --- searching -----------------------------------------------------------------------------------


def test_a_query_typed_on_the_home_page_shows_its_results(any_page, url):
    any_page.goto(url("home"))
    any_page.get_by_label("Waar zoekt u hulp bij?").fill(QUERY)
    any_page.keyboard.press("Enter")
    any_page.wait_for_url(re.compile(r"/zoeken/\?"))
    assert query_params(any_page)["q"] == [QUERY]
    assert any_page.get_by_role("heading", level=1).inner_text() == "Zoek een afdeling"
    assert any_page.locator("#zoek-q").input_value() == QUERY
    assert len(hit_titles(any_page)) > 0
    assert re.search(r"\d+ afdelingen? gevonden", any_page.locator("#zoekstatus").inner_text())


# --- filtering -----------------------------------------------------------------------------------


def test_a_filter_updates_the_results_in_place_with_javascript(page, url):
    page.goto(search_url(url))
    wait_until_htmx_ready(page)
    before = hit_titles(page)
    page.evaluate("() => { window.__sameDocument = 'yes'; }")
    record_push_state(page)

    page.get_by_label(FILTER_LABEL, exact=True).check()

    page.wait_for_url(re.compile(rf"doelgroep={FILTER_CODE}"))
    wait_for_hits_with_target_group(page, FILTER_LABEL)
    assert hit_titles(page) != before
    assert page.evaluate("() => window.__sameDocument") == "yes", "the page was reloaded"
    pushes = page.evaluate("() => window.__pushes")
    assert len(pushes) == 1 and f"doelgroep={FILTER_CODE}" in pushes[0], pushes


def test_the_back_button_restores_the_results_before_the_filter(page, url):
    page.goto(search_url(url))
    wait_until_htmx_ready(page)
    start = page.url
    before = hit_titles(page)
    page.get_by_label(FILTER_LABEL, exact=True).check()
    page.wait_for_url(re.compile(rf"doelgroep={FILTER_CODE}"))
    wait_for_hits_with_target_group(page, FILTER_LABEL)
    assert hit_titles(page) != before

    page.go_back()

    page.wait_for_url(start)
    page.wait_for_function(
        "before => JSON.stringify([...document.querySelectorAll('.topggz-hit__title a')].map(a => a.innerText)) === JSON.stringify(before)",
        arg=before,
    )
    assert not page.get_by_label(FILTER_LABEL, exact=True).is_checked()


def test_a_filter_applies_by_submitting_the_form_without_javascript(page_nojs, url):
    page_nojs.goto(search_url(url))
    before = hit_titles(page_nojs)
    page_nojs.get_by_label(FILTER_LABEL, exact=True).check()
    with page_nojs.expect_navigation():
        page_nojs.get_by_role("button", name="Filters toepassen").click()
    assert query_params(page_nojs)["doelgroep"] == [FILTER_CODE]
    assert page_nojs.get_by_label(FILTER_LABEL, exact=True).is_checked()
    assert hits_all_have_target_group(page_nojs, FILTER_LABEL)
    assert hit_titles(page_nojs) != before


# --- distance ------------------------------------------------------------------------------------


def test_sorting_by_distance_from_a_postcode_puts_the_nearest_department_first(any_page, js, url):
    from register.search import FinderQuery, search
    from register.templatetags.register_tags import km

    any_page.goto(search_url(url, q=QUERY))
    if js:
        wait_until_htmx_ready(any_page)
    any_page.get_by_label("Postcode of plaats").fill(POSTCODE)
    any_page.get_by_label("Sorteren op").select_option("distance")
    if js:
        # Choosing the order updates the results at once, with the postcode already typed.
        any_page.wait_for_url(re.compile(r"sorteer=distance"))
        any_page.wait_for_function("() => / km/.test(document.querySelector('.topggz-hit')?.innerText || '')")
    else:
        with any_page.expect_navigation():
            any_page.get_by_role("button", name="Zoeken", exact=True).click()
    assert query_params(any_page)["sorteer"] == ["distance"]
    assert query_params(any_page)["plaats"] == [POSTCODE]

    distances = hit_distances(any_page)
    assert distances[0] == min(distances)
    assert distances == sorted(distances)
    # Also the nearest of all matching departments on every page (asked of the engine, by relevance).
    everything = search(FinderQuery(text=QUERY, place=POSTCODE, per_page=1000))
    nearest = min(hit.distance_km for hit in everything.hits if hit.distance_km is not None)
    assert distances[0] == float(km(nearest).replace(",", "."))


# --- department pages ----------------------------------------------------------------------------


def test_a_result_opens_its_department_page(any_page, url):
    any_page.goto(search_url(url, q=QUERY))
    first = any_page.locator(HIT_LINKS).first
    name = first.inner_text()
    with any_page.expect_navigation():
        first.click()
    assert re.search(r"/afdelingen/[-a-z0-9]+/$", any_page.url)
    assert any_page.get_by_role("heading", level=1).inner_text() == name


def test_a_result_can_be_reached_and_opened_with_the_keyboard_alone(page, url):
    page.goto(search_url(url, q=QUERY))
    tab_until(page, HIT_LINKS, limit=150)
    name = page.evaluate("() => document.activeElement.innerText")
    assert name == hit_titles(page)[0], f"the first result reached is not the first hit: {focused(page)}"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == name


# --- accessibility -------------------------------------------------------------------------------



@pytest.fixture(params=["results", "all-departments-page-2", "no-results", "department"])
def finder_page(request, url):
    """(kind, address) of a finder page; results with distances, pagination, nothing found, a department."""
    kind = request.param
    if kind == "results":
        return kind, search_url(url, q=QUERY, plaats=POSTCODE)
    if kind == "all-departments-page-2":
        return kind, search_url(url, pagina=2)
    if kind == "no-results":
        return kind, search_url(url, q=NONSENSE)
    from django.db.models import Count

    from register.demo import demo_departments

    # The fullest page: most institutions, locations and exclusion criteria.
    department = (
        demo_departments()
        .annotate(i=Count("institutions", distinct=True), l=Count("locations", distinct=True), e=Count("exclusions", distinct=True))
        .order_by("-i", "-l", "-e", "slug")
        .first()
    )
    return kind, url("register:department_detail", department.slug)


def check_page_kind(page, kind: str) -> None:
    """The page really is what the test means to check."""
    if kind == "no-results":
        assert page.locator(".topggz-no-results").is_visible()
    elif kind == "all-departments-page-2":
        assert page.locator(".topggz-pagination").is_visible()
    elif kind == "results":
        hit_distances(page)  # every hit shows its distance


def test_the_finder_page_has_no_wcag_violations_with_javascript(finder_page, page):
    kind, address = finder_page
    page.goto(address)
    check_page_kind(page, kind)
    assert_no_axe_violations(page)


def test_the_finder_page_has_no_wcag_violations_without_javascript(finder_page, page_nojs, axe_page):
    kind, address = finder_page
    page_nojs.goto(address)
    check_page_kind(page_nojs, kind)
    assert_no_axe_violations_without_js(page_nojs, axe_page)


def test_the_results_after_a_filter_update_have_no_wcag_violations(page, url):
    page.goto(search_url(url, plaats=POSTCODE))
    wait_until_htmx_ready(page)
    page.get_by_label(FILTER_LABEL, exact=True).check()
    page.wait_for_url(re.compile(rf"doelgroep={FILTER_CODE}"))
    wait_for_hits_with_target_group(page, FILTER_LABEL)
    assert_no_axe_violations(page, f"{page.url} after an htmx update")
